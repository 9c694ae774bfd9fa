"""Dashboard figures over a date range: requests, refusals by risk, stops, users acted on, tickets."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hegui.console.bridge import RecordsBridge
from hegui.console.models import FixTask, PrivacyRequest, Ticket, utcnow
from hegui.console.tickets import OPEN_STATES
from hegui.taxonomy import RISK_BY_CODE


@dataclass
class Range:
    """Whole UTC days from `start` to `end` inclusive."""

    start: date
    end: date

    @classmethod
    def parse(cls, start: str = "", end: str = "", default_days: int = 30) -> Range:
        """From `YYYY-MM-DD` strings; blanks mean the last `default_days` days. Bad input raises."""
        today = utcnow().date()
        last = date.fromisoformat(end) if end else today
        first = date.fromisoformat(start) if start else last - timedelta(days=default_days - 1)
        if first > last:
            raise ValueError("开始日期晚于结束日期 / start is after end")
        if (last - first).days > 366:
            raise ValueError("范围最多一年 / at most one year")
        return cls(first, last)

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time(), tzinfo=utcnow().tzinfo)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time(), tzinfo=utcnow().tzinfo)

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


@dataclass
class Figures:
    days: list[str]
    requests: list[int]
    refusals: list[int]
    stops: list[int]
    users_acted: list[int]
    refusals_by_risk: list[tuple[str, int]]
    totals: dict[str, int] = field(default_factory=dict)


def figures(db: Session, bridge: RecordsBridge, rng: Range) -> Figures:
    """Per-day series and totals for the range."""
    days = rng.days()
    pos = {d: i for i, d in enumerate(days)}
    req, ref, stop, acted = ([0] * len(days) for _ in range(4))
    by_risk: Counter[str] = Counter()
    for ev in bridge.events(db, rng.since, rng.until):
        i = pos.get(ev.at.date())
        if i is None:
            continue
        req[i] += 1
        if ev.decision == "refuse":
            ref[i] += 1
            by_risk.update(ev.risks or ("(none)",))
        if ev.stopped:
            stop[i] += 1
    acted_users: dict[int, set[str]] = {}
    for action in bridge.user_actions(db, rng.since, rng.until):
        i = pos.get(action["at"].date())
        if i is not None:
            acted_users.setdefault(i, set()).add(action["user"])
    for i, users in acted_users.items():
        acted[i] = len(users)
    risks = [(f"{code} {RISK_BY_CODE[code].name_zh}" if code in RISK_BY_CODE else code, n)
             for code, n in by_risk.most_common(15)]
    return Figures(
        days=[d.strftime("%m-%d") for d in days], requests=req, refusals=ref, stops=stop,
        users_acted=acted, refusals_by_risk=risks,
        totals={"requests": sum(req), "refusals": sum(ref), "stops": sum(stop),
                "users_acted": len(set().union(*acted_users.values())) if acted_users else 0},
    )


def queue_summary(db: Session, now: datetime | None = None) -> dict[str, int]:
    """Open work and how much of it is overdue."""
    now = now or utcnow()

    def count(q: object) -> int:
        return int(db.scalar(q) or 0)  # type: ignore[call-overload]

    open_t = Ticket.status.in_(OPEN_STATES)
    return {
        "tickets_open": count(select(func.count()).select_from(Ticket).where(open_t)),
        "tickets_overdue": count(select(func.count()).select_from(Ticket)
                                 .where(open_t, Ticket.deadline < now)),
        "privacy_open": count(select(func.count()).select_from(PrivacyRequest)
                              .where(PrivacyRequest.status == "open")),
        "privacy_overdue": count(select(func.count()).select_from(PrivacyRequest)
                                 .where(PrivacyRequest.status == "open", PrivacyRequest.deadline < now)),
        "tasks_open": count(select(func.count()).select_from(FixTask).where(FixTask.done_at.is_(None))),
        "tasks_overdue": count(select(func.count()).select_from(FixTask)
                               .where(FixTask.done_at.is_(None), FixTask.due < now)),
    }
