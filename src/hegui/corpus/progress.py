"""A progress bar with records/s and an ETA (rich), driven by bytes read from disk."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.text import Text


class _RecordsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        records = int(task.fields.get("records", 0))
        elapsed = task.elapsed or 0.0
        rate = records / elapsed if elapsed > 0 else 0.0
        return Text(f"{records:,} records · {rate:,.0f} rec/s")


class ScanProgress:
    """Context manager; `advance(records, disk_bytes)` is the engine's progress callback."""

    REFRESH_S = 0.2

    def __init__(self, total_bytes: int, done_bytes: int = 0, enabled: bool = True) -> None:
        self._enabled = enabled
        self._records = 0
        self._progress = Progress(
            TextColumn("扫描 scanning"),
            BarColumn(),
            TextColumn("{task.percentage:>5.1f}%"),
            _RecordsPerSecond(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not enabled,
            auto_refresh=False,  # no refresh thread: the local engine forks its workers safely
        )
        self._last_refresh = 0.0
        self._task = self._progress.add_task("scan", total=max(total_bytes, 1), completed=done_bytes,
                                             records=0)
        self.started = time.monotonic()

    @property
    def records(self) -> int:
        return self._records

    def advance(self, records: int, disk_bytes: int) -> None:
        self._records += records
        self._progress.update(self._task, advance=disk_bytes, records=self._records)
        now = time.monotonic()
        if now - self._last_refresh >= self.REFRESH_S:
            self._last_refresh = now
            self._progress.refresh()

    def __enter__(self) -> Self:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.refresh()
        self._progress.stop()
