from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from hegui.console import dashboard
from hegui.console.dashboard import Range
from hegui.console.gateway_records import GatewayRecords
from hegui.console.models import utcnow
from hegui.records.config import RecordsConfig
from hegui.records.pseudonym import Pseudonymizer
from hegui.records.store import Store
from hegui.records.users import apply_action
from tests.console.conftest import add_event


def test_figures_per_day(store: Store) -> None:
    bridge = GatewayRecords(store, Pseudonymizer(store.pseudonym_key(RecordsConfig())))
    now = utcnow()
    yesterday = now - timedelta(days=1)
    add_event(store, "u_a", risks="A1.7", at=yesterday)
    add_event(store, "u_a", risks="A1.7,A2.1", stage="stream", at=now)
    add_event(store, "u_b", decision="allow", risks="", content=None, at=now)
    add_event(store, "u_b", at=now - timedelta(days=40))  # outside the range
    # how the gateway records a stream it stopped today: stage "output", the mark in the held text
    add_event(store, "u_c", stage="output", content="已发送部分\n[stopped at] [A1.4]", at=now)
    apply_action(store, "u_a", "warn", actor="t")
    with Session(store.engine) as db:
        figs = dashboard.figures(db, bridge, Range.parse(default_days=7))
    assert figs.requests[-2:] == [1, 3] and figs.refusals[-2:] == [1, 2]
    assert figs.stops[-1] == 2 and figs.totals == {"requests": 4, "refusals": 3, "stops": 2, "users_acted": 1}
    assert figs.refusals_by_risk[0] == ("A1.7 传播虚假有害信息", 3)


@pytest.mark.parametrize("start,end", [("2026-02-01", "2026-01-01"), ("2024-01-01", "2026-01-01"), ("x", "")])
def test_bad_ranges_are_refused(start: str, end: str) -> None:
    with pytest.raises(ValueError):
        Range.parse(start, end)
