"""A bounded loopback load test: many concurrent streams, some turning unlawful mid-answer.

The full size (1,000 streams, 200 at a time) runs in `benchmarks/gateway_load.py`; here a
smaller run keeps CI cheap: no error, no flagged span ever reaches a client, memory flat.
"""

from __future__ import annotations

import asyncio
import json
import resource

import httpx

from tests.gateway.conftest import BAD, GatewayFactory
from tests.gateway.scripted_upstream import ScriptedUpstream, stream

STREAMS, CONCURRENCY = 120, 40
CLEAN = "合规的回答内容，没有任何问题。" * 4
FLAGGED = "开头是正常的内容，" * 3 + "然后出现" + BAD + "以及更多内容" * 5


def pieces(text: str) -> list[str]:
    return [text[i:i + 3] for i in range(0, len(text), 3)]


async def one(client: httpx.AsyncClient, flagged: bool) -> tuple[str, str]:
    body = {"model": "m", "stream": True, "messages": [{"role": "user", "content": "说吧"}]}
    text, finish = [], ""
    async with client.stream("POST", "/v1/chat/completions", json=body) as r:
        assert r.status_code == 200
        async for line in r.aiter_lines():
            if line.startswith("data: {"):
                ev = json.loads(line[6:])
                for ch in ev.get("choices", []):
                    text.append((ch.get("delta") or {}).get("content") or "")
                    finish = ch.get("finish_reason") or finish
    return "".join(text), finish


async def run(url: str, key: str, flags: list[bool]) -> list[tuple[bool, str, str]]:
    sem = asyncio.Semaphore(CONCURRENCY)
    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {key}"},
                                 limits=limits, timeout=60) as client:
        async def guarded(flagged: bool) -> tuple[bool, str, str]:
            async with sem:
                text, finish = await one(client, flagged)
                return flagged, text, finish

        return await asyncio.gather(*(guarded(f) for f in flags))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_many_concurrent_streams_without_error_or_leak(gateway: GatewayFactory,
                                                       upstream: ScriptedUpstream) -> None:
    gw = gateway(labels={"explicit": {"position": "none"}})
    # the scripted upstream answers in call order, so the script decides which stream is flagged
    warm = [i % 4 == 0 for i in range(STREAMS // 2)]
    flags = [i % 4 == 0 for i in range(STREAMS)]
    rounds = []
    for batch in (warm, flags):
        upstream.expect(*(stream(pieces(FLAGGED if f else CLEAN)) for f in batch))
        rounds.append(asyncio.run(run(gw.url, gw.key, batch)))
        if batch is warm:
            after_warm = rss_mb()
    results = rounds[1]
    assert len(results) == STREAMS
    refused = [r for r in results if r[2] == "content_filter"]
    clean = [r for r in results if r[2] == "stop"]
    assert len(refused) + len(clean) == STREAMS  # no error, every stream ended properly
    assert len(refused) == sum(flags)
    for _flagged, text, finish in results:
        assert BAD not in text and "炸" not in text
        assert text == CLEAN or finish == "content_filter"
    assert rss_mb() - after_warm < 60  # flat: no per-stream state kept
