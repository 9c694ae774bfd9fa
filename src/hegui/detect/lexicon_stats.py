"""How big a keyword library is, risk by risk, against TC260-003's keyword-library bar.

TC260-003 (kept in GB/T 45654-2025) asks for at least 10,000 keywords covering the 17 A1 and A2
risks, with at least 200 per A1 risk and 100 per A2 risk. A keyword counts once per risk
(after normalisation); pinyin variants do not count.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from hegui.taxonomy import A1_A2_RISKS, RISK_BY_CODE

if TYPE_CHECKING:
    from hegui.detect.lexicon import Lexicon

TOTAL_MIN = 10_000
PER_GROUP_MIN = {"A1": 200, "A2": 100}


def required_for(code: str) -> int | None:
    """The TC260 minimum for one risk code, or None where the standard sets none."""
    risk = RISK_BY_CODE.get(code)
    return PER_GROUP_MIN.get(risk.group) if risk else None


def lexicon_stats(lexicon: Lexicon) -> dict[str, object]:
    """The JSON of `hegui lexicon stats`."""
    counts = Counter(e.risk for e in lexicon.entries)
    builtin = Counter(e.risk for e in lexicon.entries if e.builtin)
    with_action = Counter(e.risk for e in lexicon.entries if e.action is not None)
    codes = list(A1_A2_RISKS) + sorted(c for c in counts if c not in A1_A2_RISKS)
    risks: list[dict[str, object]] = []
    for code in codes:
        required = required_for(code) if code in A1_A2_RISKS else None
        risks.append({
            "code": code,
            "name_zh": RISK_BY_CODE[code].name_zh,
            "name_en": RISK_BY_CODE[code].name_en,
            "count": counts[code],
            "builtin": builtin[code],
            "user": counts[code] - builtin[code],
            "with_action": with_action[code],
            "required": required,
            "meets": None if required is None else counts[code] >= required,
        })
    total = sum(counts.values())
    covered = sum(counts[c] for c in A1_A2_RISKS)
    per_risk_ok = all(r["meets"] for r in risks if r["meets"] is not None)
    return {
        "version": lexicon.version,
        "sources": list(lexicon.sources),
        "pinyin_variants": lexicon.pinyin_variants,
        "total": total,
        "total_a1_a2": covered,
        "counts": {code: counts[code] for code in codes},
        "risks": risks,
        "tc260": {
            "total_required": TOTAL_MIN,
            "total_meets": total >= TOTAL_MIN,
            "per_risk_meets": per_risk_ok,
            "missing": [r["code"] for r in risks if r["meets"] is False],
            "meets": total >= TOTAL_MIN and per_risk_ok,
        },
        "meets_tc260": total >= TOTAL_MIN and per_risk_ok,
    }
