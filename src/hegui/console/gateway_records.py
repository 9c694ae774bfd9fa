"""`RecordsBridge` on the gateway's store (`hegui.records`): the one place the console touches it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from hegui.console.bridge import USER_ACTIONS, EventView, UserView
from hegui.console.models import changed
from hegui.records import users as gw_users
from hegui.records.models import Event, EventContent, LabelOptOut, UserAction, UserState
from hegui.records.pseudonym import Pseudonymizer
from hegui.records.store import Store, hash_key, now_utc, utc

# A stream the gateway cut short (停止生成 / 停止传输): a refusal recorded at one of these stages,
# or (as the gateway records it now) at stage "output" with this mark in the held answer.
STREAM_STAGES = frozenset({"stream", "output_stream", "streaming"})
STOP_MARK = "[stopped at]"


def _stopped(decision: str, stage: str | None, marked: bool) -> bool:
    return decision == "refuse" and ((stage or "") in STREAM_STAGES or (stage == "output" and marked))


def _risks(text: str | None) -> tuple[str, ...]:
    return tuple(r for r in (text or "").split(",") if r)


def _view(ev: Event, content: EventContent | None = None) -> EventView:
    text = ""
    if content is not None:
        text = "\n".join(t for t in (content.input_text, content.output_text) if t)
    return EventView(
        reference=ev.id, at=utc(ev.at) or ev.at, user=ev.user or "", decision=ev.decision,
        risks=_risks(ev.risks), operation=ev.operation,
        stopped=_stopped(ev.decision, ev.stage, bool(content and STOP_MARK in (content.output_text or ""))),
        content=text, app=ev.app_name or "",
    )


class GatewayRecords:
    """Reads and changes the gateway's records through its own modules where they exist."""

    def __init__(self, store: Store, pseudonymizer: Pseudonymizer) -> None:
        self._store = store
        self._pseudonymize = pseudonymizer

    def pseudonym(self, user: str) -> str:
        return self._pseudonymize(user)

    def event(self, db: Session, reference: str) -> EventView | None:
        ev = db.get(Event, reference)
        return None if ev is None else _view(ev, db.get(EventContent, reference))

    def events(self, db: Session, since: datetime, until: datetime, *, user: str = "",
               decision: str = "", limit: int | None = None) -> list[EventView]:
        stopped = EventContent.output_text.like(f"%{STOP_MARK}%")
        q = (select(Event.id, Event.at, Event.user, Event.decision, Event.risks, Event.operation,
                    Event.stage, Event.app_name, stopped.label("cut"))
             .outerjoin(EventContent, EventContent.event_id == Event.id)
             .where(Event.at >= since, Event.at < until)
             .order_by(Event.at.desc(), Event.id.desc()))
        if limit is not None:
            q = q.limit(limit)
        if user:
            q = q.where(Event.user == user)
        if decision:
            q = q.where(Event.decision == decision)
        return [EventView(reference=r.id, at=utc(r.at) or r.at, user=r.user or "", decision=r.decision,
                          risks=_risks(r.risks), operation=r.operation, app=r.app_name or "",
                          stopped=_stopped(r.decision, r.stage, bool(r.cut)))
                for r in db.execute(q.execution_options(yield_per=5000))]

    def user(self, db: Session, pseudonym: str) -> UserView | None:
        state = db.get(UserState, pseudonym)
        refused = list(db.scalars(select(Event).where(Event.user == pseudonym, Event.decision == "refuse")
                                  .order_by(Event.at.desc()).limit(200)))
        if state is None and not refused:
            return None
        record = gw_users.get_user(self._store, pseudonym)
        actions = gw_users.user_actions(self._store, pseudonym)
        now = now_utc()
        return UserView(
            pseudonym=pseudonym,
            state=record.effective_status(now) if record else "active",
            until=record.restricted_until if record else None,
            violations=[{"reference": e.id, "at": utc(e.at), "risks": " ".join(_risks(e.risks)),
                         "operation": e.operation} for e in refused],
            actions=actions,
            extra={"minor": bool(record and record.minor), "warnings": record.warnings if record else 0,
                   "training_opt_out": bool(record and record.training_opt_out)},
        )

    def act_on_user(self, db: Session, pseudonym: str, action: str, reason: str, actor: str,
                    hours: float | None = None) -> None:
        if action not in USER_ACTIONS:
            raise ValueError(f"unknown user action {action!r}")
        until = now_utc() + timedelta(hours=hours or 24) if action == "restrict" else None
        gw_users.apply_action(self._store, pseudonym, action, actor=actor, reason=reason, until=until)

    def user_actions(self, db: Session, since: datetime, until: datetime) -> list[dict[str, Any]]:
        q = select(UserAction).where(UserAction.at >= since, UserAction.at < until).order_by(UserAction.at)
        return [{"at": utc(a.at), "user": a.user, "action": a.action, "reason": a.reason,
                 "actor": a.actor, "until": utc(a.until)} for a in db.scalars(q)]

    def user_data(self, db: Session, pseudonym: str) -> dict[str, list[dict[str, Any]]]:
        events = list(db.scalars(select(Event).where(Event.user == pseudonym).order_by(Event.at)))
        ids = [e.id for e in events]
        contents = {c.event_id: c for c in db.scalars(
            select(EventContent).where(EventContent.event_id.in_(ids)))} if ids else {}
        state = db.get(UserState, pseudonym)
        return {
            "events": [{c.name: getattr(e, c.name) for c in Event.__table__.columns} for e in events],
            "contents": [{"event_id": c.event_id, "input": c.input_text, "output": c.output_text,
                          "findings": json.loads(c.findings or "[]")} for c in contents.values()],
            "label_opt_outs": [{"event_id": o.event_id, "at": o.at, "produce_id": o.produce_id}
                               for o in db.scalars(select(LabelOptOut).where(LabelOptOut.user == pseudonym))],
            "state": [] if state is None else [{c.name: getattr(state, c.name)
                                                for c in UserState.__table__.columns}],
            "actions": [{"at": a.at, "action": a.action, "reason": a.reason, "actor": a.actor}
                        for a in db.scalars(select(UserAction).where(UserAction.user == pseudonym))],
        }

    def delete_user_data(self, db: Session, pseudonym: str, keep_logs: bool = False) -> dict[str, int]:
        ids = select(Event.id).where(Event.user == pseudonym).scalar_subquery()
        counts = {"contents": changed(db, delete(EventContent).where(EventContent.event_id.in_(ids)))}
        if keep_logs:  # the log rows stay for their legal retention, no longer tied to the person
            counts["label_opt_outs_unlinked"] = changed(
                db, update(LabelOptOut).where(LabelOptOut.user == pseudonym).values(user=None))
            counts["events_unlinked"] = changed(db, update(Event).where(Event.user == pseudonym).values(
                user=None, source_ip=None, source_port=None, user_agent=None))
        else:
            counts["label_opt_outs"] = changed(db, delete(LabelOptOut).where(LabelOptOut.user == pseudonym))
            counts["events"] = changed(db, delete(Event).where(Event.user == pseudonym))
        counts["user_actions"] = changed(db, delete(UserAction).where(UserAction.user == pseudonym))
        counts["user_state"] = changed(db, delete(UserState).where(UserState.user == pseudonym))
        return counts

    def app_for_key(self, db: Session, key: str) -> str | None:
        info = self._store.app_for_key(hash_key(key))
        return None if info is None else info.name
