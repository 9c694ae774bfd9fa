"""The check pipeline: normalise once, run every detector, let the policy decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from hegui.detect.base import Detector
from hegui.policy.decide import Policy
from hegui.text.normalize import Normalizer
from hegui.types import Finding, Verdict


class Ensemble(Protocol):
    """Keeps the findings that count when several detectors report (hegui.classify.ensemble)."""

    def combine(self, findings: Sequence[Finding]) -> list[Finding]: ...


class Checker:
    def __init__(
        self,
        detectors: Sequence[Detector],
        policy: Policy,
        normalizer: Normalizer,
        ensemble: Ensemble | None = None,
    ) -> None:
        self.detectors = tuple(detectors)
        self.policy = policy
        self.normalizer = normalizer
        self.ensemble = ensemble

    def findings(
        self, text: str, detectors: Sequence[Detector] | None = None
    ) -> tuple[list[Finding], list[str]]:
        """Every detector's findings on `text` (after the ensemble), and the detectors that failed.

        `detectors` runs a subset (the stream scanner runs stride-limited ones apart).
        """
        norm = self.normalizer.normalize(text)
        found: list[Finding] = []
        errors: list[str] = []
        for detector in self.detectors if detectors is None else detectors:
            try:
                found.extend(detector.detect(norm))
            except Exception as exc:  # fail closed: a broken detector refuses, and says so
                errors.append(f"{detector.name}: {type(exc).__name__}: {exc}")
        if self.ensemble is not None:
            found = self.ensemble.combine(found)
        return found, errors

    def check(self, text: str, detectors: Sequence[Detector] | None = None) -> Verdict:
        found, errors = self.findings(text, detectors)
        return self.policy.decide(text, found, errors)

    def stream(self, holdback: int = 64) -> "StreamScanner":
        from hegui.policy.stream import StreamScanner

        return StreamScanner(self, holdback=holdback)
