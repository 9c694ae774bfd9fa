"""`hegui corpus scan`: discover inputs, run an engine over the pending shards, aggregate.

Outputs under `--out DIR`: report.json, flagged.jsonl, manual_sample.jsonl/.xlsx, clean/.
A scan that stops leaves finished shards in DIR/.hegui-scan; running the same command again
skips them and produces the same outputs as an uninterrupted run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from hegui.corpus.aggregate import build_report, duplicates, merge_shards, write_flagged
from hegui.corpus.formats import InputFile, discover
from hegui.corpus.ledger import Ledger, load_ledger
from hegui.corpus.operator import CheckerFactory, ShardSpec
from hegui.corpus.progress import ScanProgress
from hegui.corpus.shard import ProgressFn, ScanPaths, ShardJob, is_done
from hegui.corpus.writers import write_jsonl, write_sample_xlsx

EngineName = Literal["local", "ray"]


class ScanOptions(BaseModel):
    """Everything `hegui corpus scan` is told (the engine choice does not change results)."""

    model_config = ConfigDict(extra="forbid")
    inputs: list[Path] = Field(min_length=1)
    out: Path
    ledger: Path | None = None
    engine: EngineName = "local"
    workers: int | None = Field(default=None, ge=1)
    ray_address: str | None = None
    sample_size: int = Field(default=4000, ge=0)
    seed: int = 0
    text_field: str = "text"
    source_field: str = "source"
    restart: bool = Field(default=False, description="discard a previous unfinished scan in --out")
    progress: bool = True


class ScanError(ValueError):
    """The scan cannot start; the message says why."""


class Engine(Protocol):
    def run(self, jobs: list[ShardJob], paths: ScanPaths, progress: ProgressFn) -> None: ...


def _local(factory: CheckerFactory, options: ScanOptions) -> Engine:
    from hegui.corpus.engine_local import LocalEngine

    return LocalEngine(factory, options.workers)


def _ray(factory: CheckerFactory, options: ScanOptions) -> Engine:
    import importlib.util

    if importlib.util.find_spec("ray") is None:
        raise ScanError("the Ray engine needs Ray: pip install 'hegui[ray]' (需要安装 ray[data])")
    from hegui.corpus.engine_ray import RayEngine

    return RayEngine(factory, options.workers, options.ray_address)


ENGINES: dict[str, Callable[[CheckerFactory, ScanOptions], Engine]] = {"local": _local, "ray": _ray}


def _fingerprint(items: list[InputFile], options: ScanOptions, extra: str) -> str:
    """What makes two runs the same scan: inputs as they are on disk and every result option."""
    digest = hashlib.sha256()
    for item in items:
        stat = item.path.stat()
        digest.update(f"{item.rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for value in (options.sample_size, options.seed, options.text_field, options.source_field, extra):
        digest.update(f"{value}\n".encode())
    if options.ledger is not None:
        digest.update(options.ledger.read_bytes())
    return digest.hexdigest()


def _prepare(paths: ScanPaths, fingerprint: str, restart: bool) -> None:
    manifest = paths.work / "manifest.json"
    if manifest.is_file() and not restart:
        previous = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint")
        if previous == fingerprint:
            return
        raise ScanError(
            f"{paths.out} holds a scan of other inputs or options; use another --out or --restart"
            " (输出目录中有另一次扫描的中间结果)"
        )
    if restart:
        shutil.rmtree(paths.work, ignore_errors=True)
        shutil.rmtree(paths.clean, ignore_errors=True)
    paths.shards.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"fingerprint": fingerprint}), encoding="utf-8")


def _jobs(items: list[InputFile], options: ScanOptions, ledger: Ledger | None) -> list[ShardJob]:
    jobs = []
    for index, item in enumerate(items):
        default = (ledger.source_for_file(item.rel) if ledger else None) or item.rel
        spec = ShardSpec(item.rel, item.format, options.text_field, options.source_field, default,
                         options.seed)
        jobs.append(ShardJob(index, item, spec, options.sample_size))
    return jobs


def run_scan(options: ScanOptions, factory: CheckerFactory, identity: str = "") -> dict[str, Any]:
    """Scan (or resume), write every output, and return the report.

    `identity` names the detection setup (config, lexicons) so a resumed scan with another
    setup is refused rather than mixed.
    """
    items = discover(options.inputs)
    if not items:
        raise ScanError("no corpus files found (未找到语料文件)")
    ledger = load_ledger(options.ledger) if options.ledger else None
    paths = ScanPaths(options.out)
    _prepare(paths, _fingerprint(items, options, identity), options.restart)
    jobs = _jobs(items, options, ledger)
    pending = [job for job in jobs if not is_done(paths, job.index)]
    total = sum(item.size for item in items)
    done = total - sum(job.item.size for job in pending)
    if pending:
        engine = ENGINES[options.engine](factory, options)
        with ScanProgress(total, done, enabled=options.progress) as bar:
            engine.run(pending, paths, bar.advance)
    return _finish(paths, items, options, ledger)


def _finish(
    paths: ScanPaths, items: list[InputFile], options: ScanOptions, ledger: Ledger | None
) -> dict[str, Any]:
    count = len(items)
    tally, reservoir = merge_shards(paths, count, options.sample_size)
    order = {item.rel: i for i, item in enumerate(items)}
    sample = sorted((entry for _, entry in reservoir.items()),
                    key=lambda e: (order[e["file"]], e.get("line", e.get("row", 0))))
    write_flagged(paths, count)
    write_jsonl(paths.out / "manual_sample.jsonl", sample)
    write_sample_xlsx(paths.out / "manual_sample.xlsx", sample)
    settings = {"sample_size": options.sample_size, "seed": options.seed,
                "text_field": options.text_field, "source_field": options.source_field}
    report = build_report(tally, [i.rel for i in items], sample, duplicates(paths, count), ledger,
                          settings)
    (paths.out / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return report
