"""A commercial text-moderation API as a detector: Tencent Cloud TMS `TextModeration` (2020-12-29).

Request: `POST {endpoint}/` with headers `X-TC-Action: TextModeration`, `X-TC-Version`,
`X-TC-Timestamp`, `X-TC-Region` and a TC3-HMAC-SHA256 `Authorization`; body
`{"Content": base64(UTF-8 text), "BizType": ...}`. Response: `{"Response": {"Suggestion":
"Block|Review|Pass", "Label": ..., "Score": 0-100, "Keywords": [...], "DetailResults": [...]}}`
or `{"Response": {"Error": {"Code", "Message"}}}`. Labels map to our risk codes (configurable).
Any failure raises: the checker refuses (fail closed).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from hegui.classify.config import CloudModerationConfig
from hegui.text.normalize import Normalized
from hegui.types import Finding

ACTION = "TextModeration"
API_VERSION = "2020-12-29"
SERVICE = "tms"
CONTENT_TYPE = "application/json; charset=utf-8"

TENCENT_TMS_MAPPING: dict[str, list[str]] = {
    "Porn": ["A1.6"],
    "Sexy": ["A1.6"],
    "Terror": ["A1.4"],
    "Polity": ["A1.2"],
    "Illegal": ["A1.8"],
    "Abuse": ["A4.3"],
    "Ad": ["A3.5"],
    "Spam": ["A3.5"],
}


class CloudModerationError(RuntimeError):
    """The moderation API gave no usable answer."""


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def tc3_authorization(
    secret_id: str, secret_key: str, host: str, payload: str, timestamp: int, action: str = ACTION
) -> str:
    """The TC3-HMAC-SHA256 `Authorization` header for a JSON POST to `/`."""
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    signed_headers = "content-type;host;x-tc-action"
    canonical = "\n".join([
        "POST", "/", "",
        f"content-type:{CONTENT_TYPE}\nhost:{host}\nx-tc-action:{action.lower()}\n",
        signed_headers,
        hashlib.sha256(payload.encode("utf-8")).hexdigest(),
    ])
    scope = f"{date}/{SERVICE}/tc3_request"
    to_sign = "\n".join([
        "TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(canonical.encode()).hexdigest()
    ])
    key = _hmac(_hmac(_hmac(f"TC3{secret_key}".encode(), date), SERVICE), "tc3_request")
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    return (
        f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, "
        f"SignedHeaders={signed_headers}, Signature={signature}"
    )


class CloudModerationDetector:
    """Whole-text findings for each label the provider blocks (or sends to review)."""

    def __init__(
        self,
        config: CloudModerationConfig,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = config.name
        self.config = config
        self._mapping = {**TENCENT_TMS_MAPPING, **config.mapping}
        self._client = client or httpx.Client(timeout=httpx.Timeout(config.timeout_s))
        self._clock = clock

    def close(self) -> None:
        self._client.close()

    def detect(self, norm: Normalized) -> list[Finding]:
        if not norm.raw.strip():
            return []
        return self._findings(norm.raw, self._call(norm.raw))

    def _call(self, text: str) -> dict[str, Any]:
        body: dict[str, Any] = {"Content": base64.b64encode(text.encode("utf-8")).decode("ascii")}
        if self.config.biz_type:
            body["BizType"] = self.config.biz_type
        payload = json.dumps(body)
        last = ""
        for _attempt in range(self.config.retries + 1):
            try:
                resp = self._client.post(
                    self.config.endpoint + "/", content=payload, headers=self._headers(payload)
                )
                resp.raise_for_status()
                data = resp.json()
            except (httpx.HTTPError, ValueError) as exc:
                last = f"{type(exc).__name__}: {exc}"
                continue
            return _response(data)
        raise CloudModerationError(f"{self.config.provider}: no answer ({last})")

    def _headers(self, payload: str) -> dict[str, str]:
        host = httpx.URL(self.config.endpoint).netloc.decode("ascii")
        ts = int(self._clock())
        auth = tc3_authorization(
            self.config.secret_id.get_secret_value(),
            self.config.secret_key.get_secret_value(),
            host, payload, ts,
        )
        return {
            "Authorization": auth,
            "Content-Type": CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": ACTION,
            "X-TC-Version": API_VERSION,
            "X-TC-Timestamp": str(ts),
            "X-TC-Region": self.config.region,
        }

    def _findings(self, text: str, resp: dict[str, Any]) -> list[Finding]:
        counted = {"Block"} | ({"Review"} if self.config.review_counts else set())
        details = resp.get("DetailResults") or [resp]
        out: list[Finding] = []
        seen: set[str] = set()
        for d in details:
            label, suggestion = str(d.get("Label", "")), str(d.get("Suggestion", ""))
            if suggestion not in counted or label in ("", "Normal"):
                continue
            score = min(max(float(d.get("Score") or 100) / 100.0, 0.0), 1.0)
            words = ", ".join(str(k) for k in (d.get("Keywords") or [])[:5])
            reason = f"{self.config.provider}: {suggestion} {label}" + (f" ({words})" if words else "")
            for code in self._mapping.get(label, [self.config.default_risk]):
                if code not in seen:
                    seen.add(code)
                    out.append(Finding(self.name, code, 0, len(text), score, reason))
        return out


def _response(data: Any) -> dict[str, Any]:
    resp = data.get("Response") if isinstance(data, dict) else None
    if not isinstance(resp, dict):
        raise CloudModerationError("answer has no 'Response' object")
    if "Error" in resp:
        err = resp["Error"] if isinstance(resp["Error"], dict) else {}
        raise CloudModerationError(f"API error {err.get('Code')}: {err.get('Message')}")
    if resp.get("Suggestion") not in ("Block", "Review", "Pass"):
        raise CloudModerationError(f"unexpected Suggestion {resp.get('Suggestion')!r}")
    return resp
