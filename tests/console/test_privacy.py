import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hegui.console import incidents, pages, privacy
from hegui.console.gateway_records import GatewayRecords
from hegui.console.identity import Identity
from hegui.console.tickets import InputError, StateError
from hegui.records.models import Event, EventContent, LabelOptOut, UserAction, UserState
from hegui.records.pseudonym import Pseudonymizer
from hegui.records.store import Store
from hegui.records.users import apply_action
from tests.console.conftest import add_event


def _bridge(store: Store) -> GatewayRecords:
    return GatewayRecords(store, Pseudonymizer(store.pseudonym_key(store_config())))


def store_config():  # type: ignore[no-untyped-def]
    from hegui.records.config import RecordsConfig

    return RecordsConfig()


def _count(db: Session, model: type, column: object, value: str) -> int:
    return int(db.scalar(select(func.count()).select_from(model).where(column == value)) or 0)


def test_deletion_really_deletes_and_keeps_only_counts(any_store: Store) -> None:
    bridge = _bridge(any_store)
    alice, bob = bridge.pseudonym("alice"), bridge.pseudonym("bob")
    ref = add_event(any_store, alice, content="被拦截的回答：绝密内容")
    add_event(any_store, alice, decision="allow", content=None)
    add_event(any_store, bob)
    apply_action(any_store, alice, "warn", actor="test", reason="r")
    with Session(any_store.engine, expire_on_commit=False) as db, db.begin():
        db.add(LabelOptOut(at=db.get(Event, ref).at, event_id=ref, user=alice, produce_id="p1"))
        row = pages.save_version(db, "agreement", "协议", "ann", publish=True)
        pages.accept(db, "agreement", row.version, alice, "demo-app")
        incidents.open_incident(db, bridge, title="x", actor="ann", reference=ref)
        req = privacy.file_request(db, bridge, Identity("alice", "token"), "delete", "", "", days=15)
        counts = privacy.complete(db, bridge, req, "按申请删除")
    assert counts["events"] == 2 and counts["contents"] == 1 and counts["acceptances"] == 1
    assert counts["incident_evidence"] == 1 and counts["label_opt_outs"] == 1
    with Session(any_store.engine, expire_on_commit=False) as db:
        assert _count(db, Event, Event.user, alice) == 0
        assert _count(db, EventContent, EventContent.event_id, ref) == 0
        assert _count(db, UserState, UserState.user, alice) == 0
        assert _count(db, UserAction, UserAction.user, alice) == 0
        assert _count(db, Event, Event.user, bob) == 1  # nobody else's records go
        stored = privacy.by_ticket(db, req.ticket)
        assert stored is not None and stored.status == "done"
        assert "绝密" not in stored.outcome and "events=2" in stored.outcome
        assert "alice" not in stored.user_pseudonym  # only the pseudonym is kept
        assert all(i.evidence == "" for i in incidents.listing(db, "all"))


def test_copy_exports_everything_held_about_the_user(store: Store) -> None:
    bridge = _bridge(store)
    alice = bridge.pseudonym("alice")
    add_event(store, alice, content="held answer")
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        req = privacy.file_request(db, bridge, Identity("alice", "token"), "copy", "", "", days=15)
        data = json.loads(privacy.export_bytes(db, bridge, req))
    assert data["user_pseudonym"] == alice
    assert [c["output"] for c in data["records"]["contents"]] == ["held answer"]
    assert len(data["records"]["events"]) == 1


def test_requests_need_details_and_close_once(store: Store) -> None:
    bridge = _bridge(store)
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        with pytest.raises(InputError, match="details"):
            privacy.file_request(db, bridge, Identity("a", "token"), "correct", " ", "", days=15)
        with pytest.raises(InputError, match="right"):
            privacy.file_request(db, bridge, Identity("a", "token"), "sell", "", "", days=15)
        req = privacy.file_request(db, bridge, Identity("a", "token"), "see", "", "", days=15)
        assert (req.deadline - req.created_at).days == 15
        with pytest.raises(InputError, match="reason"):
            privacy.reject(db, req, "")
        privacy.reject(db, req, "身份不符")
        with pytest.raises(StateError):
            privacy.complete(db, bridge, req, "done")


def test_deletion_can_keep_the_legal_logs_unlinked(store: Store) -> None:
    bridge = _bridge(store)
    alice = bridge.pseudonym("alice")
    ref = add_event(store, alice)
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        req = privacy.file_request(db, bridge, Identity("alice", "token"), "delete", "", "", days=15)
        counts = privacy.complete(db, bridge, req, "", keep_logs=True)
    assert counts["events_unlinked"] == 1 and counts["contents"] == 1
    with Session(store.engine) as db:
        event = db.get(Event, ref)
        assert event is not None and event.user is None and event.source_ip is None
        assert db.get(EventContent, ref) is None
