"""The console on the live gateway: a feature-library entry makes the gateway refuse an answer,
the refusal's reference id becomes an incident, the user is found, and a deletion request removes
what the gateway wrote."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hegui.console.featurelib import FingerprintDetector
from hegui.console.identity import sign_token
from hegui.console.web.app import console_routers
from hegui.gateway.app import create_app
from hegui.policy.checker import Checker
from hegui.policy.decide import Policy
from hegui.records.models import Event, EventContent
from hegui.records.store import Store
from hegui.text.normalize import default_normalizer
from tests.console.conftest import APP_SECRET, add_staff, login, make_settings

ANSWER = "据悉某地明天将发生九级地震，请立即撤离。"


def _app(data_dir: Path) -> FastAPI:
    settings = make_settings()
    checker = Checker([FingerprintDetector(data_dir / "feature-library")], Policy(settings.policy),
                      default_normalizer())
    return create_app(settings, data_dir=data_dir, routers=console_routers(settings, data_dir), checker=checker)


def _chat(client: TestClient, key: str) -> dict:  # type: ignore[type-arg]
    resp = client.post("/v1/chat/completions", headers={"authorization": f"Bearer {key}", "x-hegui-user": "alice"},
                       json={"model": "hegui-demo", "messages": [{"role": "user", "content": f"ECHO:{ANSWER}"}]})
    assert resp.status_code == 200, resp.text
    return resp.json()  # type: ignore[no-any-return]


def _wait_for(store: Store, ref: str) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with Session(store.engine) as db:
            if db.get(Event, ref) is not None:
                return
        time.sleep(0.05)
    raise AssertionError(f"the gateway did not record {ref}")


def test_feature_library_incident_and_deletion_on_the_live_gateway(tmp_path: Path) -> None:
    store = Store.open(make_settings().records, tmp_path)
    _, key = store.create_app("demo-app")
    add_staff(store, "rita", "reviewer")
    try:
        with TestClient(_app(tmp_path), base_url="http://127.0.0.1") as client:
            first = _chat(client, key)
            assert first["choices"][0]["finish_reason"] != "content_filter"
            csrf = login(client, "rita")
            client.post("/console/features", data={"csrf": csrf, "kind": "fingerprint", "risk": "A1.7",
                                                   "value": ANSWER})
            second = _chat(client, key)
            assert second["choices"][0]["finish_reason"] == "content_filter"
            assert ANSWER not in second["choices"][0]["message"]["content"]
            ref = second["hegui"]["request_id"]
            _wait_for(store, ref)

            resp = client.post("/console/incidents", data={"csrf": csrf, "title": "地震谣言", "reference": ref},
                               follow_redirects=False)
            assert resp.status_code == 303
            incident = client.get(resp.headers["location"]).text
            assert "A1.7" in incident and ANSWER in incident

            user_page = client.get("/console/users", params={"q": "alice"})
            assert ref in user_page.text

            client.cookies.clear()
            ticket = client.post("/public/api/privacy-requests",
                                 json={"right": "delete", "token": sign_token(APP_SECRET, "alice")}).json()["ticket"]
            csrf = login(client, "rita")
            client.post(f"/console/privacy/{ticket}/complete", data={"csrf": csrf, "outcome": "已删除"})
        with Session(store.engine) as db:
            assert db.scalar(select(func.count()).select_from(Event).where(Event.app_name == "demo-app")) == 0
            assert db.get(EventContent, ref) is None
    finally:
        store.close()
