"""`hegui-demo`: a deterministic built-in model, served as an httpx transport.

With no upstream configured the gateway talks to this transport through the same code path as to
a real model service, so `hegui serve` works on a fresh machine with nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import io
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson

DEMO_MODEL = "hegui-demo"


def demo_answer(messages: list[dict[str, object]]) -> str:
    """The same question always gets the same answer."""
    last = next((m for m in reversed(messages) if m.get("role") == "user"), None)
    content = last.get("content") if last else ""
    if isinstance(content, list):
        content = "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    text = str(content or "").strip()
    if text.startswith("ECHO:"):
        return text[5:]
    return (
        f"你好！我是 hegui 内置的演示模型 {DEMO_MODEL}。你说的是：“{text[:200]}”。"
        "请用 --upstream 接入真正的模型服务。"
    )


def _demo_id(text: str) -> str:
    return "demo-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _chunks(text: str, size: int = 8) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


class _SSE(httpx.AsyncByteStream):
    def __init__(self, model: str, text: str) -> None:
        self._model = model
        self._text = text

    async def __aiter__(self) -> AsyncIterator[bytes]:
        head = {"id": _demo_id(self._text), "object": "chat.completion.chunk",
                "created": int(time.time()), "model": self._model}
        first = {**head, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                      "finish_reason": None}]}
        yield b"data: " + orjson.dumps(first) + b"\n\n"
        for piece in _chunks(self._text):
            chunk = {**head, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            yield b"data: " + orjson.dumps(chunk) + b"\n\n"
        last = {**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        yield b"data: " + orjson.dumps(last) + b"\n\ndata: [DONE]\n\n"


def demo_image(prompt: str, size: int = 256) -> bytes:
    """A PNG whose colours follow from the prompt: the same prompt, the same picture."""
    import numpy as np
    from PIL import Image

    seed = hashlib.sha256(prompt.encode("utf-8")).digest()
    a, b = np.frombuffer(seed[:3], np.uint8), np.frombuffer(seed[3:6], np.uint8)
    t = np.linspace(0.0, 1.0, size, dtype=np.float32)
    mix = (t[:, None] + t[None, :])[..., None] / 2.0
    pixels = (a * (1.0 - mix) + b * mix).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(buf, "PNG")
    return buf.getvalue()


def _images(body: dict[str, Any]) -> httpx.Response:
    prompt = str(body.get("prompt") or "")
    n = body.get("n") if isinstance(body.get("n"), int) else 1
    data = [{"b64_json": base64.b64encode(demo_image(f"{prompt}#{i}")).decode("ascii"),
             "revised_prompt": prompt} for i in range(max(1, min(int(n), 4)))]
    return httpx.Response(200, content=orjson.dumps({"created": int(time.time()), "data": data}),
                          headers={"content-type": "application/json"})


class DemoTransport(httpx.AsyncBaseTransport):
    """Answers `/chat/completions`, `/images/generations` and `/models` like an
    OpenAI-compatible service."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.rstrip("/")
        if path.endswith("/models"):
            models = {"object": "list", "data": [{"id": DEMO_MODEL, "object": "model", "created": 0,
                                                  "owned_by": "hegui"}]}
            return httpx.Response(200, content=orjson.dumps(models))
        if path.endswith("/images/generations") and request.method == "POST":
            return _images(orjson.loads(await request.aread()))
        if not path.endswith("/chat/completions") or request.method != "POST":
            return httpx.Response(404, content=b'{"error":{"message":"not found"}}')
        body = orjson.loads(await request.aread())
        model = str(body.get("model") or DEMO_MODEL)
        text = demo_answer(body.get("messages") or [])
        if body.get("stream"):
            return httpx.Response(200, headers={"content-type": "text/event-stream"},
                                  stream=_SSE(model, text))
        prompt = sum(len(str(m.get("content") or "")) for m in body.get("messages") or [])
        data: dict[str, Any] = {
            "id": _demo_id(text), "object": "chat.completion",
            "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": len(text),
                      "total_tokens": prompt + len(text)},
        }
        return httpx.Response(200, content=orjson.dumps(data),
                              headers={"content-type": "application/json"})
