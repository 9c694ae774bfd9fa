"""The guard-LLM detector against a real scripted HTTP server on 127.0.0.1, per format."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from hegui.classify.breaker import CircuitOpenError
from hegui.classify.config import GuardLLMConfig
from hegui.classify.guard_llm import GuardLLMDetector, GuardLLMError
from hegui.policy.checker import Checker
from hegui.policy.config import PolicyConfig
from hegui.policy.decide import Policy
from hegui.text.normalize import default_normalizer
from hegui.types import Decision
from tests.classify.scripted_server import Reply, Script, chat, serve


def make(url: str, **kw: object) -> GuardLLMDetector:
    cfg = GuardLLMConfig.model_validate(
        {"type": "guard_llm", "endpoint": f"{url}/v1", "model": "guard", **kw}
    )
    return GuardLLMDetector(cfg)


def norm(text: str):  # type: ignore[no-untyped-def]
    return default_normalizer().normalize(text)


@pytest.mark.parametrize(
    ("fmt", "reply", "risks"),
    [
        ("qwen3guard", "Safety: Unsafe\nCategories: Violent", ["A1.6"]),
        ("qwen3guard", "Safety: Unsafe\nCategories: PII", ["A4.6"]),
        ("qwen3guard", "Safety: Safe\nCategories: None", []),
        ("llama_guard", "unsafe\nS9,S10", ["A1.4", "A1.5"]),
        ("llama_guard", "safe", []),
        ("json", '{"verdict": "unsafe", "categories": ["A2.4"]}', ["A2.4"]),
        ("json", '{"verdict": "unsafe", "categories": ["weird"]}', ["A1.8"]),
    ],
)
def test_formats_map_to_risk_codes(fmt: str, reply: str, risks: list[str]) -> None:
    script = Script([chat(reply)])
    with serve(script) as url:
        det = make(url, format=fmt, api_key="k-123")
        found = det.detect(norm("一段要检查的文字"))
        det.close()
    assert [f.risk for f in found] == risks
    assert all((f.start, f.end, f.detector) == (0, 8, "guard_llm") for f in found)
    req = script.requests[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["headers"]["Authorization"] == "Bearer k-123"  # type: ignore[index]
    body = json.loads(req["body"])  # type: ignore[arg-type]
    assert body["model"] == "guard" and body["messages"][0]["content"] == "一段要检查的文字"


def test_custom_mapping_overrides_default() -> None:
    with serve(Script([chat("Safety: Unsafe\nCategories: Violent")])) as url:
        det = make(url, mapping={"Violent": ["A1.4", "A1.6"]})
        assert [f.risk for f in det.detect(norm("x"))] == ["A1.4", "A1.6"]
        det.close()


@pytest.mark.parametrize(("mode", "risks"), [("strict", ["A1.2"]), ("loose", [])])
def test_controversial_strict_or_loose(mode: str, risks: list[str]) -> None:
    reply = "Safety: Controversial\nCategories: Politically Sensitive Topics"
    with serve(Script([chat(reply)])) as url:
        det = make(url, controversial=mode)
        found = det.detect(norm("x"))
        det.close()
    assert [f.risk for f in found] == risks
    assert all(f.score == 0.6 for f in found)


def test_malformed_verdict_is_retried_then_fails_closed() -> None:
    script = Script([chat("I am not sure"), chat("Safety: perhaps")])
    with serve(script) as url:
        det = make(url, retries=1)
        checker = Checker([det], Policy(PolicyConfig()), default_normalizer())
        verdict = checker.check("你好")
        det.close()
    assert verdict.decision is Decision.REFUSE
    assert "guard_llm" in verdict.errors[0] and "GuardLLMError" in verdict.errors[0]
    assert len(script.requests) == 2 and script.extra_calls == 0


def test_retry_recovers_after_a_server_error() -> None:
    script = Script([Reply(503, {"error": "busy"}), chat("unsafe\nS1")])
    with serve(script) as url:
        det = make(url, format="llama_guard", retries=1)
        assert [f.risk for f in det.detect(norm("x"))] == ["A1.6"]
        det.close()


def test_bad_response_shape_fails() -> None:
    with serve(Script([Reply(200, {"choices": []})])) as url:
        det = make(url, retries=0)
        with pytest.raises(GuardLLMError):
            det.detect(norm("x"))
        det.close()


def test_timeout_fails_closed() -> None:
    script = Script([Reply(200, {"choices": []}, delay_s=1.0)])
    with serve(script) as url:
        det = make(url, timeout_s=0.2, retries=0)
        checker = Checker([det], Policy(PolicyConfig()), default_normalizer())
        verdict = checker.check("你好")
        det.close()
    assert verdict.decision is Decision.REFUSE and "Timeout" in verdict.errors[0]


def test_timeout_with_fail_open_reports_nothing() -> None:
    with serve(Script([Reply(200, {}, delay_s=1.0)])) as url:
        det = make(url, timeout_s=0.2, retries=0, fail_open=True)
        assert det.detect(norm("你好")) == []
        det.close()


def test_breaker_opens_then_half_open_trial_closes_it() -> None:
    now = [0.0]
    script = Script([Reply(500, {}), Reply(500, {}), chat("Safety: Safe")])
    with serve(script) as url:
        cfg = GuardLLMConfig(
            type="guard_llm", endpoint=f"{url}/v1", model="g", retries=0,
            breaker_failures=2, breaker_reset_s=30,
        )
        det = GuardLLMDetector(cfg, clock=lambda: now[0])
        for _ in range(2):
            with pytest.raises(GuardLLMError):
                det.detect(norm("x"))
        assert det.breaker.state == "open"
        with pytest.raises(CircuitOpenError):
            det.detect(norm("x"))
        assert len(script.requests) == 2  # open: no call made
        now[0] = 30.0
        assert det.breaker.state == "half-open"
        assert det.detect(norm("x")) == []
        assert det.breaker.state == "closed" and len(script.requests) == 3
        det.close()


def test_breakers_are_per_instance() -> None:
    with serve(Script([Reply(500, {}), chat("safe")])) as url:
        a = make(url, retries=0, breaker_failures=1, format="llama_guard")
        b = make(url, retries=0, breaker_failures=1, format="llama_guard", name="other")
        with pytest.raises(GuardLLMError):
            a.detect(norm("x"))
        assert a.breaker.state == "open" and b.breaker.state == "closed"
        assert b.detect(norm("x")) == []
        a.close()
        b.close()


def test_config_rejects_unknown_codes_and_keys() -> None:
    base = {"type": "guard_llm", "endpoint": "http://127.0.0.1:1/v1", "model": "m"}
    with pytest.raises(ValidationError):
        GuardLLMConfig.model_validate({**base, "mapping": {"Violent": ["Z9"]}})
    with pytest.raises(ValidationError):
        GuardLLMConfig.model_validate({**base, "colour": "red"})
    with pytest.raises(ValidationError):
        GuardLLMConfig.model_validate({**base, "endpoint": "127.0.0.1:8001"})
    with pytest.raises(ValidationError, match="window"):
        GuardLLMConfig.model_validate({**base, "stride": 500, "window": 100})
