"""How the findings of lexicon, patterns, classifier and guard LLM combine into one decision.

The ensemble sits between the detectors and `Policy.decide`: it only keeps or drops findings
(never invents one), so every decision still points at the finding that caused it. The checker
applies it to all findings of one text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from hegui.classify.config import EnsembleConfig
from hegui.taxonomy import group_of
from hegui.types import Finding


def _group(code: str) -> str:
    try:
        return group_of(code)
    except KeyError:
        return code


class Ensemble:
    """Applies the configured mode (`any-of`, `weighted`, `guard-confirms`)."""

    def __init__(self, config: EnsembleConfig) -> None:
        self.config = config

    def combine(self, findings: Sequence[Finding]) -> list[Finding]:
        """The findings that count under the configured mode."""
        if self.config.mode == "weighted":
            return self._weighted(findings)
        if self.config.mode == "guard-confirms":
            return self._guard_confirms(findings)
        return list(findings)

    def _weighted(self, findings: Sequence[Finding]) -> list[Finding]:
        best: dict[tuple[str, str], float] = defaultdict(float)
        for f in findings:
            key = (f.risk, f.detector)
            best[key] = max(best[key], f.score)
        total: dict[str, float] = defaultdict(float)
        for (risk, detector), score in best.items():
            total[risk] += self.config.weights.get(detector, 1.0) * score
        # a small tolerance so that 0.1 + 0.2 reaches a threshold of 0.3
        passing = {r for r, s in total.items() if s + 1e-9 >= self.config.threshold}
        return [f for f in findings if f.risk in passing]

    def _needs_confirmation(self, f: Finding) -> bool:
        if f.detector not in self.config.confirm_detectors:
            return False
        risks = self.config.confirm_risks
        return not risks or f.risk in risks or _group(f.risk) in risks

    def _guard_confirms(self, findings: Sequence[Finding]) -> list[Finding]:
        guards = [f for f in findings if f.detector in self.config.guards]
        risks = {g.risk for g in guards}
        groups = {_group(g.risk) for g in guards}
        kept: list[Finding] = []
        for f in findings:
            if not self._needs_confirmation(f) or self.config.match == "any" and guards or self.config.match == "risk" and f.risk in risks or self.config.match == "group" and _group(f.risk) in groups:
                kept.append(f)
        return kept
