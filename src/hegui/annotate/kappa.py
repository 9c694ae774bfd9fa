"""Agreement between annotators: Cohen's kappa (two annotators) and Fleiss' kappa (n each)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


class AgreementError(ValueError):
    """The labels do not fit the statistic (empty, unequal lengths, unequal rater counts)."""


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """κ = (p_o − p_e) / (1 − p_e) for two annotators labelling the same items."""
    if len(first) != len(second):
        raise AgreementError("both annotators must label the same items")
    if not first:
        raise AgreementError("no items to compare")
    n = len(first)
    observed = sum(1 for a, b in zip(first, second, strict=True) if a == b) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1.0:
        return 1.0  # both used one and the same label throughout: perfect, if degenerate
    return (observed - expected) / (1 - expected)


def fleiss_kappa(items: Sequence[Sequence[str]]) -> float:
    """Fleiss' κ over items each labelled by the same number (≥ 2) of annotators."""
    if not items:
        raise AgreementError("no items to compare")
    raters = len(items[0])
    if raters < 2 or any(len(labels) != raters for labels in items):
        raise AgreementError("every item needs the same number (at least 2) of labels")
    totals: Counter[str] = Counter()
    agreement = 0.0
    for labels in items:
        counts = Counter(labels)
        totals.update(counts)
        agreement += (sum(c * c for c in counts.values()) - raters) / (raters * (raters - 1))
    mean_agreement = agreement / len(items)
    all_labels = len(items) * raters
    expected = sum((c / all_labels) ** 2 for c in totals.values())
    if expected == 1.0:
        return 1.0
    return (mean_agreement - expected) / (1 - expected)
