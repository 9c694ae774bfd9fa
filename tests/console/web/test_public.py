"""The public pages and APIs: contract, clear refusals, limits."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from hegui.console.identity import sign_token
from hegui.console.web.app import create_console_app
from hegui.records.store import Store
from tests.console.conftest import APP_SECRET, login, make_settings


def test_report_api_contract(client: TestClient) -> None:
    before = datetime.now().astimezone()
    resp = client.post("/public/api/reports", json={"kind": "answer", "reference": "req-1",
                                                    "content": "回答里有虚假信息", "contact": "a@b.cn"})
    assert resp.status_code == 201
    body = resp.json()
    assert set(body) == {"ticket", "deadline"}
    deadline = datetime.fromisoformat(body["deadline"])
    assert timedelta(hours=167) < deadline - before <= timedelta(hours=168, minutes=1)
    status = client.get(f"/public/status/{body['ticket']}", params={"format": "json"}).json()
    assert status["status"] == "open" and status["replies"] == []
    page = client.get(f"/public/status/{body['ticket']}")
    assert "已受理" in page.text and body["ticket"] in page.text


def test_process_and_time_limits_are_configurable_and_shown(tmp_path: Path) -> None:
    settings = make_settings(complaint_reply_hours=72, complaint_process=[{"zh": "第一步核查", "en": "check"}])
    store = Store.open(settings.records, tmp_path)
    with TestClient(create_console_app(settings, store, tmp_path)) as client:
        page = client.get("/public/report").text
        data = client.get("/public/transparency.json").json()
    store.close()
    assert "3 天" in page and "第一步核查" in page
    assert data["complaint_reply_hours"] == 72 and data["complaint_process"][0]["zh"] == "第一步核查"


def test_malformed_input_gets_a_clear_message(client: TestClient) -> None:
    cases = [
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "JSON"),
        ({"content": b"[1]", "headers": {"content-type": "application/json"}}, 400, "object"),
        ({"content": "\xff\xfe".encode("latin-1"), "headers": {"content-type": "application/json"}}, 400, "UTF-8"),
        ({"content": b"kind=answer", "headers": {"content-type": "text/plain"}}, 415, "JSON"),
        ({"json": {"kind": "answer"}}, 400, "content"),
        ({"json": {"kind": "complaint", "content": "x"}}, 400, "kind"),
        ({"json": {"kind": "answer", "content": "x" * 5001}}, 400, "5000"),
        ({"json": {"kind": "answer", "content": "x", "sql": "1"}}, 400, "unknown field"),
    ]
    for kwargs, status, fragment in cases:
        resp = client.post("/public/api/reports", **kwargs)  # type: ignore[arg-type]
        assert resp.status_code == status, (kwargs, resp.text)
        assert fragment in resp.json()["error"]["message"]


def test_oversized_bodies_are_refused_before_reading(client: TestClient) -> None:
    big = b'{"kind":"answer","content":"' + b"x" * 70_000 + b'"}'
    resp = client.post("/public/api/reports", content=big, headers={"content-type": "application/json"})
    assert resp.status_code == 413 and "too large" in resp.json()["error"]["message"]
    form = client.post("/public/report", content=b"kind=answer&content=" + b"y" * 70_000,
                       headers={"content-type": "application/x-www-form-urlencoded"})
    assert form.status_code == 413 and "过大" in form.text


def test_the_html_form_keeps_the_text_on_error(client: TestClient) -> None:
    resp = client.post("/public/report", data={"kind": "answer", "content": "", "reference": "r-9"})
    assert resp.status_code == 400 and "content" in resp.text and 'value="r-9"' in resp.text
    ok = client.post("/public/report", data={"kind": "label", "content": "没有AI标识"})
    assert ok.status_code == 200 and "受理编号" in ok.text


def test_public_submissions_are_rate_limited(tmp_path: Path) -> None:
    settings = make_settings(public_rate_limit=3)
    store = Store.open(settings.records, tmp_path)
    with TestClient(create_console_app(settings, store, tmp_path)) as client:
        codes = [client.post("/public/api/reports", json={"kind": "other", "content": "x"}).status_code
                 for _ in range(4)]
        form = client.post("/public/report", data={"kind": "other", "content": "x"})
        privacy = client.post("/public/api/privacy-requests", json={"right": "see", "token": "x"})
    store.close()
    assert codes == [201, 201, 201, 429]
    assert form.status_code == 429 and "频繁" in form.text
    assert privacy.status_code == 429


def test_privacy_request_needs_the_apps_proof(client: TestClient) -> None:
    bad = client.post("/public/api/privacy-requests", json={"right": "delete", "token": "v1.x.y"})
    assert bad.status_code == 403 and "identity" in bad.json()["error"]["message"]
    good = client.post("/public/api/privacy-requests",
                       json={"right": "delete", "token": sign_token(APP_SECRET, "alice")})
    assert good.status_code == 201
    body = good.json()
    status = client.get(f"/public/status/{body['ticket']}", params={"format": "json"}).json()
    assert status["status"] == "open" and body["deadline"] == status["deadline"]


def test_transparency_edited_in_the_console_is_published(client: TestClient) -> None:
    csrf = login(client, "root")
    fields = {"csrf": csrf, "publish": "1", "filing_number": "网信算备110000000000001",
              "intended_users": "成年用户", "model": "hegui-demo 1.0"}
    assert client.post("/console/pages/transparency", data=fields, follow_redirects=False).status_code == 303
    client.cookies.clear()
    data = client.get("/public/transparency", headers={"accept": "application/json"}).json()
    assert data["version"] == 1 and data["filing_number"] == "网信算备110000000000001"
    assert "网信算备110000000000001" in client.get("/public/transparency").text


def test_acceptance_is_recorded_through_the_gateway_key(client: TestClient, store: Store) -> None:
    _, key = store.create_app("demo-app")
    csrf = login(client, "root")
    client.post("/console/pages/agreement", data={"csrf": csrf, "publish": "1", "body": "服务协议 第一版：标识说明"})
    client.cookies.clear()
    doc = client.get("/public/agreement", params={"format": "json"}).json()
    assert doc["version"] == 1 and "标识" in doc["body"]
    payload = {"user": "alice", "kind": "agreement", "version": 1}
    assert client.post("/public/api/acceptances", json=payload).status_code == 401
    assert client.post("/public/api/acceptances", json=payload,
                       headers={"authorization": "Bearer hg-wrong"}).status_code == 401
    resp = client.post("/public/api/acceptances", json=payload, headers={"authorization": f"Bearer {key}"})
    assert resp.status_code == 201 and resp.json()["user"].startswith("u_")
    assert "alice" not in resp.text
    unpublished = client.post("/public/api/acceptances", json={**payload, "version": 7},
                              headers={"authorization": f"Bearer {key}"})
    assert unpublished.status_code == 400 and "not published" in unpublished.text


def test_security_headers_on_pages(client: TestClient) -> None:
    resp = client.get("/public/report")
    assert resp.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in resp.headers["content-security-policy"]
