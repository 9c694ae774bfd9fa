"""The Tencent TMS-shaped moderation detector against a scripted server on 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest

from hegui.classify.cloud import CloudModerationDetector, CloudModerationError
from hegui.classify.config import CloudModerationConfig
from hegui.policy.checker import Checker
from hegui.policy.config import PolicyConfig
from hegui.policy.decide import Policy
from hegui.text.normalize import default_normalizer
from hegui.types import Decision
from tests.classify.scripted_server import Reply, Script, serve


def tms(suggestion: str, details: list[dict[str, object]] | None = None) -> Reply:
    body = {"Suggestion": suggestion, "Label": "Normal", "Score": 0, "RequestId": "r-1"}
    if details is not None:
        body["DetailResults"] = details
    return Reply(body={"Response": body})


def make(url: str, **kw: object) -> CloudModerationDetector:
    cfg = CloudModerationConfig.model_validate({
        "type": "cloud_moderation", "endpoint": url, "secret_id": "AKID-test",
        "secret_key": "sk-test", "biz_type": "chat", **kw,
    })
    return CloudModerationDetector(cfg)


def norm(text: str):  # type: ignore[no-untyped-def]
    return default_normalizer().normalize(text)


def verify_tc3(req: dict[str, object], secret_key: str) -> bool:
    """Recompute the TC3-HMAC-SHA256 signature from what arrived on the wire."""
    h = {k.lower(): v for k, v in req["headers"].items()}  # type: ignore[attr-defined]
    ts = h["x-tc-timestamp"]
    date = time.strftime("%Y-%m-%d", time.gmtime(int(ts)))
    canonical = (
        f"POST\n/\n\ncontent-type:{h['content-type']}\nhost:{h['host']}\n"
        f"x-tc-action:{h['x-tc-action'].lower()}\n\ncontent-type;host;x-tc-action\n"
        + hashlib.sha256(str(req["body"]).encode()).hexdigest()
    )
    to_sign = f"TC3-HMAC-SHA256\n{ts}\n{date}/tms/tc3_request\n" + hashlib.sha256(canonical.encode()).hexdigest()
    k = ("TC3" + secret_key).encode()
    for part in (date, "tms", "tc3_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    return h["authorization"].endswith(f"Signature={sig}") and "Credential=AKID-test/" in h["authorization"]


def test_block_maps_labels_and_request_is_signed() -> None:
    script = Script([tms("Block", [
        {"Label": "Porn", "Suggestion": "Block", "Score": 91, "Keywords": ["黄色"]},
        {"Label": "Ad", "Suggestion": "Pass", "Score": 10},
    ])])
    with serve(script) as url:
        det = make(url)
        found = det.detect(norm("一段文字"))
        det.close()
    assert [(f.risk, f.score) for f in found] == [("A1.6", 0.91)]
    assert "Porn" in found[0].reason and "黄色" in found[0].reason
    req = script.requests[0]
    body = json.loads(str(req["body"]))
    assert base64.b64decode(body["Content"]).decode() == "一段文字" and body["BizType"] == "chat"
    assert req["headers"]["X-TC-Action"] == "TextModeration"  # type: ignore[index]
    assert req["headers"]["X-TC-Version"] == "2020-12-29"  # type: ignore[index]
    assert verify_tc3(req, "sk-test") and not verify_tc3(req, "other-key")


@pytest.mark.parametrize(("review_counts", "risks"), [(True, ["A1.2"]), (False, [])])
def test_review_suggestion(review_counts: bool, risks: list[str]) -> None:
    script = Script([tms("Review", [{"Label": "Polity", "Suggestion": "Review", "Score": 60}])])
    with serve(script) as url:
        det = make(url, review_counts=review_counts)
        assert [f.risk for f in det.detect(norm("x"))] == risks
        det.close()


def test_pass_custom_mapping_and_top_level_only() -> None:
    script = Script([tms("Pass"), Reply(body={"Response": {"Suggestion": "Block", "Label": "Custom", "Score": 80}})])
    with serve(script) as url:
        det = make(url, mapping={"Custom": ["A3.1"]})
        assert det.detect(norm("x")) == []
        assert [f.risk for f in det.detect(norm("y"))] == ["A3.1"]
        det.close()


@pytest.mark.parametrize(
    "reply",
    [
        Reply(body={"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"}}}),
        Reply(body={"Response": {"Suggestion": "Maybe"}}),
        Reply(body=[1, 2]),
        Reply(status=500, body={}),
    ],
)
def test_failures_fail_closed(reply: Reply) -> None:
    with serve(Script([reply])) as url:
        det = make(url, retries=0)
        v = Checker([det], Policy(PolicyConfig()), default_normalizer()).check("你好")
        det.close()
    assert v.decision is Decision.REFUSE and "CloudModerationError" in v.errors[0]


def test_timeout_is_retried_then_raises() -> None:
    script = Script([Reply(body={}, delay_s=1.0), Reply(body={}, delay_s=1.0)])
    with serve(script) as url:
        det = make(url, timeout_s=0.2, retries=1)
        with pytest.raises(CloudModerationError, match="Timeout"):
            det.detect(norm("x"))
        det.close()
    assert len(script.requests) == 2
