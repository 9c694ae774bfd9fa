"""Parsers of guard-model verdicts: Qwen3Guard-Gen, Llama Guard 3/4 and a generic JSON format.

Each parser turns the model's reply into a `GuardVerdict` (safe / controversial / unsafe plus the
model's own category names) or raises `GuardVerdictError` when the reply is not a verdict: a
malformed answer must never read as "safe". The default tables map each model's categories to
our risk codes; the config's `mapping` is merged over them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["safe", "controversial", "unsafe"]


class GuardVerdictError(ValueError):
    """The guard model answered something that is not a verdict in the configured format."""


@dataclass(frozen=True, slots=True)
class GuardVerdict:
    severity: Severity
    categories: tuple[str, ...]
    refusal: bool | None = None
    score: float | None = None


# Qwen3Guard-Gen's categories (prompt and response moderation; Jailbreak only for prompts).
QWEN3GUARD_MAPPING: dict[str, list[str]] = {
    "Violent": ["A1.6"],
    "Non-violent Illegal Acts": ["A1.8"],
    "Sexual Content or Sexual Acts": ["A1.6"],
    "PII": ["A4.6"],
    "Suicide & Self-Harm": ["A4.1"],
    "Unethical Acts": ["A2.9"],
    "Politically Sensitive Topics": ["A1.2"],
    "Copyright Violation": ["A3.1"],
    "Jailbreak": ["X1"],
}

# Llama Guard 3 and 4 share the MLCommons hazard codes S1..S14.
LLAMA_GUARD_MAPPING: dict[str, list[str]] = {
    "S1": ["A1.6"],  # violent crimes
    "S2": ["A1.8"],  # non-violent crimes
    "S3": ["A1.6"],  # sex-related crimes
    "S4": ["A1.6"],  # child sexual exploitation
    "S5": ["A4.3"],  # defamation
    "S6": ["A5.1"],  # specialised advice
    "S7": ["A4.5"],  # privacy
    "S8": ["A3.1"],  # intellectual property
    "S9": ["A1.4"],  # indiscriminate weapons
    "S10": ["A1.5"],  # hate
    "S11": ["A4.1"],  # suicide and self-harm
    "S12": ["A1.6"],  # sexual content
    "S13": ["A1.7"],  # elections
    "S14": ["X1"],  # code interpreter abuse
}

# The generic JSON format may name our codes directly; these are common English names.
JSON_MAPPING: dict[str, list[str]] = {
    "violence": ["A1.6"],
    "sexual": ["A1.6"],
    "terrorism": ["A1.4"],
    "hate": ["A1.5"],
    "discrimination": ["A2.9"],
    "pii": ["A4.6"],
    "privacy": ["A4.5"],
    "self_harm": ["A4.1"],
    "illegal": ["A1.8"],
    "misinformation": ["A1.7"],
    "copyright": ["A3.1"],
    "jailbreak": ["X1"],
}

_QWEN_SAFETY = re.compile(r"Safety:\s*(Safe|Unsafe|Controversial)\b", re.IGNORECASE)
_QWEN_CATEGORIES = re.compile(r"Categories:\s*(.+)", re.IGNORECASE)
_QWEN_REFUSAL = re.compile(r"Refusal:\s*(Yes|No)\b", re.IGNORECASE)
_QWEN_KNOWN = {name.lower(): name for name in QWEN3GUARD_MAPPING}


def parse_qwen3guard(reply: str) -> GuardVerdict:
    """`Safety: Safe|Unsafe|Controversial` / `Categories: A, B` / optional `Refusal: Yes|No`."""
    found = _QWEN_SAFETY.findall(reply)
    if len(found) != 1:
        raise GuardVerdictError(f"expected one 'Safety:' line, got {len(found)}: {reply[:120]!r}")
    severity: Severity = found[0].lower()  # type: ignore[assignment]
    categories: list[str] = []
    line = _QWEN_CATEGORIES.search(reply)
    if line:
        for part in re.split(r"[,，;；]", line.group(1)):
            name = part.strip()
            if not name or name.lower() == "none":
                continue
            categories.append(_QWEN_KNOWN.get(name.lower(), name))
    refusal_m = _QWEN_REFUSAL.search(reply)
    refusal = None if refusal_m is None else refusal_m.group(1).lower() == "yes"
    return GuardVerdict(severity, tuple(categories), refusal)


_LLAMA_CODE = re.compile(r"^S([1-9]|1[0-4])$")


def parse_llama_guard(reply: str) -> GuardVerdict:
    """First line `safe` or `unsafe`; for unsafe, the next line lists `S1,S10`."""
    lines = [ln.strip() for ln in reply.strip().splitlines() if ln.strip()]
    if not lines:
        raise GuardVerdictError("empty reply")
    head = lines[0].lower()
    if head == "safe":
        return GuardVerdict("safe", ())
    if head != "unsafe":
        raise GuardVerdictError(f"expected 'safe' or 'unsafe', got {lines[0][:80]!r}")
    if len(lines) < 2:
        raise GuardVerdictError("'unsafe' without a category line")
    codes = [c.strip().upper() for c in lines[1].split(",") if c.strip()]
    bad = [c for c in codes if not _LLAMA_CODE.match(c)]
    if not codes or bad:
        raise GuardVerdictError(f"bad Llama Guard categories {lines[1][:80]!r}")
    return GuardVerdict("unsafe", tuple(codes))


_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def parse_json(reply: str) -> GuardVerdict:
    """`{"verdict": "safe|controversial|unsafe", "categories": [...], "score": 0.9}`.

    `"safe": true|false` is accepted instead of `verdict`; the object may sit in a code fence.
    """
    match = _JSON_OBJECT.search(reply)
    if match is None:
        raise GuardVerdictError(f"no JSON object in reply {reply[:120]!r}")
    try:
        data = json.loads(match.group(0))
    except json.JSONDecodeError as exc:
        raise GuardVerdictError(f"invalid JSON verdict: {exc.msg}") from None
    if not isinstance(data, dict):
        raise GuardVerdictError("JSON verdict is not an object")
    severity = _json_severity(data)
    cats = data.get("categories", [])
    if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
        raise GuardVerdictError("'categories' must be a list of strings")
    score = data.get("score")
    if score is not None and (not isinstance(score, int | float) or not 0.0 <= score <= 1.0):
        raise GuardVerdictError("'score' must be a number from 0 to 1")
    return GuardVerdict(severity, tuple(cats), None, None if score is None else float(score))


def _json_severity(data: dict[str, object]) -> Severity:
    if "verdict" in data:
        value = data["verdict"]
        if isinstance(value, str) and value.lower() in ("safe", "controversial", "unsafe"):
            return value.lower()  # type: ignore[return-value]
        raise GuardVerdictError(f"bad 'verdict' {value!r}")
    if isinstance(data.get("safe"), bool):
        return "safe" if data["safe"] else "unsafe"
    raise GuardVerdictError("JSON verdict needs 'verdict' or a boolean 'safe'")


PARSERS: dict[str, Callable[[str], GuardVerdict]] = {
    "qwen3guard": parse_qwen3guard,
    "llama_guard": parse_llama_guard,
    "json": parse_json,
}

DEFAULT_MAPPINGS: dict[str, dict[str, list[str]]] = {
    "qwen3guard": QWEN3GUARD_MAPPING,
    "llama_guard": LLAMA_GUARD_MAPPING,
    "json": JSON_MAPPING,
}
