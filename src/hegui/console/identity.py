"""Proof of identity for personal-information requests: the app vouches for its own user.

Two ways, both configured under `console.identity`:

* a token the app signs with a shared secret: ``v1.<base64url(JSON)>.<hex HMAC-SHA256>`` where the
  JSON is ``{"user": "<the app's user id>", "exp": <unix seconds>}`` and the HMAC covers the text
  ``v1.<base64url(JSON)>``; :func:`sign_token` shows how to make one;
* a callback: hegui POSTs ``{"user": …, "proof": …}`` to the app's URL and accepts the user when
  the answer is HTTP 200 with ``{"verified": true}``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

import httpx

from hegui.console.config import IdentityConfig


class IdentityError(ValueError):
    """The proof does not establish who the requester is."""


@dataclass(frozen=True)
class Identity:
    user: str
    method: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(secret: str, user: str, ttl_s: int = 600, now: float | None = None) -> str:
    """Make an identity token as the app would (for apps, tests and the docs)."""
    payload = _b64(json.dumps({"user": user, "exp": int((now or time.time()) + ttl_s)},
                              ensure_ascii=False).encode("utf-8"))
    body = f"v1.{payload}"
    mac = hmac.new(secret.encode("utf-8"), body.encode("ascii"), hashlib.sha256).hexdigest()
    return f"{body}.{mac}"


def verify_token(secret: str, token: str, max_age_s: int, now: float | None = None) -> Identity:
    """Check signature and expiry; return the user the app vouched for."""
    if not secret:
        raise IdentityError("未配置应用密钥 / identity tokens are not configured")
    parts = token.strip().split(".")
    if len(parts) != 3 or parts[0] != "v1":
        raise IdentityError("身份凭证格式错误 / malformed identity token")
    body = f"v1.{parts[1]}"
    mac = hmac.new(secret.encode("utf-8"), body.encode("ascii", "replace"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, parts[2]):
        raise IdentityError("身份凭证签名无效 / identity token signature is invalid")
    try:
        claims = json.loads(_unb64(parts[1]))
    except (ValueError, UnicodeDecodeError):
        raise IdentityError("身份凭证内容无法解析 / identity token payload is unreadable") from None
    if not isinstance(claims, dict):
        raise IdentityError("身份凭证内容无法解析 / identity token payload is unreadable")
    user, exp = claims.get("user"), claims.get("exp")
    if not isinstance(user, str) or not user or not isinstance(exp, int):
        raise IdentityError("身份凭证缺少 user 或 exp / identity token lacks user or exp")
    current = now or time.time()
    if exp < current:
        raise IdentityError("身份凭证已过期 / identity token has expired")
    if exp > current + max_age_s:
        raise IdentityError("身份凭证有效期过长 / identity token lives too long")
    return Identity(user=user, method="token")


def verify_callback(config: IdentityConfig, user: str, proof: str,
                    transport: httpx.BaseTransport | None = None) -> Identity:
    """Ask the app whether `proof` shows that the requester is `user`."""
    if not config.callback_url:
        raise IdentityError("未配置身份回调 / identity callback is not configured")
    if not user or not proof:
        raise IdentityError("须提供用户标识和凭证 / user and proof are required")
    try:
        with httpx.Client(timeout=config.callback_timeout_s, transport=transport) as client:
            resp = client.post(config.callback_url, json={"user": user, "proof": proof})
    except httpx.HTTPError as exc:
        raise IdentityError(f"身份回调失败 / identity callback failed: {type(exc).__name__}") from None
    try:
        verified = resp.status_code == 200 and resp.json().get("verified") is True
    except (ValueError, AttributeError):
        verified = False
    if not verified:
        raise IdentityError("应用未确认身份 / the app did not confirm the identity")
    return Identity(user=user, method="callback")


def verify(config: IdentityConfig, *, token: str = "", user: str = "", proof: str = "") -> Identity:
    """A token when one is given, otherwise the callback."""
    if token:
        return verify_token(config.app_secret, token, config.token_max_age_s)
    if config.callback_url:
        return verify_callback(config, user, proof)
    raise IdentityError("请提供应用签发的身份凭证 / an identity token from the app is required")
