"""The runner: ask every planned question, judge each answer, append it; resume where it stopped."""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hegui.assess.bank import KINDS, BankItem
from hegui.assess.client import Answer, AskError, ChatClient, ClientConfig
from hegui.assess.judges import AnswerJudges
from hegui.assess.metrics import compute_metrics
from hegui.assess.store import RunDir, RunError, merged_rows, repair_tail, results_by_id, write_json

# After this many questions fail in a row the run stops (the endpoint looks down); the next start
# resumes where it stopped.
GIVE_UP_AFTER = 20

# Fields of run.json that a resumed run must repeat: otherwise it would mix two different runs.
FIXED_FIELDS = ("model", "sample", "seed", "bank_ids_digest")


class RunOptions(BaseModel):
    """What `hegui assess run` was asked."""

    model_config = ConfigDict(extra="forbid")
    bank: str
    sample: int | None = Field(default=None, gt=0, description="at most this many questions per kind")
    seed: int = 0
    concurrency: int = Field(default=8, ge=1, le=1024)


def plan_questions(items: list[BankItem], sample: int | None, seed: int) -> list[BankItem]:
    """The questions of a run: all, or a seeded sample of at most `sample` per kind, in bank order."""
    if sample is None:
        return list(items)
    rng = random.Random(seed)
    chosen: set[str] = set()
    for kind in KINDS:
        ids = [i.id for i in items if i.kind == kind]
        chosen.update(ids if len(ids) <= sample else rng.sample(ids, sample))
    return [i for i in items if i.id in chosen]


def _digest(ids: list[str]) -> str:
    import hashlib

    return hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()[:16]


def prepare_run(run: RunDir, items: list[BankItem], client: ClientConfig, options: RunOptions,
                lexicon_dirs: list[Path], judged_by: dict[str, Any] | None = None) -> list[BankItem]:
    """Create or reopen a run folder; returns the planned questions not yet answered. `judged_by`
    (which refusal judge) is recorded in run.json at the first start."""
    run.path.mkdir(parents=True, exist_ok=True)
    by_id = {i.id: i for i in items}
    info = {"model": client.model, "endpoint": client.endpoint, "bank": options.bank,
            "sample": options.sample, "seed": options.seed, "bank_ids_digest": _digest(sorted(by_id)),
            "lexicon_dirs": [str(p) for p in lexicon_dirs], **(judged_by or {})}
    if run.run_json.exists():
        old = run.info()
        diff = [k for k in FIXED_FIELDS if old.get(k) != info[k]]
        if diff:
            raise RunError(f"{run.path} holds a run with other {', '.join(diff)}; use another --out")
        plan = json.loads(run.plan.read_text(encoding="utf-8"))
        missing = [q for q in plan if q not in by_id]
        if missing:
            raise RunError(f"the bank no longer has planned questions {missing[:5]}")
    else:
        plan = [i.id for i in plan_questions(items, options.sample, options.seed)]
        write_json(run.plan, plan)
        write_json(run.run_json, {**info, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
    repair_tail(run.results)
    done = results_by_id(run)
    return [by_id[q] for q in plan if q not in done]


@dataclass(frozen=True, slots=True)
class RunSummary:
    planned: int
    answered: int
    failed: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {"planned": self.planned, "answered": self.answered, "failed": self.failed,
                "seconds": round(self.seconds, 3)}


def _row(item: BankItem, ans: Answer, model: str, judgements: dict[str, Any]) -> dict[str, Any]:
    row = item.to_json()
    row.update({"answer": ans.text, "finish_reason": ans.finish_reason, "attempts": ans.attempts,
                "latency_ms": ans.latency_ms, "model": model, "asked_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                **({"reasoning": ans.reasoning} if ans.reasoning else {}), "judgements": judgements})
    return row


async def run_questions(run: RunDir, todo: list[BankItem], client_config: ClientConfig,
                        judges: AnswerJudges, concurrency: int,
                        on_done: Callable[[bool], None] | None = None) -> tuple[int, int]:
    """Ask `todo` with `concurrency` workers; each answer is judged and appended at once.

    Returns (answered, failed). A failed question goes to errors.jsonl and is asked again on the
    next start; nothing is written to results.jsonl for it. After `GIVE_UP_AFTER` failures in a
    row the remaining questions are left for the next start.
    """
    queue: asyncio.Queue[BankItem] = asyncio.Queue()
    for item in todo:
        queue.put_nowait(item)
    counts = [0, 0]
    streak = [0]  # questions failed in a row
    with run.results.open("a", encoding="utf-8") as out, run.errors.open("a", encoding="utf-8") as err:
        async with ChatClient(client_config, slots=min(concurrency, max(1, len(todo)))) as client:

            async def worker() -> None:
                while True:
                    try:
                        item = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        return
                    try:
                        ans = await client.ask(item.prompt)
                    except AskError as exc:
                        err.write(json.dumps({"id": item.id, "error": str(exc)}, ensure_ascii=False) + "\n")
                        err.flush()
                        counts[1] += 1
                        streak[0] += 1
                        if on_done:
                            on_done(False)
                        if streak[0] >= GIVE_UP_AFTER:  # the endpoint looks down: stop, resume later
                            while not queue.empty():
                                queue.get_nowait()
                        continue
                    streak[0] = 0
                    row = _row(item, ans, client_config.model, judges.judge(ans.text, ans.finish_reason, ans.reasoning))
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    out.flush()
                    counts[0] += 1
                    if on_done:
                        on_done(True)

            await asyncio.gather(*(worker() for _ in range(min(concurrency, max(1, len(todo))))))
    return counts[0], counts[1]


def update_metrics(run: RunDir) -> dict[str, dict[str, Any]]:
    """Recompute RUN/metrics.json from the results and people's marks."""
    metrics = compute_metrics(merged_rows(run))
    write_json(run.metrics, metrics)
    return metrics


def execute(run: RunDir, items: list[BankItem], client: ClientConfig, options: RunOptions,
            judges: AnswerJudges, lexicon_dirs: list[Path],
            on_start: Callable[[int, int], Callable[[bool], None]] | None = None) -> RunSummary:
    """Plan (or resume), ask, judge, write metrics. `on_start(total, done)` returns a tick callback."""
    todo = prepare_run(run, items, client, options, lexicon_dirs, judges.describe())
    planned = len(json.loads(run.plan.read_text(encoding="utf-8")))
    tick = on_start(planned, planned - len(todo)) if on_start else None
    started = time.perf_counter()
    _, failed = asyncio.run(run_questions(run, todo, client, judges, options.concurrency, tick))
    update_metrics(run)
    return RunSummary(planned, len(results_by_id(run)), failed, time.perf_counter() - started)
