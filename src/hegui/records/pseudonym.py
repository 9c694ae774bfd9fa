"""Keyed pseudonyms of end users: records never hold the raw user id."""

from __future__ import annotations

import hashlib
import hmac


class Pseudonymizer:
    """HMAC-SHA256 of the user id under the installation's key, shortened to 32 hex digits."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the pseudonym key must have at least 16 bytes")
        self._key = key

    def __call__(self, user: str) -> str:
        return "u_" + hmac.new(self._key, user.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
