"""`hegui annotate check`: is an annotated batch usable?

A batch is void when any item holds illegal content (the detection core refuses it). Otherwise
each kind of annotation is held to its own rules: labels from the rule set, agreement between
annotators (Cohen's κ for two, Fleiss' κ for more), the spot-check share and accuracy, and for
safety annotation a reviewer's approval on every item.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from typing import Any

from hegui.annotate.batch import BatchItem
from hegui.annotate.kappa import AgreementError, cohen_kappa, fleiss_kappa
from hegui.annotate.rules import AnnotationRules, RuleSet
from hegui.policy.checker import Checker
from hegui.types import Decision


def spot_check_ids(items: Sequence[BatchItem], ratio: float, seed: int = 0) -> list[str]:
    """A seeded random choice of items for a quality checker (at least one, ⌈ratio·n⌉)."""
    need = min(len(items), max(1, math.ceil(ratio * len(items) - 1e-9)))

    def key(item: BatchItem) -> bytes:
        return hashlib.blake2b(f"{seed}\0{item.id}".encode(), digest_size=8).digest()

    return sorted(item.id for item in sorted(items, key=key)[:need])


def agreement(items: Sequence[BatchItem]) -> dict[str, Any]:
    """Cohen's κ when exactly two annotators labelled every item; Fleiss' κ when every item has
    the same number of labels; None where a statistic does not apply."""
    annotators = sorted({name for item in items for name in item.annotations})
    result: dict[str, Any] = {"annotators": annotators, "cohen_kappa": None, "fleiss_kappa": None}
    if len(annotators) == 2 and all(len(item.annotations) == 2 for item in items):
        a, b = annotators
        result["cohen_kappa"] = round(
            cohen_kappa([i.annotations[a] for i in items], [i.annotations[b] for i in items]), 4
        )
    try:
        result["fleiss_kappa"] = round(fleiss_kappa([list(i.annotations.values()) for i in items]), 4)
    except AgreementError:
        pass
    return result


def _check_kind(items: Sequence[BatchItem], rules: RuleSet) -> dict[str, Any]:
    problems: list[str] = []
    allowed = set(rules.labels)
    for item in items:
        bad = sorted(set(item.annotations.values()) - allowed)
        if bad:
            problems.append(f"item {item.id}: labels not in the rules: {', '.join(bad)}")
    agree = agreement(items)
    kappa = agree["fleiss_kappa"] if agree["fleiss_kappa"] is not None else agree["cohen_kappa"]
    metrics = rules.quality_metrics
    if kappa is None:
        problems.append("agreement cannot be measured: items need at least two annotators each")
    elif kappa < metrics.min_kappa:
        problems.append(f"agreement κ={kappa} below {metrics.min_kappa}")
    checked = [i for i in items if i.spot_check is not None]
    passed = sum(1 for i in checked if i.spot_check == "pass")
    ratio = len(checked) / len(items)
    accuracy = passed / len(checked) if checked else 0.0
    if ratio < metrics.spot_check_ratio:
        problems.append(f"spot-checked {len(checked)} of {len(items)} items, below {metrics.spot_check_ratio:.0%}")
    elif accuracy < metrics.min_accuracy:
        problems.append(f"spot-check accuracy {accuracy:.2%} below {metrics.min_accuracy:.0%}")
    unapproved = [i.id for i in items if not (i.reviewer and i.approved)]
    if rules.review_required and unapproved:
        problems.append(f"{len(unapproved)} items lack a reviewer's approval: {', '.join(unapproved[:10])}")
    return {
        "items": len(items),
        "agreement": agree,
        "spot_check": {"checked": len(checked), "ratio": round(ratio, 4), "passed": passed,
                       "accuracy": round(accuracy, 4)},
        "unapproved": len(unapproved) if rules.review_required else None,
        "problems": problems,
        "pass": not problems,
    }


def check_batch(items: Sequence[BatchItem], rules: AnnotationRules, checker: Checker) -> dict[str, Any]:
    """The batch's verdict. Illegal content anywhere voids the whole batch (Art. 8)."""
    illegal = []
    for item in items:
        verdict = checker.check(item.text)
        if verdict.decision is Decision.REFUSE:
            illegal.append({"id": item.id, "risks": verdict.risks})
    kinds: dict[str, Any] = {}
    for kind in ("functional", "safety"):
        group = [i for i in items if i.kind == kind]
        if group:
            kinds[kind] = _check_kind(group, rules.for_kind(kind))
    void = bool(illegal)
    return {
        "rules": {"name": rules.name, "version": rules.version},
        "items": len(items),
        "void": void,
        "void_reason": "batch holds illegal content (批次含违法不良信息，整批作废)" if void else None,
        "illegal_items": illegal,
        "kinds": kinds,
        "pass": not void and all(k["pass"] for k in kinds.values()),
    }
