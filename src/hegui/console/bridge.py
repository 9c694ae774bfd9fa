"""What the console needs from the gateway's records: one protocol, one implementation.

The console never imports gateway tables outside `hegui.console.gateway_records`; everything it
reads or changes there goes through this protocol, so the contract between the two is one file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class EventView:
    """One gateway audit event as the console shows it (content only where the gateway held it)."""

    reference: str
    at: datetime
    user: str
    decision: str
    risks: tuple[str, ...]
    operation: str = ""
    stopped: bool = False
    content: str = ""
    app: str = ""


@dataclass(frozen=True)
class UserView:
    """A pseudonymous end user: current state, violations and actions taken."""

    pseudonym: str
    state: str
    until: datetime | None = None
    violations: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


USER_ACTIONS = ("warn", "restrict", "suspend", "terminate", "lift")


class RecordsBridge(Protocol):
    """The gateway records the console reads and acts on."""

    def pseudonym(self, user: str) -> str:
        """The keyed pseudonym the gateway records for an app's user id."""
        ...

    def event(self, db: Session, reference: str) -> EventView | None:
        """The event behind a reference id (the id quoted in a complaint)."""
        ...

    def events(self, db: Session, since: datetime, until: datetime, *, user: str = "",
               decision: str = "", limit: int | None = None) -> list[EventView]:
        """Events in a time range, newest first, optionally filtered."""
        ...

    def user(self, db: Session, pseudonym: str) -> UserView | None:
        ...

    def act_on_user(self, db: Session, pseudonym: str, action: str, reason: str, actor: str,
                    hours: float | None = None) -> None:
        """warn / restrict / suspend / terminate / lift, recorded by the gateway's users module."""
        ...

    def user_actions(self, db: Session, since: datetime, until: datetime) -> list[dict[str, Any]]:
        """Every action on users in a time range (for the dashboard and exports)."""
        ...

    def user_data(self, db: Session, pseudonym: str) -> dict[str, list[dict[str, Any]]]:
        """Everything the gateway holds about a user, for a see/copy request."""
        ...

    def delete_user_data(self, db: Session, pseudonym: str, keep_logs: bool = False) -> dict[str, int]:
        """Delete everything about a user, held content included; return counts per kind.

        `keep_logs` keeps the request log rows (≥ 6 months by law) with every link to the person
        removed, instead of deleting them."""
        ...

    def app_for_key(self, db: Session, key: str) -> str | None:
        """The app name behind an API key, or None when the key is unknown or revoked."""
        ...
