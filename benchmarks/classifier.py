"""Local classifier: training and inference speed (texts/s per core) and accuracy (micro/macro F1)
on held-out splits of hegui's own starter data, beside the lexicon-only baseline, in one run.

    .venv/bin/python benchmarks/classifier.py [--quick] [--json]

Two held-out splits: `lines` (25% of lines, stratified by label; lines share templates with the
training part, so this is optimistic) and `templates` (25% of each label's templates held out
whole: phrasings never seen in training, a fairer test). The baseline is the built-in keyword lexicon
alone (`hegui.detect.registry` with PII and prompt-attack patterns off), scored on the same
held-out texts. BLAS runs on one thread, so texts/s is per core; inference figures time
the detector on already-normalised text (normalisation is done once per text for all detectors).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy loads: figures are per core
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

from hegui.classify.config import LocalClassifierConfig
from hegui.classify.dataset import Example, read_jsonl, split
from hegui.classify.linear_model import LinearModel
from hegui.classify.local_classifier import LocalClassifierDetector
from hegui.classify.metrics import evaluate
from hegui.classify.seed_data import build_grouped
from hegui.classify.train import train
from hegui.config import settings_from_mapping
from hegui.detect.registry import build_detectors
from hegui.taxonomy import RISK_BY_CODE
from hegui.text.normalize import default_normalizer

STARTER = Path(__file__).resolve().parents[1] / "src/hegui/data/classifier/starter.jsonl"


def template_split(seed: int = 0) -> tuple[list[Example], list[Example]]:
    rows = build_grouped()
    by_label: dict[str, list[str]] = {}
    for group in sorted({g for _, g in rows}):
        by_label.setdefault(group.split("#")[0], []).append(group)
    rng = random.Random(seed)
    held: set[str] = set()
    for groups in by_label.values():
        rng.shuffle(groups)
        held.update(groups[: max(1, len(groups) // 4)])
    def ex(r: dict[str, object]) -> Example:
        return Example(str(r["text"]), tuple(r["labels"]))  # type: ignore[arg-type]
    return [ex(r) for r, g in rows if g not in held], [ex(r) for r, g in rows if g in held]


def lexicon_predictions(texts: Sequence[str]) -> tuple[list[list[str]], list[str]]:
    """Risks the built-in keyword lexicon finds (PII and prompt-attack patterns switched off)."""
    norm = default_normalizer()
    settings = settings_from_mapping({"detection": {"pii": False, "prompt_attacks": False}})
    try:
        detectors = build_detectors(settings, norm)
    except ImportError as exc:  # the lexicon module is not in this tree yet
        print(f"baseline unavailable: {exc}")
        detectors = []
    preds = []
    for text in texts:
        n = norm.normalize(text)
        found = {f.risk for d in detectors for f in d.detect(n) if f.risk in RISK_BY_CODE}
        preds.append(sorted(found))
    return preds, [d.name for d in detectors]


def classifier_predictions(model: LinearModel, texts: Sequence[str]) -> tuple[list[list[str]], float]:
    """Predictions through the detector (one text per call, as in service) and texts/s."""
    det = LocalClassifierDetector(LocalClassifierConfig(type="local_classifier"), model=model)
    norm = default_normalizer()
    normed = [norm.normalize(t) for t in texts]
    started = time.perf_counter()
    preds = [sorted({f.risk for f in det.detect(n)}) for n in normed]
    return preds, len(texts) / (time.perf_counter() - started)


def run_split(name: str, tr: list[Example], te: list[Example], repeat: int) -> dict[str, object]:
    started = time.perf_counter()
    model = train(tr)
    train_s = time.perf_counter() - started
    texts = [e.text for e in te] * repeat
    preds, per_text = classifier_predictions(model, texts)
    truth = [e.labels for e in te] * repeat
    normed = [default_normalizer().normalize(t).text for t in texts]
    batch_started = time.perf_counter()
    model.scores(normed)
    batch = len(texts) / (time.perf_counter() - batch_started)
    lex_preds, lex_names = lexicon_predictions([e.text for e in te])
    clf = evaluate(truth[: len(te)], preds[: len(te)])
    lex = evaluate([e.labels for e in te], lex_preds)
    return {
        "split": name, "train_texts": len(tr), "held_out_texts": len(te),
        "train_seconds": round(train_s, 2), "train_texts_per_s": round(len(tr) / train_s, 1),
        "infer_texts_per_s": round(per_text, 1), "batch_texts_per_s": round(batch, 1),
        "classifier": {"micro": clf["micro"], "macro": clf["macro"]},
        "lexicon": {"micro": lex["micro"], "macro": lex["macro"], "detectors": lex_names},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer inference repetitions")
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args()
    repeat = 1 if args.quick or os.environ.get("HEGUI_BENCH_QUICK") else 5
    results = [
        run_split("lines", *split(read_jsonl(STARTER), 0.25, seed=1), repeat),
        run_split("templates", *template_split(), repeat),
    ]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"{'split':10} {'train/s':>8} {'infer/s':>8} {'batch/s':>8} | "
          f"{'clf µF1':>7} {'clf MF1':>7} | {'lex µF1':>7} {'lex MF1':>7}")
    for r in results:
        c, lx = r["classifier"], r["lexicon"]
        print(f"{r['split']:10} {r['train_texts_per_s']:8} {r['infer_texts_per_s']:8} "
              f"{r['batch_texts_per_s']:8} | {c['micro']['f1']:7.3f} {c['macro']['f1']:7.3f} | "  # type: ignore[index]
              f"{lx['micro']['f1']:7.3f} {lx['macro']['f1']:7.3f}")  # type: ignore[index]
    names = results[0]["lexicon"]["detectors"]  # type: ignore[index]
    print(f"baseline detectors: {', '.join(names) or '(none built in yet)'}; "  # type: ignore[arg-type]
          f"held-out texts: {results[0]['held_out_texts']} (lines), {results[1]['held_out_texts']} (templates)")


if __name__ == "__main__":
    main()
