"""CSV and xlsx exports of what an auditor or a regulator asks for (Art. 19).

Each dataset is a function (db, bridge, range) → (headers, rows); `DATASETS` is the registry.
Cells that a spreadsheet would run as a formula are prefixed with `'`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from hegui.console import audit, featurelib, incidents, pages
from hegui.console.bridge import RecordsBridge
from hegui.console.dashboard import Range
from hegui.console.models import PrivacyRequest, Ticket

Table = tuple[list[str], list[list[Any]]]


def _t(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def _events(db: Session, bridge: RecordsBridge, rng: Range) -> Table:
    rows = [[e.reference, _t(e.at), e.app, e.user, e.operation, e.decision, " ".join(e.risks),
             "yes" if e.stopped else ""] for e in bridge.events(db, rng.since, rng.until)]
    return ["请求编号 reference", "时间 time", "应用 app", "用户假名 user", "操作 operation",
            "决定 decision", "风险 risks", "中途停止 stopped"], rows


def _tickets(db: Session, bridge: RecordsBridge, rng: Range) -> Table:
    q = select(Ticket).where(Ticket.created_at >= rng.since, Ticket.created_at < rng.until).order_by(Ticket.id)
    rows = [[t.ticket, t.kind, t.reference, t.status, _t(t.created_at), _t(t.deadline), _t(t.replied_at),
             _t(t.closed_at), t.reason, t.content] for t in db.scalars(q)]
    return ["工单 ticket", "类型 kind", "引用 reference", "状态 status", "提交 created", "期限 deadline",
            "答复 replied", "结束 closed", "理由 reason", "内容 content"], rows


def _privacy(db: Session, bridge: RecordsBridge, rng: Range) -> Table:
    q = (select(PrivacyRequest).where(PrivacyRequest.created_at >= rng.since,
                                      PrivacyRequest.created_at < rng.until).order_by(PrivacyRequest.id))
    rows = [[r.ticket, r.right, r.user_pseudonym, r.verified_by, r.status, _t(r.created_at),
             _t(r.deadline), _t(r.closed_at), r.outcome] for r in db.scalars(q)]
    return ["工单 ticket", "权利 right", "用户假名 user", "核验 verified_by", "状态 status",
            "提交 created", "期限 deadline", "结束 closed", "结果 outcome"], rows


def _incidents(db: Session, bridge: RecordsBridge, rng: Range) -> Table:
    rows = []
    for i in incidents.listing(db, "all"):
        if rng.since <= i.created_at < rng.until:
            open_tasks = [t for t in incidents.tasks(db, i) if t.done_at is None]
            rows.append([i.id, i.title, i.source, i.reference, i.ticket, i.risk, i.status,
                         "yes" if i.stopped else "", _t(i.removed_at), _t(i.reported_at),
                         len(open_tasks), _t(i.created_at)])
    return ["编号 id", "标题 title", "来源 source", "请求编号 reference", "工单 ticket", "风险 risk",
            "状态 status", "已停止 stopped", "已消除 removed", "已报告 reported", "未完成任务 open tasks",
            "创建 created"], rows


def _user_actions(db: Session, bridge: RecordsBridge, rng: Range) -> Table:
    rows = [[_t(a["at"]), a["user"], a["action"], a.get("reason", ""), a.get("actor", ""),
             _t(a.get("until"))] for a in bridge.user_actions(db, rng.since, rng.until)]
    return ["时间 time", "用户假名 user", "措施 action", "理由 reason", "执行者 actor", "至 until"], rows


def _features(db: Session, bridge: RecordsBridge, rng: Range) -> Table:
    rows = [[f.id, f.kind, f.risk, f.value, "yes" if f.active else "", f.incident_id or "",
             f.created_by, _t(f.created_at)] for f in featurelib.entries(db)]
    return ["编号 id", "类型 kind", "风险 risk", "值 value", "生效 active", "事件 incident",
            "添加人 by", "时间 created"], rows


def _audit(db: Session, bridge: RecordsBridge, rng: Range) -> Table:
    rows = [[a.id, _t(a.at), a.staff, a.role, a.action, a.target, a.detail, a.client]
            for a in audit.entries(db, since=rng.since, until=rng.until, limit=1_000_000)]
    return ["编号 id", "时间 time", "工作人员 staff", "角色 role", "操作 action", "对象 target",
            "详情 detail", "来源 client"], rows


def _acceptances(db: Session, bridge: RecordsBridge, rng: Range) -> Table:
    rows = [[a.kind, a.version, a.user_pseudonym, a.app, _t(a.accepted_at)]
            for a in pages.acceptances(db, limit=1_000_000) if rng.since <= a.accepted_at < rng.until]
    return ["文本 kind", "版本 version", "用户假名 user", "应用 app", "时间 accepted"], rows


DATASETS: dict[str, tuple[str, Callable[[Session, RecordsBridge, Range], Table]]] = {
    "events": ("请求日志 / Request log", _events),
    "tickets": ("投诉举报 / Complaints", _tickets),
    "privacy": ("个人信息申请 / PI requests", _privacy),
    "incidents": ("违法内容事件 / Incidents", _incidents),
    "user_actions": ("用户处置 / User actions", _user_actions),
    "features": ("特征库 / Feature library", _features),
    "audit": ("操作审计 / Staff audit", _audit),
    "acceptances": ("协议确认 / Acceptances", _acceptances),
}


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM so spreadsheet programs read the Chinese correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    writer.writerows([[_safe(v) for v in row] for row in rows])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31].replace("/", "-"))
    ws.append(list(headers))
    for row in rows:
        ws.append([_safe(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
