"""Personal-information requests (Art. 11 ¶2): see, copy, correct, complete, delete.

The request keeps only the pseudonym the gateway records, never the app's raw user id. A deletion
removes the user's records (held content included) and its own outcome holds only counts.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from hegui.console.bridge import RecordsBridge
from hegui.console.identity import Identity
from hegui.console.models import Acceptance, Incident, PrivacyRequest, changed, utcnow
from hegui.console.tickets import InputError, StateError, new_ticket_id

RIGHTS = ("see", "copy", "correct", "complete", "delete")
RIGHT_NAMES = {"see": "查阅 / see", "copy": "复制 / copy", "correct": "更正 / correct",
               "complete": "补充 / complete", "delete": "删除 / delete"}


def file_request(db: Session, bridge: RecordsBridge, identity: Identity, right: str, details: str,
                 contact: str, days: int, now: datetime | None = None) -> PrivacyRequest:
    """Record a verified request with its deadline."""
    if right not in RIGHTS:
        raise InputError(f"right: 须为 {'|'.join(RIGHTS)} / must be one of {', '.join(RIGHTS)}")
    if len(details) > 5000 or len(contact) > 200:
        raise InputError("details/contact: 内容过长 / too long")
    if right in ("correct", "complete") and not details.strip():
        raise InputError("details: 请说明需要更正或补充的内容 / say what to correct or complete")
    now = now or utcnow()
    req = PrivacyRequest(ticket=new_ticket_id("P", now), right=right,
                         user_pseudonym=bridge.pseudonym(identity.user), details=details.strip(),
                         contact=contact.strip(), verified_by=identity.method, status="open",
                         created_at=now, deadline=now + timedelta(days=days), outcome="")
    db.add(req)
    db.flush()
    return req


def by_ticket(db: Session, ticket: str) -> PrivacyRequest | None:
    return db.scalar(select(PrivacyRequest).where(PrivacyRequest.ticket == ticket))


def queue(db: Session, status: str = "open", limit: int = 500) -> list[PrivacyRequest]:
    q = select(PrivacyRequest).order_by(PrivacyRequest.deadline, PrivacyRequest.id).limit(limit)
    if status and status != "all":
        q = q.where(PrivacyRequest.status == status)
    return list(db.scalars(q))


def _console_data(db: Session, pseudonym: str) -> dict[str, list[dict[str, Any]]]:
    acc = db.scalars(select(Acceptance).where(Acceptance.user_pseudonym == pseudonym))
    inc = db.scalars(select(Incident).where(Incident.user_pseudonym == pseudonym))
    return {
        "acceptances": [{"kind": a.kind, "version": a.version, "app": a.app,
                         "accepted_at": a.accepted_at.isoformat()} for a in acc],
        "incidents": [{"id": i.id, "reference": i.reference, "risk": i.risk,
                       "evidence": i.evidence} for i in inc],
    }


def user_export(db: Session, bridge: RecordsBridge, req: PrivacyRequest) -> dict[str, Any]:
    """The copy a see/copy request hands over: every record about the user, as JSON."""
    data = bridge.user_data(db, req.user_pseudonym)
    data.update(_console_data(db, req.user_pseudonym))
    return {"ticket": req.ticket, "generated_at": utcnow().isoformat(),
            "user_pseudonym": req.user_pseudonym, "records": data}


def export_bytes(db: Session, bridge: RecordsBridge, req: PrivacyRequest) -> bytes:
    return json.dumps(user_export(db, bridge, req), ensure_ascii=False, indent=2,
                      default=str).encode("utf-8")


def delete_user(db: Session, bridge: RecordsBridge, pseudonym: str, keep_logs: bool = False) -> dict[str, int]:
    """Delete the user's records in the gateway and the console; return counts only."""
    counts = dict(bridge.delete_user_data(db, pseudonym, keep_logs))
    counts["acceptances"] = changed(db, delete(Acceptance).where(Acceptance.user_pseudonym == pseudonym))
    counts["incident_evidence"] = changed(db, update(Incident).where(Incident.user_pseudonym == pseudonym)
                                          .values(evidence="", user_pseudonym=""))
    return counts


def complete(db: Session, bridge: RecordsBridge, req: PrivacyRequest, outcome: str,
             now: datetime | None = None, keep_logs: bool = False) -> dict[str, int]:
    """Carry out the request. Deletion really deletes; the outcome keeps counts, not data."""
    if req.status != "open":
        raise StateError("该申请已结束 / this request is already closed")
    counts: dict[str, int] = {}
    if req.right == "delete":
        counts = delete_user(db, bridge, req.user_pseudonym, keep_logs)
        summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
        outcome = f"{outcome.strip()}\n已删除 deleted: {summary}".strip()
    elif not outcome.strip():
        raise InputError("outcome: 请填写处理结果 / describe what was done")
    req.status = "done"
    req.closed_at = now or utcnow()
    req.outcome = outcome.strip()
    return counts


def reject(db: Session, req: PrivacyRequest, reason: str, now: datetime | None = None) -> None:
    if req.status != "open":
        raise StateError("该申请已结束 / this request is already closed")
    if not reason.strip():
        raise InputError("reason: 驳回须说明理由 / a rejection needs a reason")
    req.status = "rejected"
    req.closed_at = now or utcnow()
    req.outcome = reason.strip()
