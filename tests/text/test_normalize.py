import pytest

from hegui.text.normalize import Normalizer, default_normalizer


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return default_normalizer()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("法 轮*功", "法轮功"),  # separators between CJK
        ("法·轮_功", "法轮功"),
        ("法\u3000轮－功", "法轮功"),  # ideographic space, full-width dash
        ("發輪功", "发轮功"),  # traditional → simplified
        ("ＡＢＣ１２３", "abc123"),  # full-width → half-width, case folding
        ("a\u200bb\u202ec\ufe0f", "abc"),  # zero-width, bidi, variation selector
        ("ѕех", "sex"),  # Cyrillic homoglyphs
        ("ΡΟRΝ СМ", "porn cm"),  # Greek and Cyrillic capitals
        ("⑩号", "10号"),  # expanding NFKC
        ("Hello World", "hello world"),  # separators between Latin letters stay
    ],
)
def test_normalises(norm: Normalizer, raw: str, expected: str) -> None:
    assert norm.normalize(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "word", "span"),
    [
        ("前文 法\u200b 轮*功 后文", "法轮功", "法\u200b 轮*功"),
        ("⑩ 發·輪_功", "发轮功", "發·輪_功"),
        ("abc法轮功", "法轮功", "法轮功"),
        ("x\u202e法 轮 功", "法轮功", "法 轮 功"),
        ("⑩号", "10", "⑩"),
    ],
)
def test_offsets_point_at_the_raw_text(norm: Normalizer, raw: str, word: str, span: str) -> None:
    n = norm.normalize(raw)
    start = n.text.index(word)
    s, e = n.to_raw(start, start + len(word))
    assert raw[s:e] == span


def test_identity_map_when_nothing_moves(norm: Normalizer) -> None:
    n = norm.normalize("這是測試")
    assert n.index is None and n.to_raw(1, 3) == (1, 3)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("法，轮。功", "法轮功"),  # CJK punctuation between CJK
        ("法 - 轮 / 功", "法轮功"),  # runs of mixed separators
        ("法\t\n轮功", "法轮功"),
        ("a 法", "a 法"),  # a separator with Latin on one side stays
        ("法 ", "法 "),  # trailing separators stay
        (" 法", " 法"),
        ("法\ufe0e轮\U000e0041功", "法轮功"),  # variation selector, tag character
        ("法\u200d·\u200c轮", "法轮"),  # invisible characters inside a separator run
        ("𝐅𝐀𝐋𝐔𝐍", "falun"),  # mathematical alphanumerics
        ("\ud800法", "\ud800法"),  # a lone surrogate passes through untouched
    ],
)
def test_normalises_edge_cases(norm: Normalizer, raw: str, expected: str) -> None:
    assert norm.normalize(raw).text == expected


def test_utf32_view_matches_the_text(norm: Normalizer) -> None:
    for raw in ("法 轮*功", "⑩ 發·輪_功", "plain", "", "\ud800x"):
        n = norm.normalize(raw)
        assert n.text_utf32() == n.text.encode("utf-32-le", "surrogatepass")


def test_index_maps_every_character_into_the_raw_text(norm: Normalizer) -> None:
    raw = "前文，法\u200b 轮*功⑩ＡＢ·后文。"
    n = norm.normalize(raw)
    assert n.index is not None and len(n.index) == len(n.text)
    assert list(n.index) == sorted(n.index)  # monotonic
    for i, ch in enumerate(n.text):
        s, e = n.to_raw(i, i + 1)
        assert norm.fold(raw[s:e]) in (ch, "10", "ab")
        assert isinstance(s, int) and isinstance(e, int)


def test_results_compare_by_content(norm: Normalizer) -> None:
    a, b = norm.normalize("法 轮*功"), norm.normalize("法 轮*功")
    assert a == b and hash(a) == hash(b)
    assert a != norm.normalize("法轮功")
