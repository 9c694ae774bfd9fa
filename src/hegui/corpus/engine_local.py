"""The local engine: every core of this machine, with processes.

Each worker process builds its checker once (in the pool initializer). Batches go out in order
and results come back in order through a bounded window, so memory stays flat however large a
file is, and the output is the same with 1 or N workers.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context

from hegui.corpus.operator import BatchResult, CheckerFactory, RecordOperator, ShardSpec
from hegui.corpus.readers import RawBatch, read_batches
from hegui.corpus.sample import Reservoir
from hegui.corpus.shard import (
    ProgressFn,
    ScanPaths,
    ShardJob,
    ShardSink,
    in_process_mapper,
    run_shard,
)

# A worker process holds exactly one operator, built by the pool initializer: per-process state,
# which is what a process pool is for (never read in the parent process).
_WORKER: list[RecordOperator] = []


def _init_worker(factory: CheckerFactory) -> None:
    _WORKER.append(RecordOperator(factory.build()))
    gc.freeze()  # see _adopt_worker


def _adopt_worker(operator: RecordOperator) -> None:
    _WORKER.append(operator)
    # The checker's tables are large and live as long as the worker: keeping them out of the
    # garbage collector's scans saves ~10% CPU (and, after fork, keeps their pages shared).
    gc.freeze()


def _process(spec: ShardSpec, batch: RawBatch, threshold: int) -> BatchResult:
    return _WORKER[0].process(spec, batch, threshold)


def default_workers() -> int:
    return max(len(os.sched_getaffinity(0)), 1)


class LocalEngine:
    """Spreads the batches of every shard over `workers` processes (one: all in this process)."""

    def __init__(self, factory: CheckerFactory, workers: int | None = None) -> None:
        self.factory = factory
        self.workers = workers or default_workers()

    def run(self, jobs: Sequence[ShardJob], paths: ScanPaths, progress: ProgressFn) -> None:
        if self.workers == 1:
            mapper = in_process_mapper(RecordOperator(self.factory.build()))
            shared = Reservoir(jobs[0].sample_size) if jobs else None
            gc.freeze()  # as in the workers; undone below, this process is the caller's
            try:
                for job in jobs:
                    run_shard(job, paths, mapper, progress, shared)
            finally:
                gc.unfreeze()
            return
        method = "forkserver" if _threads_running() else "fork"
        with self._pool(method) as pool:
            gc.freeze()
            try:
                _pipeline(pool, jobs, paths, progress, window=2 * self.workers + 2)
            finally:
                gc.unfreeze()

    def _pool(self, method: str) -> ProcessPoolExecutor:
        if method == "fork":
            # Build the checker once here; forked workers inherit it instead of each spending
            # seconds on tables and keyword databases (fork passes it without pickling).
            operator = RecordOperator(self.factory.build())
            return ProcessPoolExecutor(self.workers, mp_context=get_context("fork"),
                                       initializer=_adopt_worker, initargs=(operator,))
        return ProcessPoolExecutor(self.workers, mp_context=get_context(method),
                                   initializer=_init_worker, initargs=(self.factory,))


_Slot = tuple[ShardSink, "Future[BatchResult] | None"]


def _tagged(jobs: Sequence[ShardJob], paths: ScanPaths, progress: ProgressFn) -> Iterator[tuple[ShardSink, RawBatch | None]]:
    """Every batch of every shard in order, each shard's batches followed by an end marker."""
    shared = Reservoir(jobs[0].sample_size) if jobs else None
    for job in jobs:
        sink = ShardSink(job, paths, progress, shared)
        for batch in read_batches(job.item):
            yield sink, batch
        yield sink, None


def _pipeline(pool: ProcessPoolExecutor, jobs: Sequence[ShardJob], paths: ScanPaths,
              progress: ProgressFn, window: int) -> None:
    """Keeps `window` batches in flight across shard boundaries (many small files still use
    every worker); results are consumed strictly in order, so outputs do not depend on timing."""
    pending: deque[_Slot] = deque()
    open_sinks: list[ShardSink] = []

    def consume_front() -> None:
        sink, future = pending.popleft()
        if future is None:
            sink.close()
            open_sinks.remove(sink)
        else:
            sink.add(future.result())

    try:
        for sink, batch in _tagged(jobs, paths, progress):
            if not open_sinks or open_sinks[-1] is not sink:
                open_sinks.append(sink)
            future = None if batch is None else pool.submit(_process, sink.job.spec, batch, sink.threshold())
            pending.append((sink, future))
            while pending and (len(pending) >= window or pending[0][1] is None):
                consume_front()
        while pending:
            consume_front()
    except BaseException:
        for sink in open_sinks:
            sink.abort()
        raise


def _threads_running() -> bool:
    """Forking a process that runs other threads can deadlock; use a fork server then."""
    import threading

    return threading.active_count() > 1
