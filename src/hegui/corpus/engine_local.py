"""The local engine: every core of this machine, with processes.

Each worker process builds its checker once (in the pool initializer). Batches go out in order
and results come back in order through a bounded window, so memory stays flat however large a
file is, and the output is the same with 1 or N workers.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context

from hegui.corpus.operator import BatchResult, CheckerFactory, RecordOperator, ShardSpec
from hegui.corpus.readers import RawBatch
from hegui.corpus.shard import ProgressFn, ScanPaths, ShardJob, in_process_mapper, run_shard

# A worker process holds exactly one operator, built by the pool initializer: per-process state,
# which is what a process pool is for (never read in the parent process).
_WORKER: list[RecordOperator] = []


def _init_worker(factory: CheckerFactory) -> None:
    _WORKER.append(RecordOperator(factory.build()))


def _process(spec: ShardSpec, batch: RawBatch, threshold: int) -> BatchResult:
    return _WORKER[0].process(spec, batch, threshold)


def default_workers() -> int:
    return max(len(os.sched_getaffinity(0)), 1)


class LocalEngine:
    """Runs shards one after the other, the batches of each spread over `workers` processes."""

    def __init__(self, factory: CheckerFactory, workers: int | None = None) -> None:
        self.factory = factory
        self.workers = workers or default_workers()

    def run(self, jobs: Sequence[ShardJob], paths: ScanPaths, progress: ProgressFn) -> None:
        if self.workers == 1:
            mapper = in_process_mapper(RecordOperator(self.factory.build()))
            for job in jobs:
                run_shard(job, paths, mapper, progress)
            return
        context = get_context("forkserver" if _threads_running() else "fork")
        with ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init_worker, initargs=(self.factory,)
        ) as pool:
            window = 2 * self.workers + 2

            def mapper(
                spec: ShardSpec, batches: Iterator[RawBatch], threshold: Callable[[], int]
            ) -> Iterator[BatchResult]:
                pending: deque[Future[BatchResult]] = deque()
                for batch in batches:
                    pending.append(pool.submit(_process, spec, batch, threshold()))
                    if len(pending) >= window:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()

            for job in jobs:
                run_shard(job, paths, mapper, progress)


def _threads_running() -> bool:
    """Forking a process that runs other threads can deadlock; use a fork server then."""
    import threading

    return threading.active_count() > 1
