"""`POST /v1/images/generations` in the gateway: check the prompt, forward, label every image.

The prompt is checked like a user's chat message (the same keys, user ladder, minors mode and
audit record). A refused prompt never reaches the upstream and gets an OpenAI-style
`content_policy_violation` error. Every image that comes back carries the explicit notice and
the implicit label (GB 45438); an image that cannot be labelled fails the request, so no
unlabelled image leaves the gateway.
"""

from __future__ import annotations

from typing import Any

import httpx
import orjson
from starlette.requests import Request
from starlette.responses import Response

from hegui.gateway.body import parse_json, request_options
from hegui.gateway.context import RequestContext
from hegui.gateway.entry import authed, context_of, identify, read_body, remember_opt_out
from hegui.gateway.errors import GatewayError, bad_request
from hegui.gateway.moderation import Outcome
from hegui.gateway.state import GatewayState, Recorded
from hegui.gateway.upstream import map_error, upstream_down, upstream_status_error
from hegui.label.images_api import ImageLabelError, ImagesLabelSettings, label_items
from hegui.types import Decision

OPERATION = "images.generations"
PATH = "/v1/images/generations"


def _parse(raw: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    body = parse_json(raw)
    if not isinstance(body, dict):
        raise bad_request("请求体必须是 JSON 对象 (the body must be a JSON object)", "invalid_json")
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise bad_request("prompt 必须是非空字符串 (prompt must be a non-empty string)", "invalid_prompt")
    return body, request_options(body)


def _refused(state: GatewayState, ctx: RequestContext, inp: Outcome) -> Response:
    hegui = state.verdict(ctx, Decision.REFUSE, "input", inp.risks)
    error = {"message": "提示词不符合相关规定，未生成图片 (the prompt was refused under the service's "
                        "content rules; no image was generated)",
             "type": "invalid_request_error", "code": "content_policy_violation", "param": "prompt"}
    state.record(ctx, Recorded(status=400, decision="refuse", stage="input", risks=inp.risks,
                               error="; ".join(inp.errors) or None, input=inp))
    return Response(orjson.dumps({"error": error, "hegui": hegui}), status_code=400,
                    media_type="application/json",
                    headers={"X-Hegui-Request-Id": ctx.request_id, "X-Hegui-Decision": "refuse"})


async def _forward(state: GatewayState, body: dict[str, Any]) -> dict[str, Any]:
    try:
        resp = await state.upstream.client.post("images/generations", content=orjson.dumps(body))
    except httpx.HTTPError as exc:
        raise map_error(exc) from None
    if resp.status_code != 200:
        raise upstream_status_error(resp.status_code, resp.content)
    try:
        payload = orjson.loads(resp.content)
    except orjson.JSONDecodeError:
        raise upstream_down("answer is not JSON") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise upstream_down("answer is not an images response")
    return payload


async def image_generations(request: Request) -> Response:
    """OpenAI-compatible image generation with prompt checks and labelled images."""
    state: GatewayState = request.app.state.hegui
    ctx = context_of(request, OPERATION)
    inp: Outcome | None = None
    try:
        await authed(request, ctx)
        body, options = _parse(await read_body(request, state))
        identify(ctx, state, body, options, request.headers)
        user = await state.guard.admit(ctx)
        checker = state.checker_for(ctx)
        inp = Outcome()
        verdict = checker.check(body["prompt"])
        inp.add(checker, body["prompt"], verdict)
        if verdict.decision is Decision.REFUSE:
            await state.guard.on_refusal(ctx, user)
            return _refused(state, ctx, inp)
        await remember_opt_out(state, ctx, user)
        if state.settings.gateway.mask_input_pii:
            body["prompt"] = verdict.masked
        payload = await _forward(state, body)
        explicit = state.labeler.wants_explicit(ctx.label_opt_out)
        labels = ImagesLabelSettings(producer=state.settings.gateway.labels.producer,
                                     explicit=explicit, sign_key=state.sign_key)
        try:
            payload["data"] = await label_items(payload["data"], labels)
        except ImageLabelError as exc:
            raise GatewayError(502, "label_error", f"图片无法添加标识，未返回 (an image could not be "
                               f"labelled under GB 45438 and was not returned: {exc})",
                               type_="upstream_error") from None
        ids = [item["aigc_label"]["AIGC"]["ProduceID"] for item in payload["data"]]
        stage = "input" if inp.risks else None
        payload["hegui"] = {**state.verdict(ctx, verdict.decision, stage, inp.risks),
                            "explicit_label": explicit, "produce_ids": ids}
        state.record(ctx, Recorded(status=200, decision=verdict.decision.value,
                                   stage=stage, risks=inp.risks,
                                   error="; ".join(inp.errors) or None, input=inp,
                                   produce_id=ids[0] if ids else None, explicit_label=explicit))
        return Response(orjson.dumps(payload), media_type="application/json",
                        headers={"X-Hegui-Request-Id": ctx.request_id,
                                 "X-Hegui-Decision": verdict.decision.value})
    except GatewayError as err:
        if err.status >= 500:
            state.metrics.upstream_errors.labels(err.code).inc()
        state.record(ctx, Recorded(status=err.status, decision=err.decision, error=err.code,
                                   input=inp, risks=inp.risks if inp is not None else []))
        return err.response(ctx.request_id)
