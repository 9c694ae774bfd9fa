"""Counters shared by two gateway instances through Redis (scale-out), and in memory."""

from __future__ import annotations

import asyncio

from hegui.gateway.counters import MemoryCounters, RedisCounters
from tests.gateway.conftest import BAD, GatewayFactory
from tests.gateway.scripted_upstream import ScriptedUpstream

REDIS = "redis://127.0.0.1:6379/0"


def test_two_instances_share_the_ladder_through_redis(gateway: GatewayFactory,
                                                      upstream: ScriptedUpstream) -> None:
    config = {"redis_url": REDIS, "ladder": {"restrict_after": 3}, "user_cache_seconds": 0}
    a, b = gateway(**config), gateway(**config)
    body = {"model": "m", "user": "mallory", "messages": [{"role": "user", "content": BAD}]}
    with a.client() as ca, b.client() as cb:
        assert ca.post("/v1/chat/completions", json=body).status_code == 200
        assert cb.post("/v1/chat/completions", json=body).status_code == 200
        assert ca.post("/v1/chat/completions", json=body).status_code == 200  # third refusal: restricted
        r = cb.post("/v1/chat/completions", json=body)  # instance b sees the shared count and state
        assert r.status_code == 403 and r.json()["error"]["code"] == "user_restricted"


def test_memory_and_redis_counters_agree() -> None:
    async def run() -> list[list[int]]:
        out = []
        redis = RedisCounters(REDIS, prefix="hegui-test:" + str(id(out)) + ":")
        for counters in (MemoryCounters(), redis):
            hits = [await counters.hit("w", 60) for _ in range(3)]
            incs = [await counters.incr("d", 60) for _ in range(2)]
            out.append(hits + incs)
            await counters.close()
        return out

    memory, redis = asyncio.run(run())
    assert memory == redis == [1, 2, 3, 1, 2]
