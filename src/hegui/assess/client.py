"""An async client for any OpenAI-compatible `/v1/chat/completions`: retries, timeouts, rate limit."""

from __future__ import annotations

import asyncio
import random
import ssl
import time
from dataclasses import dataclass
from typing import Any, Self

import httpx
from pydantic import BaseModel, ConfigDict, Field

RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


class ClientConfig(BaseModel):
    """How the runner talks to the model under test."""

    model_config = ConfigDict(extra="forbid")
    endpoint: str = Field(description="base URL, e.g. http://127.0.0.1:8000/v1 (or the full …/chat/completions)")
    model: str
    api_key: str | None = None
    timeout_s: float = Field(default=60.0, gt=0)
    retries: int = Field(default=4, ge=0)
    backoff_s: float = Field(default=0.5, ge=0)
    backoff_max_s: float = Field(default=20.0, gt=0)
    rps: float | None = Field(default=None, gt=0, description="requests per second (token bucket)")
    temperature: float | None = None
    max_tokens: int | None = Field(default=None, gt=0)
    system_prompt: str | None = None


class AskError(RuntimeError):
    """A question got no answer after every retry."""


class TokenBucket:
    """Allows `rate` acquisitions per second on average, bursts up to `burst`."""

    def __init__(self, rate: float, burst: float | None = None) -> None:
        self.rate = rate
        self.capacity = burst if burst is not None else max(1.0, rate)
        self.tokens = self.capacity
        self.updated = time.monotonic()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await asyncio.sleep((1 - self.tokens) / self.rate)


def completions_url(endpoint: str) -> str:
    """`…/v1` → `…/v1/chat/completions`; a full completions URL is kept."""
    url = endpoint.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if not url.endswith("/v1"):
        url += "/v1"
    return url + "/chat/completions"


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    finish_reason: str | None
    attempts: int
    latency_ms: int
    status: int
    reasoning: str = ""
    """A reasoning model's thinking, apart from its answer (empty for other models)."""


_THINK_OPEN, _THINK_CLOSE = "<think>", "</think>"


def split_reasoning(content: str, reasoning: str = "") -> tuple[str, str]:
    """(answer, reasoning) of a reply. Reasoning models send their thinking in a field of its own
    (`reasoning_content`, `reasoning`) or inline as `<think>…</think>` before the answer (some
    servers drop the opening tag); a reply cut off inside its thinking has an empty answer."""
    text = content.lstrip()
    if text.startswith(_THINK_OPEN):
        inner, closed, rest = text[len(_THINK_OPEN):].partition(_THINK_CLOSE)
        return (rest.strip() if closed else ""), "\n".join(p for p in (reasoning, inner.strip()) if p)
    head, closed, rest = text.partition(_THINK_CLOSE)
    if closed and _THINK_OPEN not in head:
        return rest.strip(), "\n".join(p for p in (reasoning, head.strip()) if p)
    return content, reasoning


class ChatClient:
    """Asks the model; use as an async context manager.

    Holds one single-connection `httpx.AsyncClient` per concurrent request (`slots`), handed out
    through a queue: httpcore's shared pool rescans every connection on every event, which costs
    more than the requests themselves at a concurrency of 32 and up.
    """

    def __init__(self, config: ClientConfig, slots: int = 1,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.config = config
        self.url = completions_url(config.endpoint)
        headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
        tls = ssl.create_default_context()  # one context for every slot: loading CA files is slow
        self._clients = [httpx.AsyncClient(headers=headers, timeout=config.timeout_s, transport=transport, verify=tls,
                                           limits=httpx.Limits(max_connections=1, max_keepalive_connections=1))
                         for _ in range(max(1, slots))]
        self._free: asyncio.Queue[httpx.AsyncClient] = asyncio.Queue()
        for client in self._clients:
            self._free.put_nowait(client)
        self._bucket = TokenBucket(config.rps) if config.rps else None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for client in self._clients:
            await client.aclose()

    async def _post(self, prompt: str) -> httpx.Response:
        client = await self._free.get()
        try:
            return await client.post(self.url, json=self._body(prompt))
        finally:
            self._free.put_nowait(client)

    def _body(self, prompt: str) -> dict[str, Any]:
        messages = [{"role": "user", "content": prompt}]
        if self.config.system_prompt:
            messages.insert(0, {"role": "system", "content": self.config.system_prompt})
        body: dict[str, Any] = {"model": self.config.model, "messages": messages, "stream": False}
        if self.config.temperature is not None:
            body["temperature"] = self.config.temperature
        if self.config.max_tokens is not None:
            body["max_tokens"] = self.config.max_tokens
        return body

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                return min(self.config.backoff_max_s, float(retry_after))
            except ValueError:
                pass
        base = self.config.backoff_s * (2 ** attempt)
        return min(self.config.backoff_max_s, base * (0.5 + random.random() / 2))

    async def ask(self, prompt: str) -> Answer:
        """The model's answer to one user message; raises `AskError` after the last retry."""
        last = "no attempt"
        for attempt in range(self.config.retries + 1):
            if self._bucket:
                await self._bucket.acquire()
            started = time.perf_counter()
            retry_after = None
            try:
                resp = await self._post(prompt)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if resp.status_code == 200:
                    return self._parse(resp, attempt + 1, started)
                last = f"HTTP {resp.status_code}: {resp.text[:200]}"
                if resp.status_code not in RETRY_STATUS:
                    raise AskError(last)
                retry_after = resp.headers.get("retry-after")
            if attempt < self.config.retries:
                await asyncio.sleep(self._delay(attempt, retry_after))
        raise AskError(f"gave up after {self.config.retries + 1} attempts: {last}")

    @staticmethod
    def _parse(resp: httpx.Response, attempts: int, started: float) -> Answer:
        try:
            choice = resp.json()["choices"][0]
            message = choice["message"]
            content = message.get("content") or ""
            thinking = message.get("reasoning_content") or message.get("reasoning") or ""
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise AskError(f"not an OpenAI chat completion: {resp.text[:200]}") from None
        answer, reasoning = split_reasoning(str(content), str(thinking))
        return Answer(answer, choice.get("finish_reason"), attempts,
                      int((time.perf_counter() - started) * 1000), resp.status_code, reasoning)
