import pytest

from hegui.corpus.fingerprint import Fingerprinter
from hegui.corpus.quality import count_duplicates, language_mix, language_of, languages_of

TEXT = ("人工智能生成内容的标识办法要求服务提供者在生成合成内容中添加显式标识和隐式标识，"
        "并在文件元数据中写入内容生成者与内容编号等信息，以便传播平台核验。") * 2


def _counts(text: str) -> tuple[int, int]:
    prints = Fingerprinter().batch([text])
    return int(prints.cjk[0]), int(prints.latin[0])


@pytest.mark.parametrize(
    ("text", "language"),
    [("今天天气很好", "zh"), ("The weather is fine today", "latin"), ("12345 !!", "other"),
     ("用 Python 写代码", "zh"), ("a long English sentence with one 字", "latin"), ("Ça va très bien", "latin")],
)
def test_language_of(text: str, language: str) -> None:
    assert language_of(*_counts(text)) == language


def test_batch_language_counts_follow_the_same_rule() -> None:
    texts = ["今天天气很好", "The weather", "123", "用 Python 写代码"]
    prints = Fingerprinter().batch(texts)
    assert languages_of(prints.cjk, prints.latin) == {"zh": 2, "latin": 1, "other": 1}


def test_script_counts() -> None:
    assert _counts("Hello 世界 Ä") == (2, 6)
    assert _counts("𠀀字") == (2, 0)  # extension B counts as CJK


def test_language_mix_block() -> None:
    mix = language_mix({"zh": 3, "latin": 1}, cjk_chars=30, latin_chars=10)
    assert mix["records"] == {"zh": 3, "latin": 1, "other": 0}
    assert mix["foreign_share"] == 0.25 and mix["cjk_char_share"] == 0.75


def test_near_duplicates_found_and_distinct_texts_not() -> None:
    near = TEXT[:40] + "略有改动" + TEXT[44:]
    other = "完全不同的一段文字，讲的是图书馆开放时间、借阅规则和阅览室的座位预约方法。" * 2
    prints = Fingerprinter().batch([TEXT, TEXT, near, other, "short"])
    counts = count_duplicates(prints.exact, prints.bands)
    assert (counts.records, counts.exact_duplicates, counts.near_duplicates) == (5, 1, 1)


def test_empty_inputs() -> None:
    prints = Fingerprinter().batch([])
    assert prints.bands.shape == (0, 8)
    assert count_duplicates(prints.exact, prints.bands).records == 0
