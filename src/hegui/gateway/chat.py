"""`POST /v1/chat/completions`: authenticate, check the input, forward, check the answer, record."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from hegui.gateway.body import ChatRequest, parse_chat
from hegui.gateway.context import RequestContext
from hegui.gateway.entry import authed, context_of, identify, read_body, remember_opt_out
from hegui.gateway.errors import GatewayError
from hegui.gateway.moderation import Outcome, moderate_input
from hegui.gateway.sse import DONE, SSEResponse, event
from hegui.gateway.state import GatewayState, Recorded
from hegui.gateway.streaming import CONTENT, REASONING, SCANNED, StreamRelay
from hegui.gateway.upstream import upstream_down, upstream_status_error
from hegui.label.metadata import AIGCLabel
from hegui.policy.checker import Checker
from hegui.types import Decision, Verdict

OPERATION = "chat.completions"


def _identify(ctx: RequestContext, state: GatewayState, chat: ChatRequest, request: Request) -> None:
    identify(ctx, state, chat.body, chat.options, request.headers)
    ctx.stream = chat.stream
    if ctx.model is None and state.upstream.is_demo:
        chat.body["model"] = ctx.model = state.settings.gateway.demo_model


def _headers(ctx: RequestContext, decision: Decision, label: AIGCLabel) -> dict[str, str]:
    return {"X-Hegui-Request-Id": ctx.request_id, "X-Hegui-Decision": decision.value,
            "X-AIGC-Label": label.to_json()}


def _hegui(state: GatewayState, ctx: RequestContext, decision: Decision, stage: str | None,
           risks: list[str], label: AIGCLabel, explicit: bool) -> dict[str, Any]:
    return {**state.verdict(ctx, decision, stage, risks), "label": label.to_dict(),
            "explicit_label": explicit}


async def chat_completions(request: Request) -> Response:
    """OpenAI-compatible chat completions with input and output moderation."""
    state: GatewayState = request.app.state.hegui
    ctx = context_of(request, OPERATION)
    inp: Outcome | None = None
    try:
        await authed(request, ctx)
        chat = parse_chat(await read_body(request, state))
        _identify(ctx, state, chat, request)
        user = await state.guard.admit(ctx)
        checker = state.checker_for(ctx)
        inp = moderate_input(checker, chat.messages, state.settings.gateway.mask_input_pii)
        if inp.decision is Decision.REFUSE:
            await state.guard.on_refusal(ctx, user)
            return _refused_input(state, ctx, inp)
        await remember_opt_out(state, ctx, user)
        body = orjson.dumps(chat.body)
        if chat.stream:
            return await _stream(state, ctx, body, checker, inp)
        return await _complete(state, ctx, body, checker, inp)
    except GatewayError as err:
        if err.status >= 500:
            state.metrics.upstream_errors.labels(err.code).inc()
        state.record(ctx, Recorded(
            status=err.status, decision=err.decision, error=err.code, input=inp,
            stage="input" if inp is not None and inp.decision is Decision.REFUSE else None,
            risks=inp.risks if inp is not None else [],
        ))
        return err.response(ctx.request_id)


def _refused_input(state: GatewayState, ctx: RequestContext, inp: Outcome) -> Response:
    """The safe answer (代答) instead of the model's; the upstream is never called."""
    label = state.labeler.implicit()
    safe = state.settings.gateway.safe_answer
    hegui = _hegui(state, ctx, Decision.REFUSE, "input", inp.risks, label, False)
    model = ctx.model or ""
    state.record(ctx, Recorded(status=200, decision="refuse", stage="input", risks=inp.risks,
                               error="; ".join(inp.errors) or None, input=inp,
                               produce_id=label.ProduceID))
    headers = _headers(ctx, Decision.REFUSE, label)
    if ctx.stream:
        head = {"id": ctx.request_id, "object": "chat.completion.chunk", "created": 0, "model": model}
        data = (event({**head, "choices": [{"index": 0, "delta": {"role": "assistant", "content": safe},
                                            "finish_reason": None}]})
                + event({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "content_filter"}],
                         "hegui": hegui}) + DONE)
        return Response(data, media_type="text/event-stream", headers=headers)
    body = {"id": ctx.request_id, "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": safe},
                         "finish_reason": "content_filter"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}, "hegui": hegui}
    return Response(orjson.dumps(body), media_type="application/json", headers=headers)


async def _complete(state: GatewayState, ctx: RequestContext, body: bytes, checker: Checker,
                    inp: Outcome) -> Response:
    status, raw = await state.upstream.complete(body)
    if status != 200:
        raise upstream_status_error(status, raw)
    try:
        data = orjson.loads(raw)
        choices = data["choices"]
        if not isinstance(choices, list):
            raise TypeError("choices")
    except (orjson.JSONDecodeError, KeyError, TypeError):
        raise upstream_down("answer is not a chat completion") from None
    label = state.labeler.implicit()
    explicit = state.labeler.wants_explicit(ctx.label_opt_out)
    out = Outcome()
    safe = state.settings.gateway.safe_answer
    for choice in choices:
        message = choice.get("message") if isinstance(choice, dict) else None
        if not isinstance(message, dict):
            continue
        verdicts: dict[str, Verdict] = {}
        for field in SCANNED:  # the answer, and a reasoning model's thinking, which users see too
            text = message.get(field)
            if field in REASONING and text is not None and not isinstance(text, str):
                message.pop(field)  # thinking in a shape we cannot check is not passed on (as when streamed)
            elif isinstance(text, str) and text:
                verdicts[field] = verdict = checker.check(text)
                out.add(checker, text, verdict)
        if any(v.decision is Decision.REFUSE for v in verdicts.values()):
            message["content"] = safe
            for field in REASONING:
                message.pop(field, None)
            choice["finish_reason"] = "content_filter"
            continue
        for field, verdict in verdicts.items():
            labelled = explicit and field == CONTENT
            message[field] = state.labeler.apply(verdict.masked) if labelled else verdict.masked
    decision = Decision.strictest([inp.decision, out.decision])
    stage = "output" if out.decision is Decision.REFUSE else (
        "input" if inp.risks else ("output" if out.risks else None))
    risks = sorted(set(inp.risks) | set(out.risks))
    data["hegui"] = _hegui(state, ctx, decision, stage, risks, label, explicit)
    state.record(ctx, Recorded(
        status=200, decision=decision.value, stage=stage, risks=risks,
        error="; ".join(inp.errors + out.errors) or None, input=inp,
        output_text="\n".join(out.texts) if out.decision is not Decision.ALLOW else None,
        output_findings=[f.to_json() for f in out.findings], produce_id=label.ProduceID,
        explicit_label=explicit,
    ))
    return Response(orjson.dumps(data), media_type="application/json",
                    headers=_headers(ctx, decision, label))


async def _stream(state: GatewayState, ctx: RequestContext, body: bytes, checker: Checker,
                  inp: Outcome) -> Response:
    upstream = await state.upstream.open_stream(body)
    if upstream.status_code != 200:
        raw = await upstream.aread()
        await upstream.aclose()
        raise upstream_status_error(upstream.status_code, raw)
    label = state.labeler.implicit()
    explicit = state.labeler.wants_explicit(ctx.label_opt_out)
    relay = StreamRelay(state, ctx, upstream, checker, inp, label, explicit)
    return SSEResponse(relay.run, _headers(ctx, inp.decision, label))

