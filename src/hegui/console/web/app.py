"""The console as routers: staff pages at /console, public pages at /public.

`console_routers(settings, data_dir)` is what `hegui serve` hands to the gateway's
`create_app(routers=…)`; the routers bind to the gateway's store (`app.state.hegui`) on the first
request. `create_console_app` runs the console alone on a given store (tests, a separate process).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute

from hegui.config import Settings
from hegui.console.gateway_records import GatewayRecords
from hegui.console.web.auth import auth_routes
from hegui.console.web.cases import case_routes
from hegui.console.web.context import ConsoleContext
from hegui.console.web.deps import ConsoleError, LoginRequired, login_redirect_target
from hegui.console.web.people import people_routes
from hegui.console.web.public import public_routes
from hegui.console.web.queues import queue_routes
from hegui.console.web.reports import report_routes
from hegui.console.web.texts import text_routes
from hegui.records.pseudonym import Pseudonymizer
from hegui.records.store import Store

# Every group of staff pages, in one explicit list (a test checks each route has a role guard).
STAFF_ROUTE_GROUPS = (auth_routes, report_routes, queue_routes, case_routes, people_routes, text_routes)
STATIC = {"console.css": "text/css; charset=utf-8", "console.js": "text/javascript; charset=utf-8"}


def _error_route_class(ctx: ConsoleContext) -> type[APIRoute]:
    """Routes that turn the console's refusals into pages (HTML) or JSON errors (scripts)."""

    def wants_json(request: Request) -> bool:
        accept = request.headers.get("accept", "")
        if "text/html" in accept:  # a browser, whatever the method: show the sign-in page
            return False
        return "application/json" in accept or request.method != "GET"

    class ConsoleRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def guarded(request: Request) -> Response:
                try:
                    return await handler(request)
                except LoginRequired:
                    if not wants_json(request):
                        return RedirectResponse(login_redirect_target(request), status_code=303)
                    return JSONResponse({"error": {"message": "请先登录 / sign in first", "code": 401}}, 401)
                except ConsoleError as exc:
                    if "application/json" in request.headers.get("accept", ""):
                        return JSONResponse({"error": {"message": exc.message, "code": exc.status}}, exc.status)
                    return ctx.render(request, "console/error.html", status_code=exc.status,
                                      message=exc.message, back="/console/")

            return guarded

    return ConsoleRoute


def _binder(ctx: ConsoleContext) -> Callable[[Request], None]:
    def bind(request: Request) -> None:
        if not ctx.bound:
            state = request.app.state.hegui  # the gateway's GatewayState
            ctx.bind(state.store.engine, GatewayRecords(state.store, state.pseudonymize))

    return bind


def build_routers(ctx: ConsoleContext) -> list[APIRouter]:
    """The staff router (/console) and the public router (/public) over one context."""
    route_class = _error_route_class(ctx)
    deps = [Depends(_binder(ctx))]
    staff = APIRouter(prefix="/console", include_in_schema=False, route_class=route_class, dependencies=deps)
    for add in STAFF_ROUTE_GROUPS:
        add(staff, ctx)
    public = APIRouter(prefix="/public", include_in_schema=False, route_class=route_class, dependencies=deps)
    public_routes(public, ctx)

    @public.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            raise ConsoleError(404, "没有此文件 / no such file")
        body = resources.files("hegui.console").joinpath(f"static/{name}").read_bytes()
        return Response(body, media_type=STATIC[name], headers={"Cache-Control": "public, max-age=3600"})

    return [staff, public]


def console_routers(settings: Settings, data_dir: Path) -> list[APIRouter]:
    """What `hegui serve` passes to the gateway's `create_app(routers=…)`."""
    return build_routers(ConsoleContext(settings.console, data_dir))


def create_console_app(settings: Settings, store: Store, data_dir: Path) -> FastAPI:
    """The console alone on `store` (tests, or a separate process beside the gateway)."""
    ctx = ConsoleContext(settings.console, data_dir)
    ctx.bind(store.engine, GatewayRecords(store, Pseudonymizer(store.pseudonym_key(settings.records))))
    app = FastAPI(title="hegui console", docs_url=None, redoc_url=None, openapi_url=None)
    for router in build_routers(ctx):
        app.include_router(router)
    return app
