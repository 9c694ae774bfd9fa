"""The store going away: 503 until records can be kept again, nothing queued is lost."""

from __future__ import annotations

import time

import httpx
from sqlalchemy import text

from tests.gateway.conftest import GatewayFactory
from tests.gateway.scripted_upstream import ScriptedUpstream, answer


def wait_for(check, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_store_unavailable_gives_503_and_recovers(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    chat = {"model": "m", "messages": [{"role": "user", "content": "你好"}]}
    upstream.expect(answer("一"), answer("二"))
    with gw.client() as c:
        assert c.post("/v1/chat/completions", json=chat).status_code == 200
        gw.events(1)
        with gw.store.engine.begin() as conn:  # the events table goes away under the gateway
            conn.execute(text("ALTER TABLE events RENAME TO events_away"))
        assert c.post("/v1/chat/completions", json=chat).status_code == 200  # queued, not yet written

        assert wait_for(lambda: c.get("/healthz").status_code == 503)
        r: httpx.Response = c.post("/v1/chat/completions", json=chat)
        assert r.status_code == 503 and r.json()["error"]["code"] == "store_unavailable"
        with gw.store.engine.begin() as conn:
            conn.execute(text("ALTER TABLE events_away RENAME TO events"))
        assert wait_for(lambda: c.get("/healthz").status_code == 200)
    ids = [e["id"] for e in gw.events(3)]
    assert len(ids) >= 3  # the request served while the store was down was kept and written later


def test_automatic_purge_runs_at_start(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from hegui.records.config import RecordsConfig
    from hegui.records.events import list_events
    from hegui.records.models import Event
    from hegui.records.store import Store
    from tests.gateway.conftest import make_settings, start_gateway
    from tests.records.test_events import event

    store = Store.open(RecordsConfig(database_url=database_url), tmp_path)
    store.write_batch({Event: [event("too-old", 400), event("recent", 10)]})
    store.close()
    gw = start_gateway(make_settings(database_url, None), tmp_path)
    try:
        assert wait_for(lambda: [e["id"] for e in list_events(gw.store, 10)] == ["recent"])
    finally:
        gw.stop()
