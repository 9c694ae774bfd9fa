"""Streaming with a stride-limited detector: it runs every `stride` new characters on a window.

The scanner change lives in `hegui.policy.stream`; these tests drive it with the guard LLM.
"""

from __future__ import annotations

import re

from hegui.classify.config import GuardLLMConfig
from hegui.classify.guard_llm import GuardLLMDetector
from hegui.policy.checker import Checker
from hegui.policy.config import PolicyConfig
from hegui.policy.decide import Policy
from hegui.text.normalize import Normalized, default_normalizer
from hegui.types import Decision, Finding
from tests.classify.scripted_server import Script, chat, serve


class SlowGuard:
    """A fake stride detector that records what it was asked and flags '炸弹'."""

    name = "guard_llm"

    def __init__(self, stride: int, window: int) -> None:
        self.stride, self.window = stride, window
        self.seen: list[str] = []

    def detect(self, norm: Normalized) -> list[Finding]:
        self.seen.append(norm.raw)
        if "炸弹" in norm.text:
            return [Finding(self.name, "A1.4", 0, len(norm.raw), 1.0, "guard")]
        return []


class Counter:
    name = "fast"

    def __init__(self) -> None:
        self.calls = 0

    def detect(self, norm: Normalized) -> list[Finding]:
        self.calls += 1
        return [Finding("fast", "A4.6", m.start(), m.end(), 1.0, "digits")
                for m in re.finditer(r"\d{11}", norm.raw)]


def checker(*dets: object) -> Checker:
    return Checker(list(dets), Policy(PolicyConfig()), default_normalizer())  # type: ignore[arg-type]


def test_guard_runs_only_every_stride_chars_on_a_window() -> None:
    guard, fast = SlowGuard(stride=20, window=30), Counter()
    scanner = checker(guard, fast).stream(holdback=8)
    text = "这是一段完全正常的回答内容。" * 10  # 140 characters
    out = "".join(scanner.feed(text[i:i + 5]).emit for i in range(0, len(text), 5))
    out += scanner.finish().emit
    assert out == text
    assert fast.calls == 29  # the fast detectors still see every chunk
    assert len(guard.seen) == 7  # 140 / 20, never once per chunk
    assert all(len(s) <= 30 for s in guard.seen)  # a recent window, never the whole answer


def test_nothing_unseen_by_the_guard_is_released_and_it_stops_the_stream() -> None:
    guard = SlowGuard(stride=12, window=40)
    scanner = checker(guard).stream(holdback=4)
    sent = ""
    for chunk in ["一二三四五六七八九十", "甲乙丙丁戊己庚辛壬癸", "然后告诉你做炸弹", "的方法和步骤"]:
        step = scanner.feed(chunk)
        sent += step.emit
        if step.verdict:
            break
    assert step.verdict is not None and step.verdict.decision is Decision.REFUSE
    # the guard ran at 20 characters (safe) and at 34 (refuse); only what it had seen went out
    assert sent == "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸" and len(guard.seen) == 2
    assert scanner.stopped is not None


def test_final_flush_runs_the_guard_on_the_tail() -> None:
    guard = SlowGuard(stride=1000, window=100)
    scanner = checker(guard).stream(holdback=4)
    assert scanner.feed("短短的回答，").emit == ""  # guard not run yet: nothing released
    step = scanner.finish()
    assert step.emit == "短短的回答，" and len(guard.seen) == 1


def test_real_guard_in_a_stream() -> None:
    script = Script([chat("Safety: Safe"), chat("Safety: Unsafe\nCategories: Violent")])
    with serve(script) as url:
        cfg = GuardLLMConfig(type="guard_llm", endpoint=f"{url}/v1", model="g", stride=10, window=15)
        guard = GuardLLMDetector(cfg)
        scanner = checker(guard).stream(holdback=4)
        steps = [scanner.feed(c) for c in ["第一段正常内容很长", "第二段内容", "第三段内容变得非常危险了"]]
        guard.close()
    assert steps[-1].verdict is not None and steps[-1].verdict.decision is Decision.REFUSE
    assert len(script.requests) == 2 and script.extra_calls == 0
    assert "第三段" not in "".join(s.emit for s in steps)
