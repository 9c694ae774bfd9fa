"""Reading and splitting labelled JSONL: bad lines are errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.classify.dataset import DataError, Example, read_jsonl, split


def write(tmp_path: Path, *lines: str) -> Path:
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_reads_valid_lines(tmp_path: Path) -> None:
    p = write(tmp_path, '{"text": "你好", "labels": ["safe"]}', "", '{"text": "x", "labels": ["A2.4", "A2.4", "A1.7"]}')
    assert read_jsonl(p) == [Example("你好", ("safe",)), Example("x", ("A2.4", "A1.7"))]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not JSON"),
        ("[1, 2]", "expected an object"),
        ('{"text": "", "labels": ["safe"]}', "'text'"),
        ('{"text": "a", "labels": []}', "'labels'"),
        ('{"text": "a", "labels": ["B9"]}', "unknown label 'B9'"),
        ('{"text": "a", "labels": ["safe", "A1.1"]}', "cannot be combined"),
    ],
)
def test_bad_lines_name_the_line(tmp_path: Path, line: str, message: str) -> None:
    p = write(tmp_path, '{"text": "ok", "labels": ["safe"]}', line)
    with pytest.raises(DataError, match=message) as err:
        read_jsonl(p)
    assert f"{p}:2" in str(err.value)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read"):
        read_jsonl(tmp_path / "none.jsonl")
    with pytest.raises(DataError, match="no examples"):
        read_jsonl(write(tmp_path, ""))


def test_split_is_stratified_and_reproducible() -> None:
    data = [Example(f"t{i}", ("A2.4" if i % 2 else "safe",)) for i in range(20)]
    train, test = split(data, 0.3, seed=3)
    assert len(test) == 6 and len(train) == 14
    assert {e.labels[0] for e in test} == {"A2.4", "safe"}
    assert split(data, 0.3, seed=3) == (train, test)
    with pytest.raises(ValueError):
        split(data, 1.5)
