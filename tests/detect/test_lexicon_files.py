"""Keyword files: the format, and a clear error (file and line) for every bad one."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.detect.lexicon import LexiconError, load_lexicon
from hegui.detect.lexicon_files import parse_lines, read_builtin
from hegui.text.normalize import Normalizer, default_normalizer
from hegui.types import Decision


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return default_normalizer()


def test_parses_comments_actions_and_blank_lines() -> None:
    text = "# header\n\n关键词一\n关键词二\trefuse\n关键词三\tMASK  # why\n  关键词四  \nc#语言\n"
    entries = list(parse_lines(text, "A1.8", "f.txt"))
    assert [(e.keyword, e.action) for e in entries] == [
        ("关键词一", None), ("关键词二", Decision.REFUSE), ("关键词三", Decision.MASK),
        ("关键词四", None), ("c#语言", None),
    ]
    assert entries[1].source == "f.txt:4"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("B9.txt", "词\n", "B9.txt"),  # not a risk code
        ("A1.txt", "词\n", "A1.txt"),  # a group, not a risk
        ("A1.4.txt", "好词\n坏词\tdelete\n", "A1.4.txt:2: unknown action 'delete'"),
        ("A1.4.txt", "好词\n\trefuse\n", "A1.4.txt:2: empty keyword"),
        ("A1.4.txt", "a\trefuse\tmore\n", "A1.4.txt:1: expected"),
        ("A1.4.txt", "好词\n\u200b\u200d\n", "A1.4.txt:2: keyword"),  # empty after normalisation
    ],
)
def test_bad_files_name_file_and_line(tmp_path: Path, norm: Normalizer, name: str, content: str, message: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message.replace("(", r"\(")) as info:
        load_lexicon([tmp_path], normalizer=norm, builtin=False)
    assert isinstance(info.value, ValueError)


def test_not_utf8_is_an_error(tmp_path: Path, norm: Normalizer) -> None:
    (tmp_path / "A1.4.txt").write_bytes("制作炸弹\n".encode("gbk"))
    with pytest.raises(LexiconError, match="not UTF-8"):
        load_lexicon([tmp_path], normalizer=norm, builtin=False)


def test_missing_or_empty_folder_is_an_error(tmp_path: Path, norm: Normalizer) -> None:
    with pytest.raises(LexiconError, match="not a folder"):
        load_lexicon([tmp_path / "absent"], normalizer=norm)
    with pytest.raises(LexiconError, match="no keyword files"):
        load_lexicon([tmp_path], normalizer=norm)


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path, norm: Normalizer) -> None:
    (tmp_path / "A2.5.txt").write_bytes("\ufeff只招男性\r\n仅限男性\treview\r\n".encode())
    lexicon = load_lexicon([tmp_path], normalizer=norm, builtin=False)
    assert [(e.keyword, e.action) for e in lexicon.entries] == [("只招男性", None), ("仅限男性", Decision.REVIEW)]


def test_other_files_in_a_folder_are_ignored(tmp_path: Path, norm: Normalizer) -> None:
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    (tmp_path / "A2.5.txt").write_text("只招男性\n", encoding="utf-8")
    assert len(load_lexicon([tmp_path], normalizer=norm, builtin=False)) == 1


def test_every_builtin_file_has_a_header_and_specific_keywords() -> None:
    from hegui.detect.lexicon_files import builtin_root

    for node in builtin_root().iterdir():
        if node.name.endswith(".txt"):
            assert node.read_text(encoding="utf-8").startswith(f"# {node.name[:-4]} ")
    for entry in read_builtin():
        # short keywords only where they are unambiguous: no generic two-character words
        assert len(entry.keyword) >= 2, entry
