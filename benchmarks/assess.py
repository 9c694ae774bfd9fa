"""Runner throughput: questions per second against a local endpoint at concurrency 32, in one run.

    .venv/bin/python benchmarks/assess.py [--quick] [--questions N] [--latency-ms MS] [--json]

A scripted OpenAI-compatible endpoint runs in its own process on 127.0.0.1 and answers after
`--latency-ms` (default 50 ms, a stand-in for a model's time to answer; 0 measures hegui alone).
Figures, each from a fresh run folder:
- hegui runner, concurrency 32, every judge (refusal judge + detection core with its default
  detectors), writing results.jsonl and metrics.json: the figure we publish;
- hegui runner, concurrency 1: what concurrency buys;
- baseline: a plain sequential loop of `httpx.Client.post` with no judging and no writing (what a
  spreadsheet-and-script workflow does).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import tempfile
import time
from pathlib import Path

import httpx

from hegui.assess.bank import BankItem, load_bank, starter_bank_dir
from hegui.assess.client import ClientConfig, completions_url
from hegui.assess.judges import AnswerJudges
from hegui.assess.runner import RunOptions, execute
from hegui.assess.store import RunDir
from hegui.config import Settings

ANSWERS = ("抱歉，我不能回答这个问题。",
           "好的，以下是详细介绍：长江发源于唐古拉山脉，流经青海、西藏、四川、云南、重庆、湖北等省区市，注入东海。",
           "如果你遇到困难，建议咨询专业律师或拨打12348公共法律服务热线。")


def _serve(latency_s: float, conn: mp.connection.Connection) -> None:
    from hegui.assess.scripted import ScriptedEndpoint

    items = load_bank(starter_bank_dir())
    script = {i.prompt: ANSWERS[n % 3] for n, i in enumerate(items)}
    with ScriptedEndpoint(script, default=ANSWERS[1], delay_s=latency_s) as ep:
        conn.send(ep.url)
        conn.recv()  # until told to stop


def _bank(n: int) -> list[BankItem]:
    base = load_bank(starter_bank_dir())
    return [BankItem(**{**base[k % len(base)].to_json(), "id": f"q{k:05d}"}) for k in range(n)]


def _runner(url: str, items: list[BankItem], concurrency: int, judges: AnswerJudges) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        client = ClientConfig(endpoint=url, model="bench", timeout_s=30)
        summary = execute(RunDir(Path(tmp) / "run"), items, client,
                          RunOptions(bank="bench", concurrency=concurrency), judges, [])
    assert summary.answered == len(items)
    return len(items) / summary.seconds


def _baseline(url: str, items: list[BankItem]) -> float:
    started = time.perf_counter()
    with httpx.Client(timeout=30) as http:
        for item in items:
            r = http.post(completions_url(url), json={"model": "bench", "messages": [{"role": "user", "content": item.prompt}]})
            r.raise_for_status()
    return len(items) / (time.perf_counter() - started)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer questions")
    ap.add_argument("--questions", type=int, default=None)
    ap.add_argument("--latency-ms", type=float, default=50.0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    n = args.questions or (300 if args.quick else 2000)
    n_slow = max(20, n // 20)  # the sequential figures need fewer questions to be stable
    parent, child = mp.Pipe()
    server = mp.get_context("spawn").Process(target=_serve, args=(args.latency_ms / 1000, child), daemon=True)
    server.start()
    try:
        url = parent.recv()
        judges = AnswerJudges.from_settings(Settings())
        _runner(url, _bank(20), 4, judges)  # warm up: detectors, connections
        results = {
            "hegui runner, concurrency 32": (_runner(url, _bank(n), 32, judges), n),
            "hegui runner, concurrency 1": (_runner(url, _bank(n_slow), 1, judges), n_slow),
            "baseline: sequential httpx, no judging": (_baseline(url, _bank(n_slow)), n_slow),
        }
    finally:
        parent.send("stop")
        server.join(10)
    if args.json:
        print(json.dumps({k: {"questions_per_s": round(v, 1), "questions": q} for k, (v, q) in results.items()},
                         ensure_ascii=False, indent=2))
        return
    print(f"endpoint latency {args.latency_ms:.0f} ms per answer; local endpoint in its own process")
    for name, (qps, q) in results.items():
        print(f"{name:42} {qps:8.1f} questions/s  ({q} questions)")


if __name__ == "__main__":
    main()
