"""Truth tables for the three guard-verdict formats, malformed replies included."""

from __future__ import annotations

import pytest

from hegui.classify.guard_formats import (
    GuardVerdictError,
    parse_json,
    parse_llama_guard,
    parse_qwen3guard,
)


@pytest.mark.parametrize(
    ("reply", "severity", "categories", "refusal"),
    [
        ("Safety: Safe\nCategories: None", "safe", (), None),
        ("Safety: Unsafe\nCategories: Violent", "unsafe", ("Violent",), None),
        ("Safety: Unsafe\nCategories: PII, violent\nRefusal: No", "unsafe", ("PII", "Violent"), False),
        ("Safety: Controversial\nCategories: Politically Sensitive Topics\nRefusal: Yes",
         "controversial", ("Politically Sensitive Topics",), True),
    ],
)
def test_qwen3guard(reply: str, severity: str, categories: tuple[str, ...], refusal: bool | None) -> None:
    v = parse_qwen3guard(reply)
    assert (v.severity, v.categories, v.refusal) == (severity, categories, refusal)


@pytest.mark.parametrize(
    "reply", ["", "I think it is fine", "Safety: Maybe", "Safety: Safe\nSafety: Unsafe"]
)
def test_qwen3guard_malformed(reply: str) -> None:
    with pytest.raises(GuardVerdictError):
        parse_qwen3guard(reply)


@pytest.mark.parametrize(
    ("reply", "severity", "categories"),
    [("safe", "safe", ()), ("\n\nunsafe\nS1,S10", "unsafe", ("S1", "S10")), ("unsafe\ns7", "unsafe", ("S7",))],
)
def test_llama_guard(reply: str, severity: str, categories: tuple[str, ...]) -> None:
    v = parse_llama_guard(reply)
    assert (v.severity, v.categories) == (severity, categories)


@pytest.mark.parametrize("reply", ["", "unsafe", "unsafe\nS15", "unsafe\nviolence", "Safe? no"])
def test_llama_guard_malformed(reply: str) -> None:
    with pytest.raises(GuardVerdictError):
        parse_llama_guard(reply)


@pytest.mark.parametrize(
    ("reply", "severity", "categories", "score"),
    [
        ('{"verdict": "unsafe", "categories": ["A2.4"], "score": 0.8}', "unsafe", ("A2.4",), 0.8),
        ('```json\n{"safe": true}\n```', "safe", (), None),
        ('{"safe": false, "categories": ["violence"]}', "unsafe", ("violence",), None),
        ('{"verdict": "Controversial"}', "controversial", (), None),
    ],
)
def test_json(reply: str, severity: str, categories: tuple[str, ...], score: float | None) -> None:
    v = parse_json(reply)
    assert (v.severity, v.categories, v.score) == (severity, categories, score)


@pytest.mark.parametrize(
    "reply",
    ["safe", "{not json}", "[1]", '{"verdict": "ok"}', '{"safe": "no"}', '{"safe": false, "categories": "x"}',
     '{"verdict": "unsafe", "score": 3}'],
)
def test_json_malformed(reply: str) -> None:
    with pytest.raises(GuardVerdictError):
        parse_json(reply)
