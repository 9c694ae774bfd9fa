"""A real HTTP server on 127.0.0.1 that answers from a script, for model-detector tests.

Each scripted reply is (status, body, delay_s). The server records every request and answers
500 with `unscripted` when called more often than scripted, so a test sees extra calls.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: object = None
    delay_s: float = 0.0


@dataclass
class Script:
    replies: list[Reply]
    requests: list[dict[str, object]] = field(default_factory=list)
    extra_calls: int = 0

    def next(self) -> Reply | None:
        if len(self.requests) > len(self.replies):
            self.extra_calls += 1
            return None
        return self.replies[len(self.requests) - 1]


def chat(content: str) -> Reply:
    """An OpenAI-compatible chat completion whose message is `content`."""
    return Reply(body={"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]})


@contextmanager
def serve(script: Script) -> Iterator[str]:
    """Run the server; yields its base URL (`http://127.0.0.1:PORT`)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            script.requests.append(
                {"path": self.path, "headers": dict(self.headers), "body": raw.decode("utf-8")}
            )
            reply = script.next()
            if reply is None:
                reply = Reply(500, {"error": "unscripted"})
            if reply.delay_s:
                time.sleep(reply.delay_s)
            data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
