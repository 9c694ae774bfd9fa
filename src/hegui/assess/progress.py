"""A rich progress bar for runs (questions done, rate, time left)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)

Tick = Callable[[bool], None]


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Callable[[int, int], Tick]]:
    """Yields `on_start(total, done) -> tick(ok)`; draws on stderr when enabled."""
    if not enabled:
        yield lambda total, done: (lambda ok: None)
        return
    progress = Progress(TextColumn("[bold]评估 assess"), BarColumn(), MofNCompleteColumn(),
                        TaskProgressColumn(), TextColumn("失败 failed {task.fields[failed]}"),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=False)

    def on_start(total: int, done: int) -> Tick:
        task = progress.add_task("assess", total=total, completed=done, failed=0)
        failed = [0]

        def tick(ok: bool) -> None:
            if ok:
                progress.advance(task)
            else:
                failed[0] += 1
                progress.update(task, failed=failed[0])

        return tick

    with progress:
        yield on_start
