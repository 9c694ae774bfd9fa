"""Public pages under /public: report, status, transparency, privacy requests, texts, refutations."""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from hegui.console import pages, privacy, tickets
from hegui.console.identity import IdentityError, verify
from hegui.console.models import PrivacyRequest, Ticket
from hegui.console.web.context import ConsoleContext
from hegui.console.web.deps import PublicInputError, client_ip, read_public_body


def _wants_json(request: Request) -> bool:
    return request.query_params.get("format") == "json" or \
        request.headers.get("accept", "").startswith("application/json")


def _api_error(exc: Exception, status: int = 400) -> JSONResponse:
    status = getattr(exc, "status", status)
    return JSONResponse({"error": {"message": str(exc), "code": status}}, status_code=status)


def _status_json(item: Ticket | PrivacyRequest, public_notes: list[dict[str, str]]) -> dict[str, Any]:
    return {"ticket": item.ticket, "status": item.status, "created_at": item.created_at.isoformat(),
            "deadline": item.deadline.isoformat(),
            "closed_at": item.closed_at.isoformat() if item.closed_at else None,
            "replies": public_notes}


def public_routes(r: APIRouter, ctx: ConsoleContext) -> None:
    """Add the public pages to `r` (a router with the /public prefix)."""
    cfg = ctx.config

    def limit(request: Request) -> None:
        wait = ctx.public_limiter.hit(client_ip(request))
        if wait:
            raise PublicInputError(f"提交过于频繁，请 {math.ceil(wait)} 秒后再试 / too many submissions: "
                                   f"retry in {math.ceil(wait)} s", 429)

    def file_complaint(data: dict[str, Any]) -> Ticket:
        item = tickets.validate_complaint(data, cfg.max_content_chars)
        with ctx.tx() as db:
            return tickets.file_complaint(db, item, cfg.complaint_reply_hours)

    @r.get("/")
    def index(request: Request) -> Response:
        return ctx.render(request, "public/index.html")

    @r.get("/report")
    def report_form(request: Request) -> Response:
        return ctx.render(request, "public/report.html", kinds=tickets.KIND_NAMES, form={},
                          reference=request.query_params.get("reference", "")[:128])

    @r.post("/report")
    async def report_submit(request: Request) -> Response:
        data: dict[str, Any] = {}
        try:
            limit(request)
            data = await read_public_body(request, cfg.max_body_bytes)
            data.pop("submit", None)
            ticket = file_complaint(data)
        except (PublicInputError, tickets.InputError) as exc:
            return ctx.render(request, "public/report.html", status_code=getattr(exc, "status", 400),
                              kinds=tickets.KIND_NAMES, form=data, error=str(exc), reference="")
        return ctx.render(request, "public/submitted.html", item=ticket, what="complaint")

    @r.post("/api/reports", status_code=201)
    async def report_api(request: Request) -> Response:
        try:
            limit(request)
            ticket = file_complaint(await read_public_body(request, cfg.max_body_bytes))
        except (PublicInputError, tickets.InputError) as exc:
            return _api_error(exc)
        return JSONResponse({"ticket": ticket.ticket, "deadline": ticket.deadline.isoformat()}, status_code=201)

    @r.get("/status")
    def status_lookup(request: Request) -> Response:
        ticket = request.query_params.get("ticket", "").strip()
        if ticket:
            return RedirectResponse(f"/public/status/{ticket[:40]}", status_code=303)
        return ctx.render(request, "public/status.html", item=None, notes=[], missing=False)

    @r.get("/status/{ticket}")
    def status(request: Request, ticket: str) -> Response:
        with ctx.tx() as db:
            item: Ticket | PrivacyRequest | None = tickets.by_ticket(db, ticket) or privacy.by_ticket(db, ticket)
            notes: list[dict[str, str]] = []
            if isinstance(item, Ticket):
                notes = [{"at": n.at.isoformat(), "kind": n.kind, "body": n.body}
                         for n in tickets.notes(db, item, public_only=True)]
            elif isinstance(item, PrivacyRequest) and item.outcome:
                notes = [{"at": (item.closed_at or item.created_at).isoformat(), "kind": item.status,
                          "body": item.outcome}]
        if item is None:
            if _wants_json(request):
                return JSONResponse({"error": {"message": "没有此编号 / no such ticket", "code": 404}}, 404)
            return ctx.render(request, "public/status.html", status_code=404, item=None, notes=[], missing=True)
        if _wants_json(request):
            return JSONResponse(_status_json(item, notes))
        return ctx.render(request, "public/status.html", item=item, notes=notes, missing=False,
                          status_names=tickets.STATUS_NAMES)

    def transparency_data() -> dict[str, Any]:
        with ctx.tx() as db:
            fields, version, published = pages.transparency(db)
        return {"provider": cfg.provider_name, "version": version,
                "published_at": published.isoformat() if published else None, **fields,
                "complaint_reply_hours": cfg.complaint_reply_hours,
                "complaint_process": [s.model_dump() for s in cfg.complaint_process],
                "privacy_request_days": cfg.privacy_request_days}

    @r.get("/transparency.json")
    def transparency_json() -> Response:
        return JSONResponse(transparency_data())

    @r.get("/transparency")
    def transparency(request: Request) -> Response:
        data = transparency_data()
        if _wants_json(request):
            return JSONResponse(data)
        return ctx.render(request, "public/transparency.html", data=data, labels=pages.TRANSPARENCY_FIELDS)

    @r.get("/privacy-request")
    def privacy_form(request: Request) -> Response:
        return ctx.render(request, "public/privacy_request.html", rights=privacy.RIGHT_NAMES, form={},
                          callback=bool(cfg.identity.callback_url))

    def file_privacy(data: dict[str, Any]) -> PrivacyRequest:
        strs = {k: v.strip() if isinstance(v, str) else "" for k, v in data.items()}
        try:
            identity = verify(cfg.identity, token=strs.get("token", ""), user=strs.get("user", ""),
                              proof=strs.get("proof", ""))
        except IdentityError as exc:
            raise PublicInputError(str(exc), 403) from None
        with ctx.tx() as db:
            return privacy.file_request(db, ctx.bridge, identity, strs.get("right", ""),
                                        strs.get("details", ""), strs.get("contact", ""),
                                        cfg.privacy_request_days)

    @r.post("/privacy-request")
    async def privacy_submit(request: Request) -> Response:
        data: dict[str, Any] = {}
        try:
            limit(request)
            data = await read_public_body(request, cfg.max_body_bytes)
            req = file_privacy(data)
        except (PublicInputError, tickets.InputError) as exc:
            data.pop("token", None)
            return ctx.render(request, "public/privacy_request.html", status_code=getattr(exc, "status", 400),
                              rights=privacy.RIGHT_NAMES, form=data, error=str(exc),
                              callback=bool(cfg.identity.callback_url))
        return ctx.render(request, "public/submitted.html", item=req, what="privacy")

    @r.post("/api/privacy-requests", status_code=201)
    async def privacy_api(request: Request) -> Response:
        try:
            limit(request)
            req = file_privacy(await read_public_body(request, cfg.max_body_bytes))
        except (PublicInputError, tickets.InputError) as exc:
            return _api_error(exc)
        return JSONResponse({"ticket": req.ticket, "deadline": req.deadline.isoformat()}, status_code=201)

    _register_texts(r, ctx)


def _register_texts(r: APIRouter, ctx: ConsoleContext) -> None:
    """Agreement, privacy policy, acceptances and refutation notices."""

    def show_doc(request: Request, kind: str) -> Response:
        raw = request.query_params.get("version", "")
        with ctx.tx() as db:
            rows = [v for v in pages.versions(db, kind) if v.published_at is not None]
        row = next((v for v in rows if str(v.version) == raw), rows[0] if rows else None) if rows else None
        if _wants_json(request):
            if row is None:
                return JSONResponse({"error": {"message": "尚未发布 / not published", "code": 404}}, 404)
            return JSONResponse({"kind": kind, "version": row.version, "body": row.body,
                                 "published_at": row.published_at.isoformat() if row.published_at else None})
        return ctx.render(request, "public/document.html", kind=kind,
                          title=pages.DOC_NAMES[kind], row=row, versions=rows)

    @r.get("/agreement")
    def agreement(request: Request) -> Response:
        return show_doc(request, "agreement")

    @r.get("/privacy-policy")
    def privacy_policy(request: Request) -> Response:
        return show_doc(request, "privacy")

    @r.post("/api/acceptances", status_code=201)
    async def accept(request: Request) -> Response:
        """The app records that its user accepted a version (Bearer: the app's gateway key)."""
        auth = request.headers.get("authorization", "")
        key = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        with ctx.tx() as db:
            app = ctx.bridge.app_for_key(db, key) if key else None
        if app is None:
            return JSONResponse({"error": {"message": "API 密钥无效 / invalid API key", "code": 401}}, 401)
        try:
            data = await read_public_body(request, ctx.config.max_body_bytes)
            user, kind, version = data.get("user"), data.get("kind"), data.get("version")
            if not isinstance(user, str) or not user or len(user) > 256:
                raise tickets.InputError("user: 须为应用的用户标识 / the app's user id is required")
            if not isinstance(kind, str) or not isinstance(version, int) or isinstance(version, bool):
                raise tickets.InputError("kind 须为文本、version 须为整数 / kind text, version integer")
            with ctx.tx() as db:
                acc = pages.accept(db, kind, version, ctx.bridge.pseudonym(user), app)
                out = {"kind": acc.kind, "version": acc.version, "user": acc.user_pseudonym,
                       "accepted_at": acc.accepted_at.isoformat()}
        except (PublicInputError, tickets.InputError) as exc:
            return _api_error(exc)
        return JSONResponse(out, status_code=201)

    @r.get("/refutations")
    def refutations(request: Request) -> Response:
        with ctx.tx() as db:
            rows = pages.refutations(db)
        return ctx.render(request, "public/refutations.html", rows=rows, reference="")

    @r.get("/refutations/{rid}")
    def refutation(request: Request, rid: int) -> Response:
        with ctx.tx() as db:
            rows = [x for x in pages.refutations(db) if x.id == rid]
        return ctx.render(request, "public/refutations.html", status_code=200 if rows else 404,
                          rows=rows, reference="")

    @r.get("/answers/{reference}")
    def answer_notices(request: Request, reference: str) -> Response:
        """What an answer's reference id links to: refutation notices about that answer."""
        with ctx.tx() as db:
            rows = pages.refutations(db, reference=reference)
        if _wants_json(request):
            return JSONResponse({"reference": reference, "refutations": [
                {"id": x.id, "title": x.title, "url": f"/public/refutations/{x.id}"} for x in rows]})
        return ctx.render(request, "public/refutations.html", rows=rows, reference=reference)
