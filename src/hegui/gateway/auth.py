"""Apps authenticate with `Authorization: Bearer <key>`; lookups are cached briefly."""

from __future__ import annotations

import asyncio
import time

from hegui.gateway.errors import unauthorized
from hegui.records.store import AppInfo, Store, hash_key


class KeyCache:
    """hash(key) → app, for `ttl` seconds (a revoked key stops working within that time)."""

    def __init__(self, store: Store, ttl: float) -> None:
        self._store = store
        self._ttl = ttl
        self._cache: dict[str, tuple[float, AppInfo | None]] = {}

    async def authenticate(self, authorization: str | None) -> AppInfo:
        if not authorization or not authorization[:7].lower() == "bearer ":
            raise unauthorized()
        key = authorization[7:].strip()
        if not key:
            raise unauthorized()
        digest = hash_key(key)
        now = time.monotonic()
        hit = self._cache.get(digest)
        if hit is not None and hit[0] > now:
            app = hit[1]
        else:
            app = await asyncio.to_thread(self._store.app_for_key, digest)
            if self._ttl > 0:
                if len(self._cache) > 10_000:
                    self._cache.clear()
                self._cache[digest] = (now + self._ttl, app)
        if app is None:
            raise unauthorized()
        return app
