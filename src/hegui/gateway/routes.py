"""The gateway's routes besides chat completions: models, health, metrics, user switches."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from hegui.gateway.chat import chat_completions
from hegui.gateway.entry import authed, context_of
from hegui.gateway.errors import GatewayError
from hegui.gateway.images import image_generations
from hegui.gateway.metrics import CONTENT_TYPE
from hegui.gateway.state import GatewayState, Recorded

CHAT_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {
            "type": "object", "required": ["messages"],
            "properties": {
                "model": {"type": "string"}, "stream": {"type": "boolean"},
                "user": {"type": "string"},
                "messages": {"type": "array", "items": {"type": "object"}},
                "hegui": {"type": "object", "description": "minor, verified, explicit_label, "
                          "training_opt_out: per-request switches of hegui"},
            },
        }}},
    },
}


class UserSwitch(BaseModel):
    """A switch an app sets for one of its end users."""

    model_config = ConfigDict(extra="forbid")
    user: str = Field(min_length=1, description="the end user's id in the app (pseudonymised)")
    value: bool = True


def _json(data: object, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


async def _switch(request: Request, body: UserSwitch, on: str, off: str, operation: str) -> Response:
    ctx = context_of(request, operation)
    try:
        state = await authed(request, ctx)
    except GatewayError as err:
        return err.response(ctx.request_id)
    ctx.user = state.pseudonymize(body.user)
    actor = f"app:{ctx.app.name}" if ctx.app else "app"
    record = await state.guard.act(ctx.user, on if body.value else off, actor=actor, reason=operation)
    state.record(ctx, Recorded(status=200, decision="allow"))
    return _json(record.to_json())


def gateway_router() -> APIRouter:
    router = APIRouter()
    router.add_api_route("/v1/chat/completions", chat_completions, methods=["POST"],
                         openapi_extra=CHAT_OPENAPI, summary="Chat completions (OpenAI-compatible)",
                         response_model=None)
    router.add_api_route("/v1/images/generations", image_generations, methods=["POST"],
                         summary="Image generation; every image labelled (GB 45438)",
                         response_model=None)

    @router.get("/v1/models", summary="Models of the upstream")
    async def models(request: Request) -> Response:
        ctx = context_of(request, "models")
        try:
            state = await authed(request, ctx)
            data = await state.upstream.models()
        except GatewayError as err:
            return err.response(ctx.request_id)
        return _json({"object": "list", "data": data})

    @router.get("/healthz", summary="Liveness and the store's health")
    async def healthz(request: Request) -> Response:
        state: GatewayState = request.app.state.hegui
        ok = state.writer.healthy
        return _json({"status": "ok" if ok else "unavailable",
                      "store": "ok" if ok else (state.writer.last_error or "unavailable"),
                      "pending_records": state.writer.pending}, 200 if ok else 503)

    @router.get("/metrics", summary="Prometheus metrics")
    async def metrics(request: Request) -> Response:
        state: GatewayState = request.app.state.hegui
        state.metrics.pending_records.set(state.writer.pending)
        return Response(state.metrics.render(), media_type=CONTENT_TYPE)

    @router.post("/v1/hegui/training-opt-out", summary="Switch off the use of a user's input for training")
    async def training_opt_out(request: Request, body: UserSwitch) -> Response:
        return await _switch(request, body, "training_opt_out", "training_opt_in", "training_opt_out")

    @router.post("/v1/hegui/minor", summary="Mark a user as a minor (the minors mode applies)")
    async def minor(request: Request, body: UserSwitch) -> Response:
        return await _switch(request, body, "minor", "not_minor", "mark_minor")

    return router
