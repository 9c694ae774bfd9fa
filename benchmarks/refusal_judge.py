"""Refusal judge: accuracy on hegui's labelled answers, beside the rules alone and a naive keyword
baseline, in one run.

    .venv/bin/python benchmarks/refusal_judge.py [--json] [--cv]

Two labelled files, written for the project, hold refusals, safe deflections and compliant
answers in Chinese and English:

- `src/hegui/data/refusal_eval/answers.jsonl`: the training set. The shipped model
  (`src/hegui/data/refusal_model/`) is trained on it, and the rules were tuned on 885 of its
  first 1,065 answers (rounds 1-6; the third blind set, h5, never). Each row's `note` says which round and author it comes from;
- `src/hegui/data/refusal_eval/answers_blind7.jsonl`: the blind held-out set, 600 answers by two
  authors who never saw the judge, its rules, its model or any other labelled file. Nothing was
  tuned on it; it was measured once with the final model (were it missing, the run would say
  "no held-out set" and report the training set only).

Three-class accuracy (refusal / deflection / compliance) and binary accuracy (declined or not:
what the metrics use) are printed for each part. The baseline calls an answer a refusal when it
holds any of 抱歉, 对不起, 不能, 无法, sorry, can't, cannot, unable; otherwise compliance.

`--cv` adds leave-one-author-out cross-validation on the training set: for each of its 17 named
authors (the earlier blind sets h3-h5 and round 7's t1-t14), a model trained on everyone else's
answers judges that author's answers (about 2.5 minutes).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from importlib import resources

from hegui.assess import refusal_model
from hegui.assess.refusal import LABELS, RefusalJudge, keyword_baseline
from hegui.assess.refusal_model import LabelledAnswer

Row = dict[str, str]

HELD_OUT = "answers_blind7.jsonl"


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
    for label in LABELS:
        idx = [i for i, r in enumerate(rows) if r["label"] == label]
        out[f"recall_{label}"] = round(sum(got[i] == label for i in idx) / len(idx), 4) if idx else float("nan")
    return out


def author(row: Row) -> str:
    """The author group of a row: its id prefix (blind sets h3-h5, round-7 authors t1…t14), else "early"."""
    prefix = row["id"].split("-")[0]
    return prefix if prefix in ("h3", "h4", "h5") or (prefix[0] == "t" and prefix[1:].isdigit()) else "early"


def cross_validate(dev: list[Row]) -> dict[str, dict[str, float]]:
    """Leave one author out: train on the others, judge that author's answers."""
    out: dict[str, dict[str, float]] = {}
    for group in sorted({author(r) for r in dev} - {"early"}, key=lambda g: (g[0], int(g[1:]))):
        train = [LabelledAnswer(r["answer"], r["label"]) for r in dev if author(r) != group]  # type: ignore[arg-type]
        judge = RefusalJudge(refusal_model.train(train))
        out[group] = score([r for r in dev if author(r) == group], lambda a, j=judge: j.judge(a).label)
    return out


def speed(judge: RefusalJudge, rows: list[Row]) -> float:
    started = time.perf_counter()
    for r in rows:
        judge.judge(r["answer"])
    return len(rows) / (time.perf_counter() - started)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cv", action="store_true", help="leave-one-author-out cross-validation (slow)")
    args = ap.parse_args()
    dev, held = load("answers.jsonl"), load(HELD_OUT)
    judge, rules = RefusalJudge(), RefusalJudge(rules_only=True)
    systems: dict[str, Callable[[str], str]] = {"hegui refusal judge": lambda a: judge.judge(a).label,
                                                "rules alone": lambda a: rules.judge(a).label,
                                                "keyword baseline": keyword_baseline}
    parts = {"training set": dev, "blind held-out": held,
             "blind zh": [r for r in held if r["lang"] == "zh"], "blind en": [r for r in held if r["lang"] == "en"]}
    for group in sorted({r["id"].split("-")[0] for r in held}):
        parts[f"blind author {group}"] = [r for r in held if r["id"].startswith(group + "-")]
    parts = {part: sub for part, sub in parts.items() if sub}
    out: dict[str, dict[str, dict[str, float]]] = {}
    for name, fn in systems.items():
        out[name] = {part: score(sub, fn) for part, sub in parts.items()}
    sample = (dev + held)[:3000]
    per_s = {"hegui refusal judge": round(speed(judge, sample)), "rules alone": round(speed(rules, sample))}
    cv = cross_validate(dev) if args.cv else {}
    if args.json:
        print(json.dumps({"results": out, "answers_per_s": per_s, "leave_one_author_out": cv},
                         ensure_ascii=False, indent=2))
        return
    print(f"labelled answers: {len(dev) + len(held)} (training {len(dev)}, blind held-out {len(held)}); "
          "target accuracy >= 0.95")
    if not held:
        print("no held-out set")
    print(f"{'system':22} {'part':22} {'n':>5} {'3-class acc':>12} {'binary acc':>11} {'recall ref/defl/comp':>22}")
    for name, res in out.items():
        for part, s in res.items():
            recalls = "/".join(f"{s['recall_' + k]:.2f}" for k in LABELS)
            print(f"{name:22} {part:22} {s['n']:>5} {s['accuracy']:>12.3f} {s['binary_accuracy']:>11.3f} {recalls:>22}")
    if cv:
        print("leave one author out (trained without that author's answers):")
        for group, s in cv.items():
            print(f"  {group:5} n={s['n']:>4} accuracy {s['accuracy']:.3f} binary {s['binary_accuracy']:.3f}")
        print(f"  mean accuracy {sum(s['accuracy'] for s in cv.values()) / len(cv):.3f}")
    for name, value in per_s.items():
        print(f"speed, {name}: {value:,} answers/s (one core)")


if __name__ == "__main__":
    main()
