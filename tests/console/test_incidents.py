from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from hegui.console import incidents
from hegui.console.gateway_records import GatewayRecords
from hegui.console.tickets import InputError, StateError
from hegui.records.config import RecordsConfig
from hegui.records.pseudonym import Pseudonymizer
from hegui.records.store import Store
from tests.console.conftest import add_event


def test_incident_from_a_stopped_stream_with_default_fix_task(store: Store) -> None:
    bridge = GatewayRecords(store, Pseudonymizer(store.pseudonym_key(RecordsConfig())))
    ref = add_event(store, bridge.pseudonym("u1"), stage="stream", risks="A1.7,A1.2")
    with Session(store.engine, expire_on_commit=False) as db, db.begin():
        inc = incidents.open_incident(db, bridge, title="谣言", actor="ann", reference=ref)
        assert inc.stopped and inc.risk == "A1.7" and inc.source == "event"
        assert "不存在的灾难" in inc.evidence
        (task,) = incidents.tasks(db, inc)
        assert timedelta(days=89) < task.due - inc.created_at <= timedelta(days=90)
        with pytest.raises(StateError, match="fix tasks"):
            incidents.step(db, inc, "close")
        incidents.step(db, inc, "remove")
        incidents.finish_task(db, task, "已加入特征库并重新对齐")
        incidents.step(db, inc, "report")
        report = incidents.authority_report(db, inc, "示例公司")
        incidents.step(db, inc, "close")
        assert inc.status == "closed"
    assert report["风险类别 risk"].startswith("A1.7 传播虚假有害信息")
    assert report["已停止生成和传输 stopped"] is True
    assert report["整改任务 fix_tasks"][0]["说明 note"] == "已加入特征库并重新对齐"


def test_unknown_reference_is_refused(store: Store) -> None:
    bridge = GatewayRecords(store, Pseudonymizer(store.pseudonym_key(RecordsConfig())))
    with Session(store.engine, expire_on_commit=False) as db, pytest.raises(InputError, match="reference"):
        incidents.open_incident(db, bridge, title="x", actor="ann", reference="nope")
