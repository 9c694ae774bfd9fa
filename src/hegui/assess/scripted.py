"""A scripted OpenAI-compatible endpoint on 127.0.0.1: known answers per prompt.

For dry runs of `hegui assess run`, its tests and its benchmark. A small HTTP/1.1 server on
asyncio streams (keep-alive, Content-Length bodies), run in a background thread:

    with ScriptedEndpoint({"你好": "你好！"}, default="抱歉，我不能回答。") as ep:
        ... ep.url ...   # http://127.0.0.1:PORT/v1

`failures` makes a prompt fail with the given HTTP statuses before it answers (to test retries);
`delay_s` slows every answer (to test timeouts). `reasoning` gives a prompt's answer a reasoning
model's thinking, in the message's `reasoning_content`. `calls` counts requests per prompt.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Self

_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests",
            500: "Internal Server Error", 503: "Service Unavailable"}


class ScriptedEndpoint:
    """Answers `/v1/chat/completions` from a script; thread-safe start/stop."""

    def __init__(self, script: Mapping[str, str], default: str = "好的。",
                 failures: Mapping[str, Sequence[int]] | None = None, delay_s: float = 0.0,
                 slow_prompts: Mapping[str, float] | None = None,
                 reasoning: Mapping[str, str] | None = None) -> None:
        self.script = dict(script)
        self.reasoning = dict(reasoning or {})
        self.default = default
        self.failures = {k: list(v) for k, v in (failures or {}).items()}
        self.delay_s = delay_s
        self.slow_prompts = dict(slow_prompts or {})
        self.calls: Counter[str] = Counter()
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="scripted-endpoint", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("scripted endpoint did not start")

    def stop(self) -> None:
        if self._loop and self._server:
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread:
            self._thread.join(10)

    async def _shutdown(self) -> None:
        if self._server is None:
            return
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._server = loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    def _respond(self, body: bytes) -> tuple[int, dict[str, Any]]:
        try:
            req = json.loads(body)
            prompt = next(m["content"] for m in reversed(req["messages"]) if m["role"] == "user")
        except (ValueError, KeyError, TypeError, StopIteration):
            return 400, {"error": {"message": "bad request", "type": "invalid_request_error"}}
        self.calls[prompt] += 1
        pending = self.failures.get(prompt)
        if pending:
            return pending.pop(0), {"error": {"message": "scripted failure", "type": "server_error"}}
        answer = self.script.get(prompt, self.default)
        message = {"role": "assistant", "content": answer}
        if prompt in self.reasoning:
            message["reasoning_content"] = self.reasoning[prompt]
        return 200, {"id": f"chatcmpl-{sum(self.calls.values())}", "object": "chat.completion",
                     "model": req.get("model", "scripted"),
                     "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": len(prompt), "completion_tokens": len(answer),
                               "total_tokens": len(prompt) + len(answer)}}

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path = lines[0].split(" ")[:2]
                headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:] if ":" in ln)}
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                if method == "POST" and path == "/v1/chat/completions":
                    status, data = self._respond(body)
                    prompt_delay = 0.0
                    if status == 200 and self.slow_prompts:
                        prompt_delay = max((d for p, d in self.slow_prompts.items()
                                            if p in body.decode("utf-8", "replace")), default=0.0)
                    if self.delay_s or prompt_delay:
                        await asyncio.sleep(self.delay_s + prompt_delay)
                else:
                    status, data = 404, {"error": {"message": "not found"}}
                payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
                writer.write(f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
                             f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
                             "Connection: keep-alive\r\n\r\n".encode("latin-1") + payload)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            if task is not None:
                self._tasks.discard(task)
