"""Counters the operator fills per batch and the aggregation merges (shard, then corpus)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class SourceTally:
    """What one source holds: records, refusals (with their risks), masks, reviews."""

    records: int = 0
    flagged: int = 0
    masked: int = 0
    review: int = 0
    bytes: int = 0
    risks: Counter[str] = field(default_factory=Counter)
    """Refused records per risk code (a record with two risks counts under both)."""
    pii: Counter[str] = field(default_factory=Counter)

    def merge(self, other: SourceTally) -> None:
        self.records += other.records
        self.flagged += other.flagged
        self.masked += other.masked
        self.review += other.review
        self.bytes += other.bytes
        self.risks.update(other.risks)
        self.pii.update(other.pii)

    def to_json(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "flagged": self.flagged,
            "masked": self.masked,
            "review": self.review,
            "bytes": self.bytes,
            "risks": dict(sorted(self.risks.items())),
            "pii": dict(sorted(self.pii.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceTally:
        return cls(
            records=data["records"],
            flagged=data["flagged"],
            masked=data["masked"],
            review=data["review"],
            bytes=data["bytes"],
            risks=Counter(data["risks"]),
            pii=Counter(data["pii"]),
        )


@dataclass(slots=True)
class Tally:
    """Everything counted over a batch, a shard or the whole corpus."""

    sources: dict[str, SourceTally] = field(default_factory=dict)
    invalid: int = 0
    invalid_examples: list[dict[str, Any]] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)
    cjk_chars: int = 0
    latin_chars: int = 0

    MAX_EXAMPLES = 20

    def source(self, name: str) -> SourceTally:
        tally = self.sources.get(name)
        if tally is None:
            tally = self.sources[name] = SourceTally()
        return tally

    def add_invalid(self, where: dict[str, Any], reason: str) -> None:
        self.invalid += 1
        if len(self.invalid_examples) < self.MAX_EXAMPLES:
            self.invalid_examples.append({**where, "reason": reason})

    def merge(self, other: Tally) -> None:
        for name, tally in other.sources.items():
            self.source(name).merge(tally)
        self.invalid += other.invalid
        room = self.MAX_EXAMPLES - len(self.invalid_examples)
        self.invalid_examples.extend(other.invalid_examples[: max(room, 0)])
        self.languages.update(other.languages)
        self.cjk_chars += other.cjk_chars
        self.latin_chars += other.latin_chars

    def to_json(self) -> dict[str, Any]:
        return {
            "sources": {k: v.to_json() for k, v in sorted(self.sources.items())},
            "invalid": self.invalid,
            "invalid_examples": self.invalid_examples,
            "languages": dict(sorted(self.languages.items())),
            "cjk_chars": self.cjk_chars,
            "latin_chars": self.latin_chars,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        return cls(
            sources={k: SourceTally.from_json(v) for k, v in data["sources"].items()},
            invalid=data["invalid"],
            invalid_examples=list(data["invalid_examples"]),
            languages=Counter(data["languages"]),
            cjk_chars=data["cjk_chars"],
            latin_chars=data["latin_chars"],
        )
