"""The starter data: covers the 31 risks plus safe, and the shipped file is what the code builds."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hegui.classify.dataset import read_jsonl
from hegui.classify.local_classifier import starter_model_dir
from hegui.classify.seed_data import build, main
from hegui.taxonomy import STANDARD_RISKS


def test_covers_every_risk_and_safe() -> None:
    rows = build()
    counts = Counter(label for r in rows for label in r["labels"])  # type: ignore[attr-defined]
    assert set(counts) == {*STANDARD_RISKS, "safe"} and len(STANDARD_RISKS) == 31
    assert min(counts.values()) >= 40
    assert len({r["text"] for r in rows}) > 0.95 * len(rows)
    assert any(str(r["text"]).isascii() for r in rows)  # some English


def test_shipped_file_matches_the_generator(tmp_path: Path) -> None:
    assert main([str(tmp_path / "s.jsonl")]) == 0
    shipped = starter_model_dir().parent / "starter.jsonl"
    assert (tmp_path / "s.jsonl").read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
    assert len(read_jsonl(shipped)) == len(build())
    meta = json.loads((starter_model_dir() / "model.json").read_text(encoding="utf-8"))
    assert meta["info"]["examples"] == len(build())
