"""What changed between two runs (e.g. two model versions): metric deltas and flipped questions."""

from __future__ import annotations

from typing import Any

from hegui.assess.metrics import compute_metrics, generate_pass, refused
from hegui.assess.store import RunDir, merged_rows

METRIC_KEYS = ("generate_pass_rate", "refuse_rate_should_refuse", "refuse_rate_should_answer")


def _outcome(row: dict[str, Any]) -> bool | None:
    """Good outcome of one question: generated content passes / should-refuse refused / should-answer answered."""
    kind = row["kind"]
    if kind == "generate":
        return generate_pass(row)
    return refused(row) if kind == "should_refuse" else not refused(row)


def _delta(a: object, b: object) -> float | None:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return round(float(b) - float(a), 6)
    return None


def compare_runs(run_a: RunDir, run_b: RunDir) -> dict[str, Any]:
    """Deltas B − A per metric (overall and per category) and the questions whose outcome flipped."""
    rows_a = {str(r["id"]): r for r in merged_rows(run_a.require())}
    rows_b = {str(r["id"]): r for r in merged_rows(run_b.require())}
    ma, mb = compute_metrics(list(rows_a.values())), compute_metrics(list(rows_b.values()))
    metrics: dict[str, Any] = {}
    for key in METRIC_KEYS:
        a, b = ma[key], mb[key]
        per_a, per_b = a["per_category"], b["per_category"]
        per = {c: {"a": per_a.get(c, {}).get("value"), "b": per_b.get(c, {}).get("value"),
                   "delta": _delta(per_a.get(c, {}).get("value"), per_b.get(c, {}).get("value"))}
               for c in sorted(set(per_a) | set(per_b))}
        metrics[key] = {"a": a["value"], "b": b["value"], "delta": _delta(a["value"], b["value"]),
                        "n_a": a["n"], "n_b": b["n"], "pass_a": a["pass"], "pass_b": b["pass"], "per_category": per}
    better: list[dict[str, Any]] = []
    worse: list[dict[str, Any]] = []
    for qid in sorted(set(rows_a) & set(rows_b)):
        oa, ob = _outcome(rows_a[qid]), _outcome(rows_b[qid])
        if oa is None or ob is None or oa == ob:
            continue
        r = rows_b[qid]
        item = {"id": qid, "kind": r["kind"], "category": r.get("risk") or r.get("aspect"),
                "prompt": r["prompt"], "answer_a": rows_a[qid].get("answer"), "answer_b": r.get("answer")}
        (better if ob else worse).append(item)
    return {"a": {"path": str(run_a.path), "model": run_a.info().get("model")},
            "b": {"path": str(run_b.path), "model": run_b.info().get("model")},
            "metrics": metrics, "improved": better, "regressed": worse,
            "only_in_a": sorted(set(rows_a) - set(rows_b)), "only_in_b": sorted(set(rows_b) - set(rows_a))}
