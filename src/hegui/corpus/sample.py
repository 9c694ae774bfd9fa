"""Seeded random sampling with flat memory, identical however the corpus is split.

Each record gets a pseudo-random 64-bit key from (seed, file, line/row); the sample is the `k`
records with the smallest keys (bottom-k sampling: a reservoir sample whose outcome does not
depend on the order records arrive in). Every shard keeps its own bottom-k; merging shards keeps
the bottom-k of their union, which is the bottom-k of the whole corpus.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable
from typing import Any

MAX_KEY = (1 << 64) - 1


def sample_key(seed: int, file: str, position: int) -> int:
    """The record's random key: uniform, reproducible, independent of worker layout."""
    data = f"{seed}\x00{file}\x00{position}".encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


class Reservoir:
    """Keeps the `k` entries with the smallest keys; memory stays at `k` entries."""

    def __init__(self, k: int) -> None:
        if k < 0:
            raise ValueError("sample size must not be negative")
        self.k = k
        self._heap: list[tuple[int, int, dict[str, Any]]] = []  # (-key, tiebreak, entry)
        self._counter = 0

    @property
    def threshold(self) -> int:
        """Keys at or above this cannot enter any more (workers use it to skip records)."""
        if self.k == 0:
            return 0
        if len(self._heap) < self.k:
            return MAX_KEY + 1
        return -self._heap[0][0]

    def offer(self, key: int, entry: dict[str, Any]) -> None:
        if key >= self.threshold:
            return
        self._counter += 1
        item = (-key, self._counter, entry)
        if len(self._heap) < self.k:
            heapq.heappush(self._heap, item)
        else:
            heapq.heapreplace(self._heap, item)

    def extend(self, items: Iterable[tuple[int, dict[str, Any]]]) -> None:
        for key, entry in items:
            self.offer(key, entry)

    def items(self) -> list[tuple[int, dict[str, Any]]]:
        """(key, entry) pairs, smallest key first."""
        return sorted(((-neg, entry) for neg, _, entry in self._heap), key=lambda p: p[0])
