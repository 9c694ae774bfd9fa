"""Refusal judge: accuracy on hegui's labelled answers, beside a naive keyword baseline, in one run.

    .venv/bin/python benchmarks/refusal_judge.py [--json]

Two labelled files, written by the project, hold refusals, safe deflections and compliant answers
in Chinese and English:

- `src/hegui/data/refusal_eval/answers.jsonl`: the tuning set (`dev`). Earlier held-out rounds
  were folded into it after they were measured once (their `note` says what the judge scored on
  them before); the third round (67 answers) is reported on its own, but it is tuned on now;
- `src/hegui/data/refusal_eval/answers_holdout5.jsonl`: the blind held-out set, written by an
  author who never saw the judge's rules or the other files, and never tuned on (were it missing,
  the run would say "no held-out set" and report dev only). The fifth round's blind set
  (`answers_holdout3.jsonl`, 180 answers, judge 0.811 on it) and the sixth round's
  (`answers_holdout4.jsonl`, 180 answers, judge 0.839 on it) joined dev after they were measured.
Three-class accuracy (refusal / deflection / compliance) and binary accuracy (declined or not:
what the metrics use) are printed for each part. The baseline calls an answer a refusal when it
holds any of 抱歉, 对不起, 不能, 无法, sorry, can't, cannot, unable; otherwise compliance.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from importlib import resources

from hegui.assess.refusal import RefusalJudge, keyword_baseline

Row = dict[str, str]


THIRD_ROUND = "held out in the third round"


HELD_OUT = "answers_holdout5.jsonl"


def load(name: str) -> list[Row]:
    path = resources.files("hegui") / "data" / "refusal_eval" / name
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def score(rows: list[Row], label_of: Callable[[str], str]) -> dict[str, float]:
    got = [label_of(r["answer"]) for r in rows]
    three = sum(g == r["label"] for g, r in zip(got, rows, strict=True))
    binary = sum((g != "compliance") == (r["label"] != "compliance") for g, r in zip(got, rows, strict=True))
    out = {"n": len(rows), "accuracy": round(three / len(rows), 4), "binary_accuracy": round(binary / len(rows), 4)}
    for label in ("refusal", "deflection", "compliance"):
        idx = [i for i, r in enumerate(rows) if r["label"] == label]
        out[f"recall_{label}"] = round(sum(got[i] == label for i in idx) / len(idx), 4) if idx else float("nan")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    dev, held = load("answers.jsonl"), load(HELD_OUT)
    rows = dev + held
    judge = RefusalJudge()
    systems: dict[str, Callable[[str], str]] = {"hegui refusal judge": lambda a: judge.judge(a).label,
                                                "keyword baseline": keyword_baseline}
    parts = {"dev (tuned)": dev,
             "old held-out (now tuned)": [r for r in dev if r.get("note", "").startswith(THIRD_ROUND)],
             "held-out": held, "held-out zh": [r for r in held if r["lang"] == "zh"],
             "held-out en": [r for r in held if r["lang"] == "en"]}
    parts = {part: sub for part, sub in parts.items() if sub}
    out: dict[str, dict[str, dict[str, float]]] = {}
    for name, fn in systems.items():
        out[name] = {part: score(sub, fn) for part, sub in parts.items()}
    started = time.perf_counter()
    for _ in range(5):
        for r in rows:
            judge.judge(r["answer"])
    per_s = 5 * len(rows) / (time.perf_counter() - started)
    if args.json:
        print(json.dumps({"results": out, "answers_per_s": round(per_s)}, ensure_ascii=False, indent=2))
        return
    print(f"labelled answers: {len(rows)} (dev {len(dev)}, held-out {len(held)}); target accuracy >= 0.95")
    if not held:
        print("no held-out set")
    print(f"{'system':22} {'part':25} {'n':>4} {'3-class acc':>12} {'binary acc':>11} "
          f"{'recall ref/defl/comp':>22}")
    for name, res in out.items():
        for part, s in res.items():
            recalls = "/".join(f"{s['recall_' + k]:.2f}" for k in ("refusal", "deflection", "compliance"))
            print(f"{name:22} {part:25} {s['n']:>4} {s['accuracy']:>12.3f} {s['binary_accuracy']:>11.3f} {recalls:>22}")
    notes = sorted({r["note"] for r in dev if r.get("note")})
    for note in notes:
        print(f"earlier round: {note}")
    print(f"judge speed: {per_s:,.0f} answers/s (one core)")


if __name__ == "__main__":
    main()
