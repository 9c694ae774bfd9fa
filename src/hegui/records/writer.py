"""The audit writer: requests queue their records; one task writes them in batches.

Nothing on the request path waits for the database. A failed write keeps the batch and marks
the store unhealthy (the gateway answers 503 until a retry succeeds); shutdown flushes.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any

from hegui.records.base import Base
from hegui.records.store import Store

log = logging.getLogger("hegui.records")


class QueueFull(RuntimeError):
    """More records are waiting than the queue allows: the store is behind or down."""


class AuditWriter:
    def __init__(self, store: Store, max_pending: int = 10_000, flush_seconds: float = 0.2) -> None:
        self._store = store
        self._max = max_pending
        self._interval = flush_seconds
        self._pending: list[tuple[type[Base], dict[str, Any]]] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.healthy = True
        self.last_error: str | None = None
        self.written = 0

    @property
    def pending(self) -> int:
        return len(self._pending)

    def add(self, *rows: tuple[type[Base], dict[str, Any]]) -> None:
        """Queue rows written together; raise QueueFull when the store cannot keep up."""
        if len(self._pending) + len(rows) > self._max:
            self.healthy = False
            raise QueueFull("too many audit records waiting to be written")
        self._pending.extend(rows)
        if len(self._pending) >= 256:
            self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="hegui-audit-writer")

    async def stop(self) -> None:
        """Stop the task and write what is left (one last try)."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        await self.flush()

    async def flush(self) -> bool:
        """Write everything queued now; False (and unhealthy) when the store refused."""
        if not self._pending:
            return True
        batch, self._pending = self._pending, []
        grouped: dict[type[Base], list[dict[str, Any]]] = defaultdict(list)
        for model, row in batch:
            grouped[model].append(row)
        try:
            await asyncio.to_thread(self._store.write_batch, grouped)
        except Exception as exc:  # noqa: BLE001  (any failure of the store: keep the batch, report it)
            self._pending = batch + self._pending
            self.healthy = False
            self.last_error = f"{type(exc).__name__}: {str(exc)[:300]}"
            log.error("audit records could not be written: %s", self.last_error)
            return False
        self.written += len(batch)
        self.healthy = True
        self.last_error = None
        return True

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await asyncio.wait_for(self._wake.wait(), self._interval)
            except TimeoutError:
                pass
            self._wake.clear()
            ok = await self.flush()
            if not ok and not self._stopping:
                await asyncio.sleep(min(1.0, self._interval * 5))
