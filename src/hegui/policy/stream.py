"""Incremental checking of a streamed answer.

Only a window is ever scanned: the last `holdback` characters already released (so that a
keyword split across chunks is still seen whole) plus the text not yet released. Text is
released as soon as it lies more than `holdback` characters behind the end of what has arrived
and no finding straddles the cut; a refusal stops the stream before anything of the offending
span is released.

Detectors with an integer `stride` attribute (a guard LLM) are too slow to run on every chunk:
they run only once `stride` new characters have arrived (and at the end), on their last
`window` characters of the answer, and nothing is released that they have not seen yet.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hegui.detect.base import Detector
from hegui.policy.checker import Checker
from hegui.types import Decision, Finding, Verdict


def _stride(detector: Detector) -> int:
    value = getattr(detector, "stride", None)
    return value if isinstance(value, int) and value > 0 else 0


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
        self.masked = False  # set once any span of what was sent was masked
        self._flagged: dict[tuple[str, str, int, int], Finding] = {}
        self._strided = [d for d in checker.detectors if _stride(d)]
        self._fast = [d for d in checker.detectors if not _stride(d)] if self._strided else None
        self._keep = max((getattr(d, "window", 0) or _stride(d) for d in self._strided), default=0)
        self._recent = ""  # the last `_keep` characters received, for stride detectors
        self._received = 0
        self._seen = [0] * len(self._strided)  # characters each stride detector has seen

    @property
    def flagged(self) -> list[Finding]:
        """Findings that were masked or asked for review, at their place in the whole answer
        (each once, however many windows saw it); a refusal's findings are in `stopped`."""
        return sorted(self._flagged.values(), key=lambda f: (f.start, f.end, f.risk))

    def _keep_flagged(self, findings: list[Finding], base: int) -> None:
        """Remember findings at their place in the whole answer (`base`: where the scanned text
        starts); a finding seen again by a later window is kept once."""
        for f in findings:
            at = _shift(f, base)
            self._flagged.setdefault((at.detector, at.risk, at.start, at.end), at)

    def feed(self, chunk: str) -> StreamStep:
        if self.stopped is not None:
            return StreamStep("", self.stopped)
        self._pending += chunk
        if self._strided:
            self._received += len(chunk)
            self._recent = (self._recent + chunk)[-self._keep:]
        return self._scan(final=False)

    def _run_strided(self, final: bool) -> Verdict | None:
        """Run each stride detector that is due on its recent window; a refusal or None."""
        for i, det in enumerate(self._strided):
            fresh = self._received - self._seen[i]
            if fresh <= 0 or (fresh < _stride(det) and not final):
                continue
            window = getattr(det, "window", 0) or len(self._recent)
            text = self._recent[-window:]
            verdict = self._checker.check(text, detectors=[det])
            self._seen[i] = self._received
            if verdict.decision is Decision.REFUSE:
                return verdict
            if verdict.decision is not Decision.ALLOW:
                self.review = True
                self._keep_flagged(verdict.findings, self._received - len(text))
        return None

    def finish(self) -> StreamStep:
        if self.stopped is not None:
            return StreamStep("", self.stopped)
        return self._scan(final=True)

    def _scan(self, final: bool) -> StreamStep:
        window = self._released_tail + self._pending
        offset = len(self._released_tail)
        refused = self._run_strided(final) if self._strided else None
        verdict = refused or self._checker.check(window, detectors=self._fast)
        if verdict.decision is Decision.REFUSE:
            self.stopped = verdict
            return StreamStep("", verdict)
        base = self.released_chars - offset  # where `window` starts in the whole answer
        policy = self._checker.policy
        if verdict.decision is Decision.REVIEW:
            self.review = True
            self._keep_flagged([f for f in verdict.findings
                                if policy.action_for(f) is Decision.REVIEW], base)
        cut = len(window) if final else max(offset, len(window) - self._holdback)
        if self._strided:  # release nothing a stride detector has not seen
            cut = min(cut, min(self._seen) - base)
        for f in verdict.findings:
            if f.start < cut < f.end:
                cut = max(offset, f.start)
        if cut <= offset:
            return StreamStep("", None)
        to_mask = [
            f for f in verdict.findings
            if f.start >= offset and f.end <= cut and policy.action_for(f) is Decision.MASK
        ]
        if to_mask:
            self.masked = True
            self._keep_flagged(to_mask, base)
        region = window[offset:cut]
        shifted = [_shift(f, -offset) for f in to_mask]
        emit = policy.masker.apply(region, shifted)
        released = window[:cut]
        self._released_tail = released[-self._holdback:]
        self._pending = window[cut:]
        self.released_chars += len(region)
        return StreamStep(emit, None)


def _shift(finding: Finding, delta: int) -> Finding:
    return replace(finding, start=finding.start + delta, end=finding.end + delta)
