"""What every console route needs, built once per app by `ConsoleContext.build` (no globals)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from hegui.console.bridge import RecordsBridge
from hegui.console.config import ConsoleConfig
from hegui.console.ratelimit import RateLimiter
from hegui.console.tickets import time_left

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'",
}


def _fmt_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("hegui.console", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["t"] = _fmt_time
    env.filters["left"] = time_left
    return env


class ConsoleContext:
    """Config, templates and rate limiters from the start; the store once the server has one.

    The gateway opens its store in its lifespan, so the console binds to it on the first request
    (`bind`); a standalone console binds at once.
    """

    def __init__(self, config: ConsoleConfig, data_dir: Path) -> None:
        self.config = config
        self.data_dir = data_dir
        self.env = _environment()
        self.public_limiter = RateLimiter(config.public_rate_limit, config.public_rate_window_s)
        self.login_limiter = RateLimiter(config.login_rate_limit, config.public_rate_window_s)
        self._sessions: sessionmaker[Session] | None = None
        self._bridge: RecordsBridge | None = None
        self._lock = threading.Lock()

    @property
    def bound(self) -> bool:
        return self._sessions is not None

    def bind(self, engine: Engine, bridge: RecordsBridge) -> None:
        """Attach the store (once; later calls keep the first binding)."""
        with self._lock:
            if self._sessions is None:
                self._bridge = bridge
                self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def bridge(self) -> RecordsBridge:
        if self._bridge is None:
            raise RuntimeError("the console is not bound to a store yet")
        return self._bridge

    @contextmanager
    def tx(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        if self._sessions is None:
            raise RuntimeError("the console is not bound to a store yet")
        with self._sessions.begin() as db:
            yield db

    @property
    def feature_dir(self) -> Path:
        return self.data_dir / self.config.feature_library_dir

    def secure_cookie(self, request: Request) -> bool:
        mode = self.config.cookie_secure
        if mode != "auto":
            return mode == "always"
        if request.url.scheme == "https":
            return True
        return self.config.trust_forwarded_proto and request.headers.get("x-forwarded-proto") == "https"

    def render(self, request: Request, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
        """Render a page with the security headers; staff pages are never cached."""
        values.setdefault("who", getattr(request.state, "who", None))
        values.setdefault("cfg", self.config)
        html = self.env.get_template(template).render(request=request, **values)
        resp = HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)
        if request.url.path.startswith("/console"):
            resp.headers["Cache-Control"] = "no-store"
        return resp
