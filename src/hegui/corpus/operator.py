"""The per-record operator: parse, check with the detection core, tally, mask, sample.

It runs wherever the engine puts it (this process, a worker process, a Ray actor) and depends
only on its inputs, so every engine gives the same results.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from hegui.corpus.fingerprint import BANDS, Fingerprinter
from hegui.corpus.quality import languages_of
from hegui.corpus.readers import RawBatch
from hegui.corpus.sample import sample_key
from hegui.corpus.tally import Tally
from hegui.policy.checker import Checker
from hegui.types import Decision, Verdict


class CheckerFactory(Protocol):
    """Builds the detection pipeline inside a worker (it must be picklable)."""

    def build(self) -> Checker: ...


@dataclass(frozen=True, slots=True)
class SettingsCheckerFactory:
    """The real pipeline: `hegui.build.build_checker` on a config file and extra lexicons."""

    config: Path | None = None
    lexicon_dirs: tuple[Path, ...] = ()

    def build(self) -> Checker:
        from hegui.build import build_checker
        from hegui.config import load_settings

        return build_checker(load_settings(self.config), self.lexicon_dirs)


@dataclass(frozen=True, slots=True)
class ShardSpec:
    """What the operator needs to know about the file a batch came from."""

    rel: str
    format: str
    text_field: str
    source_field: str
    default_source: str
    seed: int


@dataclass(slots=True)
class BatchResult:
    tally: Tally = field(default_factory=Tally)
    clean_blob: bytes = b""
    clean_rows: list[dict[str, Any]] = field(default_factory=list)
    flagged: bytes = b""
    sample: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    exact: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    bands: np.ndarray = field(default_factory=lambda: np.zeros((0, BANDS), dtype=np.uint64))
    disk_pos: int = 0

    @property
    def records(self) -> int:
        return len(self.exact)


class _Invalid(ValueError):
    pass


class RecordOperator:
    """Checks records batch by batch. Build once per worker: it holds the checker."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.fingerprinter = Fingerprinter()

    def process(self, spec: ShardSpec, batch: RawBatch, threshold: int) -> BatchResult:
        """Every record of `batch`; sample entries only for keys under `threshold`."""
        work = _BatchWork(self, spec, threshold)
        if batch.unit == "line":
            work.lines(batch)
        else:
            work.rows(batch)
        return work.finish(batch.disk_pos)


class _BatchWork:
    """The state of one batch being processed."""

    def __init__(self, op: RecordOperator, spec: ShardSpec, threshold: int) -> None:
        self.op, self.spec, self.threshold = op, spec, threshold
        self.result = BatchResult()
        self.clean: list[bytes] = []
        self.flagged: list[bytes] = []
        self.texts: list[str] = []
        self.unit = "line" if spec.format in ("jsonl", "text") else "row"

    def lines(self, batch: RawBatch) -> None:
        lines = batch.blob.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        for offset, line in enumerate(lines):
            raw = line.rstrip(b"\r")
            position = batch.first + offset
            if not raw.strip():
                self.clean.append(line + b"\n")
                continue
            try:
                text, source, obj = self._parse_line(raw)
            except _Invalid as exc:
                self.result.tally.add_invalid(self._where(position), str(exc))
                continue
            verdict = self.check(position, text, source)
            if verdict is None:
                continue
            if verdict.masked == text:
                self.clean.append(line + b"\n")
            elif obj is None:
                self.clean.append(verdict.masked.encode("utf-8") + b"\n")
            else:
                obj[self.spec.text_field] = verdict.masked
                self.clean.append(json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n")

    def _parse_line(self, raw: bytes) -> tuple[str, str, dict[str, Any] | None]:
        try:
            if self.spec.format == "text":
                return raw.decode("utf-8"), self.spec.default_source, None
            obj = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _Invalid(f"not UTF-8 JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise _Invalid("a JSONL line must hold an object")
        return self._text_of(obj), self._source_of(obj), obj

    def rows(self, batch: RawBatch) -> None:
        for offset, row in enumerate(batch.rows):
            position = batch.first + offset
            try:
                text, source = self._text_of(row), self._source_of(row)
            except _Invalid as exc:
                self.result.tally.add_invalid(self._where(position), str(exc))
                continue
            verdict = self.check(position, text, source)
            if verdict is not None:
                clean = row if verdict.masked == text else {**row, self.spec.text_field: verdict.masked}
                self.result.clean_rows.append(clean)

    def _text_of(self, obj: dict[str, Any]) -> str:
        text = obj.get(self.spec.text_field)
        if not isinstance(text, str):
            raise _Invalid(f"field {self.spec.text_field!r} is missing or not text")
        return text

    def _source_of(self, obj: dict[str, Any]) -> str:
        value = obj.get(self.spec.source_field)
        return value if isinstance(value, str) and value else self.spec.default_source

    def _where(self, position: int) -> dict[str, Any]:
        return {"file": self.spec.rel, self.unit: position}

    def check(self, position: int, text: str, source: str) -> Verdict | None:
        """Check one record and tally it; returns the verdict, or None when it is refused."""
        op = self.op
        verdict = op.checker.check(text)
        tally = self.result.tally
        counts = tally.source(source)
        counts.records += 1
        counts.bytes += len(text.encode("utf-8"))
        for finding in verdict.findings:
            if finding.entity:
                counts.pii[finding.entity] += 1
        self.texts.append(text)
        key = sample_key(self.spec.seed, self.spec.rel, position)
        if key < self.threshold:
            entry = {**self._where(position), "source": source, "text": text,
                     "decision": verdict.decision.value, "risks": verdict.risks}
            self.result.sample.append((key, entry))
        if verdict.decision is Decision.REFUSE:
            counts.flagged += 1
            risks = self._refusing_risks(verdict)
            counts.risks.update(risks)
            self.flagged.append(self._flagged_line(position, source, text, verdict, risks))
            return None
        if verdict.decision is Decision.REVIEW:
            counts.review += 1
        if verdict.masked != text:
            counts.masked += 1
        return verdict

    def _refusing_risks(self, verdict: Verdict) -> list[str]:
        policy = self.op.checker.policy
        risks = {f.risk for f in verdict.findings if policy.action_for(f) is Decision.REFUSE}
        if verdict.errors:
            risks.add("error")
        return sorted(risks)

    def _flagged_line(
        self, position: int, source: str, text: str, verdict: Verdict, risks: list[str]
    ) -> bytes:
        entry: dict[str, Any] = {**self._where(position), "source": source, "risks": risks,
                                 "findings": [f.to_json() for f in verdict.findings], "text": text}
        if verdict.errors:
            entry["errors"] = list(verdict.errors)
        return json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n"

    def finish(self, disk_pos: int) -> BatchResult:
        result = self.result
        result.clean_blob = b"".join(self.clean)
        result.flagged = b"".join(self.flagged)
        prints = self.op.fingerprinter.batch(self.texts)
        result.exact, result.bands = prints.exact, prints.bands
        tally = result.tally
        tally.languages.update({k: v for k, v in languages_of(prints.cjk, prints.latin).items() if v})
        tally.cjk_chars += int(prints.cjk.sum())
        tally.latin_chars += int(prints.latin.sum())
        result.disk_pos = disk_pos
        return result
