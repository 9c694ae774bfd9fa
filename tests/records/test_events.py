"""Listing, retention and the training export of audit records."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hegui.records.config import RecordsConfig
from hegui.records.events import export_for_training, list_events, purge
from hegui.records.models import Event, EventContent, LabelOptOut
from hegui.records.store import Store, now_utc
from hegui.records.users import apply_action


def event(i: str, days_ago: float, user: str | None = None, decision: str = "refuse") -> dict[str, object]:
    return {"id": i, "at": now_utc() - timedelta(days=days_ago), "app_id": 1, "app_name": "a",
            "user": user, "source_ip": "127.0.0.1", "source_port": 1, "user_agent": "t",
            "operation": "chat.completions", "model": "m", "status": 200, "decision": decision,
            "stage": "input", "risks": "A1.4", "error": None, "latency_ms": 1.0, "minor": False,
            "explicit_label": True, "produce_id": None}


def content(i: str, days_ago: float) -> dict[str, object]:
    return {"event_id": i, "at": now_utc() - timedelta(days=days_ago), "input_text": f"in {i}",
            "output_text": None, "findings": "[]"}


def test_list_purge_and_export(database_url: str, tmp_path: Path) -> None:
    config = RecordsConfig(database_url=database_url, content_retention_days=30)
    store = Store.open(config, tmp_path)
    store.write_batch({
        Event: [event("old", 200), event("mid", 40, "u_a"), event("new", 1, "u_b"), event("x", 0.5, "u_c")],
        EventContent: [content("old", 200), content("mid", 40), content("new", 1), content("x", 0.5)],
        LabelOptOut: [{"at": now_utc() - timedelta(days=190), "event_id": "old", "app_id": 1,
                       "app_name": "a", "user": None, "produce_id": "p"}],
    })
    assert [e["id"] for e in list_events(store, 10)] == ["x", "new", "mid", "old"]
    assert [e["id"] for e in list_events(store, 2)] == ["x", "new"]
    assert list_events(store, 1, with_content=True)[0]["content"]["input"] == "in x"
    done = purge(store, config)
    assert done == {"events": 1, "contents": 2, "label_opt_outs": 1}
    assert [e["id"] for e in list_events(store, 10)] == ["x", "new", "mid"]
    apply_action(store, "u_c", "training_opt_out", actor="t")
    assert [r["event_id"] for r in export_for_training(store)] == ["new"]
    assert purge(store, config) == {"events": 0, "contents": 0, "label_opt_outs": 0}
    store.close()
