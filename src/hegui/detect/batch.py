"""`hegui check --batch`: JSON lines in, one verdict per line out, in order, on every core.

Streaming with bounded memory: lines are read one at a time and at most `max_in_flight` of them
are between the reader and the writer at any moment, whatever the size of the file. Work is
spread over processes (`multiprocessing.Pool.imap`, ordered, with a chunk size); each worker
builds its own checker once, in the pool's initializer.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from hegui.build import build_checker
from hegui.config import Settings
from hegui.policy.checker import Checker


class BatchInputError(ValueError):
    """A line of the input cannot be checked; the message names the line and the problem."""


@dataclass(frozen=True, slots=True)
class LineResult:
    line_no: int
    output: str
    """The JSON object to write (without newline); empty when `error` is set."""
    allowed: bool
    error: str | None = None


@dataclass(frozen=True, slots=True)
class BatchSummary:
    texts: int
    not_allowed: int


def check_line(checker: Checker, line_no: int, raw: bytes) -> LineResult:
    """Check one input line `{"id": …, "text": …}`; a bad line gives a result with `error`."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return LineResult(line_no, "", False, f"line {line_no}: not valid UTF-8")
    except json.JSONDecodeError as exc:
        return LineResult(line_no, "", False, f"line {line_no}: not valid JSON ({exc.msg})")
    if not isinstance(record, dict):
        return LineResult(
            line_no, "", False, f'line {line_no}: expected an object {{"id", "text"}}'
        )
    if "text" not in record:
        return LineResult(line_no, "", False, f'line {line_no}: no "text" field')
    text = record["text"]
    if not isinstance(text, str):
        return LineResult(line_no, "", False, f'line {line_no}: "text" must be a string')
    verdict = checker.check(text)
    out = {"id": record.get("id"), **verdict.to_json()}
    return LineResult(line_no, json.dumps(out, ensure_ascii=False), verdict.allowed)


def read_lines(source: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Numbered non-blank lines, read one at a time."""
    for line_no, raw in enumerate(source, start=1):
        if raw.strip():
            yield line_no, raw


# -- worker processes ---------------------------------------------------------------------------
# A pool initializer can hand state to later tasks only through the worker module's globals;
# this one holds the checker the worker built (or why it could not build one).
_worker_checker: Checker | None = None
_worker_error: str | None = None


def _init_worker(settings: Settings, lexicon_dirs: Sequence[Path]) -> None:
    global _worker_checker, _worker_error
    try:
        _worker_checker = build_checker(settings, lexicon_dirs)
    except Exception as exc:  # noqa: BLE001 -- a raising initializer makes Pool respawn forever
        # so the failure is kept and reported on every line instead
        _worker_error = f"worker could not build its checker: {exc}"


def _work(item: tuple[int, bytes]) -> LineResult:
    line_no, raw = item
    if _worker_checker is None:
        return LineResult(line_no, "", False, _worker_error or "worker not initialised")
    return check_line(_worker_checker, line_no, raw)


class _Throttle:
    """Lets the reader run at most `limit` lines ahead of the writer."""

    def __init__(self, limit: int) -> None:
        self._slots = threading.Semaphore(limit)
        self._stop = threading.Event()

    def gate(self, items: Iterable[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
        for item in items:
            while not self._slots.acquire(timeout=0.1):
                if self._stop.is_set():
                    return
            if self._stop.is_set():
                return
            yield item

    def done_one(self) -> None:
        self._slots.release()

    def stop(self) -> None:
        self._stop.set()


def _write(
    results: Iterable[LineResult], sink: TextIO, after_each: Callable[[], None] | None = None
) -> BatchSummary:
    texts = not_allowed = 0
    for result in results:
        if result.error is not None:
            raise BatchInputError(result.error)
        sink.write(result.output + "\n")
        texts += 1
        not_allowed += not result.allowed
        if after_each is not None:
            after_each()
    return BatchSummary(texts, not_allowed)


def run_batch(
    source: BinaryIO,
    sink: TextIO,
    *,
    settings: Settings,
    lexicon_dirs: Sequence[Path] = (),
    workers: int = 1,
    chunksize: int = 16,
    checker: Checker | None = None,
) -> BatchSummary:
    """Check every line of `source`, writing one verdict line per input line to `sink`.

    Raises `BatchInputError` at the first bad line (after writing the lines before it).
    `checker` is used as is when `workers` is 1 (built from the settings when not given).
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if workers == 1:
        local = checker or build_checker(settings, lexicon_dirs)
        return _write((check_line(local, n, raw) for n, raw in read_lines(source)), sink)
    throttle = _Throttle(max(chunksize, 1) * workers * 4)
    ctx = multiprocessing.get_context()
    with ctx.Pool(
        workers, initializer=_init_worker, initargs=(settings, tuple(lexicon_dirs))
    ) as pool:
        try:
            results = pool.imap(_work, throttle.gate(read_lines(source)), chunksize=chunksize)
            return _write(results, sink, after_each=throttle.done_one)
        finally:
            throttle.stop()  # wake the reader so the pool's feeder thread can finish
