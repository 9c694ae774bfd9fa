"""Streaming through the real server: incremental checks, stop mid-answer, client hang-up."""

from __future__ import annotations

import json
import socket
import time

from tests.gateway.conftest import BAD, PHONE, GatewayFactory
from tests.gateway.scripted_upstream import ScriptedUpstream, stream


def read_stream(gw, body: dict, headers: dict | None = None) -> tuple[str, list[dict], dict]:  # type: ignore[no-untyped-def]
    events: list[dict] = []
    with gw.client() as c, c.stream("POST", "/v1/chat/completions", json=body, headers=headers or {}) as r:
        assert r.status_code == 200, r.read()
        assert r.headers["content-type"].startswith("text/event-stream")
        done = False
        for line in r.iter_lines():
            if line == "data: [DONE]":
                done = True
            elif line.startswith("data: "):
                events.append(json.loads(line[6:]))
        hdrs = dict(r.headers)
    assert done
    text = "".join((ch.get("delta") or {}).get("content") or "" for e in events for ch in e.get("choices", []))
    return text, events, hdrs


def body(content: str) -> dict:
    return {"model": "m", "stream": True, "messages": [{"role": "user", "content": content}]}


def test_clean_stream_is_relayed_whole(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    answer = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。" * 3
    upstream.expect(stream([answer[i:i + 3] for i in range(0, len(answer), 3)]))
    text, events, headers = read_stream(gw, body("背一首诗"))
    assert text == answer + "\n\n（本回答由AI生成）"
    last = events[-1]
    assert last["choices"][0]["finish_reason"] == "stop" and last["hegui"]["decision"] == "allow"
    assert json.loads(headers["x-aigc-label"])["AIGC"]["ProduceID"] == last["hegui"]["label"]["AIGC"]["ProduceID"]


def test_stream_stops_mid_answer_without_leaking(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    before = "这是一个很长的正常开头，讲一些普通的事情。" * 2
    pieces = [before[i:i + 4] for i in range(0, len(before), 4)] + ["接着是炸", "弹配", "方的内容"]
    pieces += ["后面还有很多很多字"] * 40
    upstream.expect(stream(pieces, delay=0.02))
    text, events, _ = read_stream(gw, body("讲讲"))
    assert "炸" not in text and "弹配" not in text
    assert text.startswith("这是一个很长的正常开头")
    assert gw.settings.gateway.safe_answer in text
    last = events[-1]
    assert last["choices"][0]["finish_reason"] == "content_filter"
    assert last["hegui"]["decision"] == "refuse" and last["hegui"]["risks"] == ["A1.4"]
    assert last["hegui"]["stage"] == "output"
    assert upstream.aborted.wait(5), "the upstream kept generating after the stop"
    assert upstream.chunks_sent < len(pieces)
    ev = gw.events(1)[0]
    assert ev["decision"] == "refuse" and ev["stage"] == "output" and "炸弹配方" in ev["content"]["output"]


def test_stream_masks_pii(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway(labels={"explicit": {"position": "none"}})
    answer = f"请拨打{PHONE}联系客服，谢谢。"
    upstream.expect(stream([answer[i:i + 2] for i in range(0, len(answer), 2)]))
    text, events, _ = read_stream(gw, body("客服电话？"))
    assert text == "请拨打***********联系客服，谢谢。"
    hegui = events[-1]["hegui"]
    assert hegui["decision"] == "mask" and hegui["stage"] == "output" and hegui["risks"] == ["A4.6"]
    ev = gw.event(hegui["request_id"])
    assert ev["decision"] == "mask" and ev["stage"] == "output" and ev["risks"] == ["A4.6"]
    assert PHONE not in json.dumps(ev, ensure_ascii=False)  # masked text and findings only
    assert "***********" in ev["content"]["output"]
    assert [(f["risk"], f["start"], f["end"]) for f in ev["content"]["findings"]] == [("A4.6", 3, 14)]


def test_refused_input_streams_the_safe_answer(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    text, events, headers = read_stream(gw, body(BAD))
    assert text == gw.settings.gateway.safe_answer
    assert events[-1]["choices"][0]["finish_reason"] == "content_filter"
    assert headers["x-hegui-decision"] == "refuse"


def test_client_hang_up_cancels_upstream_and_is_recorded(
    gateway: GatewayFactory, upstream: ScriptedUpstream
) -> None:
    gw = gateway()
    upstream.expect(stream(["慢慢地说"] * 200, delay=0.02))
    payload = json.dumps(body("说很多")).encode()
    host, port = gw.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     + f"Authorization: Bearer {gw.key}\r\nContent-Length: {len(payload)}\r\n\r\n".encode()
                     + payload)
        got = b""
        while "慢慢".encode() not in got:
            got += sock.recv(4096)
    assert upstream.aborted.wait(5), "the upstream request was not cancelled"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        events = gw.events(1)
        if events and events[0]["status"] == 499:
            break
        time.sleep(0.05)
    assert events[0]["status"] == 499 and events[0]["error"] == "client_closed"
    assert upstream.chunks_sent < 200


def test_broken_upstream_stream_ends_with_an_error(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    from tests.gateway.scripted_upstream import Reply

    gw = gateway()
    good = b'data: {"id":"u","object":"chat.completion.chunk","created":1,"model":"m","choices":' \
           b'[{"index":0,"delta":{"content":"' + "正常内容".encode() * 10 + b'"},"finish_reason":null}]}\n\n'
    upstream.expect(Reply("raw", body=good + b"data: {not json\n\n"))
    with gw.client() as c, c.stream("POST", "/v1/chat/completions", json=body("说")) as r:
        text = r.read().decode()
        rid = r.headers["x-hegui-request-id"]
    assert '"code":"upstream_unavailable"' in text and text.endswith("data: [DONE]\n\n")
    recorded = gw.event(rid)
    assert recorded["status"] == 502 and recorded["decision"] == "error"


def test_stream_flagged_for_review_is_recorded_once(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    from tests.gateway.conftest import REVIEW

    gw = gateway(labels={"explicit": {"position": "none"}})
    answer = f"有人说这个{REVIEW}有用，但请先咨询医生。" * 2
    upstream.expect(stream([answer[i:i + 3] for i in range(0, len(answer), 3)]))
    text, events, _ = read_stream(gw, body("这个方子有用吗？"))
    assert text == answer  # review does not change what is sent
    hegui = events[-1]["hegui"]
    assert hegui["decision"] == "review" and hegui["risks"] == ["A5.1"]
    ev = gw.event(hegui["request_id"])
    found = [(f["risk"], f["start"], f["end"]) for f in ev["content"]["findings"]]
    first = answer.index(REVIEW)
    second = answer.index(REVIEW, first + 1)
    assert found == [("A5.1", first, first + 2), ("A5.1", second, second + 2)]


def _field(events: list[dict], name: str) -> list[str]:
    return [(ch.get("delta") or {}).get(name) for e in events for ch in e.get("choices", [])
            if (ch.get("delta") or {}).get(name)]


def test_thinking_streams_first_whole_and_checked(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    thinking = "用户想背诗。我回忆一下孟浩然的春晓，" * 6
    poem = "春眠不觉晓，处处闻啼鸟。"
    upstream.expect(stream([poem[:6], poem[6:]], reasoning=[thinking[i:i + 5] for i in range(0, len(thinking), 5)]))
    text, events, _ = read_stream(gw, body("背一首诗"))
    assert "".join(_field(events, "reasoning_content")) == thinking
    assert text == poem + "\n\n（本回答由AI生成）"
    order = [f for e in events for ch in e.get("choices", []) for f in ("reasoning_content", "content")
             if (ch.get("delta") or {}).get(f)]
    assert order.index("content") > max(i for i, f in enumerate(order) if f == "reasoning_content")


def test_stream_stops_when_the_thinking_turns_unlawful(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    before = "先想一想用户到底要什么，" * 4
    reasoning = [before[i:i + 4] for i in range(0, len(before), 4)] + ["那就写炸", "弹配", "方吧"] + ["继续想"] * 40
    upstream.expect(stream(["永远不会发出的回答"], delay=0.02, reasoning=reasoning))
    text, events, _ = read_stream(gw, body("讲讲"))
    thought = "".join(_field(events, "reasoning_content"))
    assert thought.startswith("先想一想") and "炸" not in thought and "弹配" not in thought
    assert "永远不会" not in text and gw.settings.gateway.safe_answer in text
    last = events[-1]
    assert last["choices"][0]["finish_reason"] == "content_filter" and last["hegui"]["risks"] == ["A1.4"]
    assert upstream.aborted.wait(5), "the upstream kept generating after the stop"
