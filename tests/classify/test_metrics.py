"""Precision/recall/F1 per risk and their micro and macro averages: a worked example."""

from __future__ import annotations

from hegui.classify.metrics import evaluate


def test_worked_example() -> None:
    truth = [["A2.4"], ["A2.4"], ["safe"], ["A1.6", "A4.6"]]
    pred = [["A2.4"], [], ["A2.4"], ["A1.6"]]
    r = evaluate(truth, pred)
    per = r["per_risk"]
    assert per["A2.4"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}  # type: ignore[index]
    assert per["A1.6"]["f1"] == 1.0 and per["A4.6"]["recall"] == 0.0  # type: ignore[index]
    # micro: tp=2, fp=1, fn=2
    assert r["micro"] == {"precision": 0.6667, "recall": 0.5, "f1": 0.5714}
    assert r["macro"]["f1"] == round((0.5 + 1.0 + 0.0) / 3, 4)  # type: ignore[index]
    assert r["exact_match"] == 0.25 and r["texts"] == 4
    assert "safe" not in per  # type: ignore[operator]
