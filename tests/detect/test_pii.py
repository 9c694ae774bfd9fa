"""Truth tables for the Chinese PII detector: positives, negatives and evasions, spans on raw text."""

from __future__ import annotations

from datetime import date

import pytest

from hegui.detect.pii import PiiDetector
from hegui.text.normalize import Normalizer, default_normalizer
from hegui.types import Finding

ZW = "\u200b"


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return default_normalizer()


@pytest.fixture(scope="module")
def pii() -> PiiDetector:
    return PiiDetector(today=date(2026, 1, 1))


def find(pii: PiiDetector, norm: Normalizer, raw: str) -> list[Finding]:
    return pii.detect(norm.normalize(raw))


POSITIVES = [
    # (raw text, entity, the span of raw text the finding must cover)
    ("身份证号11010519491231002X。", "CN_RESIDENT_ID", "11010519491231002X"),
    ("id: 440308199901011234", "CN_RESIDENT_ID", "440308199901011234"),
    ("老身份证110105491231002", "CN_RESIDENT_ID", "110105491231002"),
    ("手机13800138000", "CN_MOBILE", "13800138000"),
    ("call +86 199 1234 5678 now", "CN_MOBILE", "+86 199 1234 5678"),
    ("拨打+8615012345678", "CN_MOBILE", "+8615012345678"),
    ("电话010-62345678", "CN_LANDLINE", "010-62345678"),
    ("传真（0755）26543210", "CN_LANDLINE", "（0755）26543210"),
    ("座机 0571 8765 4321", "CN_LANDLINE", "0571 8765 4321"),
    ("邮箱 zhang.san+ai@mail.example.com.cn。", "EMAIL", "zhang.san+ai@mail.example.com.cn"),
    ("卡号6222021234567894", "BANK_CARD", "6222021234567894"),
    ("6228480402564890018", "BANK_CARD", "6228480402564890018"),
    ("visa 4111 1111 1111 1111", "BANK_CARD", "4111 1111 1111 1111"),
    ("amex 378282246310005", "BANK_CARD", "378282246310005"),
    ("统一社会信用代码：91350100M000100Y43", "CN_USCC", "91350100M000100Y43"),
    ("91110102MACQD9K640", "CN_USCC", "91110102MACQD9K640"),
    ("护照号E12345678", "CN_PASSPORT", "E12345678"),
    ("passport EA1234567", "CN_PASSPORT", "EA1234567"),
    ("旧护照G12345678", "CN_PASSPORT", "G12345678"),
    ("港澳通行证C12345678", "CN_HK_MACAU_PERMIT", "C12345678"),
    ("回乡证H12345678", "CN_HK_MACAU_PERMIT", "H12345678"),
    ("M1234567890", "CN_HK_MACAU_PERMIT", "M1234567890"),
    ("车牌京A12345", "CN_LICENSE_PLATE", "京A12345"),
    ("车牌京A·12345", "CN_LICENSE_PLATE", "京A·12345"),
    ("新能源粤BD12345", "CN_LICENSE_PLATE", "粤BD12345"),
    ("大型新能源粤B12345D", "CN_LICENSE_PLATE", "粤B12345D"),
    ("教练车沪A1234学", "CN_LICENSE_PLATE", "沪A1234学"),
    ("服务器192.168.1.20。", "IP_ADDRESS", "192.168.1.20"),
    ("dns 8.8.8.8", "IP_ADDRESS", "8.8.8.8"),
    ("ipv6 2001:db8::8a2e:370:7334", "IP_ADDRESS", "2001:db8::8a2e:370:7334"),
    ("mapped ::ffff:10.0.0.1", "IP_ADDRESS", "::ffff:10.0.0.1"),
]

EVASIONS = [
    # spaces, dashes, full-width digits, zero-width characters, traditional characters
    ("身份证 110105 19491231 002X", "CN_RESIDENT_ID", "110105 19491231 002X"),
    (
        "身份证１１０１０５１９４９１２３１００２Ｘ",
        "CN_RESIDENT_ID",
        "１１０１０５１９４９１２３１００２Ｘ",
    ),
    (f"身份证1101{ZW}0519491231{ZW}002X", "CN_RESIDENT_ID", f"1101{ZW}0519491231{ZW}002X"),
    ("手机 138 0013 8000", "CN_MOBILE", "138 0013 8000"),
    ("手机 138-0013-8000", "CN_MOBILE", "138-0013-8000"),
    ("手机１３８００１３８０００", "CN_MOBILE", "１３８００１３８０００"),
    (f"手机1380{ZW}013{ZW}8000", "CN_MOBILE", f"1380{ZW}013{ZW}8000"),
    ("手机 138－0013－8000", "CN_MOBILE", "138－0013－8000"),  # full-width hyphens
    ("卡号 6222 0212 3456 7894", "BANK_CARD", "6222 0212 3456 7894"),
    ("卡号６２２２０２１２３４５６７８９４", "BANK_CARD", "６２２２０２１２３４５６７８９４"),
    (
        "信用代码９１３５０１００Ｍ０００１００Ｙ４３",
        "CN_USCC",
        "９１３５０１００Ｍ０００１００Ｙ４３",
    ),
    ("邮箱ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "EMAIL", "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
    (f"mail zh{ZW}ang@exa{ZW}mple.com", "EMAIL", f"zh{ZW}ang@exa{ZW}mple.com"),
    ("车牌粵B12345", "CN_LICENSE_PLATE", "粵B12345"),  # traditional province character
    ("车牌京Ａ１２３４５", "CN_LICENSE_PLATE", "京Ａ１２３４５"),
    ("ip １９２．１６８．１．１", "IP_ADDRESS", "１９２．１６８．１．１"),
    ("护照Ｅ１２３４５６７８", "CN_PASSPORT", "Ｅ１２３４５６７８"),
]


@pytest.mark.parametrize(("raw", "entity", "span"), POSITIVES + EVASIONS)
def test_finds_entity_with_span_on_raw_text(
    pii: PiiDetector, norm: Normalizer, raw: str, entity: str, span: str
) -> None:
    found = find(pii, norm, raw)
    assert [f.entity for f in found] == [entity], found
    f = found[0]
    assert raw[f.start : f.end] == span and f.text == span
    assert f.detector == "pii" and f.risk == "A4.6" and 0 < f.score <= 1
    assert entity in f.reason


NEGATIVES = [
    # (raw text, the entity it must NOT be reported as)
    ("身份证号11010519491231002Y", "CN_RESIDENT_ID"),  # check character wrong
    ("身份证号110105194912310021", "CN_RESIDENT_ID"),
    ("身份证号110105199002300013", "CN_RESIDENT_ID"),  # 30 February
    ("身份证号991234199001011234", "CN_RESIDENT_ID"),  # no province 99
    ("身份证号110105209901011239", "CN_RESIDENT_ID"),  # born in 2099
    ("身份证号110105491331002", "CN_RESIDENT_ID"),  # month 13 (15-digit)
    ("手机12345678901", "CN_MOBILE"),  # no mobile prefix 12
    ("手机1380013800", "CN_MOBILE"),  # 10 digits
    ("订单号138001380001", "CN_MOBILE"),  # 12 digits
    ("电话010-12345678", "CN_LANDLINE"),  # local numbers do not start with 1
    ("卡号6222021234567890", "BANK_CARD"),  # Luhn fails
    ("卡号6222 0212 3456 7890", "BANK_CARD"),
    ("代码91350100M000100Y44", "CN_USCC"),  # check character wrong
    ("编号E1234567", "CN_PASSPORT"),  # too short
    ("编号A12345678", "CN_PASSPORT"),
    ("编号XE12345678", "CN_PASSPORT"),  # inside a longer code
    ("编号C1234567", "CN_HK_MACAU_PERMIT"),
    ("京ABCDEF", "CN_LICENSE_PLATE"),  # a word, not a plate
    ("京I12345", "CN_LICENSE_PLATE"),  # no issuing letter I
    ("ip 256.1.1.1", "IP_ADDRESS"),
    ("version 1.2.3.4.5", "IP_ADDRESS"),
    ("时间 12:30:45", "IP_ADDRESS"),
    ("mac 00:1a:2b:3c:4d:5e", "IP_ADDRESS"),
    ("c++ a::b", "IP_ADDRESS"),
    ("contact me at zhang@localhost", "EMAIL"),
    ("1380013800012345", "CN_MOBILE"),  # part of a longer number
    ("13800138000abc", "CN_MOBILE"),  # part of a token
]


@pytest.mark.parametrize(("raw", "entity"), NEGATIVES)
def test_does_not_report(pii: PiiDetector, norm: Normalizer, raw: str, entity: str) -> None:
    assert entity not in {f.entity for f in find(pii, norm, raw)}


@pytest.mark.parametrize(
    "raw",
    [
        "今天天气很好，我们去公园散步。",
        "第12条 根据2023年7月10日的规定",
        "价格是1999元，编号2024-11-23",
        "",
    ],
)
def test_clean_text_has_no_findings(pii: PiiDetector, norm: Normalizer, raw: str) -> None:
    assert find(pii, norm, raw) == []


def test_context_raises_the_score_but_never_creates_a_finding(
    pii: PiiDetector, norm: Normalizer
) -> None:
    bare = find(pii, norm, "号码 13800138000")[0]
    with_context = find(pii, norm, "我的手机号码 13800138000")[0]
    assert with_context.score > bare.score and "手机" in with_context.reason
    assert find(pii, norm, "我的手机号码是 1380013800，身份证号 11010519491231002Y") == []


@pytest.mark.parametrize(
    ("raw", "entity"),
    [
        (
            "620102199003070069",
            "CN_RESIDENT_ID",
        ),  # a valid id that also passes Luhn with a 62 prefix
        ("13800138000@163.com", "EMAIL"),  # a mobile number inside an e-mail address
    ],
)
def test_overlapping_entities_are_reported_once(
    pii: PiiDetector, norm: Normalizer, raw: str, entity: str
) -> None:
    found = find(pii, norm, raw)
    assert [(f.entity, f.start, f.end) for f in found] == [(entity, 0, len(raw))]


def test_neighbouring_numbers_are_not_joined(pii: PiiDetector, norm: Normalizer) -> None:
    raw = "电话 13800138000 13900139000，座机（0755）26543210 02164318888"
    found = find(pii, norm, raw)
    assert [(f.entity, f.text) for f in found] == [
        ("CN_MOBILE", "13800138000"),
        ("CN_MOBILE", "13900139000"),
        ("CN_LANDLINE", "（0755）26543210"),
        ("CN_LANDLINE", "02164318888"),
    ]


def test_many_entities_in_one_text_keep_their_spans(pii: PiiDetector, norm: Normalizer) -> None:
    raw = f"张三，身份证１１０１０５１９４９１２３１００２Ｘ，手机138{ZW}0013 8000，邮箱 a@b.cn，车牌粤B12345。"
    found = find(pii, norm, raw)
    assert [f.entity for f in found] == ["CN_RESIDENT_ID", "CN_MOBILE", "EMAIL", "CN_LICENSE_PLATE"]
    for f in found:
        assert raw[f.start : f.end] == f.text
    assert [f.start for f in found] == sorted(f.start for f in found)
