"""Fixtures of the console tests: a real store (SQLite by default, PostgreSQL where asked),
the console app on it, staff accounts, and helpers that write gateway records as the gateway does."""

from __future__ import annotations

import re
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from hegui.config import Settings, settings_from_mapping
from hegui.console import accounts
from hegui.console.web.app import create_console_app
from hegui.records.models import Event, EventContent
from hegui.records.store import Store

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
APP_SECRET = "test-app-secret-0123456789"
PASSWORD = "correct-horse-battery"


def make_settings(**console: Any) -> Settings:
    base: dict[str, Any] = {"identity": {"app_secret": APP_SECRET}}
    base.update(console)
    return settings_from_mapping({"console": base})


@pytest.fixture
def settings() -> Settings:
    return make_settings()


@pytest.fixture
def store(tmp_path: Path, settings: Settings) -> Iterator[Store]:
    s = Store.open(settings.records, tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def pg_store(settings: Settings) -> Iterator[Store]:
    """A PostgreSQL store in a schema of its own (other areas' tests share the database)."""
    schema = "console_t_" + secrets.token_hex(4)
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    s = Store.open(settings.records.model_copy(update={"database_url": url}), Path("unused"))
    try:
        yield s
    finally:
        s.close()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest) -> Store:
    """The same test on both databases."""
    return request.getfixturevalue("store" if request.param == "sqlite" else "pg_store")


def add_staff(store: Store, name: str, role: str, password: str = PASSWORD) -> None:
    with Session(store.engine) as db, db.begin():
        accounts.create_staff(db, name, role, password)


def add_event(store: Store, user: str, *, decision: str = "refuse", risks: str = "A1.7",
              content: str | None = "虚假信息：某地发生了不存在的灾难", stage: str = "output",
              at: datetime | None = None, ref: str | None = None) -> str:
    """Write an audit event (and its held content) with the gateway's own tables."""
    ref = ref or "req-" + secrets.token_hex(6)
    at = at or datetime.now(UTC)
    with Session(store.engine) as db, db.begin():
        db.add(Event(id=ref, at=at, app_name="demo-app", user=user, source_ip="127.0.0.1", source_port=5000,
                     user_agent="t", operation="chat.completions", model="hegui-demo", status=200,
                     decision=decision, stage=stage, risks=risks, latency_ms=1.0))
        if content is not None:
            db.add(EventContent(event_id=ref, at=at, input_text="问题", output_text=content, findings="[]"))
    return ref


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def app(settings: Settings, store: Store, data_dir: Path) -> FastAPI:
    for name, role in (("root", "admin"), ("rita", "reviewer"), ("otto", "auditor")):
        add_staff(store, name, role)
    return create_console_app(settings, store, data_dir)


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign in through the form; returns the page's CSRF token for later posts."""
    page = client.get("/console/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    resp = client.post("/console/login", data={"csrf": token.group(1), "name": name, "password": password},
                       follow_redirects=False)
    assert resp.status_code == 303, resp.text[:300]
    return csrf_of(client)


def csrf_of(client: TestClient, path: str = "/console/") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread


def serve(app: FastAPI) -> LiveServer:
    """Run `app` with uvicorn on a free loopback port in a thread."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return LiveServer(f"http://127.0.0.1:{port}", server, thread)


def stop(live: LiveServer) -> None:
    live.server.should_exit = True
    live.thread.join(timeout=10)


def gateway_app(settings: Settings, data_dir: Path) -> FastAPI:
    """The gateway with the console mounted, as `hegui serve` builds it, but with a checker of no
    detectors: these tests are about the console, not about detection."""
    from hegui.console.web.app import console_routers
    from hegui.gateway.app import create_app
    from hegui.policy.checker import Checker
    from hegui.policy.decide import Policy
    from hegui.text.normalize import default_normalizer

    checker = Checker([], Policy(settings.policy), default_normalizer())
    return create_app(settings, data_dir=data_dir, routers=console_routers(settings, data_dir), checker=checker)
