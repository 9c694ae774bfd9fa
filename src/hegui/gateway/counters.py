"""Counters of the user ladder and the minors' daily limit: in memory, or shared in Redis."""

from __future__ import annotations

import itertools
import time
from collections import deque
from typing import Protocol


class Counters(Protocol):
    """One protocol for where counters live; several gateways share them through Redis."""

    async def hit(self, key: str, window_seconds: float) -> int:
        """Count one event now and return how many fall within the last `window_seconds`."""
        ...

    async def incr(self, key: str, ttl_seconds: int) -> int:
        """Add one to a plain counter that expires `ttl_seconds` after its first use."""
        ...

    async def close(self) -> None: ...


class MemoryCounters:
    """Counters of one process (the default when no Redis is configured)."""

    def __init__(self) -> None:
        self._windows: dict[str, deque[float]] = {}
        self._plain: dict[str, tuple[float, int]] = {}

    async def hit(self, key: str, window_seconds: float) -> int:
        now = time.monotonic()
        q = self._windows.setdefault(key, deque())
        q.append(now)
        while q and q[0] <= now - window_seconds:
            q.popleft()
        return len(q)

    async def incr(self, key: str, ttl_seconds: int) -> int:
        now = time.monotonic()
        expires, value = self._plain.get(key, (now + ttl_seconds, 0))
        if expires <= now:
            expires, value = now + ttl_seconds, 0
        self._plain[key] = (expires, value + 1)
        return value + 1

    async def close(self) -> None:
        return None


class RedisCounters:
    """Counters in Redis: a sorted set per sliding window, INCR+EXPIRE for plain counters."""

    def __init__(self, url: str, prefix: str = "hegui:") -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url)
        self._prefix = prefix
        self._seq = itertools.count()

    async def ping(self) -> None:
        await self._redis.ping()

    async def hit(self, key: str, window_seconds: float) -> int:
        now = time.time()
        k = self._prefix + key
        member = f"{now:.6f}:{id(self)}:{next(self._seq)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zadd(k, {member: now})
            pipe.zremrangebyscore(k, "-inf", now - window_seconds)
            pipe.zcard(k)
            pipe.expire(k, int(window_seconds) + 1)
            results = await pipe.execute()
        return int(results[2])

    async def incr(self, key: str, ttl_seconds: int) -> int:
        k = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(k)
            pipe.expire(k, ttl_seconds, nx=True)
            results = await pipe.execute()
        return int(results[0])

    async def close(self) -> None:
        await self._redis.aclose()
