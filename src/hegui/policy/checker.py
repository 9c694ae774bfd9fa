"""The check pipeline: normalise once, run every detector, let the policy decide."""

from __future__ import annotations

from collections.abc import Sequence

from hegui.detect.base import Detector
from hegui.policy.decide import Policy
from hegui.text.normalize import Normalizer
from hegui.types import Finding, Verdict


class Checker:
    def __init__(self, detectors: Sequence[Detector], policy: Policy, normalizer: Normalizer) -> None:
        self.detectors = tuple(detectors)
        self.policy = policy
        self.normalizer = normalizer

    def findings(self, text: str) -> tuple[list[Finding], list[str]]:
        """Every detector's findings on `text`, and the names of detectors that failed."""
        norm = self.normalizer.normalize(text)
        found: list[Finding] = []
        errors: list[str] = []
        for detector in self.detectors:
            try:
                found.extend(detector.detect(norm))
            except Exception as exc:  # fail closed: a broken detector refuses, and says so
                errors.append(f"{detector.name}: {type(exc).__name__}: {exc}")
        return found, errors

    def check(self, text: str) -> Verdict:
        found, errors = self.findings(text)
        return self.policy.decide(text, found, errors)

    def stream(self, holdback: int = 64) -> "StreamScanner":
        from hegui.policy.stream import StreamScanner

        return StreamScanner(self, holdback=holdback)
