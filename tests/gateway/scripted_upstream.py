"""A small real OpenAI-compatible upstream on loopback that answers per a script.

Every call must be scripted: a call with no reply left is recorded in `unexpected` (and answered
500), which is how tests prove that refused input never reached the model.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server(ThreadingHTTPServer):
    request_queue_size = 512  # many concurrent connections in the load test
    daemon_threads = True


@dataclass
class Reply:
    kind: str = "json"  # json | stream | raw (SSE bytes as given) | status | sleep
    text: str = ""
    chunks: list[str] = field(default_factory=list)
    status: int = 200
    delay: float = 0.0
    body: bytes = b""
    reasoning: list[str] = field(default_factory=list)  # a reasoning model's thinking, sent first


def answer(text: str, reasoning: str = "") -> Reply:
    return Reply("json", text=text, reasoning=[reasoning] if reasoning else [])


def stream(chunks: list[str], delay: float = 0.0, reasoning: list[str] | None = None) -> Reply:
    return Reply("stream", chunks=chunks, delay=delay, reasoning=reasoning or [])


class ScriptedUpstream:
    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.calls: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.paths: list[str] = []
        self.unexpected: list[dict[str, Any]] = []
        self.aborted = threading.Event()
        self.chunks_sent = 0
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def expect(self, *replies: Reply) -> None:
        self.script.extend(replies)

    def start(self) -> ScriptedUpstream:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:
                body = json.dumps({"object": "list", "data": [{"id": "scripted", "object": "model"}]})
                self._send(200, body.encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                data = json.loads(self.rfile.read(length) or b"{}")
                upstream.headers.append(dict(self.headers))
                upstream.paths.append(self.path)
                if not upstream.script:
                    upstream.unexpected.append(data)
                    self._send(500, b'{"error":{"message":"unscripted call"}}')
                    return
                upstream.calls.append(data)
                reply = upstream.script.popleft()
                if reply.kind == "sleep":
                    time.sleep(reply.delay)
                    self._send(200, json.dumps(_completion(data, "late")).encode())
                elif reply.kind == "status":
                    self._send(reply.status, reply.body or b'{"error":{"message":"scripted failure"}}')
                elif reply.kind == "raw":
                    self.send_response(200)
                    self.send_header("content-type", "text/event-stream")
                    self.send_header("connection", "close")
                    self.end_headers()
                    self.close_connection = True
                    self.wfile.write(reply.body)
                elif reply.kind == "stream":
                    self._stream(data, reply)
                else:
                    self._send(200, json.dumps(_completion(data, reply.text, "".join(reply.reasoning))).encode())

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _stream(self, data: dict[str, Any], reply: Reply) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("connection", "close")
                self.end_headers()
                self.close_connection = True
                head = {"id": "up-1", "object": "chat.completion.chunk", "created": 1,
                        "model": data.get("model", "m")}
                events = [{**head, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                                "finish_reason": None}]}]
                events += [{**head, "choices": [{"index": 0, "delta": {"reasoning_content": c},
                                                 "finish_reason": None}]} for c in reply.reasoning]
                events += [{**head, "choices": [{"index": 0, "delta": {"content": c}, "finish_reason": None}]}
                           for c in reply.chunks]
                events.append({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                try:
                    for ev in events:
                        self.wfile.write(b"data: " + json.dumps(ev, ensure_ascii=False).encode() + b"\n\n")
                        self.wfile.flush()
                        upstream.chunks_sent += 1
                        if reply.delay:
                            time.sleep(reply.delay)
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    upstream.aborted.set()

        return Handler


def _completion(data: dict[str, Any], text: str, reasoning: str = "") -> dict[str, Any]:
    message = {"role": "assistant", "content": text, **({"reasoning_content": reasoning} if reasoning else {})}
    return {"id": "up-1", "object": "chat.completion", "created": 1, "model": data.get("model", "m"),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
