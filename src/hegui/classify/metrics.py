"""Precision, recall and F1 per risk, and their micro and macro averages."""

from __future__ import annotations

from collections.abc import Sequence

from hegui.classify.dataset import SAFE


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def evaluate(
    truth: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]
) -> dict[str, object]:
    """Scores over risk labels (`safe` is the absence of risks, not a risk).

    `per_risk` lists every risk present in the truth or the predictions, with its `support`
    (true count). `macro` averages the risks with support > 0; `micro` pools all decisions.
    """
    if len(truth) != len(predicted):
        raise ValueError("truth and predictions differ in length")
    counts: dict[str, list[int]] = {}
    for gold, pred in zip(truth, predicted, strict=True):
        g = {x for x in gold if x != SAFE}
        p = {x for x in pred if x != SAFE}
        for label in g | p:
            c = counts.setdefault(label, [0, 0, 0])
            c[0] += label in g and label in p
            c[1] += label in p and label not in g
            c[2] += label in g and label not in p
    per_risk = {
        label: {**_prf(*c), "support": c[0] + c[2]} for label, c in sorted(counts.items())
    }
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    supported = [m for m in per_risk.values() if m["support"]]
    macro = {
        k: round(sum(float(m[k]) for m in supported) / len(supported), 4) if supported else 0.0
        for k in ("precision", "recall", "f1")
    }
    exact = sum(
        {x for x in g if x != SAFE} == {x for x in p if x != SAFE}
        for g, p in zip(truth, predicted, strict=True)
    )
    return {
        "texts": len(truth),
        "per_risk": per_risk,
        "micro": _prf(tp, fp, fn),
        "macro": macro,
        "exact_match": round(exact / len(truth), 4) if truth else 0.0,
    }
