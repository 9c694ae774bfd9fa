"""The chat client's helpers: URLs and the token bucket."""

from __future__ import annotations

import asyncio
import time

import pytest

from hegui.assess.client import AskError, ChatClient, ClientConfig, TokenBucket, completions_url
from hegui.assess.scripted import ScriptedEndpoint


@pytest.mark.parametrize(("given", "url"), [
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000/v1/chat/completions"),
    ("http://127.0.0.1:8000/v1/", "http://127.0.0.1:8000/v1/chat/completions"),
    ("http://127.0.0.1:8000/v1/chat/completions", "http://127.0.0.1:8000/v1/chat/completions"),
])
def test_completions_url(given: str, url: str) -> None:
    assert completions_url(given) == url


def test_token_bucket_rate() -> None:
    async def go() -> float:
        bucket = TokenBucket(50.0, burst=1)
        start = time.monotonic()
        for _ in range(11):
            await bucket.acquire()
        return time.monotonic() - start

    assert asyncio.run(go()) >= 0.19  # 10 waits of 20 ms after the first token


def test_sends_key_model_and_reads_answer() -> None:
    async def go(url: str) -> str:
        async with ChatClient(ClientConfig(endpoint=url, model="m", api_key="k", retries=0)) as c:
            return (await c.ask("你好")).text

    with ScriptedEndpoint({"你好": "你好！"}) as ep:
        assert asyncio.run(go(ep.url)) == "你好！"


def test_not_an_openai_answer_is_an_error() -> None:
    async def go(url: str) -> None:
        async with ChatClient(ClientConfig(endpoint=url + "/nowhere", model="m", retries=0)) as c:
            await c.ask("x")

    with ScriptedEndpoint({}) as ep, pytest.raises(AskError, match="HTTP 404"):
        asyncio.run(go(ep.url))
