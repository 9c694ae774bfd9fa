"""Server-sent events: parsing the upstream's, writing ours, and an ASGI response that notices a
client hanging up (the relay is cancelled, so it closes the upstream and still records)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import orjson
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

DONE = b"data: [DONE]\n\n"
SendBody = Callable[[bytes], Awaitable[None]]


def split_events(buffer: bytes) -> tuple[list[bytes], bytes]:
    """Complete `data:` payloads in `buffer`, and what is left of an incomplete event."""
    if b"\r" in buffer:
        buffer = buffer.replace(b"\r\n", b"\n")
    *complete, rest = buffer.split(b"\n\n")
    payloads: list[bytes] = []
    for event in complete:
        data = [line[5:].lstrip(b" ") for line in event.split(b"\n") if line.startswith(b"data:")]
        if data:
            payloads.append(b"\n".join(data))
    return payloads, rest


def event(obj: dict[str, Any]) -> bytes:
    return b"data: " + orjson.dumps(obj) + b"\n\n"


class SSEResponse(Response):
    """Runs `run(send_body)` as the body of a `text/event-stream` answer.

    A task listens for `http.disconnect`; when the client goes away it cancels `run`, whose own
    cleanup closes the upstream request and records the event.
    """

    def __init__(self, run: Callable[[SendBody], Awaitable[None]], headers: dict[str, str]) -> None:
        self.status_code = 200
        self.background = None
        self._run = run
        base = [(b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache"),
                (b"x-accel-buffering", b"no")]
        self.raw_headers = base + [(k.lower().encode("latin-1"), v.encode("latin-1"))
                                   for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})

        async def send_body(data: bytes) -> None:
            await send({"type": "http.response.body", "body": data, "more_body": True})

        gone = False
        async with anyio.create_task_group() as tg:

            async def watch() -> None:
                nonlocal gone
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        gone = True
                        tg.cancel_scope.cancel()
                        return

            tg.start_soon(watch)
            await self._run(send_body)
            tg.cancel_scope.cancel()
        if not gone:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
