"""End users as the records know them: a pseudonym, a status on the ladder, flags, actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from hegui.records.models import UserAction, UserState
from hegui.records.store import Store, iso, now_utc, utc

Action = Literal[
    "warn", "restrict", "suspend", "terminate", "lift", "minor", "not_minor",
    "training_opt_out", "training_opt_in",
]
ACTIONS: tuple[str, ...] = Action.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class UserRecord:
    user: str
    status: str
    restricted_until: datetime | None
    minor: bool
    training_opt_out: bool
    warnings: int

    def effective_status(self, now: datetime) -> str:
        """`restricted` ends by itself when its time is up."""
        if self.status == "restricted" and self.restricted_until and self.restricted_until <= now:
            return "active"
        return self.status

    def to_json(self, now: datetime | None = None) -> dict[str, object]:
        return {
            "user": self.user,
            "status": self.effective_status(now or now_utc()),
            "restricted_until": self.restricted_until.isoformat() if self.restricted_until else None,
            "minor": self.minor,
            "training_opt_out": self.training_opt_out,
            "warnings": self.warnings,
        }


ACTIVE = UserRecord("", "active", None, False, False, 0)


def _record(row: Any) -> UserRecord:
    return UserRecord(row.user, row.status, utc(row.restricted_until), bool(row.minor),
                      bool(row.training_opt_out), int(row.warnings))


def get_user(store: Store, user: str) -> UserRecord | None:
    with store.engine.begin() as conn:
        row = conn.execute(select(*UserState.__table__.columns).where(UserState.user == user)).first()
    return None if row is None else _record(row)


def _changes(action: str, current: UserRecord, until: datetime | None) -> dict[str, object]:
    if action == "warn":
        return {"warnings": current.warnings + 1}
    if action == "restrict":
        return {"status": "restricted", "restricted_until": until}
    if action in ("suspend", "terminate"):
        return {"status": "suspended" if action == "suspend" else "terminated", "restricted_until": None}
    if action == "lift":
        return {"status": "active", "restricted_until": None}
    if action in ("minor", "not_minor"):
        return {"minor": action == "minor"}
    if action in ("training_opt_out", "training_opt_in"):
        return {"training_opt_out": action == "training_opt_out"}
    raise ValueError(f"unknown user action {action!r}")


def apply_action(
    store: Store, user: str, action: str, *, actor: str, reason: str = "",
    until: datetime | None = None,
) -> UserRecord:
    """Change a user's state and record the action, in one transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown user action {action!r}")
    if action == "restrict" and until is None:
        raise ValueError("restrict needs an end time")
    now = now_utc()
    for _attempt in range(2):
        try:
            with store.engine.begin() as conn:
                row = conn.execute(
                    select(*UserState.__table__.columns).where(UserState.user == user)
                ).first()
                current = _record(row) if row is not None else ACTIVE
                changes = {**_changes(action, current, until), "updated_at": now}
                if row is None:
                    base = {"user": user, "status": "active", "restricted_until": None, "minor": False,
                            "training_opt_out": False, "warnings": 0}
                    conn.execute(insert(UserState).values(**{**base, **changes}))
                else:
                    conn.execute(update(UserState).where(UserState.user == user).values(**changes))
                conn.execute(insert(UserAction).values(
                    at=now, user=user, action=action, reason=reason, actor=actor, until=until))
            break
        except IntegrityError:  # created concurrently by another process: retry as an update
            continue
    found = get_user(store, user)
    if found is None:  # pragma: no cover - the transaction above committed
        raise RuntimeError("user vanished")
    return found


def user_actions(store: Store, user: str) -> list[dict[str, object]]:
    with store.engine.begin() as conn:
        rows = conn.execute(
            select(*UserAction.__table__.columns).where(UserAction.user == user)
            .order_by(UserAction.at.desc(), UserAction.id.desc())
        ).all()
    return [
        {"at": iso(r.at), "action": r.action, "reason": r.reason, "actor": r.actor,
         "until": iso(r.until)}
        for r in rows
    ]


def opted_out_users(store: Store) -> set[str]:
    with store.engine.begin() as conn:
        rows = conn.execute(select(UserState.user).where(UserState.training_opt_out.is_(True))).all()
    return {r[0] for r in rows}
