"""One input file = one shard: read it, run the operator over its batches, write its outputs.

A shard writes its clean file, its flagged records and its fingerprints under temporary names
and its state file last; a shard whose state file exists is finished, so a stopped scan resumes
by skipping those (the checkpoint).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hegui.corpus.formats import InputFile
from hegui.corpus.operator import BatchResult, RecordOperator, ShardSpec
from hegui.corpus.fingerprint import BANDS
from hegui.corpus.readers import RawBatch, read_batches
from hegui.corpus.sample import Reservoir
from hegui.corpus.tally import Tally
from hegui.corpus.writers import clean_writer

WORK_DIR = ".hegui-scan"

# (spec, batches, threshold) → results in order; the engine decides where batches run.
BatchMapper = Callable[[ShardSpec, Iterator[RawBatch], Callable[[], int]], Iterator[BatchResult]]
ProgressFn = Callable[[int, int], None]
"""Called with (records done, bytes on disk done) increments."""


@dataclass(frozen=True, slots=True)
class ScanPaths:
    """Where a scan writes, under `--out DIR`."""

    out: Path

    @property
    def work(self) -> Path:
        return self.out / WORK_DIR

    @property
    def shards(self) -> Path:
        return self.work / "shards"

    @property
    def clean(self) -> Path:
        return self.out / "clean"

    def state(self, index: int) -> Path:
        return self.shards / f"{index:06d}.state.json"

    def flagged(self, index: int) -> Path:
        return self.shards / f"{index:06d}.flagged.jsonl"

    def fingerprints(self, index: int) -> Path:
        return self.shards / f"{index:06d}.fp.npz"


@dataclass(frozen=True, slots=True)
class ShardJob:
    index: int
    item: InputFile
    spec: ShardSpec
    sample_size: int


def in_process_mapper(operator: RecordOperator) -> BatchMapper:
    """Runs every batch here, one after the other (one worker, Ray actors)."""

    def run(spec: ShardSpec, batches: Iterator[RawBatch], threshold: Callable[[], int]) -> Iterator[BatchResult]:
        for batch in batches:
            yield operator.process(spec, batch, threshold())

    return run


def run_shard(job: ShardJob, paths: ScanPaths, mapper: BatchMapper, progress: ProgressFn) -> int:
    """Scan one file and leave its checkpoint; returns the records it held."""
    paths.shards.mkdir(parents=True, exist_ok=True)
    clean_path = paths.clean / job.item.rel
    clean_tmp = clean_path.with_name(clean_path.name + ".partial")
    flagged_tmp = paths.flagged(job.index).with_suffix(".partial")
    tally, reservoir = Tally(), Reservoir(job.sample_size)
    exact: list[np.ndarray] = []
    bands: list[np.ndarray] = []
    writer = clean_writer(clean_tmp, job.item)
    disk = 0
    try:
        with flagged_tmp.open("wb") as flagged:
            for result in mapper(job.spec, read_batches(job.item), lambda: reservoir.threshold):
                writer.write(result)
                flagged.write(result.flagged)
                tally.merge(result.tally)
                reservoir.extend(result.sample)
                exact.append(result.exact)
                bands.append(result.bands)
                progress(result.records, max(result.disk_pos - disk, 0))
                disk = max(disk, result.disk_pos)
    finally:
        writer.close()
    progress(0, max(job.item.size - disk, 0))
    os.replace(clean_tmp, clean_path)
    os.replace(flagged_tmp, paths.flagged(job.index))
    all_exact = np.concatenate(exact) if exact else np.zeros(0, dtype=np.uint64)
    all_bands = np.concatenate(bands) if bands else np.zeros((0, BANDS), dtype=np.uint64)
    fp_tmp = paths.shards / f"{job.index:06d}.fp.partial.npz"
    np.savez(fp_tmp, exact=all_exact, bands=all_bands)
    os.replace(fp_tmp, paths.fingerprints(job.index))
    state = {"index": job.index, "file": job.item.rel, "records": int(len(all_exact)),
             "tally": tally.to_json(), "sample": [[k, e] for k, e in reservoir.items()]}
    _write_json_atomic(paths.state(job.index), state)
    return int(len(all_exact))


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".partial")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def is_done(paths: ScanPaths, index: int) -> bool:
    return paths.state(index).is_file()


def load_state(paths: ScanPaths, index: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(paths.state(index).read_text(encoding="utf-8"))
    return data


def load_fingerprints(paths: ScanPaths, index: int) -> tuple[np.ndarray, np.ndarray]:
    with np.load(paths.fingerprints(index)) as data:
        return data["exact"], data["bands"]
