"""Reading and validating a chat completion request: size limit, UTF-8, JSON, messages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import orjson

from hegui.gateway.errors import GatewayError, bad_request

_TRUE = frozenset({"1", "true", "yes", "on"})
_OFF = frozenset({"0", "false", "no", "off", "none"})
HEGUI_FIELD = "hegui"


def truthy(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in _TRUE


def too_large(limit: int) -> GatewayError:
    return GatewayError(413, "request_too_large",
                        f"请求体过大 (request body over the limit of {limit} bytes)")


async def read_limited(chunks: AsyncIterator[bytes], limit: int, declared: str | None) -> bytes:
    """The whole body, or 413 as soon as it is known to exceed `limit`."""
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        parts.append(chunk)
    return b"".join(parts)


def parse_json(raw: bytes) -> Any:
    if not raw:
        raise bad_request("请求体为空 (empty request body)", "invalid_json")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            raise bad_request("请求体不是 UTF-8 编码 (request body is not UTF-8)", "invalid_encoding") from None
        raise bad_request("请求体不是合法的 JSON (request body is not valid JSON)", "invalid_json") from None


@dataclass(slots=True)
class ChatRequest:
    body: dict[str, Any]
    """The request as it will be forwarded (the `hegui` extension removed)."""
    messages: list[dict[str, Any]]
    stream: bool
    options: dict[str, Any]
    """hegui's own per-request options (`hegui` field of the body)."""


def _check_message(i: int, message: Any) -> None:
    if not isinstance(message, dict):
        raise bad_request(f"messages[{i}] 必须是对象 (must be an object)", "invalid_messages")
    if not isinstance(message.get("role"), str):
        raise bad_request(f"messages[{i}].role 必须是字符串 (must be a string)", "invalid_messages")
    content = message.get("content")
    if content is None or isinstance(content, str):
        return
    if not isinstance(content, list):
        raise bad_request(f"messages[{i}].content 必须是字符串或数组 (must be a string or an array)",
                          "invalid_messages")
    for j, part in enumerate(content):
        if not isinstance(part, dict) or not isinstance(part.get("type"), str):
            raise bad_request(f"messages[{i}].content[{j}] 必须是带 type 的对象 (must be an object "
                              "with a type)", "invalid_messages")
        if part["type"] == "text" and not isinstance(part.get("text"), str):
            raise bad_request(f"messages[{i}].content[{j}].text 必须是字符串 (must be a string)",
                              "invalid_messages")


def request_options(data: dict[str, Any]) -> dict[str, Any]:
    """Check `user`, then take hegui's own options (the `hegui` object) out of the body."""
    if "user" in data and not isinstance(data["user"], str | None):
        raise bad_request("user 必须是字符串 (user must be a string)")
    options = data.pop(HEGUI_FIELD, None) or {}
    if not isinstance(options, dict):
        raise bad_request("hegui 必须是对象 (hegui must be an object)")
    return options


def parse_chat(raw: bytes) -> ChatRequest:
    """Validate the body of `POST /v1/chat/completions`; raise a clear 400 otherwise."""
    data = parse_json(raw)
    if not isinstance(data, dict):
        raise bad_request("请求体必须是 JSON 对象 (the body must be a JSON object)", "invalid_json")
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad_request("messages 必须是非空数组 (messages must be a non-empty array)", "invalid_messages")
    for i, message in enumerate(messages):
        _check_message(i, message)
    stream = data.get("stream", False)
    if not isinstance(stream, bool):
        raise bad_request("stream 必须是布尔值 (stream must be true or false)")
    if "model" in data and not isinstance(data["model"], str):
        raise bad_request("model 必须是字符串 (model must be a string)")
    return ChatRequest(body=data, messages=messages, stream=stream, options=request_options(data))


def label_opt_out(header: str | None, options: dict[str, Any]) -> bool:
    """The app asked for an answer without the explicit label."""
    if header is not None and header.strip().lower() in _OFF:
        return True
    value = options.get("explicit_label")
    return value is False or (isinstance(value, str) and value.lower() in _OFF)
