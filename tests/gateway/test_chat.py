"""Non-streaming chat completions through the real server: auth, input and output checks, labels."""

from __future__ import annotations

import json

from hegui.label.metadata import AIGCLabel
from tests.gateway.conftest import BAD, PHONE, GatewayFactory
from tests.gateway.scripted_upstream import ScriptedUpstream, answer


def chat(content: str, **extra: object) -> dict[str, object]:
    return {"model": "m", "messages": [{"role": "user", "content": content}], **extra}


def test_clean_answer_is_labelled_and_recorded(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    upstream.expect(answer("天气晴朗。"))
    with gw.client(headers={"User-Agent": "test-agent/1"}) as c:
        r = c.post("/v1/chat/completions", json=chat("今天天气如何？", user="alice"))
    assert r.status_code == 200
    data = r.json()
    content = data["choices"][0]["message"]["content"]
    assert content.startswith("天气晴朗。") and content.endswith("（本回答由AI生成）")
    assert data["choices"][0]["finish_reason"] == "stop"
    assert data["hegui"]["decision"] == "allow"
    label = AIGCLabel.parse(r.headers["X-AIGC-Label"])
    assert label.Label == "1" and label.ProduceID == data["hegui"]["label"]["AIGC"]["ProduceID"]
    assert r.headers["X-Hegui-Request-Id"] == data["hegui"]["request_id"]
    assert upstream.calls[0]["messages"][0]["content"] == "今天天气如何？"
    ev = gw.events(1)[0]
    assert ev["id"] == data["hegui"]["request_id"] and ev["decision"] == "allow"
    assert ev["user"] and ev["user"] != "alice" and ev["user_agent"] == "test-agent/1"
    assert ev["source_ip"] == "127.0.0.1" and ev["source_port"] > 0 and ev["latency_ms"] > 0
    assert ev["content"] is None  # allowed events keep no content


def test_missing_or_bad_key_is_401(gateway: GatewayFactory) -> None:
    gw = gateway()
    with gw.client() as c:
        assert c.post("/v1/chat/completions", json=chat("hi"), headers={"Authorization": ""}).status_code == 401
        r = c.post("/v1/chat/completions", json=chat("hi"), headers={"Authorization": "Bearer hg-wrong"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_api_key"
        assert c.get("/v1/models", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_refused_input_never_reaches_upstream(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    with gw.client() as c:
        r = c.post("/v1/chat/completions", json=chat(f"告诉我{BAD}", user="bob"))
    assert r.status_code == 200
    data = r.json()
    assert data["choices"][0]["finish_reason"] == "content_filter"
    assert data["choices"][0]["message"]["content"] == gw.settings.gateway.safe_answer
    assert data["hegui"]["decision"] == "refuse" and data["hegui"]["risks"] == ["A1.4"]
    assert data["hegui"]["stage"] == "input" and r.headers["X-Hegui-Decision"] == "refuse"
    assert upstream.calls == []  # the fixture also fails on any unscripted call
    ev = gw.events(1)[0]
    assert ev["decision"] == "refuse" and ev["stage"] == "input" and ev["risks"] == ["A1.4"]
    assert BAD in ev["content"]["input"]


def test_pii_is_masked_before_forwarding_and_never_recorded(
    gateway: GatewayFactory, upstream: ScriptedUpstream
) -> None:
    gw = gateway()
    upstream.expect(answer("好的"))
    with gw.client() as c:
        r = c.post("/v1/chat/completions", json=chat(f"我的电话是{PHONE}"))
    assert r.status_code == 200 and r.json()["hegui"]["decision"] == "mask"
    forwarded = upstream.calls[0]["messages"][0]["content"]
    assert PHONE not in forwarded and forwarded == "我的电话是***********"
    ev = gw.events(1)[0]
    assert ev["decision"] == "mask"
    assert PHONE not in json.dumps(ev, ensure_ascii=False)


def test_refused_output_is_replaced(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    upstream.expect(answer(f"好的，这是{BAD}：第一步……"))
    with gw.client() as c:
        r = c.post("/v1/chat/completions", json=chat("讲个故事"))
    data = r.json()
    assert r.status_code == 200 and data["choices"][0]["finish_reason"] == "content_filter"
    assert BAD not in r.text and data["choices"][0]["message"]["content"] == gw.settings.gateway.safe_answer
    assert data["hegui"] == {**data["hegui"], "decision": "refuse", "stage": "output", "risks": ["A1.4"]}
    assert data["hegui"]["appeal"]
    ev = gw.events(1)[0]
    assert ev["stage"] == "output" and BAD in ev["content"]["output"]


def test_label_positions_and_opt_out_is_recorded(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway(labels={"explicit": {"position": "start", "text": "【人工智能合成】"}})
    upstream.expect(answer("答案"), answer("答案"), answer("答案"))
    with gw.client() as c:
        first = c.post("/v1/chat/completions", json=chat("问"))
        plain = c.post("/v1/chat/completions", json=chat("问", user="carol"),
                       headers={"X-Hegui-Explicit-Label": "none"})
        body_opt = c.post("/v1/chat/completions", json=chat("问", hegui={"explicit_label": False}))
    assert first.json()["choices"][0]["message"]["content"] == "【人工智能合成】\n\n答案"
    for r in (plain, body_opt):
        assert r.json()["choices"][0]["message"]["content"] == "答案"
        assert r.json()["hegui"]["explicit_label"] is False
        assert AIGCLabel.parse(r.headers["X-AIGC-Label"]).ProduceID  # the implicit label stays
    from hegui.records.events import list_label_opt_outs

    gw.events(3)
    outs = list_label_opt_outs(gw.store)
    assert {o["event_id"] for o in outs} == {plain.json()["hegui"]["request_id"],
                                             body_opt.json()["hegui"]["request_id"]}
    assert any(o["user"] and o["user"].startswith("u_") for o in outs)


def test_bad_requests_get_clear_errors(gateway: GatewayFactory) -> None:
    gw = gateway(max_body_bytes=2048)
    with gw.client() as c:
        cases = [
            (b"{not json", 400, "invalid_json"),
            ("{\"messages\": \"caf\xe9\"}".encode("latin-1"), 400, "invalid_encoding"),
            (json.dumps(chat("x" * 5000)).encode(), 413, "request_too_large"),
            (b'{"messages": []}', 400, "invalid_messages"),
            (b'{"messages": [{"content": "no role"}]}', 400, "invalid_messages"),
            (b'[1, 2]', 400, "invalid_json"),
        ]
        for body, status, code in cases:
            r = c.post("/v1/chat/completions", content=body, headers={"content-type": "application/json"})
            assert (r.status_code, r.json()["error"]["code"]) == (status, code), body[:40]
        assert c.get("/healthz").json()["status"] == "ok"


def test_upstream_down_and_timeout(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    from tests.gateway.conftest import free_port
    from tests.gateway.scripted_upstream import Reply

    down = gateway(upstream_url=f"http://127.0.0.1:{free_port()}/v1")
    with down.client() as c:
        r = c.post("/v1/chat/completions", json=chat("hi"))
    assert r.status_code == 502 and r.json()["error"]["code"] == "upstream_unavailable"
    slow = gateway(timeout=0.3)
    upstream.expect(Reply("sleep", delay=1.0), Reply("status", status=503))
    with slow.client() as c:
        r = c.post("/v1/chat/completions", json=chat("hi"))
        assert r.status_code == 504 and r.json()["error"]["code"] == "upstream_timeout"
        assert c.post("/v1/chat/completions", json=chat("hi")).status_code == 502
    statuses = sorted(e["status"] for e in slow.events(3) if e["app_name"])
    assert 502 in statuses and 504 in statuses


def test_models_health_and_metrics(gateway: GatewayFactory, upstream: ScriptedUpstream) -> None:
    gw = gateway()
    upstream.expect(answer("ok"))
    with gw.client() as c:
        assert c.get("/v1/models").json()["data"][0]["id"] == "scripted"
        c.post("/v1/chat/completions", json=chat("hi"))
        c.post("/v1/chat/completions", json=chat(BAD))
        health = c.get("/healthz").json()
        assert (health["status"], health["store"]) == ("ok", "ok") and health["pending_records"] >= 0
        text = c.get("/metrics").text
        assert "openapi" in c.get("/openapi.json").text
    assert 'hegui_refusals_total{stage="input"} 1.0' in text
    assert 'hegui_requests_total{decision="allow",operation="chat.completions",status="200"} 1.0' in text


class Broken:
    name = "broken"

    def detect(self, norm: object) -> list[object]:
        raise RuntimeError("model server gone")


def test_failing_detector_refuses_and_records_error(gateway: GatewayFactory,
                                                    upstream: ScriptedUpstream) -> None:
    from hegui.policy.checker import Checker
    from hegui.policy.config import PolicyConfig
    from hegui.policy.decide import Policy
    from hegui.text.normalize import default_normalizer

    checker = Checker([Broken()], Policy(PolicyConfig()), default_normalizer())  # type: ignore[list-item]
    gw = gateway(checker=checker)
    with gw.client() as c:
        r = c.post("/v1/chat/completions", json=chat("你好"))
    assert r.json()["hegui"]["decision"] == "refuse"
    ev = gw.event(r.json()["hegui"]["request_id"])
    assert ev["decision"] == "refuse" and "broken" in ev["error"]


def test_other_parts_mount_inside_the_app(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi import APIRouter, FastAPI
    from fastapi.testclient import TestClient

    from hegui.gateway.app import create_app
    from hegui.gateway.state import GatewayState
    from tests.gateway.conftest import make_settings, test_checker

    console = APIRouter()

    @console.get("/console/ping")
    def ping() -> dict[str, str]:
        return {"pong": "console"}

    def images(app: FastAPI, state: GatewayState) -> None:
        late = APIRouter()

        @late.get("/v1/images/ping")
        def image_ping() -> dict[str, bool]:
            return {"client": state.upstream.client is not None}

        app.include_router(late)

    settings = make_settings(database_url, None)
    app = create_app(settings, data_dir=tmp_path, checker=test_checker(settings), routers=[console],
                     extensions=[images])
    with TestClient(app) as client:
        assert client.get("/console/ping").json() == {"pong": "console"}
        assert client.get("/v1/images/ping").json() == {"client": True}
        assert client.get("/healthz").status_code == 200


def test_a_reasoning_models_thinking_is_checked_like_its_answer(gateway: GatewayFactory,
                                                               upstream: ScriptedUpstream) -> None:
    gw = gateway()
    upstream.expect(answer("天气晴朗。", reasoning=f"用户问天气。电话{PHONE}……想想怎么答。"),
                    answer("这个我不能说。", reasoning=f"用户想要{BAD}，我先把步骤列出来再决定。"))
    with gw.client() as c:
        clean = c.post("/v1/chat/completions", json=chat("今天天气如何？")).json()
        bad = c.post("/v1/chat/completions", json=chat("讲讲"))
    msg = clean["choices"][0]["message"]
    assert PHONE not in msg["reasoning_content"] and msg["reasoning_content"].startswith("用户问天气。电话")
    assert "本回答由AI生成" not in msg["reasoning_content"] and msg["content"].startswith("天气晴朗。")
    assert clean["hegui"]["decision"] == "mask"
    data = bad.json()
    assert BAD not in bad.text and "reasoning_content" not in data["choices"][0]["message"]
    assert data["choices"][0]["message"]["content"] == gw.settings.gateway.safe_answer
    assert data["choices"][0]["finish_reason"] == "content_filter" and data["hegui"]["risks"] == ["A1.4"]
