"""Validators for Chinese identifiers: check digits and plausibility, as pure functions.

Each takes the identifier with separators already removed and letters in either case, and
answers whether it is a real-looking instance of its kind. A value that fails here is never
reported as that entity.
"""

from __future__ import annotations

import ipaddress
from datetime import date

# First two digits of a resident id: the provincial-level division (GB/T 2260), plus 71 Taiwan,
# 81 Hong Kong, 82 Macau and 83 (residence permits of Taiwan residents).
PROVINCE_CODES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    }
)

# GB 11643: weight of position i is 2^(17-i) mod 11; the check digit maps the sum mod 11.
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"

# GB 32100: 31 characters (no I, O, S, V, Z); weight of position i is 3^i mod 31.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_CHARS)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_USCC_AUTHORITY = frozenset("123456789ABCDEFGY")

# Mobile numbers: 1 + a second digit the operators use (13x … 19x).
_MOBILE_SECOND = frozenset("3456789")

EARLIEST_BIRTH_YEAR = 1900


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _real_date(year: int, month: int, day: int, today: date | None) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return EARLIEST_BIRTH_YEAR <= year and born <= (today or date.today())


def is_resident_id(value: str, today: date | None = None) -> bool:
    """An 18-digit id with a valid check character, or a 15-digit (pre-1999) id.

    Both need a real province code and a real birth date (not in the future).
    """
    value = value.upper()
    if len(value) == 18:
        if not value[:17].isdigit() or value[2:].count("X") > 1:
            return False
        if resident_id_check_char(value[:17]) != value[17]:
            return False
        birth = (int(value[6:10]), int(value[10:12]), int(value[12:14]))
    elif len(value) == 15 and value.isdigit():
        birth = (1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))
    else:
        return False
    return value[:2] in PROVINCE_CODES and _real_date(*birth, today=today)


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by bank cards."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_bank_card(digits: str) -> bool:
    """16–19 digits (15 for American Express) with a plausible issuer and a valid Luhn check.

    UnionPay cards start with 62; Visa 4, Mastercard 5 or 2, JCB / Amex 3, Discover 6, and the
    old 19-digit domestic cards 9.
    """
    if not digits.isdigit():
        return False
    n = len(digits)
    if n == 15:
        if digits[:2] not in ("34", "37"):
            return False
    elif not 16 <= n <= 19 or digits[0] not in "234569":
        return False
    return luhn_ok(digits)


def uscc_check_char(first17: str) -> str | None:
    """The GB 32100 check character for the first 17 characters (None: a bad character)."""
    total = 0
    for ch, w in zip(first17.upper(), _USCC_WEIGHTS, strict=True):
        v = _USCC_VALUE.get(ch)
        if v is None:
            return None
        total += v * w
    return _USCC_CHARS[(31 - total % 31) % 31]


def is_uscc(value: str) -> bool:
    """A unified social credit code: authority, type, 6-digit division, valid check character."""
    value = value.upper()
    if len(value) != 18 or value[0] not in _USCC_AUTHORITY or value[1] not in "123456789":
        return False
    if not value[2:8].isdigit():
        return False
    return uscc_check_char(value[:17]) == value[17]


def is_mobile(digits: str) -> bool:
    """An 11-digit mainland mobile number (1[3-9]…)."""
    return (
        len(digits) == 11 and digits.isdigit() and digits[0] == "1" and digits[1] in _MOBILE_SECOND
    )


def landline_area_length(digits: str) -> int:
    """Length of the trunk prefix + area code at the start of `digits`, 0 if none.

    010 and 02x are three digits long; every other area code 0xxx is four.
    """
    if len(digits) < 3 or digits[0] != "0":
        return 0
    if digits[1] == "1":
        return 3 if digits[2] == "0" else 0
    if digits[1] == "2":
        return 3
    return 4 if digits[1] in "3456789" else 0


def is_landline(digits: str) -> bool:
    """Area code + a 7- or 8-digit local number that does not start with 0 or 1."""
    if not digits.isdigit():
        return False
    area = landline_area_length(digits)
    local = digits[area:]
    return area > 0 and 7 <= len(local) <= 8 and local[0] in "23456789"


def is_ip_address(value: str) -> bool:
    """A syntactically valid IPv4 or IPv6 address."""
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
