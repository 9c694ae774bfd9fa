"""Complaints and reports (Art. 15): intake, the deadline queue, reply / resolve / reject."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hegui.console.models import Ticket, TicketNote, utcnow

KINDS = ("answer", "user", "label", "other")
KIND_NAMES = {"answer": "生成内容 / an answer", "user": "用户 / a user",
              "label": "标识 / a label", "other": "其他 / other"}
OPEN_STATES = ("open", "replied")
STATUS_NAMES = {"open": "已受理 / received", "replied": "已答复 / replied",
                "resolved": "已处理 / resolved", "rejected": "已驳回 / rejected", "done": "已完成 / done"}
_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


class InputError(ValueError):
    """Input a person typed is unusable; the message says which field and why (Chinese, English)."""


class StateError(ValueError):
    """The action does not fit the item's current state."""


@dataclass(frozen=True)
class ComplaintInput:
    kind: str
    content: str
    reference: str = ""
    contact: str = ""


def new_ticket_id(prefix: str, now: datetime) -> str:
    """An unguessable ticket number, e.g. `C20261123-7KQ2M9XA` (it is the key to the status page)."""
    tail = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{prefix}{now:%Y%m%d}-{tail}"


def _clean(value: object, field: str, limit: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"{field}: 须为文本 / must be text")
    text = value.strip()
    if "\x00" in text:
        raise InputError(f"{field}: 含有非法字符 / contains a NUL character")
    if required and not text:
        raise InputError(f"{field}: 不能为空 / is required")
    if len(text) > limit:
        raise InputError(f"{field}: 最多 {limit} 个字符 / at most {limit} characters")
    return text


def validate_complaint(data: dict[str, object], max_chars: int) -> ComplaintInput:
    """Check the public fields `kind`, `reference`, `content`, `contact`; unknown fields are errors."""
    unknown = sorted(set(data) - {"kind", "reference", "content", "contact"})
    if unknown:
        raise InputError(f"未知字段 / unknown field: {', '.join(unknown)}")
    kind = _clean(data.get("kind"), "kind", 16, required=True)
    if kind not in KINDS:
        raise InputError(f"kind: 须为 {'|'.join(KINDS)} / must be one of {', '.join(KINDS)}")
    return ComplaintInput(
        kind=kind,
        content=_clean(data.get("content"), "content", max_chars, required=True),
        reference=_clean(data.get("reference"), "reference", 128),
        contact=_clean(data.get("contact"), "contact", 200),
    )


def file_complaint(db: Session, item: ComplaintInput, reply_hours: int, now: datetime | None = None) -> Ticket:
    now = now or utcnow()
    ticket = Ticket(ticket=new_ticket_id("C", now), kind=item.kind, reference=item.reference,
                    content=item.content, contact=item.contact, status="open", created_at=now,
                    deadline=now + timedelta(hours=reply_hours), reason="")
    db.add(ticket)
    db.flush()
    return ticket


def queue(db: Session, *, status: str = "open", kind: str = "", limit: int = 500) -> list[Ticket]:
    """Tickets by deadline, soonest first; status `open` means every unfinished one."""
    q = select(Ticket).order_by(Ticket.deadline, Ticket.id).limit(limit)
    if status == "open":
        q = q.where(Ticket.status.in_(OPEN_STATES))
    elif status and status != "all":
        q = q.where(Ticket.status == status)
    if kind:
        q = q.where(Ticket.kind == kind)
    return list(db.scalars(q))


def by_ticket(db: Session, ticket: str) -> Ticket | None:
    return db.scalar(select(Ticket).where(Ticket.ticket == ticket))


def notes(db: Session, ticket: Ticket, public_only: bool = False) -> list[TicketNote]:
    q = select(TicketNote).where(TicketNote.ticket_id == ticket.id).order_by(TicketNote.id)
    if public_only:
        q = q.where(TicketNote.public.is_(True))
    return list(db.scalars(q))


def act(db: Session, ticket: Ticket, action: str, body: str, author: str,
        now: datetime | None = None) -> TicketNote:
    """`reply` (keeps it open), `resolve` or `reject` (close it; a reason is required), `note` (internal)."""
    now = now or utcnow()
    body = _clean(body, "reason", 5000, required=True)
    if action not in ("reply", "resolve", "reject", "note"):
        raise InputError(f"未知操作 / unknown action: {action}")
    if action != "note" and ticket.status not in OPEN_STATES:
        raise StateError("该工单已结束 / this ticket is already closed")
    if action == "reply":
        ticket.status = "replied"
        ticket.replied_at = ticket.replied_at or now
    elif action in ("resolve", "reject"):
        ticket.status = "resolved" if action == "resolve" else "rejected"
        ticket.closed_at = now
        ticket.replied_at = ticket.replied_at or now
        ticket.reason = body
    note = TicketNote(ticket_id=ticket.id, at=now, author=author, kind=action, body=body,
                      public=action != "note")
    db.add(note)
    db.flush()
    return note


def time_left(deadline: datetime, now: datetime | None = None) -> str:
    """`3天4小时` style remaining time; negative as 超期 (overdue)."""
    now = now or utcnow()
    seconds = int((deadline - now).total_seconds())
    sign = "" if seconds >= 0 else "超期 overdue "
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{sign}{days}天{hours}小时 ({days}d {hours}h)"
    return f"{sign}{hours}小时{minutes}分 ({hours}h {minutes}m)"
