"""The staff audit trail: every staff action, append-only (database triggers refuse changes)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from hegui.console.models import StaffAudit, utcnow

_SQLITE_GUARD = (
    ("CREATE TRIGGER IF NOT EXISTS console_audit_no_update BEFORE UPDATE ON console_audit "
     "BEGIN SELECT RAISE(ABORT, 'console_audit is append-only'); END"),
    ("CREATE TRIGGER IF NOT EXISTS console_audit_no_delete BEFORE DELETE ON console_audit "
     "BEGIN SELECT RAISE(ABORT, 'console_audit is append-only'); END"),
)
_PG_GUARD = (
    ("CREATE OR REPLACE FUNCTION console_audit_refuse() RETURNS trigger AS $$ "
     "BEGIN RAISE EXCEPTION 'console_audit is append-only'; END; $$ LANGUAGE plpgsql"),
    "DROP TRIGGER IF EXISTS console_audit_append_only ON console_audit",
    ("CREATE TRIGGER console_audit_append_only BEFORE UPDATE OR DELETE ON console_audit "
     "FOR EACH ROW EXECUTE FUNCTION console_audit_refuse()"),
)
_SQLITE_UNGUARD = (
    "DROP TRIGGER IF EXISTS console_audit_no_update",
    "DROP TRIGGER IF EXISTS console_audit_no_delete",
)
_PG_UNGUARD = (
    "DROP TRIGGER IF EXISTS console_audit_append_only ON console_audit",
    "DROP FUNCTION IF EXISTS console_audit_refuse()",
)


def _run(conn: Connection, statements: tuple[str, ...]) -> None:
    for sql in statements:
        conn.exec_driver_sql(sql)


def install_append_only_guard(conn: Connection) -> None:
    """Install triggers that make `console_audit` refuse UPDATE and DELETE."""
    if conn.dialect.name == "postgresql":
        _run(conn, _PG_GUARD)
    elif conn.dialect.name == "sqlite":
        _run(conn, _SQLITE_GUARD)
    else:
        raise ValueError(f"no append-only guard for database {conn.dialect.name}")


def remove_append_only_guard(conn: Connection) -> None:
    _run(conn, _PG_UNGUARD if conn.dialect.name == "postgresql" else _SQLITE_UNGUARD)


def record(db: Session, staff: str, role: str, action: str, target: str = "",
           detail: Mapping[str, Any] | None = None, client: str = "") -> StaffAudit:
    """Append one entry; `detail` must hold no personal data (callers pass counts and ids)."""
    row = StaffAudit(at=utcnow(), staff=staff, role=role, action=action, target=target[:128],
                     detail=json.dumps(dict(detail or {}), ensure_ascii=False, sort_keys=True),
                     client=client[:64])
    db.add(row)
    db.flush()
    return row


def entries(db: Session, *, staff: str = "", action: str = "", since: datetime | None = None,
            until: datetime | None = None, limit: int = 500) -> list[StaffAudit]:
    """Newest first, filtered."""
    q = select(StaffAudit).order_by(StaffAudit.id.desc()).limit(limit)
    if staff:
        q = q.where(StaffAudit.staff == staff)
    if action:
        q = q.where(StaffAudit.action == action)
    if since is not None:
        q = q.where(StaffAudit.at >= since)
    if until is not None:
        q = q.where(StaffAudit.at < until)
    return list(db.scalars(q))
