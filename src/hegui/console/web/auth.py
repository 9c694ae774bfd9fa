"""Sign-in, sign-out and staff accounts (admins only)."""

# No `from __future__ import annotations` here: FastAPI must see the guards (closures) at once.

import hmac
import math
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from hegui.console import accounts, audit
from hegui.console.web.context import ConsoleContext
from hegui.console.web.deps import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Need,
    Who,
    client_ip,
    form_fields,
)

LOGIN_MESSAGES = {
    "bad_credentials": "用户名或密码错误 / wrong name or password",
    "locked": "失败次数过多，账号已暂时锁定 / too many failures: the account is locked for a while",
    "disabled": "账号已停用 / this account is disabled",
}


def _safe_next(value: str) -> str:
    """Only paths inside the console: no open redirect."""
    if value.startswith("/console") and not value.startswith("//") and "\\" not in value:
        return value
    return "/console/"


def auth_routes(r: APIRouter, ctx: ConsoleContext) -> None:
    cfg = ctx.config

    def login_page(request: Request, error: str = "", status: int = 200) -> Response:
        token = secrets.token_urlsafe(24)
        resp = ctx.render(request, "console/login.html", status_code=status, error=error, login_csrf=token,
                          next=_safe_next(request.query_params.get("next", "")))
        resp.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=ctx.secure_cookie(request), path="/console/login")
        return resp

    @r.get("/login")
    def login_form(request: Request) -> Response:
        return login_page(request)

    @r.post("/login")
    def login(request: Request, form: Annotated[dict[str, str], Depends(form_fields)]) -> Response:
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        sent = form.get("csrf", "")
        if not cookie or not sent or not hmac.compare_digest(cookie, sent):
            return login_page(request, "表单已过期，请重试 / the form expired: try again", 403)
        wait = ctx.login_limiter.hit(client_ip(request))
        if wait:
            return login_page(request, f"尝试过于频繁，请 {math.ceil(wait)} 秒后再试 / too many attempts", 429)
        name = form.get("name", "").strip()[:64]
        with ctx.tx() as db:
            result = accounts.login(db, name, form.get("password", "")[:1024],
                                    max_failures=cfg.lockout_failures, lock_minutes=cfg.lockout_minutes,
                                    session_minutes=cfg.session_minutes)
            if result.staff is not None:
                audit.record(db, name, result.staff.role, "login" if result.ok else f"login_{result.reason}",
                             client=client_ip(request))
        if not result.ok:
            return login_page(request, LOGIN_MESSAGES[result.reason], 401)
        resp = RedirectResponse(_safe_next(form.get("next", "")), status_code=303)
        resp.set_cookie(SESSION_COOKIE, result.token, httponly=True, samesite="strict",
                        secure=ctx.secure_cookie(request), path="/", max_age=cfg.session_minutes * 60)
        resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/console/login", httponly=True, samesite="strict")
        return resp

    @r.post("/logout")
    def logout(request: Request, who: Annotated[Who, Depends(Need(ctx, "read"))]) -> Response:
        with ctx.tx() as db:
            accounts.logout(db, request.cookies.get(SESSION_COOKIE, ""))
            audit.record(db, who.name, who.role, "logout", client=who.client)
        resp = RedirectResponse("/console/login", status_code=303)
        resp.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
        return resp

    @r.get("/staff")
    def staff_list(request: Request, who: Annotated[Who, Depends(Need(ctx, "admin"))]) -> Response:
        with ctx.tx() as db:
            rows = accounts.list_staff(db)
        return ctx.render(request, "console/staff.html", rows=rows, roles=accounts.ROLES)

    @r.post("/staff")
    def staff_create(request: Request, who: Annotated[Who, Depends(Need(ctx, "admin"))],
                     form: Annotated[dict[str, str], Depends(form_fields)]) -> Response:
        try:
            with ctx.tx() as db:
                accounts.create_staff(db, form.get("name", "").strip(), form.get("role", ""),
                                      form.get("password", ""))
                audit.record(db, who.name, who.role, "staff_create", form.get("name", ""),
                             {"role": form.get("role", "")}, who.client)
        except accounts.AccountError as exc:
            return ctx.render(request, "console/error.html", status_code=400, message=str(exc),
                              back="/console/staff")
        return RedirectResponse("/console/staff", status_code=303)

    @r.post("/staff/{name}/disable")
    def staff_disable(request: Request, name: str, who: Annotated[Who, Depends(Need(ctx, "admin"))],
                      form: Annotated[dict[str, str], Depends(form_fields)]) -> Response:
        disabled = form.get("disabled", "1") == "1"
        try:
            with ctx.tx() as db:
                if name == who.name and disabled:
                    raise accounts.AccountError("不能停用自己的账号 / you cannot disable yourself")
                accounts.set_disabled(db, name, disabled)
                audit.record(db, who.name, who.role, "staff_disable" if disabled else "staff_enable",
                             name, client=who.client)
        except accounts.AccountError as exc:
            return ctx.render(request, "console/error.html", status_code=400, message=str(exc),
                              back="/console/staff")
        return RedirectResponse("/console/staff", status_code=303)
