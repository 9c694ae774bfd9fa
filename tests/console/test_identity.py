import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hegui.console.config import IdentityConfig
from hegui.console.identity import IdentityError, sign_token, verify, verify_callback, verify_token

SECRET = "shared-secret-123456"


def test_token_round_trip_and_tampering() -> None:
    token = sign_token(SECRET, "用户42", ttl_s=60)
    assert verify_token(SECRET, token, 3600).user == "用户42"
    head, payload, mac = token.split(".")
    with pytest.raises(IdentityError, match="signature"):
        verify_token(SECRET, f"{head}.{payload}.{'0' * len(mac)}", 3600)
    with pytest.raises(IdentityError, match="signature"):
        verify_token("other-secret", token, 3600)
    with pytest.raises(IdentityError, match="malformed"):
        verify_token(SECRET, "garbage", 3600)


def test_expired_and_too_long_tokens_are_refused() -> None:
    with pytest.raises(IdentityError, match="expired"):
        verify_token(SECRET, sign_token(SECRET, "u", ttl_s=-1), 3600)
    with pytest.raises(IdentityError, match="too long"):
        verify_token(SECRET, sign_token(SECRET, "u", ttl_s=10_000), 3600)


def test_no_secret_means_no_tokens() -> None:
    with pytest.raises(IdentityError, match="not configured"):
        verify(IdentityConfig(), token=sign_token(SECRET, "u"))


class _App(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ok = body == {"user": "alice", "proof": "123456"}
        out = json.dumps({"verified": ok}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def app_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _App)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/verify"
    server.shutdown()
    server.server_close()


def test_callback_asks_the_app_over_http(app_url: str) -> None:
    cfg = IdentityConfig(callback_url=app_url)
    assert verify(cfg, user="alice", proof="123456").method == "callback"
    with pytest.raises(IdentityError, match="did not confirm"):
        verify_callback(cfg, "alice", "000000")


def test_callback_down_is_a_clear_refusal() -> None:
    cfg = IdentityConfig(callback_url="http://127.0.0.1:9/none", callback_timeout_s=1)
    with pytest.raises(IdentityError, match="callback failed"):
        verify_callback(cfg, "alice", "1")
