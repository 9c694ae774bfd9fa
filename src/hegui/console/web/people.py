"""End users (Art. 14 ¶2): look up a pseudonymous user, see violations and actions, act."""

# No `from __future__ import annotations` here: FastAPI must see the guards (closures) at once.

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from hegui.console import audit, pages
from hegui.console.bridge import USER_ACTIONS
from hegui.console.web.context import ConsoleContext
from hegui.console.web.deps import ConsoleError, Need, Who, form_fields

ACTION_NAMES = {"warn": "警示 / warn", "restrict": "限制功能 / restrict", "suspend": "暂停服务 / suspend",
                "terminate": "终止服务 / terminate", "lift": "解除 / lift"}


def people_routes(r: APIRouter, ctx: ConsoleContext) -> None:
    read, handle = Need(ctx, "read"), Need(ctx, "handle")

    @r.get("/users")
    def user_lookup(request: Request, who: Annotated[Who, Depends(read)]) -> Response:
        """Find a user by pseudonym, or by the app's user id (turned into its pseudonym here)."""
        query = request.query_params.get("q", "").strip()[:256]
        if not query:
            return ctx.render(request, "console/users.html", query="", missing=False)
        with ctx.tx() as db:
            for candidate in (query, ctx.bridge.pseudonym(query)):
                if ctx.bridge.user(db, candidate) is not None:
                    return RedirectResponse(f"/console/users/{candidate}", status_code=303)
        return ctx.render(request, "console/users.html", status_code=404, query=query, missing=True)

    @r.get("/users/{pseudonym}")
    def user_detail(request: Request, pseudonym: str, who: Annotated[Who, Depends(read)]) -> Response:
        with ctx.tx() as db:
            user = ctx.bridge.user(db, pseudonym)
            accepted = pages.acceptances(db, pseudonym)
        if user is None:
            raise ConsoleError(404, "没有此用户的记录 / no records of this user")
        return ctx.render(request, "console/user.html", user=user, accepted=accepted, actions=ACTION_NAMES)

    @r.post("/users/{pseudonym}/act")
    def user_act(request: Request, pseudonym: str, who: Annotated[Who, Depends(handle)],
                 form: Annotated[dict[str, str], Depends(form_fields)]) -> Response:
        action, reason = form.get("action", ""), form.get("reason", "").strip()
        back = f"/console/users/{pseudonym}"
        message = ""
        if action not in USER_ACTIONS:
            message = f"未知措施 / unknown action: {action}"
        elif not reason or len(reason) > 2000:
            message = "须说明理由（最多2000字）/ a reason is required (at most 2000 characters)"
        hours: float | None = None
        if not message and action == "restrict":
            try:
                hours = float(form.get("hours", "24") or 24)
                if not 0 < hours <= 24 * 365:
                    raise ValueError
            except ValueError:
                message = "hours: 须为 0–8760 之间的数 / a number of hours up to 8760"
        if message:
            return ctx.render(request, "console/error.html", status_code=400, message=message, back=back)
        with ctx.tx() as db:
            if ctx.bridge.user(db, pseudonym) is None:
                raise ConsoleError(404, "没有此用户的记录 / no records of this user")
        # The gateway's users module writes in its own transaction (SQLite allows one writer).
        with ctx.tx() as db:
            ctx.bridge.act_on_user(db, pseudonym, action, reason, f"console:{who.name}", hours)
        with ctx.tx() as db:
            audit.record(db, who.name, who.role, f"user_{action}", pseudonym,
                         {"hours": hours} if hours else {}, who.client)
        return RedirectResponse(back, status_code=303)
