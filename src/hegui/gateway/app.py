"""`create_app(settings)`: the gateway as an ASGI app whose lifespan owns every resource.

Other parts of hegui add their routes through `routers` (FastAPI routers, included as they are)
and `mounts` (path → ASGI app); they reach the shared resources (store, checker, settings) through
`request.app.state.hegui`, a `GatewayState`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import SQLAlchemyError
from starlette.responses import Response
from starlette.types import ASGIApp

from hegui.build import build_checker
from hegui.config import Settings
from hegui.detect.base import Detector
from hegui.gateway.auth import KeyCache
from hegui.gateway.counters import Counters, MemoryCounters, RedisCounters
from hegui.gateway.errors import bad_request
from hegui.gateway.guard import UserGuard
from hegui.gateway.labels import Labeler
from hegui.gateway.metrics import Metrics
from hegui.gateway.routes import gateway_router
from hegui.gateway.state import GatewayState
from hegui.gateway.upstream import Upstream
from hegui.label.security import load_private_key
from hegui.policy.checker import Checker
from hegui.policy.config import PolicyConfig
from hegui.policy.decide import Policy
from hegui.records.events import purge
from hegui.records.pseudonym import Pseudonymizer
from hegui.records.store import Store, now_utc
from hegui.records.writer import AuditWriter
from hegui.types import Decision

log = logging.getLogger("hegui.gateway")
Extension = Callable[[FastAPI, GatewayState], None]
DEFAULT_DATA_DIR = Path("hegui-data")


def minors_policy(settings: Settings) -> PolicyConfig:
    """The policy overlaid with the minors' stricter actions (never milder than the base)."""
    base, minors = settings.policy, settings.gateway.minors
    actions = dict(base.effective_actions())
    for code, action in minors.actions.items():
        actions[code] = Decision.strictest([actions.get(code, action), action])
    default = Decision.strictest([base.default_action, minors.default_action])
    return base.model_copy(update={"actions": actions, "default_action": default})


def minors_checker(settings: Settings, checker: Checker) -> Checker:
    return Checker(checker.detectors, Policy(minors_policy(settings)), checker.normalizer)


async def _counters(settings: Settings) -> Counters:
    url = settings.gateway.redis_url
    if url is None:
        return MemoryCounters()
    counters = RedisCounters(url)
    await counters.ping()
    return counters


async def _purge_loop(store: Store, settings: Settings) -> None:
    """The daily automatic purge by the configured retention (first run at start-up)."""
    while True:
        try:
            done = await asyncio.to_thread(purge, store, settings.records)
            if any(done.values()):
                log.info("purged records past retention: %s", done)
        except SQLAlchemyError as exc:  # the store may be down for a while; try again next time
            log.error("automatic purge failed: %s", exc)
        await asyncio.sleep(settings.records.purge_interval_hours * 3600)


async def build_state(
    settings: Settings, data_dir: Path, lexicon_dirs: Sequence[Path], checker: Checker | None,
    transport: httpx.AsyncBaseTransport | None, clock: Callable[[], datetime] | None,
    detectors: Sequence[Detector] = (),
) -> GatewayState:
    if checker is None:
        checker = await asyncio.to_thread(build_checker, settings, tuple(lexicon_dirs), tuple(detectors))
    store = await asyncio.to_thread(Store.open, settings.records, data_dir)
    key = await asyncio.to_thread(store.pseudonym_key, settings.records)
    counters = await _counters(settings)
    cfg = settings.gateway
    writer = AuditWriter(store, settings.records.queue_size, settings.records.flush_seconds)
    sign_key = load_private_key(settings.labels.sign_key) if settings.labels.sign_key else None
    return GatewayState(
        settings=settings, checker=checker, minors_checker=minors_checker(settings, checker),
        upstream=Upstream(cfg.upstream, transport), store=store, writer=writer,
        guard=UserGuard(cfg, store, counters, clock or now_utc), labeler=Labeler(cfg.labels),
        metrics=Metrics(), keys=KeyCache(store, cfg.key_cache_seconds),
        pseudonymize=Pseudonymizer(key), sign_key=sign_key,
    )


async def _validation_error(request: Request, exc: Exception) -> Response:
    message = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                        for e in getattr(exc, "errors", list)())
    return bad_request(f"请求不合法 (invalid request: {message})").response("-")


def create_app(
    settings: Settings,
    *,
    data_dir: Path = DEFAULT_DATA_DIR,
    lexicon_dirs: Sequence[Path] = (),
    checker: Checker | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    routers: Sequence[APIRouter] = (),
    mounts: Mapping[str, ASGIApp] | None = None,
    clock: Callable[[], datetime] | None = None,
    extensions: Sequence[Extension] = (),
    detectors: Sequence[Detector] = (),
) -> FastAPI:
    """The gateway app. `transport` replaces the network to the upstream (tests, demo);
    `routers` and `mounts` add other parts of hegui (console, images) to the same server;
    `extensions` are called once the resources exist, `(app, state)`, to add what needs them
    (e.g. a router built around `state.upstream.client`); `detectors` join the configured ones
    when the checker is built here (the console's feature library)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = await build_state(settings, data_dir, lexicon_dirs, checker, transport, clock,
                                  detectors)
        app.state.hegui = state
        for extend in extensions:
            extend(app, state)
        state.writer.start()
        purger = asyncio.create_task(_purge_loop(state.store, settings), name="hegui-purge")
        try:
            yield
        finally:
            purger.cancel()
            await asyncio.gather(purger, return_exceptions=True)
            await state.writer.stop()
            await state.upstream.close()
            await state.guard.counters.close()
            state.store.close()

    app = FastAPI(title="hegui gateway", version="0.1.0", lifespan=lifespan,
                  description="OpenAI-compatible gateway with compliance checks (合规网关)")
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.include_router(gateway_router())
    for router in routers:
        app.include_router(router)
    for path, sub in (mounts or {}).items():
        app.mount(path, sub)
    return app
