"""Load test of the gateway on loopback: 1,000 streams, 200 at a time, a quarter of them turning
unlawful mid-answer. Checks: no error, no flagged span ever reaches a client, memory flat.
Baseline, same run: the same streams sent straight to the fast fake upstream.

    .venv/bin/python benchmarks/gateway_load.py           # 1,000 streams, 200 concurrent
    .venv/bin/python benchmarks/gateway_load.py --quick   # 200 streams, 50 concurrent (or HEGUI_BENCH_QUICK=1)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gateway import find_tool, free_port, wait_healthy

WORD = "负载测试禁词"
CLEAN = "这是一段完全正常的回答，用来测试网关在高并发下的流式转发。" * 6
FLAGGED = "开头一切正常，" * 8 + WORD + "后面的内容不应该被发送出去。" * 6


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def one(client: httpx.AsyncClient, url: str, flagged: bool) -> tuple[bool, str, str]:
    body = {"model": "m", "stream": True,
            "messages": [{"role": "user", "content": "ECHO:" + (FLAGGED if flagged else CLEAN)}]}
    parts, finish = [], ""
    async with client.stream("POST", url, json=body) as r:
        if r.status_code != 200:
            return flagged, f"HTTP {r.status_code}", "error"
        async for line in r.aiter_lines():
            if line.startswith("data: {"):
                for ch in json.loads(line[6:]).get("choices", []):
                    parts.append((ch.get("delta") or {}).get("content") or "")
                    finish = ch.get("finish_reason") or finish
    return flagged, "".join(parts), finish


async def run(url: str, key: str | None, n: int, concurrency: int) -> tuple[float, list[tuple[bool, str, str]]]:
    sem = asyncio.Semaphore(concurrency)
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=120) as client:
        async def guarded(i: int) -> tuple[bool, str, str]:
            async with sem:
                try:
                    return await one(client, url + "/chat/completions", i % 4 == 0)
                except httpx.HTTPError as exc:
                    return i % 4 == 0, repr(exc), "error"

        t0 = time.perf_counter()
        results = await asyncio.gather(*(guarded(i) for i in range(n)))
        return time.perf_counter() - t0, results


def judge(results: list[tuple[bool, str, str]], moderated: bool) -> dict[str, int]:
    out = {"ok": 0, "errors": 0, "leaks": 0, "stopped": 0}
    for flagged, text, finish in results:
        if finish == "error":
            out["errors"] += 1
            continue
        if WORD in text and moderated:
            out["leaks"] += 1
        if moderated and flagged:
            out["stopped"] += finish == "content_filter"
            out["ok"] += finish == "content_filter" and WORD not in text
        else:
            out["ok"] += text == (FLAGGED if flagged else CLEAN)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--streams", type=int, default=None)
    p.add_argument("--concurrency", type=int, default=None)
    a = p.parse_args()
    a.quick = a.quick or os.environ.get("HEGUI_BENCH_QUICK") == "1"
    n = a.streams or (200 if a.quick else 1000)
    conc = a.concurrency or (50 if a.quick else 200)
    work = Path(tempfile.mkdtemp(prefix="hegui-load-"))
    (work / "lexicon").mkdir()
    (work / "lexicon" / "A1.4.txt").write_text(WORD + "\n", encoding="utf-8")
    (work / "hegui.yaml").write_text("gateway:\n  labels:\n    explicit:\n      position: none\n")
    up_port, gw_port = free_port(), free_port()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        procs.append(subprocess.Popen([sys.executable, str(find_tool()), "--serve-upstream", "--upstream-port",
                                       str(up_port), "--chunk", "3"], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, start_new_session=True))
        hegui = Path(sys.executable).parent / "hegui"
        data = work / "data"
        log = (work / "hegui.log").open("wb")
        key = subprocess.run([str(hegui), "keys", "create", "load", "--data-dir", str(data)],
                             capture_output=True, text=True, check=True).stdout.strip()
        gw = subprocess.Popen([str(hegui), "serve", "--config", str(work / "hegui.yaml"), "--data-dir", str(data),
                               "--port", str(gw_port), "--upstream", f"http://127.0.0.1:{up_port}/v1",
                               "--lexicon", str(work / "lexicon")],
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        procs.append(gw)
        wait_healthy(f"http://127.0.0.1:{gw_port}", gw)
        direct_url, via_url = f"http://127.0.0.1:{up_port}/v1", f"http://127.0.0.1:{gw_port}/v1"
        asyncio.run(run(via_url, key, min(n, 200), conc))  # warm-up
        rss_before = rss_mb(gw.pid)
        d_time, d_res = asyncio.run(run(direct_url, None, n, conc))
        v_time, v_res = asyncio.run(run(via_url, key, n, conc))
        rss_after = rss_mb(gw.pid)
        direct, via = judge(d_res, False), judge(v_res, True)
        print(f"{n} streams, {conc} concurrent, 1 in 4 turning unlawful mid-answer")
        print(f"{'target':<8}{'streams/s':>11}{'ok':>7}{'errors':>8}{'leaks':>7}{'stopped':>9}")
        print(f"{'direct':<8}{n / d_time:>11.1f}{direct['ok']:>7}{direct['errors']:>8}{'-':>7}{'-':>9}")
        print(f"{'hegui':<8}{n / v_time:>11.1f}{via['ok']:>7}{via['errors']:>8}{via['leaks']:>7}"
              f"{via['stopped']:>9}")
        print(f"hegui RSS after warm-up {rss_before:.1f} MB, after the run {rss_after:.1f} MB "
              f"({rss_after - rss_before:+.1f} MB)")
        for _flagged, text, finish in [r for r in v_res if r[2] == "error"][:3]:
            print("error:", text[:200])
        good = via["errors"] == 0 and via["leaks"] == 0 and via["ok"] == n
        print("PASS" if good else f"FAIL (gateway log: {work / 'hegui.log'})")
        sys.exit(0 if good else 1)
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(20)


if __name__ == "__main__":
    main()
