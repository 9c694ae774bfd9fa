"""Where every gateway request starts: its context, the store's health and the app's key."""

from __future__ import annotations

from starlette.requests import Request

from hegui.gateway.context import RequestContext
from hegui.gateway.errors import store_unavailable
from hegui.gateway.state import GatewayState


def context_of(request: Request, operation: str) -> RequestContext:
    """A new request context with the caller's address and user agent."""
    ctx = RequestContext(operation=operation)
    if request.client is not None:
        ctx.source_ip, ctx.source_port = request.client.host, request.client.port
    ctx.user_agent = request.headers.get("user-agent")
    return ctx


async def authed(request: Request, ctx: RequestContext) -> GatewayState:
    """The gateway's state once the store is healthy (else 503) and the key is valid (else 401)."""
    state: GatewayState = request.app.state.hegui
    if not state.writer.healthy:
        raise store_unavailable()
    ctx.app = await state.keys.authenticate(request.headers.get("authorization"))
    return state
