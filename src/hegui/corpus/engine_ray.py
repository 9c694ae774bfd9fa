"""The Ray engine: the same shard operator on Ray Data, for clusters.

Each input file is one Ray Data row; actors (each builds its checker once) scan whole shards
and write their outputs straight into `--out` (on a cluster that folder must be shared storage:
NFS, a mounted bucket). The driver aggregates exactly like the local engine, so both give the
same report. Actors take a fractional CPU: with whole CPUs the read tasks of Ray Data starve and
`map_batches` deadlocks on small machines.
"""

from __future__ import annotations

import gc
import warnings
from typing import Any

from hegui.corpus.operator import CheckerFactory, RecordOperator
from hegui.corpus.shard import ProgressFn, ScanPaths, ShardJob, in_process_mapper, run_shard

ACTOR_CPUS = 0.5


class _ShardActor:
    """A Ray actor: builds the operator once, then scans the shards it is given."""

    def __init__(self, factory: CheckerFactory, paths: ScanPaths, jobs: dict[int, ShardJob]) -> None:
        self._mapper = in_process_mapper(RecordOperator(factory.build()))
        gc.freeze()  # the actor's process is ours: keep the checker's tables out of GC scans
        self._paths = paths
        self._jobs = jobs

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[int]]:
        indexes = [int(i) for i in batch["index"]]
        records = []
        sizes = []
        for index in indexes:
            job = self._jobs[index]
            records.append(run_shard(job, self._paths, self._mapper, lambda r, b: None))
            sizes.append(job.item.size)
        return {"index": indexes, "records": records, "bytes": sizes}


class RayEngine:
    """Runs shards on Ray (a cluster by address, or a local Ray started and stopped here)."""

    def __init__(self, factory: CheckerFactory, workers: int | None = None, address: str | None = None) -> None:
        self.factory = factory
        self.workers = workers
        self.address = address

    def run(self, jobs: list[ShardJob], paths: ScanPaths, progress: ProgressFn) -> None:
        try:
            import ray
        except ImportError:
            raise RuntimeError(
                "the Ray engine needs Ray: pip install 'hegui[ray]' (需要安装 ray[data])"
            ) from None
        started_here = not ray.is_initialized()
        if started_here:
            ray.init(address=self.address, include_dashboard=False, log_to_driver=False)
        try:
            with warnings.catch_warnings():
                # Ray Data warns about its own deprecated defaults while building its context.
                warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"ray(\.|$)")
                self._run(ray, jobs, paths, progress)
        finally:
            if started_here:
                ray.shutdown()

    def _run(self, ray: Any, jobs: list[ShardJob], paths: ScanPaths, progress: ProgressFn) -> None:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        actors = self.workers or max(int(ray.cluster_resources().get("CPU", 1)), 1)
        actors = min(actors, len(jobs))
        dataset = ray.data.from_items([{"index": job.index} for job in jobs], override_num_blocks=len(jobs))
        scanned = dataset.map_batches(
            _ShardActor,
            fn_constructor_args=(self.factory, paths, {job.index: job for job in jobs}),
            batch_size=1,
            concurrency=actors,
            num_cpus=ACTOR_CPUS,
        )
        for row in scanned.iter_rows():
            progress(int(row["records"]), int(row["bytes"]))
