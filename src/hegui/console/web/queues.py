"""Staff queues: complaints and reports, personal-information requests."""

# No `from __future__ import annotations` here: FastAPI must see the guards (closures) at once.

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from hegui.console import audit, incidents, privacy, tickets
from hegui.console.web.context import ConsoleContext
from hegui.console.web.deps import ConsoleError, Need, Who, form_fields

Form = dict[str, str]


def _error(ctx: ConsoleContext, request: Request, exc: Exception, back: str) -> Response:
    return ctx.render(request, "console/error.html", status_code=400 if isinstance(exc, tickets.InputError)
                      else 409, message=str(exc), back=back)


def queue_routes(r: APIRouter, ctx: ConsoleContext) -> None:
    read, handle, export = Need(ctx, "read"), Need(ctx, "handle"), Need(ctx, "export")

    @r.get("/tickets")
    def ticket_queue(request: Request, who: Annotated[Who, Depends(read)]) -> Response:
        status = request.query_params.get("status", "open")
        kind = request.query_params.get("kind", "")
        with ctx.tx() as db:
            rows = tickets.queue(db, status=status, kind=kind if kind in tickets.KINDS else "")
        return ctx.render(request, "console/tickets.html", rows=rows, status=status, kind=kind,
                          kinds=tickets.KIND_NAMES, status_names=tickets.STATUS_NAMES)

    @r.get("/tickets/{ticket}")
    def ticket_detail(request: Request, ticket: str, who: Annotated[Who, Depends(read)]) -> Response:
        with ctx.tx() as db:
            item = tickets.by_ticket(db, ticket)
            if item is None:
                raise ConsoleError(404, "没有此工单 / no such ticket")
            notes = tickets.notes(db, item)
            event = ctx.bridge.event(db, item.reference) if item.reference else None
        return ctx.render(request, "console/ticket.html", item=item, notes=notes, event=event,
                          kinds=tickets.KIND_NAMES, status_names=tickets.STATUS_NAMES)

    @r.post("/tickets/{ticket}/act")
    def ticket_act(request: Request, ticket: str, who: Annotated[Who, Depends(handle)],
                   form: Annotated[Form, Depends(form_fields)]) -> Response:
        action = form.get("action", "")
        back = f"/console/tickets/{ticket}"
        try:
            with ctx.tx() as db:
                item = tickets.by_ticket(db, ticket)
                if item is None:
                    raise ConsoleError(404, "没有此工单 / no such ticket")
                tickets.act(db, item, action, form.get("body", ""), who.name)
                audit.record(db, who.name, who.role, f"ticket_{action}", ticket, client=who.client)
        except (tickets.InputError, tickets.StateError) as exc:
            return _error(ctx, request, exc, back)
        return RedirectResponse(back, status_code=303)

    @r.post("/tickets/{ticket}/incident")
    def ticket_incident(request: Request, ticket: str, who: Annotated[Who, Depends(handle)],
                        form: Annotated[Form, Depends(form_fields)]) -> Response:
        try:
            with ctx.tx() as db:
                item = tickets.by_ticket(db, ticket)
                if item is None:
                    raise ConsoleError(404, "没有此工单 / no such ticket")
                inc = incidents.open_incident(db, ctx.bridge, title=form.get("title", "") or f"工单 {ticket}",
                                              actor=who.name, ticket=item, risk=form.get("risk", ""),
                                              fix_days=ctx.config.fix_task_days)
                audit.record(db, who.name, who.role, "incident_open", str(inc.id), {"ticket": ticket}, who.client)
        except (tickets.InputError, tickets.StateError) as exc:
            return _error(ctx, request, exc, f"/console/tickets/{ticket}")
        return RedirectResponse(f"/console/incidents/{inc.id}", status_code=303)

    @r.get("/privacy")
    def privacy_queue(request: Request, who: Annotated[Who, Depends(read)]) -> Response:
        status = request.query_params.get("status", "open")
        with ctx.tx() as db:
            rows = privacy.queue(db, status)
        return ctx.render(request, "console/privacy_list.html", rows=rows, status=status,
                          rights=privacy.RIGHT_NAMES)

    @r.get("/privacy/{ticket}")
    def privacy_detail(request: Request, ticket: str, who: Annotated[Who, Depends(read)]) -> Response:
        with ctx.tx() as db:
            req = privacy.by_ticket(db, ticket)
            if req is None:
                raise ConsoleError(404, "没有此申请 / no such request")
            held = ctx.bridge.user_data(db, req.user_pseudonym) if req.status == "open" else {}
        counts = {k: len(v) for k, v in held.items()}
        return ctx.render(request, "console/privacy.html", req=req, counts=counts, rights=privacy.RIGHT_NAMES)

    @r.get("/privacy/{ticket}/export")
    def privacy_export(request: Request, ticket: str, who: Annotated[Who, Depends(export)]) -> Response:
        """The copy for a see/copy request, as a JSON file."""
        with ctx.tx() as db:
            req = privacy.by_ticket(db, ticket)
            if req is None:
                raise ConsoleError(404, "没有此申请 / no such request")
            body = privacy.export_bytes(db, ctx.bridge, req)
            audit.record(db, who.name, who.role, "privacy_export", ticket, {"bytes": len(body)}, who.client)
        return Response(body, media_type="application/json", headers={
            "Content-Disposition": f'attachment; filename="personal-data-{ticket}.json"',
            "Cache-Control": "no-store"})

    @r.post("/privacy/{ticket}/complete")
    def privacy_complete(request: Request, ticket: str, who: Annotated[Who, Depends(handle)],
                         form: Annotated[Form, Depends(form_fields)]) -> Response:
        back = f"/console/privacy/{ticket}"
        try:
            with ctx.tx() as db:
                req = privacy.by_ticket(db, ticket)
                if req is None:
                    raise ConsoleError(404, "没有此申请 / no such request")
                counts = privacy.complete(db, ctx.bridge, req, form.get("outcome", ""),
                                          keep_logs=ctx.config.privacy_delete_keeps_logs)
                audit.record(db, who.name, who.role, f"privacy_{req.right}", ticket, counts, who.client)
        except (tickets.InputError, tickets.StateError) as exc:
            return _error(ctx, request, exc, back)
        return RedirectResponse(back, status_code=303)

    @r.post("/privacy/{ticket}/reject")
    def privacy_reject(request: Request, ticket: str, who: Annotated[Who, Depends(handle)],
                       form: Annotated[Form, Depends(form_fields)]) -> Response:
        back = f"/console/privacy/{ticket}"
        try:
            with ctx.tx() as db:
                req = privacy.by_ticket(db, ticket)
                if req is None:
                    raise ConsoleError(404, "没有此申请 / no such request")
                privacy.reject(db, req, form.get("reason", ""))
                audit.record(db, who.name, who.role, "privacy_reject", ticket, client=who.client)
        except (tickets.InputError, tickets.StateError) as exc:
            return _error(ctx, request, exc, back)
        return RedirectResponse(back, status_code=303)
