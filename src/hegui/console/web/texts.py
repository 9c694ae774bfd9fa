"""Editing the transparency page, the service agreement and the privacy policy (admins)."""

# No `from __future__ import annotations` here: FastAPI must see the guards (closures) at once.

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from hegui.console import audit, pages
from hegui.console.models import PageVersion
from hegui.console.tickets import InputError
from hegui.console.web.context import ConsoleContext
from hegui.console.web.deps import ConsoleError, Need, Who, form_fields

KINDS = ("transparency", *pages.DOC_KINDS)


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ConsoleError(404, "没有此页面 / no such page")
    return kind


def text_routes(r: APIRouter, ctx: ConsoleContext) -> None:
    read, admin = Need(ctx, "read"), Need(ctx, "admin")
    cfg = ctx.config
    values = {"provider": cfg.provider_name, "contact": cfg.contact or "（请填写联系方式）",
              "privacy_days": str(cfg.privacy_request_days)}

    @r.get("/pages")
    def page_index(request: Request, who: Annotated[Who, Depends(read)]) -> Response:
        with ctx.tx() as db:
            current = {k: pages.current(db, k) for k in KINDS}
        return ctx.render(request, "console/pages.html", current=current, names=pages.DOC_NAMES)

    @r.get("/pages/{kind}")
    def page_edit(request: Request, kind: str, who: Annotated[Who, Depends(read)]) -> Response:
        _kind(kind)
        with ctx.tx() as db:
            rows = pages.versions(db, kind)
        body = rows[0].body if rows else pages.default_body(kind, values)
        fields = json.loads(body) if kind == "transparency" else {}
        return ctx.render(request, "console/page_edit.html", kind=kind, rows=rows, body=body, fields=fields,
                          labels=pages.TRANSPARENCY_FIELDS, names=pages.DOC_NAMES)

    @r.post("/pages/{kind}")
    def page_save(request: Request, kind: str, who: Annotated[Who, Depends(admin)],
                  form: Annotated[dict[str, str], Depends(form_fields)]) -> Response:
        _kind(kind)
        publish = form.get("publish") == "1"
        try:
            body = pages.transparency_from_form(form) if kind == "transparency" else form.get("body", "")
            with ctx.tx() as db:
                row = pages.save_version(db, kind, body, who.name, publish)
                audit.record(db, who.name, who.role, "page_publish" if publish else "page_save",
                             f"{kind}:{row.version}", client=who.client)
        except InputError as exc:
            return ctx.render(request, "console/error.html", status_code=400, message=str(exc),
                              back=f"/console/pages/{kind}")
        return RedirectResponse(f"/console/pages/{kind}", status_code=303)

    @r.post("/pages/{kind}/{version}/publish")
    def page_publish(request: Request, kind: str, version: int, who: Annotated[Who, Depends(admin)]) -> Response:
        _kind(kind)
        with ctx.tx() as db:
            row = db.scalar(select(PageVersion).where(PageVersion.kind == kind, PageVersion.version == version))
            if row is None:
                raise ConsoleError(404, "没有此版本 / no such version")
            # The newest published version is current: publishing an older one copies it forward.
            cur = pages.current(db, kind)
            if cur is not None and row.version < cur.version:
                row = pages.save_version(db, kind, row.body, who.name, True)
            pages.publish(db, row)
            audit.record(db, who.name, who.role, "page_publish", f"{kind}:{row.version}", client=who.client)
        return RedirectResponse(f"/console/pages/{kind}", status_code=303)
