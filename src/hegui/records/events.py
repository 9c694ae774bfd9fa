"""Reading, purging and exporting audit records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from hegui.records.config import RecordsConfig
from hegui.records.models import Event, EventContent, LabelOptOut, UserState
from hegui.records.store import Store, iso, now_utc

_EVENT_COLUMNS = tuple(Event.__table__.columns)


def _event_json(row: Any) -> dict[str, Any]:
    out = {c.name: getattr(row, c.name) for c in _EVENT_COLUMNS}
    out["at"] = iso(out["at"])
    out["risks"] = [r for r in (out["risks"] or "").split(",") if r]
    return out


def list_events(store: Store, limit: int = 50, with_content: bool = False) -> list[dict[str, Any]]:
    """The newest `limit` events, newest first."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    query = select(*_EVENT_COLUMNS).order_by(Event.at.desc(), Event.id.desc()).limit(limit)
    with store.engine.begin() as conn:
        events = [_event_json(r) for r in conn.execute(query).all()]
        if with_content and events:
            ids = [e["id"] for e in events]
            rows = conn.execute(select(EventContent).where(EventContent.event_id.in_(ids))).all()
            content = {r.event_id: r for r in rows}
            for e in events:
                c = content.get(e["id"])
                e["content"] = None if c is None else {
                    "input": c.input_text, "output": c.output_text, "findings": json.loads(c.findings)
                }
    return events


def list_label_opt_outs(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    query = select(*LabelOptOut.__table__.columns).order_by(LabelOptOut.id.desc()).limit(limit)
    with store.engine.begin() as conn:
        rows = conn.execute(query).all()
    return [{**r._asdict(), "at": iso(r.at)} for r in rows]


def purge(store: Store, config: RecordsConfig, now: datetime | None = None) -> dict[str, int]:
    """Delete what is past its retention; returns how many rows of each kind went."""
    now = now or now_utc()
    limits: dict[str, tuple[Any, datetime]] = {
        "events": (Event, now - timedelta(days=config.event_retention_days)),
        "contents": (EventContent, now - timedelta(days=config.content_retention_days)),
        "label_opt_outs": (LabelOptOut, now - timedelta(days=config.label_opt_out_retention_days)),
    }
    done: dict[str, int] = {}
    with store.engine.begin() as conn:
        for name, (model, cutoff) in limits.items():
            done[name] = conn.execute(delete(model).where(model.at < cutoff)).rowcount or 0
    return done


def export_for_training(store: Store) -> Iterator[dict[str, Any]]:
    """Stored content usable for training, leaving out every user who opted out (TC260 §7)."""
    opted_out = select(UserState.user).where(UserState.training_opt_out.is_(True))
    query = (
        select(Event.id, Event.at, Event.decision, Event.risks, Event.user,
               EventContent.input_text, EventContent.output_text)
        .join(EventContent, EventContent.event_id == Event.id)
        .where((Event.user.is_(None)) | (Event.user.not_in(opted_out)))
        .order_by(Event.at)
    )
    with store.engine.begin() as conn:
        rows = conn.execute(query).all()
    for r in rows:
        yield {
            "event_id": r.id, "at": iso(r.at), "decision": r.decision,
            "risks": [x for x in (r.risks or "").split(",") if x],
            "input": r.input_text, "output": r.output_text,
        }
