"""The circuit breaker's states with an injected clock."""

from __future__ import annotations

import pytest

from hegui.classify.breaker import CircuitBreaker, CircuitOpenError


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_opens_after_failures_then_half_open_trial() -> None:
    clock = Clock()
    b = CircuitBreaker(failures=2, reset_s=10, clock=clock)
    b.before_call()
    b.failure()
    assert b.state == "closed"
    b.failure()
    assert b.state == "open"
    with pytest.raises(CircuitOpenError):
        b.before_call()
    clock.now += 10
    assert b.state == "half-open"
    b.before_call()  # one trial goes through
    b.failure()  # trial failed: open again at once
    assert b.state == "open"
    clock.now += 10
    b.before_call()
    b.success()
    assert b.state == "closed"


def test_success_resets_the_count() -> None:
    b = CircuitBreaker(failures=2, reset_s=1, clock=Clock())
    b.failure()
    b.success()
    b.failure()
    assert b.state == "closed"


def test_bad_settings_are_rejected() -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(0, 1)
