"""The validators behind the PII detector, against values checked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from hegui.detect import pii_checks as checks

TODAY = date(2026, 1, 1)


def _iso7064_mod11_2(first17: str) -> str:
    """An independent reference: the recursive form of ISO 7064 MOD 11-2 from the standard."""
    p = 0
    for ch in first17:
        p = ((p + int(ch)) * 2) % 11
    c = (12 - p) % 11
    return "X" if c == 10 else str(c)


@pytest.mark.parametrize(
    "first17", ["11010519491231002", "44030819990101123", "62010219900307006", "65010219851231567"]
)
def test_resident_check_char_agrees_with_the_recursive_form(first17: str) -> None:
    assert checks.resident_id_check_char(first17) == _iso7064_mod11_2(first17)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("11010519491231002X", True),  # the example of GB 11643
        ("11010519491231002x", True),
        ("440308199901011234", True),
        ("510107200002290010", True),  # 29 February of a leap year
        ("110105491231002", True),  # 15-digit, born 1949-12-31
        ("11010519491231002Y", False),
        ("110105194912310021", False),  # wrong check digit
        ("510107190002290014", False),  # 1900 was not a leap year
        ("991234199001011234", False),  # no province 99
        ("110105209901011230", False),  # born in the future
        ("110105491331002", False),  # month 13
        ("1101051949123100", False),
    ],
)
def test_is_resident_id(value: str, ok: bool) -> None:
    assert checks.is_resident_id(value, TODAY) is ok


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("6222021234567894", True),
        ("6228480402564890018", True),
        ("4111111111111111", True),
        ("378282246310005", True),  # American Express, 15 digits
        ("6222021234567890", False),  # Luhn fails
        ("1111111111111117", False),  # no issuer starts with 1
        ("371449635398432", False),  # Amex prefix, Luhn fails
        ("62220212345", False),  # too short
    ],
)
def test_is_bank_card(digits: str, ok: bool) -> None:
    assert checks.is_bank_card(digits) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("91350100M000100Y43", True),
        ("91110102MACQD9K640", True),  # inside a GB 45438 provider code seen in the wild
        ("91440300ma5examp1f", True),
        ("91350100M000100Y44", False),
        ("91350100M000100Y4I", False),  # I is not in the GB 32100 alphabet
        ("01350100M000100Y43", False),  # no registration authority 0
    ],
)
def test_is_uscc(value: str, ok: bool) -> None:
    assert checks.is_uscc(value) is ok


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("01062345678", True),
        ("02164318888", True),
        ("075526543210", True),
        ("05718765432", True),
        ("0571876543", False),
        ("01012345678", False),
        ("0123456789", False),
        ("62345678", False),
    ],
)
def test_is_landline(digits: str, ok: bool) -> None:
    assert checks.is_landline(digits) is ok
