"""Checking what goes in (user messages) and what comes out (answers) with the checker."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from hegui.policy.checker import Checker
from hegui.types import Decision, Finding, Verdict

PII_RISK = "A4.6"


@dataclass(slots=True)
class Outcome:
    """Verdicts of one stage (input or output) and what they add up to."""

    verdicts: list[Verdict] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    """Texts as they may be recorded (PII masked)."""

    @property
    def decision(self) -> Decision:
        return Decision.strictest([v.decision for v in self.verdicts])

    @property
    def risks(self) -> list[str]:
        return sorted({f.risk for v in self.verdicts for f in v.findings})

    @property
    def errors(self) -> list[str]:
        return [e for v in self.verdicts for e in v.errors]

    @property
    def findings(self) -> list[Finding]:
        return [f for v in self.verdicts for f in v.findings]

    def add(self, checker: Checker, text: str, verdict: Verdict) -> None:
        self.verdicts.append(verdict)
        self.texts.append(recordable(checker, text, verdict))


def recordable(checker: Checker, text: str, verdict: Verdict) -> str:
    """The text with every masked span and all personal information masked: raw PII is never kept."""
    policy = checker.policy
    spans = [f for f in verdict.findings
             if f.risk == PII_RISK or f.entity is not None or policy.action_for(f) is Decision.MASK]
    return policy.masker.apply(text, spans) if spans else text


def _text_slots(messages: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str]]:
    """(holder, key) of every text a user wrote: string contents and text parts."""
    for message in messages:
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            yield message, "content"
        elif isinstance(content, list):
            for part in content:
                if part.get("type") == "text":
                    yield part, "text"


def moderate_input(checker: Checker, messages: list[dict[str, Any]], mask: bool) -> Outcome:
    """Check every user message; with `mask`, rewrite masked spans in place before forwarding."""
    out = Outcome()
    for holder, key in _text_slots(messages):
        text = holder[key]
        if not text:
            continue
        verdict = checker.check(text)
        out.add(checker, text, verdict)
        if mask and verdict.decision is not Decision.REFUSE and verdict.masked != text:
            holder[key] = verdict.masked
    return out


def explanation(decision: Decision, stage: str | None, risks: list[str]) -> str:
    if decision is Decision.REFUSE:
        where = "输入" if stage == "input" else "输出"
        return (f"{where}内容不符合相关规定，已拦截 (the {stage or 'request'} was refused under the "
                f"service's content rules; risks: {', '.join(risks) or 'n/a'})")
    if decision is Decision.MASK:
        return "个人信息已遮盖 (personal information was masked)"
    if decision is Decision.REVIEW:
        return "已记录待人工复核 (recorded for human review)"
    return "通过 (allowed)"
