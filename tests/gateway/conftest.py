"""The real gateway (uvicorn on loopback) against a scripted upstream, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import uvicorn

from hegui.config import Settings, settings_from_mapping
from hegui.gateway.app import create_app
from hegui.policy.checker import Checker
from hegui.policy.decide import Policy
from hegui.records.events import list_events
from hegui.records.store import Store
from hegui.text.normalize import Normalized, default_normalizer
from hegui.types import Finding
from tests.gateway.scripted_upstream import ScriptedUpstream

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BAD = "炸弹配方"      # refused (A1.4)
REVIEW = "偏方"       # reviewed for adults (A5.1), refused for minors
PHONE = "13800138000"  # personal information (A4.6): masked
WORDS = {BAD: ("A1.4", None), REVIEW: ("A5.1", None), PHONE: ("A4.6", "phone")}


class WordDetector:
    """Finds the test words in the normalised text (a small real detector written for the tests)."""

    name = "test-words"

    def __init__(self, words: dict[str, tuple[str, str | None]]) -> None:
        self._words = words
        self._re = re.compile("|".join(map(re.escape, words)))

    def detect(self, norm: Normalized) -> list[Finding]:
        out = []
        for m in self._re.finditer(norm.text):
            s, e = norm.to_raw(m.start(), m.end())
            risk, entity = self._words[m.group()]
            out.append(Finding("test-words", risk, s, e, 1.0, "test word", norm.raw[s:e], entity=entity))
        return out


def test_checker(settings: Settings) -> Checker:
    return Checker([WordDetector(WORDS)], Policy(settings.policy), default_normalizer())


test_checker.__test__ = False  # type: ignore[attr-defined]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hegui.db'}"
        return
    schema = "hegui_test_" + secrets.token_hex(6)
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def upstream() -> Iterator[ScriptedUpstream]:
    up = ScriptedUpstream().start()
    yield up
    up.stop()
    assert not up.unexpected, f"the upstream was called when it should not be: {up.unexpected}"
    assert not up.script, f"scripted replies left unused: {list(up.script)}"


@dataclass
class Gateway:
    url: str
    key: str
    store: Store
    settings: Settings
    server: uvicorn.Server
    thread: threading.Thread

    def client(self, **kw: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.key}", **kw.pop("headers", {})}
        return httpx.Client(base_url=self.url, headers=headers, timeout=10, **kw)

    def events(self, n: int, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until at least `n` events are recorded; newest first."""
        deadline = time.monotonic() + timeout
        while True:
            found = list_events(self.store, 1000, with_content=True)
            if len(found) >= n or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def event(self, request_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """The recorded event of one request (waiting for the writer)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [e for e in list_events(self.store, 1000, with_content=True) if e["id"] == request_id]
            if found:
                return found[0]
            if time.monotonic() > deadline:
                raise AssertionError(f"event {request_id} was not recorded")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        self.store.close()


def start_gateway(settings: Settings, data_dir: Path, lexicon_dirs: list[Path] | None = None,
                  checker: Checker | None = None) -> Gateway:
    """Start the app; with `lexicon_dirs` it builds hegui's real detectors, else the test words."""
    store = Store.open(settings.records, data_dir)
    _app, key = store.create_app("app-" + secrets.token_hex(3))
    if checker is None and lexicon_dirs is None:
        checker = test_checker(settings)
    app = create_app(settings, data_dir=data_dir, checker=checker, lexicon_dirs=lexicon_dirs or ())
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           ws="none", loop="asyncio", http="httptools"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the gateway did not start")
        time.sleep(0.02)
    return Gateway(f"http://127.0.0.1:{port}", key, store, settings, server, thread)


def make_settings(database_url: str, upstream_url: str | None, **gateway: Any) -> Settings:
    records = gateway.pop("records", {})
    return settings_from_mapping({
        "gateway": {"upstream": {"url": upstream_url, "timeout": gateway.pop("timeout", 10)}, **gateway},
        "records": {"database_url": database_url, "flush_seconds": 0.05, **records},
    })


GatewayFactory = Callable[..., Gateway]


@pytest.fixture
def gateway(database_url: str, upstream: ScriptedUpstream, tmp_path: Path) -> Iterator[GatewayFactory]:
    started: list[Gateway] = []

    def factory(**config: Any) -> Gateway:
        lexicon_dirs = config.pop("lexicon_dirs", None)
        checker = config.pop("checker", None)
        settings = make_settings(database_url, config.pop("upstream_url", upstream.url), **config)
        gw = start_gateway(settings, tmp_path, lexicon_dirs, checker)
        started.append(gw)
        return gw

    yield factory
    for gw in started:
        gw.stop()
