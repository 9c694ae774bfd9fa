"""Route guards: who is signed in, what their role allows, CSRF on every state change."""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote

from fastapi import Depends, Request

from hegui.console import accounts
from hegui.console.web.context import ConsoleContext

SESSION_COOKIE = "hegui_console"
LOGIN_CSRF_COOKIE = "hegui_login_csrf"
PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset({"admin", "reviewer", "auditor"}),
    "export": frozenset({"admin", "reviewer", "auditor"}),
    "handle": frozenset({"admin", "reviewer"}),
    "admin": frozenset({"admin"}),
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class LoginRequired(Exception):
    """Raised for an anonymous request; the app turns it into a redirect or a 401."""


class ConsoleError(Exception):
    """A refusal shown to a person as a page (or JSON to a script): status and bilingual message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Who:
    """The signed-in staff member of this request."""

    name: str
    role: str
    csrf: str
    client: str

    def can(self, perm: str) -> bool:
        return self.role in PERMISSIONS[perm]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def form_fields(request: Request) -> dict[str, str]:
    """The urlencoded or multipart form of a state-changing request (text fields only)."""
    if request.method in SAFE_METHODS:
        return {}
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        return {k: v for k, v in form.items() if isinstance(v, str)}
    return {}


class Need:
    """Dependency: a live session whose role has `perm`; a valid CSRF token on POST and friends."""

    def __init__(self, ctx: ConsoleContext, perm: str) -> None:
        if perm not in PERMISSIONS:
            raise ValueError(f"unknown permission {perm!r}")
        self.ctx = ctx
        self.perm = perm

    def __call__(self, request: Request, form: Annotated[dict[str, str], Depends(form_fields)]) -> Who:
        token = request.cookies.get(SESSION_COOKIE, "")
        with self.ctx.tx() as db:
            found = accounts.session_for(db, token)
            if found is None:
                raise LoginRequired()
            session, staff = found
            who = Who(staff.name, staff.role, session.csrf, client_ip(request))
        request.state.who = who
        if request.method not in SAFE_METHODS:
            sent = form.get("csrf") or request.headers.get("x-csrf-token", "")
            if not sent or not hmac.compare_digest(sent, who.csrf):
                raise ConsoleError(403, "CSRF 令牌无效，请刷新页面后重试 / invalid CSRF token: reload the page")
        if not who.can(self.perm):
            raise ConsoleError(403, "您的角色无权执行此操作 / your role may not do this")
        return who


def login_redirect_target(request: Request) -> str:
    return "/console/login?next=" + quote(request.url.path)


class PublicInputError(ValueError):
    """A public request the console will not take; the message is shown to the sender."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


async def read_public_body(request: Request, limit: int) -> dict[str, Any]:
    """Read at most `limit` bytes of a JSON or urlencoded body, refusing anything else clearly."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise PublicInputError(f"提交内容过大（上限 {limit} 字节）/ body too large (limit {limit} bytes)", 413)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PublicInputError(f"提交内容过大（上限 {limit} 字节）/ body too large (limit {limit} bytes)", 413)
        chunks.append(chunk)
    raw = b"".join(chunks)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PublicInputError("内容须为 UTF-8 编码 / body must be UTF-8") from None
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            data = json.loads(text)
        except ValueError:
            raise PublicInputError("JSON 格式错误 / malformed JSON") from None
        if not isinstance(data, dict):
            raise PublicInputError("JSON 须为对象 / JSON body must be an object")
        return data
    if ctype == "application/x-www-form-urlencoded":
        try:
            return dict(parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text)))
        except ValueError:
            raise PublicInputError("表单格式错误 / malformed form") from None
    raise PublicInputError("仅接受 JSON 或表单 / send JSON or a form", 415)
