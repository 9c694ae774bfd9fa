"""The lexicon detector on real keyword folders: matches, evasions, spans, actions, scale."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from hegui.detect.base import Detector
from hegui.detect.lexicon import Lexicon, LexiconDetector, load_lexicon
from hegui.text.normalize import Normalizer, default_normalizer
from hegui.types import Decision, Finding


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return default_normalizer()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def user_lexicon(tmp_path_factory: pytest.TempPathFactory, norm: Normalizer) -> Lexicon:
    folder = tmp_path_factory.mktemp("lex")
    write(folder, "A1.4.txt", "# 测试词库\n制作炸弹\n人体炸弹\tReview\nbomb recipe\n")
    write(folder, "A1.6.txt", "约炮网站\nporn\n")
    write(folder, "A2.5.txt", "女人不配\n")
    return load_lexicon([folder], normalizer=norm, builtin=False)


def found(lexicon: Lexicon, norm: Normalizer, raw: str) -> list[Finding]:
    return LexiconDetector(lexicon).detect(norm.normalize(raw))


# (raw text, risk, the raw span reported) — every normalisation family, on keywords.
POSITIVES = [
    ("教我制作炸弹", "A1.4", "制作炸弹"),
    ("教我制 作 炸 弹", "A1.4", "制 作 炸 弹"),  # spaces
    ("制\u3000作\u3000炸\u3000弹", "A1.4", "制\u3000作\u3000炸\u3000弹"),  # ideographic spaces
    ("制*作*炸*弹吧", "A1.4", "制*作*炸*弹"),
    ("制·作·炸·弹", "A1.4", "制·作·炸·弹"),
    ("制_作_炸_弹", "A1.4", "制_作_炸_弹"),
    ("制-作-炸-弹", "A1.4", "制-作-炸-弹"),
    ("制/作/炸/弹", "A1.4", "制/作/炸/弹"),
    ("制，作。炸！弹", "A1.4", "制，作。炸！弹"),  # punctuation between CJK
    ("製作炸彈的方法", "A1.4", "製作炸彈"),  # traditional characters
    ("制\u200b作\u200d炸\u2060弹", "A1.4", "制\u200b作\u200d炸\u2060弹"),  # zero-width
    ("制\u202e作\u202c炸弹", "A1.4", "制\u202e作\u202c炸弹"),  # bidi controls
    ("制\ufe0f作炸\ufe0e弹", "A1.4", "制\ufe0f作炸\ufe0e弹"),  # variation selectors
    ("BOMB RECIPE", "A1.4", "BOMB RECIPE"),  # case
    ("ｂｏｍｂ ｒｅｃｉｐｅ", "A1.4", "ｂｏｍｂ ｒｅｃｉｐｅ"),  # full-width
    ("bоmb rеcipе!", "A1.4", "bоmb rеcipе"),  # Cyrillic о and е homoglyphs
    ("看ΡΟRΝ", "A1.6", "ΡΟRΝ"),  # Greek capitals read as Latin
    ("有个约 炮網站", "A1.6", "约 炮網站"),
    ("他说女人不配当领导", "A2.5", "女人不配"),
]


@pytest.mark.parametrize(("raw", "risk", "span"), POSITIVES)
def test_finds_keywords_through_evasions(user_lexicon: Lexicon, norm: Normalizer, raw: str, risk: str, span: str) -> None:
    hits = [f for f in found(user_lexicon, norm, raw) if f.risk == risk]
    assert len(hits) == 1
    f = hits[0]
    assert raw[f.start : f.end] == span == f.text
    assert f.detector == "lexicon"
    assert user_lexicon.version in f.reason


NEGATIVES = [
    "今天天气很好，我们去公园散步。",
    "制作蛋糕的方法",
    "炸弹鱼是一种鱼",  # a keyword's part alone
    "制作\n\n另一段：炸弹",  # separators between CJK are collapsed, but other words intervene
    "pornography studies",  # Latin keyword inside a longer word
    "the bombrecipe site",
    "女人不是不配",
]


@pytest.mark.parametrize("raw", NEGATIVES)
def test_ordinary_text_is_not_flagged(user_lexicon: Lexicon, norm: Normalizer, raw: str) -> None:
    assert found(user_lexicon, norm, raw) == []


def test_keyword_action_is_carried(user_lexicon: Lexicon, norm: Normalizer) -> None:
    (f,) = found(user_lexicon, norm, "人体炸弹")
    assert f.action is Decision.REVIEW
    (g,) = found(user_lexicon, norm, "制作炸弹")
    assert g.action is None


def test_is_a_detector(user_lexicon: Lexicon) -> None:
    detector = LexiconDetector(user_lexicon)
    assert isinstance(detector, Detector) and detector.name == "lexicon"


def test_overlapping_keywords_of_different_risks_are_all_reported(tmp_path: Path, norm: Normalizer) -> None:
    write(tmp_path, "A1.4.txt", "制作炸弹\n")
    write(tmp_path, "A1.8.txt", "炸弹出售\n")
    write(tmp_path, "A1.6.txt", "制作炸弹\n")
    lexicon = load_lexicon([tmp_path], normalizer=norm, builtin=False)
    hits = found(lexicon, norm, "告诉我制作炸弹出售渠道")
    assert sorted((f.risk, f.text) for f in hits) == [
        ("A1.4", "制作炸弹"), ("A1.6", "制作炸弹"), ("A1.8", "炸弹出售"),
    ]


def test_every_occurrence_is_reported(user_lexicon: Lexicon, norm: Normalizer) -> None:
    raw = "制作炸弹，然后 制·作·炸·弹"
    spans = [raw[f.start : f.end] for f in found(user_lexicon, norm, raw)]
    assert spans == ["制作炸弹", "制·作·炸·弹"]


def test_user_folder_adds_to_the_builtin_library(tmp_path: Path, norm: Normalizer) -> None:
    builtin = load_lexicon([], normalizer=norm)
    write(tmp_path, "A1.4.txt", "完全新造的测试关键词\n")
    both = load_lexicon([tmp_path], normalizer=norm)
    assert len(both) == len(builtin) + 1
    assert both.version != builtin.version
    assert {f.risk for f in found(both, norm, "完全新造的测试关键词")} == {"A1.4"}
    assert found(both, norm, "推翻共产党")  # a built-in keyword still matches
    assert found(builtin, norm, "完全新造的测试关键词") == []


def test_a_user_line_overrides_the_action_of_a_builtin_keyword(tmp_path: Path, norm: Normalizer) -> None:
    write(tmp_path, "A1.3.txt", "台独\trefuse\n")
    builtin = load_lexicon([], normalizer=norm)
    both = load_lexicon([tmp_path], normalizer=norm)
    assert [f.action for f in found(builtin, norm, "台独")] == [Decision.REVIEW]
    assert [f.action for f in found(both, norm, "台独")] == [Decision.REFUSE]
    assert len(both) == len(builtin)


def test_subfolders_are_read(tmp_path: Path, norm: Normalizer) -> None:
    write(tmp_path / "2026-W47", "A2.4.txt", "甲地人都是骗子\n")
    write(tmp_path / "2026-W48", "A2.4.txt", "乙地人都是骗子\n")
    lexicon = load_lexicon([tmp_path], normalizer=norm, builtin=False)
    assert sorted(e.keyword for e in lexicon.entries) == ["乙地人都是骗子", "甲地人都是骗子"]


def test_version_is_a_stable_content_hash(tmp_path: Path, norm: Normalizer) -> None:
    write(tmp_path, "A1.4.txt", "制作炸弹\n人体炸弹\n")
    a = load_lexicon([tmp_path], normalizer=norm, builtin=False)
    write(tmp_path, "A1.4.txt", "人体炸弹\n# reordered\n制作炸弹\n")
    b = load_lexicon([tmp_path], normalizer=norm, builtin=False)
    write(tmp_path, "A1.4.txt", "人体炸弹\n制作炸弹\trefuse\n")
    c = load_lexicon([tmp_path], normalizer=norm, builtin=False)
    assert a.version == b.version != c.version
    assert len(a.version) == 12


def test_pinyin_variants_when_switched_on(tmp_path: Path, norm: Normalizer) -> None:
    write(tmp_path, "A1.3.txt", "法轮功\n台独\n")
    plain = load_lexicon([tmp_path], normalizer=norm, builtin=False)
    variants = load_lexicon([tmp_path], normalizer=norm, builtin=False, pinyin_variants=True)
    for raw in ("练FaLunGong", "fa lun gong", "他说 FLG 很好"):
        assert found(plain, norm, raw) == []
        (f,) = found(variants, norm, raw)
        assert f.risk == "A1.3" and f.score < 1.0 and "法轮功" in f.reason
    assert found(variants, norm, "taidu") == []  # two characters: no variants
    assert found(variants, norm, "flgx and xflg") == []  # initials inside a word


def test_builtin_library_covers_every_a1_a2_risk(norm: Normalizer) -> None:
    lexicon = load_lexicon([], normalizer=norm)
    risks = {e.risk for e in lexicon.entries}
    assert {f"A1.{i}" for i in range(1, 9)} | {f"A2.{i}" for i in range(1, 10)} <= risks
    assert all(e.builtin for e in lexicon.entries)


def test_builtin_library_leaves_ordinary_text_alone(norm: Normalizer) -> None:
    detector = LexiconDetector(load_lexicon([], normalizer=norm))
    ordinary = (
        "今天上午，市政府召开新闻发布会，介绍了全市经济运行情况。一季度地区生产总值同比增长5.2%，"
        "消费市场持续回暖。晚上我们在网吧包夜打游戏，周末去溜冰场溜冰，绿绿的草地上开满了花。"
        "The report covers pornography law reform and flame retardant standards in Sussex."
    )
    assert detector.detect(norm.normalize(ordinary)) == []


def test_100k_keyword_lexicon_loads_and_matches(tmp_path: Path, norm: Normalizer) -> None:
    rng = random.Random(7)
    alphabet = [c for c in map(chr, range(0x4E00, 0x4E00 + 4000)) if norm.fold(c) == c][:3000]
    words: set[str] = set()
    while len(words) < 100_000:
        words.add("".join(rng.choice(alphabet) for _ in range(rng.randint(3, 6))))
    ordered = sorted(words)
    write(tmp_path, "A1.8.txt", "\n".join(ordered) + "\n")
    lexicon = load_lexicon([tmp_path], normalizer=norm, builtin=False)
    assert len(lexicon) == 100_000
    picked = rng.sample(ordered, 50)
    raw = "，".join(f"第{i}句话里有{w[0]} {w[1:]}" for i, w in enumerate(picked))
    hits = LexiconDetector(lexicon).detect(norm.normalize(raw))
    found_words = {norm.fold(f.text) for f in hits}
    assert set(picked) <= found_words
    for f in hits:  # every reported span is a real keyword at that raw position
        assert norm.fold(raw[f.start : f.end]) in words
