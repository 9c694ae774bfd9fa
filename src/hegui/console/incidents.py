"""Incidents (Art. 14 ¶1): stop (the gateway), remove, fix the model, report to the authority."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hegui.console.bridge import RecordsBridge
from hegui.console.models import FixTask, Incident, Ticket, utcnow
from hegui.console.tickets import InputError, StateError
from hegui.taxonomy import RISK_BY_CODE, is_risk_code

STEPS = ("stop", "remove", "fix", "report")


def open_incident(db: Session, bridge: RecordsBridge, *, title: str, actor: str, reference: str = "",
                  ticket: Ticket | None = None, risk: str = "", fix_days: int = 90,
                  now: datetime | None = None) -> Incident:
    """Open an incident from a flagged answer (its reference id), a ticket, or by hand.

    A fix-the-model task is created at once, due `fix_days` later.
    """
    now = now or utcnow()
    title = title.strip()
    if not title or len(title) > 200:
        raise InputError("title: 须为 1–200 个字符 / 1 to 200 characters")
    if risk and not is_risk_code(risk):
        raise InputError(f"risk: 不是风险代码 / not a risk code: {risk}")
    reference = reference.strip() or (ticket.reference if ticket else "")
    event = bridge.event(db, reference) if reference else None
    if reference and ticket is None and event is None:
        raise InputError(f"reference: 找不到该请求 / no request with this reference id: {reference}")
    incident = Incident(
        title=title, source="ticket" if ticket else ("event" if event else "manual"),
        reference=reference, ticket=ticket.ticket if ticket else "",
        risk=risk or (event.risks[0] if event and event.risks else ""),
        evidence=(event.content if event else "") or (ticket.content if ticket else ""),
        user_pseudonym=event.user if event else "", status="open",
        stopped=bool(event and (event.stopped or event.decision == "refuse")),
        created_at=now, created_by=actor,
    )
    db.add(incident)
    db.flush()
    add_task(db, incident, "修正模型（优化训练、过滤规则）/ fix the model", now + timedelta(days=fix_days))
    return incident


def add_task(db: Session, incident: Incident, title: str, due: datetime) -> FixTask:
    if not title.strip():
        raise InputError("title: 不能为空 / is required")
    task = FixTask(incident_id=incident.id, title=title.strip()[:200], due=due, note="")
    db.add(task)
    db.flush()
    return task


def tasks(db: Session, incident: Incident | None = None, open_only: bool = False) -> list[FixTask]:
    q = select(FixTask).order_by(FixTask.due, FixTask.id)
    if incident is not None:
        q = q.where(FixTask.incident_id == incident.id)
    if open_only:
        q = q.where(FixTask.done_at.is_(None))
    return list(db.scalars(q))


def step(db: Session, incident: Incident, name: str, note: str = "", now: datetime | None = None) -> None:
    """Mark `remove` or `report` done, or `close` the incident (all fix tasks must be done)."""
    now = now or utcnow()
    if incident.status != "open":
        raise StateError("该事件已关闭 / this incident is closed")
    if name == "remove":
        incident.removed_at = incident.removed_at or now
    elif name == "report":
        incident.reported_at = incident.reported_at or now
    elif name == "close":
        if any(t.done_at is None for t in tasks(db, incident)):
            raise StateError("仍有未完成的整改任务 / fix tasks are still open")
        incident.status = "closed"
    else:
        raise InputError(f"未知步骤 / unknown step: {name}")


def finish_task(db: Session, task: FixTask, note: str, now: datetime | None = None) -> None:
    if task.done_at is not None:
        raise StateError("任务已完成 / task already done")
    if not note.strip():
        raise InputError("note: 请说明整改内容 / describe the fix")
    task.done_at = now or utcnow()
    task.note = note.strip()[:5000]


def listing(db: Session, status: str = "open") -> list[Incident]:
    q = select(Incident).order_by(Incident.id.desc())
    if status and status != "all":
        q = q.where(Incident.status == status)
    return list(db.scalars(q))


def authority_report(db: Session, incident: Incident, provider: str) -> dict[str, Any]:
    """The report to the competent authority (向有关主管部门报告), as data for JSON or a printout."""
    risk = RISK_BY_CODE.get(incident.risk)
    return {
        "报告单位 provider": provider,
        "事件编号 incident": incident.id,
        "标题 title": incident.title,
        "发现时间 found_at": incident.created_at.isoformat(),
        "来源 source": incident.source,
        "请求编号 reference": incident.reference,
        "投诉编号 ticket": incident.ticket,
        "风险类别 risk": f"{incident.risk} {risk.name_zh if risk else ''}".strip(),
        "已停止生成和传输 stopped": incident.stopped,
        "已消除 removed_at": incident.removed_at.isoformat() if incident.removed_at else "",
        "整改任务 fix_tasks": [
            {"任务 task": t.title, "期限 due": t.due.isoformat(),
             "完成 done_at": t.done_at.isoformat() if t.done_at else "", "说明 note": t.note}
            for t in tasks(db, incident)
        ],
        "报告时间 reported_at": incident.reported_at.isoformat() if incident.reported_at else "",
    }
