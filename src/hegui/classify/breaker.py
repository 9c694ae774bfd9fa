"""A circuit breaker, one per detector instance: stops calling a service that keeps failing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class CircuitOpenError(RuntimeError):
    """The breaker is open: the service failed too often; no call was made."""


class CircuitBreaker:
    """Closed → open after `failures` consecutive failed calls; open → half-open after `reset_s`.

    Half-open lets one trial call through: success closes the breaker, failure opens it again
    for another `reset_s`. `clock` is injectable so tests need not sleep.
    """

    def __init__(
        self, failures: int, reset_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if failures < 1 or reset_s <= 0:
            raise ValueError("failures must be >= 1 and reset_s > 0")
        self._limit = failures
        self._reset_s = reset_s
        self._clock = clock
        self._failed = 0
        self._opened_at: float | None = None
        self._lock = threading.Lock()  # one detector may serve several request threads

    @property
    def state(self) -> str:
        """`closed`, `open` or `half-open`."""
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self._reset_s:
            return "half-open"
        return "open"

    def before_call(self) -> None:
        """Raise `CircuitOpenError` unless a call may go through now."""
        if self._opened_at is not None and self.state == "open":
            wait = self._reset_s - (self._clock() - self._opened_at)
            raise CircuitOpenError(f"circuit open after {self._failed} failures; retry in {wait:.1f}s")

    def success(self) -> None:
        with self._lock:
            self._failed = 0
            self._opened_at = None

    def failure(self) -> None:
        with self._lock:
            self._failed += 1
            if self.state == "half-open" or self._failed >= self._limit:
                self._opened_at = self._clock()
