"""Masking operators on real spans: redact, mask, keep-last-4, pseudonymise with a key."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hegui.policy.config import MaskingConfig
from hegui.policy.mask import Masker
from hegui.types import Finding

TEXT = "手机13800138000，邮箱a@b.cn"
MOBILE = Finding("pii", "A4.6", 2, 13, 0.9, "m", "13800138000", "CN_MOBILE")
EMAIL = Finding("pii", "A4.6", 16, 22, 0.9, "e", "a@b.cn", "EMAIL")


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (MaskingConfig(operator="redact"), "手机[CN_MOBILE]，邮箱[EMAIL]"),
        (MaskingConfig(operator="mask"), "手机***********，邮箱******"),
        (MaskingConfig(operator="mask", mask_char="#"), "手机###########，邮箱######"),
        (MaskingConfig(operator="keep_last_4"), "手机*******8000，邮箱**b.cn"),
        (
            MaskingConfig(operator="mask", per_entity={"EMAIL": "redact"}),
            "手机***********，邮箱[EMAIL]",
        ),
    ],
)
def test_operators(config: MaskingConfig, expected: str) -> None:
    assert Masker(config).apply(TEXT, [MOBILE, EMAIL]) == expected


def test_keep_last_4_masks_short_values_whole() -> None:
    short = Finding("pii", "A4.6", 0, 3, 1.0, "x", "abc", "X")
    assert Masker(MaskingConfig(operator="keep_last_4")).apply("abc!", [short]) == "***!"


def test_pseudonymize_is_keyed_and_stable() -> None:
    a = Masker(MaskingConfig(operator="pseudonymize", pseudonym_key="k1"))
    b = Masker(MaskingConfig(operator="pseudonymize", pseudonym_key="k2"))
    out_a = a.apply(TEXT, [MOBILE])
    assert out_a == a.apply(TEXT, [MOBILE])  # same key, same pseudonym: records stay joinable
    assert out_a != b.apply(TEXT, [MOBILE])  # another key, another pseudonym
    assert "13800138000" not in out_a and out_a.startswith("手机<CN_MOBILE:")
    other = Finding("pii", "A4.6", 2, 13, 0.9, "m", "13900139000", "CN_MOBILE")
    assert a.apply("手机13900139000，", [other]) != out_a[: -len("，邮箱a@b.cn")]


def test_pseudonymize_without_key_is_a_config_error() -> None:
    with pytest.raises(ValidationError, match="pseudonym_key"):
        MaskingConfig(operator="pseudonymize")
    with pytest.raises(ValidationError, match="pseudonym_key"):
        MaskingConfig(operator="pseudonymize", pseudonym_key="")


def test_overlapping_spans_are_masked_once() -> None:
    inner = Finding("pii", "A4.6", 4, 8, 0.5, "x", "0013", "X")
    assert (
        Masker(MaskingConfig(operator="redact")).apply(TEXT[:13], [MOBILE, inner])
        == "手机[CN_MOBILE]"
    )


def test_no_findings_leaves_text_alone() -> None:
    assert Masker(MaskingConfig()).apply(TEXT, []) == TEXT
