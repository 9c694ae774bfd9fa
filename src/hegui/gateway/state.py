"""Everything one gateway app owns, built by the lifespan and passed to the handlers."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hegui.config import Settings
from hegui.gateway.auth import KeyCache
from hegui.gateway.context import RequestContext
from hegui.gateway.guard import UserGuard
from hegui.gateway.labels import Labeler
from hegui.gateway.metrics import Metrics
from hegui.gateway.moderation import Outcome, explanation
from hegui.gateway.upstream import Upstream
from hegui.policy.checker import Checker
from hegui.records.base import Base
from hegui.records.models import Event, EventContent, LabelOptOut
from hegui.records.pseudonym import Pseudonymizer
from hegui.records.store import Store, now_utc
from hegui.records.writer import AuditWriter, QueueFull
from hegui.types import Decision

log = logging.getLogger("hegui.gateway")


@dataclass(slots=True)
class Recorded:
    """What one request ends with, as the audit log keeps it."""

    status: int
    decision: str
    stage: str | None = None
    risks: list[str] = field(default_factory=list)
    error: str | None = None
    input: Outcome | None = None
    output_text: str | None = None
    output_findings: list[dict[str, Any]] = field(default_factory=list)
    produce_id: str | None = None
    explicit_label: bool = True


@dataclass(slots=True)
class GatewayState:
    settings: Settings
    checker: Checker
    minors_checker: Checker
    upstream: Upstream
    store: Store
    writer: AuditWriter
    guard: UserGuard
    labeler: Labeler
    metrics: Metrics
    keys: KeyCache
    pseudonymize: Pseudonymizer
    sign_key: Ed25519PrivateKey | None = None
    """Signs the implicit labels of generated images (`labels.sign_key`)."""
    report_link: str | None = None
    """The complaint form, `{reference}` standing for the request id (set when the console is mounted)."""
    extras: dict[str, Any] = field(default_factory=dict)
    """Room for resources of mounted parts (the console)."""

    def checker_for(self, ctx: RequestContext) -> Checker:
        """The checker for this request: the stricter minors' one in minors mode."""
        return self.minors_checker if ctx.minor else self.checker

    def verdict(self, ctx: RequestContext, decision: Decision, stage: str | None,
                risks: list[str]) -> dict[str, Any]:
        """The `hegui` object every answer carries: decision, stage, risks and explanation; the
        appeal on refusals; the complaint form (when the console is mounted) on anything not
        allowed."""
        out: dict[str, Any] = {"request_id": ctx.request_id, "decision": decision.value,
                               "stage": stage, "risks": risks,
                               "explanation": explanation(decision, stage, risks)}
        if decision is Decision.REFUSE:
            out["appeal"] = self.settings.gateway.ladder.appeal
        if decision is not Decision.ALLOW and self.report_link:
            out["report"] = self.report_link.format(reference=ctx.request_id)
        return out

    def record(self, ctx: RequestContext, rec: Recorded) -> None:
        """Queue the audit event (and content, opt-out) of one request; never blocks."""
        at = now_utc()
        latency = ctx.elapsed_ms()
        rows: list[tuple[type[Base], dict[str, Any]]] = [(Event, {
            "id": ctx.request_id, "at": at, "app_id": ctx.app.id if ctx.app else None,
            "app_name": ctx.app.name if ctx.app else None, "user": ctx.user,
            "source_ip": ctx.source_ip, "source_port": ctx.source_port,
            "user_agent": (ctx.user_agent or "")[:512] or None, "operation": ctx.operation,
            "model": ctx.model, "status": rec.status, "decision": rec.decision, "stage": rec.stage,
            "risks": ",".join(rec.risks)[:512], "error": rec.error, "latency_ms": round(latency, 3),
            "minor": ctx.minor, "explicit_label": rec.explicit_label, "produce_id": rec.produce_id,
        })]
        if rec.decision != Decision.ALLOW.value and (rec.input is not None or rec.output_text):
            findings = [f.to_json() for f in rec.input.findings] if rec.input else []
            findings += rec.output_findings
            rows.append((EventContent, {
                "event_id": ctx.request_id, "at": at,
                "input_text": "\n".join(rec.input.texts) if rec.input else None,
                "output_text": rec.output_text, "findings": _findings_json(findings),
            }))
        if not rec.explicit_label and rec.produce_id and rec.status == 200:
            rows.append((LabelOptOut, {
                "at": at, "event_id": ctx.request_id, "app_id": ctx.app.id if ctx.app else None,
                "app_name": ctx.app.name if ctx.app else None, "user": ctx.user,
                "produce_id": rec.produce_id,
            }))
        try:
            self.writer.add(*rows)
        except QueueFull:
            log.error("audit queue full: event %s could not be queued", ctx.request_id)
        m = self.metrics
        m.requests.labels(ctx.operation, str(rec.status), rec.decision).inc()
        m.latency.labels(ctx.operation).observe(latency / 1000.0)
        if rec.decision == Decision.REFUSE.value and rec.stage:
            m.refusals.labels(rec.stage).inc()


def _findings_json(findings: list[dict[str, Any]]) -> str:
    """Findings without the matched text of personal information."""
    safe = [{**f, "text": "" if f.get("risk") == "A4.6" or f.get("entity") else f.get("text", "")}
            for f in findings]
    return orjson.dumps(safe).decode()
