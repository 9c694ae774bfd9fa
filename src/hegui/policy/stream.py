"""Incremental checking of a streamed answer.

Only a window is ever scanned: the last `holdback` characters already released (so that a
keyword split across chunks is still seen whole) plus the text not yet released. Text is
released as soon as it lies more than `holdback` characters behind the end of what has arrived
and no finding straddles the cut; a refusal stops the stream before anything of the offending
span is released.
"""

from __future__ import annotations

from dataclasses import dataclass

from hegui.policy.checker import Checker
from hegui.types import Decision, Verdict


@dataclass(frozen=True, slots=True)
class StreamStep:
    emit: str
    """Text safe to send now (masked where the policy masks)."""
    verdict: Verdict | None
    """Set when the stream must stop: the answer turned unlawful (decision `refuse`)."""


class StreamScanner:
    def __init__(self, checker: Checker, holdback: int = 64) -> None:
        if holdback < 1:
            raise ValueError("holdback must be at least 1")
        self._checker = checker
        self._holdback = holdback
        self._released_tail = ""  # raw text already released, kept for cross-chunk matches
        self._pending = ""  # raw text received but not yet released
        self.released_chars = 0
        self.review = False  # set once any window asked for review
        self.stopped: Verdict | None = None

    def feed(self, chunk: str) -> StreamStep:
        if self.stopped is not None:
            return StreamStep("", self.stopped)
        self._pending += chunk
        return self._scan(final=False)

    def finish(self) -> StreamStep:
        if self.stopped is not None:
            return StreamStep("", self.stopped)
        return self._scan(final=True)

    def _scan(self, final: bool) -> StreamStep:
        window = self._released_tail + self._pending
        offset = len(self._released_tail)
        verdict = self._checker.check(window)
        if verdict.decision is Decision.REFUSE:
            self.stopped = verdict
            return StreamStep("", verdict)
        if verdict.decision is Decision.REVIEW:
            self.review = True
        cut = len(window) if final else max(offset, len(window) - self._holdback)
        for f in verdict.findings:
            if f.start < cut < f.end:
                cut = max(offset, f.start)
        if cut <= offset:
            return StreamStep("", None)
        policy = self._checker.policy
        to_mask = [
            f for f in verdict.findings
            if f.start >= offset and f.end <= cut and policy.action_for(f) is Decision.MASK
        ]
        region = window[offset:cut]
        shifted = [_shift(f, -offset) for f in to_mask]
        emit = policy.masker.apply(region, shifted)
        released = window[:cut]
        self._released_tail = released[-self._holdback:]
        self._pending = window[cut:]
        self.released_chars += len(region)
        return StreamStep(emit, None)


def _shift(finding, delta: int):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(finding, start=finding.start + delta, end=finding.end + delta)
