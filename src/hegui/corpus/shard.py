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

from hegui.corpus.fingerprint import BANDS
from hegui.corpus.formats import InputFile
from hegui.corpus.operator import BatchResult, RecordOperator, ShardSpec
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

    def exact(self, index: int) -> Path:
        return self.shards / f"{index:06d}.exact.npy"

    def bands(self, index: int) -> Path:
        return self.shards / f"{index:06d}.bands.npy"


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


class ShardSink:
    """Collects the results of one shard's batches, in order, and writes its outputs.

    Opening a sink opens the shard's temporary files; `close()` finishes the shard and writes
    its checkpoint; `abort()` leaves no checkpoint (the shard is redone on the next run).
    """

    def __init__(
        self, job: ShardJob, paths: ScanPaths, progress: ProgressFn, shared: Reservoir | None = None
    ) -> None:
        paths.shards.mkdir(parents=True, exist_ok=True)
        self.job, self.paths, self.progress = job, paths, progress
        self.reservoir = Reservoir(job.sample_size)
        self._shared = shared
        self._tally = Tally()
        self._exact: list[np.ndarray] = []
        self._bands: list[np.ndarray] = []
        self._disk = 0
        self._clean_path = paths.clean / job.item.rel
        self._clean_tmp = self._clean_path.with_name(self._clean_path.name + ".partial")
        self._flagged_tmp = paths.flagged(job.index).with_suffix(".partial")
        self._writer = clean_writer(self._clean_tmp, job.item)
        self._flagged = self._flagged_tmp.open("wb")

    def threshold(self) -> int:
        """Keys at or above this cannot be in the final sample.

        The shard's own bottom-k bound, tightened by the bottom-k of everything this run has
        seen (`shared`): a k-th smallest key over part of the corpus is never below the one
        over all of it, so pruning with it never drops a record the final sample needs.
        """
        if self._shared is None:
            return self.reservoir.threshold
        return min(self.reservoir.threshold, self._shared.threshold)

    def add(self, result: BatchResult) -> None:
        self._writer.write(result)
        self._flagged.write(result.flagged)
        self._tally.merge(result.tally)
        limit = self.threshold()
        for key, entry in result.sample:
            if key < limit:
                self.reservoir.offer(key, entry)
                if self._shared is not None:
                    self._shared.offer(key, entry)
        self._exact.append(result.exact)
        self._bands.append(result.bands)
        self.progress(result.records, max(result.disk_pos - self._disk, 0))
        self._disk = max(self._disk, result.disk_pos)

    def abort(self) -> None:
        self._writer.close()
        self._flagged.close()

    def close(self) -> int:
        """Finish the shard (outputs renamed into place, then the checkpoint); its records."""
        job, paths = self.job, self.paths
        self.abort()
        self.progress(0, max(job.item.size - self._disk, 0))
        os.replace(self._clean_tmp, self._clean_path)
        os.replace(self._flagged_tmp, paths.flagged(job.index))
        exact = np.concatenate(self._exact) if self._exact else np.zeros(0, dtype=np.uint64)
        bands = np.concatenate(self._bands) if self._bands else np.zeros((0, BANDS), dtype=np.uint64)
        for target, array in ((paths.exact(job.index), exact), (paths.bands(job.index), bands)):
            tmp = target.with_name(target.name + ".partial.npy")
            np.save(tmp, array)
            os.replace(tmp, target)
        state = {"index": job.index, "file": job.item.rel, "records": len(exact),
                 "tally": self._tally.to_json(),
                 "sample": [[k, e] for k, e in self.reservoir.items()]}
        _write_json_atomic(paths.state(job.index), state)
        return len(exact)


def run_shard(
    job: ShardJob,
    paths: ScanPaths,
    mapper: BatchMapper,
    progress: ProgressFn,
    shared: Reservoir | None = None,
) -> int:
    """Scan one file and leave its checkpoint; returns the records it held."""
    sink = ShardSink(job, paths, progress, shared)
    try:
        for result in mapper(job.spec, read_batches(job.item), sink.threshold):
            sink.add(result)
    except BaseException:
        sink.abort()
        raise
    return sink.close()


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".partial")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def is_done(paths: ScanPaths, index: int) -> bool:
    return paths.state(index).is_file()


def load_state(paths: ScanPaths, index: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(paths.state(index).read_text(encoding="utf-8"))
    return data


def load_exact(paths: ScanPaths, index: int) -> np.ndarray:
    """The shard's exact-text hashes, memory-mapped."""
    array: np.ndarray = np.load(paths.exact(index), mmap_mode="r")
    return array


def load_bands(paths: ScanPaths, index: int) -> np.ndarray:
    """The shard's LSH band hashes (records × BANDS), memory-mapped."""
    array: np.ndarray = np.load(paths.bands(index), mmap_mode="r")
    return array
