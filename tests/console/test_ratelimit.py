from hegui.console.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_sliding_window_per_key() -> None:
    clock = Clock()
    limiter = RateLimiter(2, 60, clock=clock)
    assert [limiter.hit("a"), limiter.hit("a")] == [0.0, 0.0]
    wait = limiter.hit("a")
    assert 59 < wait <= 60
    assert limiter.hit("b") == 0.0  # other clients are not affected
    clock.now = 60.5
    assert limiter.hit("a") == 0.0


def test_memory_stays_bounded() -> None:
    clock = Clock()
    limiter = RateLimiter(1, 10, clock=clock, max_keys=100)
    for i in range(1000):
        clock.now = i * 0.001
        limiter.hit(f"k{i}")
    assert len(limiter._hits) <= 100
