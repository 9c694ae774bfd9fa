"""Relaying a streamed answer while checking it incrementally.

Each network read from the upstream may hold several SSE events; their content deltas are fed
to one `StreamScanner` per choice in one go (coalescing), and what the scanner releases goes out
as one chunk. A reasoning model's thinking (`reasoning_content` or `reasoning` deltas) reaches
users too, so it gets scanners of its own, held back and stopped alike; the thinking still held
back is released before the first content of its choice. The moment a scanner says stop, the upstream response is closed (停止生成), nothing
of the offending span is sent (停止传输), and the client gets the safe answer and a last chunk
with `finish_reason: "content_filter"` and the `hegui` object.
"""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import orjson

from hegui.gateway.context import RequestContext
from hegui.gateway.errors import GatewayError
from hegui.gateway.moderation import Outcome
from hegui.gateway.sse import DONE, SendBody, event, split_events
from hegui.gateway.state import GatewayState, Recorded
from hegui.gateway.upstream import map_error, upstream_down
from hegui.label.metadata import AIGCLabel
from hegui.policy.checker import Checker
from hegui.policy.stream import StreamScanner, StreamStep
from hegui.types import Decision, Finding, Verdict

CONTENT = "content"
REASONING = ("reasoning_content", "reasoning")
SCANNED = (CONTENT, *REASONING)
Key = tuple[int, str]  # (choice index, delta field)


class StreamRelay:
    """One streamed answer: upstream SSE in, checked SSE out, one audit event at the end."""

    def __init__(self, state: GatewayState, ctx: RequestContext, upstream: httpx.Response,
                 checker: Checker, inp: Outcome, label: AIGCLabel, explicit: bool) -> None:
        self._state = state
        self._ctx = ctx
        self._upstream = upstream
        self._checker = checker
        self._inp = inp
        self._label = label
        self._explicit = explicit
        self._holdback = state.settings.gateway.stream_holdback
        self._batch = state.settings.gateway.stream_scan_chars
        self._scanners: dict[Key, StreamScanner] = {}
        self._pending: dict[Key, list[str]] = {}
        self._thinking: set[Key] = set()  # reasoning scanners not yet finished
        self._finish: dict[int, str] = {}
        self._sent_text: dict[int, list[str]] = {}  # content sent, per choice
        self._sent_reasoning: dict[Key, list[str]] = {}
        self._tail: list[dict[str, Any]] = []  # usage chunks, sent after the finish chunks
        self._head: dict[str, Any] = {"id": ctx.request_id, "object": "chat.completion.chunk",
                                      "created": 0, "model": ctx.model or ""}
        self._head_seen = False
        self.stopped: Verdict | None = None
        self._status = 200
        self._error: str | None = None

    # ---- the loop ---------------------------------------------------------------------
    async def run(self, send: SendBody) -> None:
        try:
            await self._relay(send)
        except anyio.get_cancelled_exc_class():
            self._status, self._error = 499, "client_closed"
            raise
        except httpx.HTTPError as exc:
            await self._fail(send, map_error(exc))
        except (ValueError, TypeError, AttributeError) as exc:  # not an OpenAI-style stream
            await self._fail(send, upstream_down(f"malformed stream: {type(exc).__name__}"))
        finally:
            with anyio.CancelScope(shield=True):
                await self._upstream.aclose()
            self._record()

    async def _fail(self, send: SendBody, err: GatewayError) -> None:
        """The upstream broke mid-answer: say so in the stream and end it."""
        self._status, self._error = err.status, err.code
        self._state.metrics.upstream_errors.labels(err.code).inc()
        await send(event({"error": {"message": err.message, "type": err.type, "code": err.code},
                          "hegui": self._hegui(Decision.ALLOW)}) + DONE)

    async def _relay(self, send: SendBody) -> None:
        buffer = b""
        done = False
        async for raw in self._upstream.aiter_raw():
            buffer += raw
            payloads, buffer = split_events(buffer)
            out: list[bytes] = []
            for payload in payloads:
                if payload == b"[DONE]":
                    done = True
                    break
                self._absorb(orjson.loads(payload), out)
            out.extend(self._scan())
            if self.stopped is not None:
                await self._upstream.aclose()  # stop generating: the upstream sees the close
                await send(b"".join(out) + self._stop_chunks())
                return
            if out:
                await send(b"".join(out))
            if done:
                break
        await send(self._end_chunks())

    # ---- what comes in ----------------------------------------------------------------
    def _absorb(self, chunk: dict[str, Any], out: list[bytes]) -> None:
        if not self._head_seen:
            self._head_seen = True
            for key in ("id", "created", "model", "system_fingerprint"):
                if key in chunk:
                    self._head[key] = chunk[key]
        choices = chunk.get("choices") or []
        if not choices:
            if chunk.get("usage") is not None:
                self._tail.append(chunk)
            return
        passthrough = []
        for choice in choices:
            index = int(choice.get("index", 0))
            delta = choice.get("delta") or {}
            for field in SCANNED:
                text = delta.get(field)
                if isinstance(text, str) and text:
                    self._pending.setdefault((index, field), []).append(text)
            rest = {k: v for k, v in delta.items() if k not in SCANNED}
            if choice.get("finish_reason"):
                self._finish[index] = choice["finish_reason"]
            if rest:  # role, tool calls: passed on in order, without the content
                if "role" in rest and len(rest) == 1 and index in self._sent_text:
                    continue
                passthrough.append({"index": index, "delta": rest, "finish_reason": None})
        if passthrough:
            out.append(event({**self._head, "choices": passthrough}))

    def _scanner(self, key: Key) -> StreamScanner:
        scanner = self._scanners.get(key)
        if scanner is None:
            scanner = self._scanners[key] = self._checker.stream(self._holdback)
            if key[1] != CONTENT:
                self._thinking.add(key)
        return scanner

    def _scan(self, final: bool = False) -> list[bytes]:
        """Feed what arrived to the scanners, in pieces of at least `stream_scan_chars`."""
        out: list[bytes] = []
        for key, parts in self._pending.items():
            if not parts:
                continue
            text = "".join(parts)
            parts.clear()
            index, field = key
            started = index in self._sent_text if field == CONTENT else key in self._sent_reasoning
            if len(text) < self._batch and not final and started:
                parts.append(text)  # too little to be worth a scan yet (the first token is not held)
                continue
            if field == CONTENT and self._thinking and not self._close_reasoning(index, out):
                return out
            if not self._take(key, self._scanner(key).feed(text), out):
                return out
        return out

    def _close_reasoning(self, index: int, out: list[bytes]) -> bool:
        """Before a choice's content goes out, release the rest of its thinking; False: stopped."""
        for key in sorted(k for k in self._thinking if k[0] == index):
            self._thinking.discard(key)
            if not self._take(key, self._scanners[key].finish(), out):
                return False
        return True

    def _take(self, key: Key, step: StreamStep, out: list[bytes]) -> bool:
        """Send on what a scanner released; False (and `stopped` set) when it said stop."""
        if step.verdict is not None:
            self.stopped = step.verdict
            return False
        if step.emit:
            out.append(self._emit(key, step.emit))
        return True

    # ---- what goes out ----------------------------------------------------------------
    def _emit(self, key: Key, text: str) -> bytes:
        index, field = key
        if field == CONTENT:
            return self._content(index, text)
        self._sent_reasoning.setdefault(key, []).append(text)
        return event({**self._head, "choices": [{"index": index, "delta": {field: text}, "finish_reason": None}]})

    def _indexes(self) -> list[int]:
        return sorted({i for i, _ in self._scanners} | set(self._finish) | {0})

    def _content(self, index: int, text: str) -> bytes:
        sent = self._sent_text.setdefault(index, [])
        if not sent and self._explicit:
            text = self._state.labeler.prefix() + text
        sent.append(text)
        return event({**self._head, "choices": [{"index": index, "delta": {"content": text},
                                                  "finish_reason": None}]})

    def _end_chunks(self) -> bytes:
        out = self._scan(final=True)
        if self.stopped is not None:
            return b"".join(out) + self._stop_chunks()
        for index in self._indexes():
            key = (index, CONTENT)
            if not (self._close_reasoning(index, out) and self._take(key, self._scanner(key).finish(), out)):
                return b"".join(out) + self._stop_chunks()
            if self._explicit and self._state.labeler.suffix() and index in self._sent_text:
                out.append(self._content(index, self._state.labeler.suffix()))
        decision = self._output_decision()
        finals = [{"index": i, "delta": {}, "finish_reason": self._finish.get(i, "stop")} for i in self._indexes()]
        out.append(event({**self._head, "choices": finals, "hegui": self._hegui(decision)}))
        out.extend(event(chunk) for chunk in self._tail)
        out.append(DONE)
        return b"".join(out)

    def _stop_chunks(self) -> bytes:
        state = self._state
        state.metrics.stream_stops.inc()
        indexes = sorted({i for i, _ in self._scanners} | {0})
        out: list[bytes] = []
        for index in indexes:
            lead = "\n\n" if index in self._sent_text else ""
            answer = lead + state.settings.gateway.safe_answer
            if self._explicit and index in self._sent_text:
                answer += state.labeler.suffix()
            self._sent_text.setdefault(index, []).append(answer)
            out.append(event({**self._head, "choices": [
                {"index": index, "delta": {"content": answer}, "finish_reason": None}]}))
        finals = [{"index": i, "delta": {}, "finish_reason": "content_filter"} for i in indexes]
        out.append(event({**self._head, "choices": finals, "hegui": self._hegui(Decision.REFUSE)}))
        out.append(DONE)
        return b"".join(out)

    def _output_decision(self) -> Decision:
        if self.stopped is not None:
            return Decision.REFUSE
        if any(s.review for s in self._scanners.values()):
            return Decision.REVIEW
        if any(s.masked for s in self._scanners.values()):
            return Decision.MASK
        return Decision.ALLOW

    def _output_findings(self) -> list[Finding]:
        """What the answer's checks found: the refusal's findings, or what was masked or flagged."""
        flagged = [f for s in self._scanners.values() for f in s.flagged]
        return flagged + (list(self.stopped.findings) if self.stopped else [])

    def _stage(self, output: Decision) -> str | None:
        """As for non-streamed answers: a refused answer is the output's doing; otherwise the
        input's findings come first."""
        if output is Decision.REFUSE:
            return "output"
        if self._inp.risks:
            return "input"
        return "output" if output is not Decision.ALLOW else None

    def _risks(self) -> list[str]:
        return sorted(set(self._inp.risks) | {f.risk for f in self._output_findings()})

    def _hegui(self, output: Decision) -> dict[str, Any]:
        decision = Decision.strictest([self._inp.decision, output])
        return {**self._state.verdict(self._ctx, decision, self._stage(output), self._risks()),
                "label": self._label.to_dict(), "explicit_label": self._explicit}

    def _record(self) -> None:
        output = self._output_decision()
        decision = Decision.strictest([self._inp.decision, output])
        stopped = self.stopped
        output_text = None
        findings: list[dict[str, Any]] = []
        if decision is not Decision.ALLOW and output is not Decision.ALLOW:
            thinking = "".join(p for parts in self._sent_reasoning.values() for p in parts)
            sent = (f"[reasoning] {thinking}\n[answer] " if thinking else "") + "".join(
                p for parts in self._sent_text.values() for p in parts)
            output_text = sent + (f"\n[stopped at] {stopped.masked}" if stopped else "")
            findings = [f.to_json() for f in self._output_findings()]
        self._state.record(self._ctx, Recorded(
            status=self._status, decision="error" if self._status >= 500 else decision.value,
            stage=self._stage(output),
            risks=self._risks(),
            error=self._error, input=self._inp, output_text=output_text, output_findings=findings,
            produce_id=self._label.ProduceID, explicit_label=self._explicit,
        ))
