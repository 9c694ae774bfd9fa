"""Staff work through the console, on the real store: queues, incidents, users, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from hegui.console import featurelib
from hegui.console.identity import sign_token
from hegui.console.models import StaffAudit
from hegui.records.config import RecordsConfig
from hegui.records.models import Event
from hegui.records.pseudonym import Pseudonymizer
from hegui.records.store import Store
from hegui.records.users import get_user
from tests.console.conftest import APP_SECRET, add_event, login


def _pseudonym(store: Store, user: str) -> str:
    return Pseudonymizer(store.pseudonym_key(RecordsConfig()))(user)


def _audit_actions(store: Store) -> list[str]:
    with Session(store.engine) as db:
        return list(db.scalars(select(StaffAudit.action).order_by(StaffAudit.id)))


def test_complaint_reply_then_resolve_is_seen_by_the_complainant(client: TestClient, store: Store) -> None:
    ticket = client.post("/public/api/reports", json={"kind": "answer", "content": "错误回答"}).json()["ticket"]
    csrf = login(client, "rita")
    queue = client.get("/console/tickets").text
    assert ticket in queue and "天" in queue  # time left is shown
    for action, body in (("reply", "已收到，正在核查"), ("resolve", "已删除该回答并优化模型")):
        resp = client.post(f"/console/tickets/{ticket}/act", data={"csrf": csrf, "action": action, "body": body},
                           follow_redirects=False)
        assert resp.status_code == 303
    again = client.post(f"/console/tickets/{ticket}/act", data={"csrf": csrf, "action": "reject", "body": "x"})
    assert again.status_code == 409
    client.cookies.clear()
    status = client.get(f"/public/status/{ticket}", params={"format": "json"}).json()
    assert status["status"] == "resolved"
    assert [r["body"] for r in status["replies"]] == ["已收到，正在核查", "已删除该回答并优化模型"]
    assert _audit_actions(store)[-2:] == ["ticket_reply", "ticket_resolve"]


def test_deletion_request_through_the_console(client: TestClient, store: Store) -> None:
    alice = _pseudonym(store, "alice")
    add_event(store, alice)
    ticket = client.post("/public/api/privacy-requests",
                         json={"right": "delete", "token": sign_token(APP_SECRET, "alice")}).json()["ticket"]
    csrf = login(client, "rita")
    page = client.get(f"/console/privacy/{ticket}").text
    assert "events: 1" in page
    copy = client.get(f"/console/privacy/{ticket}/export")
    assert copy.headers["content-disposition"].startswith("attachment")
    assert json.loads(copy.content)["records"]["contents"][0]["output"].startswith("虚假信息")
    assert client.post(f"/console/privacy/{ticket}/complete", data={"csrf": csrf, "outcome": ""},
                       follow_redirects=False).status_code == 303
    with Session(store.engine) as db:
        assert db.scalar(select(Event).where(Event.user == alice)) is None
    detail = client.get(f"/console/privacy/{ticket}").text
    assert "events=1" in detail and "虚假信息" not in detail


def test_incident_to_feature_library_and_report(client: TestClient, store: Store, data_dir: Path) -> None:
    ref = add_event(store, _pseudonym(store, "bob"), stage="stream", content="完整的违法回答")
    csrf = login(client, "rita")
    resp = client.post("/console/incidents", data={"csrf": csrf, "title": "谣言", "reference": ref},
                       follow_redirects=False)
    iid = resp.headers["location"].rsplit("/", 1)[1]
    page = client.get(f"/console/incidents/{iid}").text
    assert "网关已停止" in page and "完整的违法回答" in page
    client.post("/console/features", data={"csrf": csrf, "kind": "fingerprint", "risk": "A1.7",
                                           "value": "完整的违法回答", "incident": iid})
    client.post("/console/features", data={"csrf": csrf, "kind": "keyword", "risk": "A1.7", "value": "某谣言词"})
    folder = data_dir / "feature-library"
    assert featurelib.answer_fingerprint("完整的违法回答") in featurelib.load_fingerprints(folder)
    assert "某谣言词" in (folder / "lexicon" / "A1.7.txt").read_text(encoding="utf-8")
    client.post(f"/console/incidents/{iid}/step", data={"csrf": csrf, "step": "report"})
    report = client.get(f"/console/incidents/{iid}/report", params={"format": "json"}).json()
    assert report["请求编号 reference"] == ref and report["报告时间 reported_at"]
    wb = load_workbook(io.BytesIO(client.get(f"/console/incidents/{iid}/report?format=xlsx").content))
    assert wb.active["A1"].value == "项目 item"


def test_user_actions_use_the_gateway_users_module(client: TestClient, store: Store) -> None:
    carol = _pseudonym(store, "carol")
    add_event(store, carol)
    csrf = login(client, "rita")
    found = client.get("/console/users", params={"q": "carol"}, follow_redirects=False)
    assert found.headers["location"] == f"/console/users/{carol}"
    missing = client.post(f"/console/users/{carol}/act", data={"csrf": csrf, "action": "suspend", "reason": ""})
    assert missing.status_code == 400
    client.post(f"/console/users/{carol}/act", data={"csrf": csrf, "action": "suspend", "reason": "多次违规"})
    record = get_user(store, carol)
    assert record is not None and record.status == "suspended"
    client.post(f"/console/users/{carol}/act", data={"csrf": csrf, "action": "lift", "reason": "申诉成立"})
    assert get_user(store, carol).status == "active"  # type: ignore[union-attr]
    page = client.get(f"/console/users/{carol}").text
    assert "申诉成立" in page and "console:rita" in page


def test_dashboard_and_exports(client: TestClient, store: Store) -> None:
    add_event(store, _pseudonym(store, "dan"), risks="A1.7")
    add_event(store, _pseudonym(store, "dan"), decision="allow", risks="", content=None)
    client.post("/public/api/reports", json={"kind": "other", "content": "=cmd|' /C calc'!A0"})
    login(client, "otto")  # auditors read and export
    home = client.get("/console/").text
    assert "<svg" in home and "A1.7" in home
    data = client.get("/console/export/events", params={"format": "csv"})
    rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and rows[0][0].startswith("请求编号")
    tickets = client.get("/console/export/tickets", params={"format": "csv"}).content.decode("utf-8-sig")
    assert "'=cmd" in tickets  # a formula is neutralised
    wb = load_workbook(io.BytesIO(client.get("/console/export/audit", params={"format": "xlsx"}).content))
    assert wb.active.max_row >= 2
    assert client.get("/console/export/nothing").status_code == 404
    assert client.get("/console/export/events", params={"start": "2026-13-01"}).status_code == 400
    assert "export" in _audit_actions(store)
