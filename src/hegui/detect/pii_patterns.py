"""Data for the Chinese PII detector: entity specs, candidate patterns and context words.

Patterns run on the normalised text (`Normalized.text`): lower case, half-width, simplified,
invisible characters gone. They find *candidates*; `pii_checks` decides which are real.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntitySpec:
    """One kind of personal information: how sure a bare match is, and what raises it."""

    entity: str
    priority: int
    """Lower wins when two entities claim the same span (a resident id is not a bank card)."""
    base_score: float
    context: tuple[str, ...]
    """Words near a match that raise its score (they never create a finding)."""
    check: str
    """What the validator checked, for the finding's reason."""


CONTEXT_BOOST = 0.2
CONTEXT_BEFORE = 24
CONTEXT_AFTER = 12

SPECS: dict[str, EntitySpec] = {
    spec.entity: spec
    for spec in (
        EntitySpec(
            "CN_RESIDENT_ID",
            0,
            0.85,
            ("身份证", "身份号码", "证件号", "公民身份", "id card", "id number", "identity"),
            "GB 11643 check digit, province code and birth date",
        ),
        EntitySpec(
            "CN_USCC",
            1,
            0.85,
            ("信用代码", "营业执照", "税号", "纳税人识别号", "uscc", "credit code"),
            "GB 32100 check character",
        ),
        EntitySpec(
            "BANK_CARD",
            2,
            0.6,
            (
                "卡号",
                "银行卡",
                "信用卡",
                "储蓄卡",
                "借记卡",
                "账号",
                "帐号",
                "银联",
                "card",
                "account",
                "visa",
                "mastercard",
                "unionpay",
            ),
            "Luhn check and issuer prefix",
        ),
        EntitySpec(
            "CN_MOBILE",
            3,
            0.7,
            (
                "手机",
                "电话",
                "联系方式",
                "致电",
                "拨打",
                "微信",
                "短信",
                "mobile",
                "phone",
                "cell",
                "tel",
                "call",
                "sms",
            ),
            "mainland mobile prefix 1[3-9] and 11 digits",
        ),
        EntitySpec(
            "CN_LANDLINE",
            4,
            0.5,
            ("电话", "座机", "固话", "传真", "联系方式", "拨打", "tel", "phone", "fax", "landline"),
            "area code 0xx/0xxx and a 7-8 digit local number",
        ),
        EntitySpec(
            "CN_PASSPORT",
            5,
            0.5,
            ("护照", "passport"),
            "passport number format E/G + 8 digits, E + letter + 7 digits",
        ),
        EntitySpec(
            "CN_HK_MACAU_PERMIT",
            6,
            0.5,
            ("通行证", "港澳", "回乡证", "来往内地", "permit"),
            "permit number format C + 8 characters, H/M + 8 or 10 digits",
        ),
        EntitySpec(
            "CN_LICENSE_PLATE",
            7,
            0.6,
            ("车牌", "牌照", "号牌", "车辆", "车号", "plate", "vehicle"),
            "province character, issuing letter, 5 or 6 (new-energy) characters",
        ),
        EntitySpec(
            "EMAIL", 8, 0.85, ("邮箱", "邮件", "email", "e-mail", "mail"), "e-mail address syntax"
        ),
        EntitySpec(
            "IP_ADDRESS",
            9,
            0.7,
            ("ip", "地址", "服务器", "主机", "address", "server", "host"),
            "valid IPv4/IPv6 address",
        ),
    )
}

# Separators people put inside numbers: spaces, hyphens and dashes, brackets (area codes).
# Full-width forms are already half-width in the normalised text.
NUMBER_SEP = r"[ \t\-\u2010-\u2015()]{1,3}"

# A run of digit groups; the last may end with the resident-id check character x.
# Atomic: a run followed by a letter is no number at all (never a shorter run inside it).
# (The look-behind comes after the first digit so that `re` can skip ahead to digits fast.)
DIGIT_RUN = rf"[0-9](?<![0-9][0-9])(?>[0-9]*(?:{NUMBER_SEP}[0-9]+)*+x?)(?![0-9a-z])"
DIGIT_GROUP = r"[0-9]+x?"

# Letter-led identifiers: passports, travel permits, and 18-character credit codes. The first
# character is matched plainly (so `re` can skip ahead), the alternatives look back at it.
PASSPORT = r"(?<=[eg])[0-9]{8}|(?<=e)[a-hj-np-z][0-9]{7}|(?<=[dsp])e[0-9]{7}"
PERMIT = r"(?<=c)[0-9a-hj-np-z][0-9]{7}|(?<=[hm])[0-9]{8}(?:[0-9]{2})?"
USCC = r"(?<=[0-9a-hj-np-rtuwxy])[0-9a-hj-np-rtuwxy]{17}"
CODE = (
    rf"[0-9a-z](?<![0-9a-z][0-9a-z])(?:(?P<passport>{PASSPORT})|(?P<permit>{PERMIT})|(?P<uscc>{USCC}))"
    r"(?![0-9a-z])"
)

# Licence plates: province abbreviation, issuing-authority letter, then 5 characters (the last
# may be 挂/学/警/港/澳) or, for new-energy vehicles, 6 with D/F first or last.
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTER = "a-hj-np-z"
PLATE = (
    rf"[{PROVINCES}][{_LETTER}][·•\- ]?"
    rf"(?:(?P<nev>[df][{_LETTER}0-9][0-9]{{4}}|[0-9]{{5}}[df])|[{_LETTER}0-9]{{4}}[{_LETTER}0-9挂学警港澳])"
    r"(?![0-9a-z])"
)

EMAIL = (
    r"(?<![a-z0-9._%+\-])[a-z0-9][a-z0-9._%+\-]{0,63}@"
    r"[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?)*"
    r"\.[a-z]{2,24}(?![a-z0-9\-])"
)

IPV4 = r"[0-9](?<![0-9.][0-9])[0-9]{0,2}(?:\.[0-9]{1,3}){3}(?![0-9]|\.[0-9])"
IPV6 = (
    r"(?<![0-9a-z:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}"
    r"(?:(?<=:)[0-9]{1,3}(?:\.[0-9]{1,3}){3})?(?![0-9a-z:]|\.[0-9])"
)

# Hyperscan gates, one per candidate family: each matches wherever its family could (a
# superset), so clean text is settled by one pass. Gate ids are the keys of GATES.
GATES: dict[str, str] = {
    "digits": r"[0-9](?:[ \t\-()\x{2010}-\x{2015}]{0,3}[0-9]){9}",  # >= 10 digits: landline
    "code": r"[0-9a-z][0-9]{6}",  # every passport, permit and credit code has this
    "plate": f"[{PROVINCES}][{_LETTER}]",
    "email": "@",
    "ipv4": r"[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]",
    "ipv6": r"[0-9a-f]:[0-9a-f]{0,4}:|::[0-9a-f]",
}
