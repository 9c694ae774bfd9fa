"""Where every gateway request starts: its context, the store's health, the app's key, and who
the end user is (the switches an app sends as headers or in the body's `hegui` object)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.requests import Request

from hegui.gateway.body import label_opt_out, read_limited, truthy
from hegui.gateway.context import RequestContext
from hegui.gateway.errors import store_unavailable
from hegui.gateway.state import GatewayState
from hegui.records.users import UserRecord


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


async def read_body(request: Request, state: GatewayState) -> bytes:
    """The request body, refused past `gateway.max_body_bytes` (413)."""
    return await read_limited(request.stream(), state.settings.gateway.max_body_bytes,
                              request.headers.get("content-length"))


def identify(ctx: RequestContext, state: GatewayState, body: dict[str, Any], options: dict[str, Any],
             headers: Mapping[str, str]) -> None:
    """The end user (pseudonymised) and the per-request switches, from headers or options."""
    raw_user = body.get("user") or headers.get("x-hegui-user") or options.get("user")
    ctx.user = state.pseudonymize(str(raw_user)) if raw_user else None
    ctx.minor = truthy(headers.get("x-hegui-minor")) or truthy(options.get("minor"))
    ctx.verified = truthy(headers.get("x-hegui-verified")) or truthy(options.get("verified"))
    ctx.label_opt_out = label_opt_out(headers.get("x-hegui-explicit-label"), options)
    ctx.training_opt_out = (truthy(headers.get("x-hegui-training-opt-out"))
                            or truthy(options.get("training_opt_out")))
    ctx.model = body.get("model") if isinstance(body.get("model"), str) else None


async def remember_opt_out(state: GatewayState, ctx: RequestContext, user: UserRecord) -> None:
    """Record a training opt-out the request asked for (once per user)."""
    if ctx.training_opt_out and ctx.user and not user.training_opt_out:
        actor = f"app:{ctx.app.name}" if ctx.app else "app"
        await state.guard.act(ctx.user, "training_opt_out", actor=actor, reason="X-Hegui-Training-Opt-Out")
