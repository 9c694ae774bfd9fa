"""The client of the upstream model service; failures become 502 / 504 errors."""

from __future__ import annotations

import httpx
import orjson

from hegui.gateway.config import UpstreamConfig
from hegui.gateway.demo import DemoTransport
from hegui.gateway.errors import GatewayError
from hegui.gateway.transport import AiohttpTransport

DEMO_BASE = "http://hegui-demo.invalid/v1"


def upstream_down(detail: str) -> GatewayError:
    return GatewayError(502, "upstream_unavailable",
                        f"上游模型服务不可用 (the upstream model service failed: {detail})",
                        type_="upstream_error")


def upstream_timeout() -> GatewayError:
    return GatewayError(504, "upstream_timeout",
                        "上游模型服务超时 (the upstream model service timed out)", type_="upstream_error")


def map_error(exc: httpx.HTTPError) -> GatewayError:
    if isinstance(exc, httpx.TimeoutException):
        return upstream_timeout()
    return upstream_down(type(exc).__name__)


class Upstream:
    """One pooled httpx client; the transport is injectable (tests, the demo model)."""

    def __init__(self, config: UpstreamConfig, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.is_demo = config.url is None and transport is None
        if transport is None:
            transport = DemoTransport() if self.is_demo else AiohttpTransport(
                config.max_connections, config.connect_timeout, config.timeout)
        timeout = httpx.Timeout(config.timeout, connect=config.connect_timeout)
        self._extensions = {"timeout": timeout.as_dict()}
        headers = {"content-type": "application/json"}
        if config.api_key is not None:
            headers["authorization"] = "Bearer " + config.api_key.get_secret_value()
        limits = httpx.Limits(max_connections=config.max_connections,
                              max_keepalive_connections=config.max_connections)
        # The hot path hands requests straight to the transport: httpx's client machinery
        # (redirects, cookies, auth flows, hooks) is not needed for one fixed POST.
        self._transport = transport
        self._chat_url = httpx.URL((config.url or DEMO_BASE) + "/chat/completions")
        self._headers = headers
        self.client = httpx.AsyncClient(
            base_url=config.url or DEMO_BASE, headers=headers, transport=transport, limits=limits,
            timeout=timeout, trust_env=False,
        )

    async def close(self) -> None:
        await self.client.aclose()  # closes the transport too

    async def complete(self, body: bytes) -> tuple[int, bytes]:
        """POST a non-streaming chat completion; returns the status and the raw body."""
        try:
            resp = await self._transport.handle_async_request(self._request(body))
            try:
                raw = await resp.aread()
            finally:
                await resp.aclose()
        except httpx.HTTPError as exc:
            raise map_error(exc) from None
        return resp.status_code, raw

    def _request(self, body: bytes) -> httpx.Request:
        return httpx.Request("POST", self._chat_url, headers=self._headers, content=body,
                             extensions=self._extensions)

    async def open_stream(self, body: bytes) -> httpx.Response:
        """POST a streaming completion and return the open response (caller closes it)."""
        try:
            resp = await self._transport.handle_async_request(self._request(body))
        except httpx.HTTPError as exc:
            raise map_error(exc) from None
        return resp

    async def models(self) -> list[dict[str, object]]:
        try:
            resp = await self.client.get("models")
            data = orjson.loads(resp.content) if resp.status_code == 200 else {}
        except (httpx.HTTPError, orjson.JSONDecodeError) as exc:
            raise upstream_down(type(exc).__name__) from None
        models = data.get("data") if isinstance(data, dict) else None
        return [m for m in models if isinstance(m, dict)] if isinstance(models, list) else []


def upstream_status_error(status: int, raw: bytes) -> GatewayError:
    """An upstream's own error answer, passed on (4xx) or reported as 502 (5xx)."""
    try:
        message = orjson.loads(raw)["error"]["message"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        message = raw[:300].decode("utf-8", "replace")
    if 400 <= status < 500:
        return GatewayError(status, "upstream_rejected", f"上游拒绝了请求 (upstream said: {message})",
                            type_="invalid_request_error")
    return upstream_down(f"HTTP {status}: {message}")
