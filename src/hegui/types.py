"""Frozen values shared by every part of hegui: findings, decisions, verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Decision(str, Enum):
    """What happens to one text. Ordered from mildest to strictest."""

    ALLOW = "allow"
    MASK = "mask"
    REVIEW = "review"
    REFUSE = "refuse"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    @staticmethod
    def strictest(decisions: "list[Decision]") -> "Decision":
        return max(decisions, key=lambda d: _SEVERITY[d], default=Decision.ALLOW)


_SEVERITY = {Decision.ALLOW: 0, Decision.MASK: 1, Decision.REVIEW: 2, Decision.REFUSE: 3}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a detector found. `start`/`end` index the caller's original `str`."""

    detector: str
    risk: str
    start: int
    end: int
    score: float
    reason: str
    text: str = ""
    entity: str | None = None
    action: Decision | None = None
    """An action the source of the finding asks for (a keyword's own action); the policy decides."""

    def to_json(self) -> dict[str, object]:
        return {
            "detector": self.detector,
            "risk": self.risk,
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "reason": self.reason,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """The policy's decision on one text, with everything that explains it."""

    decision: Decision
    findings: tuple[Finding, ...]
    masked: str
    errors: tuple[str, ...] = field(default=())
    """Detectors that failed; a failure refuses (fail closed) and is reported here."""

    @property
    def risks(self) -> list[str]:
        return sorted({f.risk for f in self.findings})

    @property
    def allowed(self) -> bool:
        return self.decision is Decision.ALLOW

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "decision": self.decision.value,
            "findings": [f.to_json() for f in self.findings],
            "masked": self.masked,
        }
        if self.errors:
            out["errors"] = list(self.errors)
        return out
