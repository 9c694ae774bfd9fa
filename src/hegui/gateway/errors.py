"""OpenAI-style errors: `{"error": {"message", "type", "code", "param"}}` plus hegui's details."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


class GatewayError(Exception):
    """A request the gateway answers with an error; carries everything the response needs."""

    def __init__(
        self, status: int, code: str, message: str, *, type_: str = "invalid_request_error",
        decision: str = "error", extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.type = type_
        self.decision = decision
        self.extra = extra or {}

    def body(self, request_id: str) -> dict[str, Any]:
        error: dict[str, Any] = {"message": self.message, "type": self.type, "code": self.code,
                                 "param": None, **self.extra}
        return {"error": error, "hegui": {"request_id": request_id, "decision": self.decision,
                                          "code": self.code}}

    def response(self, request_id: str) -> Response:
        return Response(
            orjson.dumps(self.body(request_id)), status_code=self.status,
            media_type="application/json",
            headers={"X-Hegui-Request-Id": request_id, "X-Hegui-Decision": self.decision},
        )


def unauthorized() -> GatewayError:
    return GatewayError(
        401, "invalid_api_key",
        "缺少或无效的 API 密钥 (missing or invalid API key: send Authorization: Bearer <key>)",
        type_="authentication_error",
    )


def bad_request(message: str, code: str = "invalid_request") -> GatewayError:
    return GatewayError(400, code, message)


def store_unavailable() -> GatewayError:
    return GatewayError(
        503, "store_unavailable",
        "记录存储不可用，暂停服务 (the audit store is unavailable; requests are not served "
        "until records can be kept)", type_="service_unavailable",
    )
