"""The files of one run folder, and reading them back safely.

RUN/run.json       what was asked (endpoint, model, bank, sample, seed) — fixed at the first start
RUN/plan.json      the ordered question ids of this run (a resumed run asks the same ones)
RUN/results.jsonl  append-only, one line per answered question with every judgement
RUN/errors.jsonl   questions that failed after every retry (asked again on the next start)
RUN/review.jsonl   people's marks imported from review sheets (the last mark of an id wins)
RUN/metrics.json   the metrics, rewritten after each run and each review import
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class RunError(ValueError):
    """A run folder cannot be used as asked."""


@dataclass(frozen=True, slots=True)
class RunDir:
    path: Path

    @property
    def run_json(self) -> Path:
        return self.path / "run.json"

    @property
    def plan(self) -> Path:
        return self.path / "plan.json"

    @property
    def results(self) -> Path:
        return self.path / "results.jsonl"

    @property
    def errors(self) -> Path:
        return self.path / "errors.jsonl"

    @property
    def review(self) -> Path:
        return self.path / "review.jsonl"

    @property
    def metrics(self) -> Path:
        return self.path / "metrics.json"

    def require(self) -> RunDir:
        if not self.results.exists() or not self.run_json.exists():
            raise RunError(f"{self.path} is not a run folder (no run.json / results.jsonl)")
        return self

    def info(self) -> dict[str, Any]:
        data = json.loads(self.run_json.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise RunError(f"{self.run_json} is not a JSON object")
        return data


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every complete JSON line; a torn last line (a run killed mid-write) is skipped."""
    if not path.exists():
        return []
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        lines = fh.readlines()
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            if n == len(lines) - 1 and not line.endswith("\n"):
                break  # torn tail: the run stopped while writing it
            raise RunError(f"{path}: line {n + 1} is not JSON") from None
    return rows


def repair_tail(path: Path) -> None:
    """Cut a torn last line so that appending starts on a fresh line."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 1))
        if fh.read(1) == b"\n":
            return
        fh.seek(0)
        data = fh.read()
        cut = data.rfind(b"\n") + 1
        fh.truncate(cut)


def results_by_id(run: RunDir) -> dict[str, dict[str, Any]]:
    """Answered questions by id (the last line of an id wins)."""
    return {str(r["id"]): r for r in read_jsonl(run.results)}


def merged_rows(run: RunDir) -> list[dict[str, Any]]:
    """Result rows in plan order with people's marks attached as `manual`."""
    rows = results_by_id(run)
    marks = {str(m["id"]): m for m in read_jsonl(run.review)}
    order = json.loads(run.plan.read_text(encoding="utf-8")) if run.plan.exists() else list(rows)
    out: list[dict[str, Any]] = []
    for qid in order:
        row = rows.get(qid)
        if row is None:
            continue
        if qid in marks:
            row = {**row, "manual": marks[qid]}
        out.append(row)
    return out


def write_json(path: Path, data: object) -> None:
    """Write JSON atomically (a reader never sees half a file)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
