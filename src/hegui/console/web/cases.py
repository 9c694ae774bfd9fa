"""Incidents, fix tasks, the feature library and refutation notices."""

# No `from __future__ import annotations` here: FastAPI must see the guards (closures) at once.

import json
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from hegui.console import audit, exports, featurelib, incidents, pages
from hegui.console.models import FeatureEntry, FixTask, Incident, Refutation, utcnow
from hegui.console.tickets import InputError, StateError
from hegui.console.web.context import ConsoleContext
from hegui.console.web.deps import ConsoleError, Need, Who, form_fields
from hegui.taxonomy import RISKS

Form = dict[str, str]


def _get(db: object, model: type, key: int, what: str) -> object:
    row = db.get(model, key)  # type: ignore[attr-defined]
    if row is None:
        raise ConsoleError(404, f"没有此{what} / not found")
    return row


def case_routes(r: APIRouter, ctx: ConsoleContext) -> None:
    read, handle, export = Need(ctx, "read"), Need(ctx, "handle"), Need(ctx, "export")

    def error(request: Request, exc: Exception, back: str) -> Response:
        return ctx.render(request, "console/error.html", status_code=400 if isinstance(exc, InputError)
                          else 409, message=str(exc), back=back)

    @r.get("/incidents")
    def incident_list(request: Request, who: Annotated[Who, Depends(read)]) -> Response:
        status = request.query_params.get("status", "open")
        with ctx.tx() as db:
            rows = incidents.listing(db, status)
            open_tasks = incidents.tasks(db, open_only=True)
        return ctx.render(request, "console/incidents.html", rows=rows, status=status, tasks=open_tasks,
                          risks=RISKS, now=utcnow())

    @r.post("/incidents")
    def incident_create(request: Request, who: Annotated[Who, Depends(handle)], form: Annotated[Form, Depends(form_fields)]) -> Response:
        try:
            with ctx.tx() as db:
                inc = incidents.open_incident(db, ctx.bridge, title=form.get("title", ""), actor=who.name,
                                              reference=form.get("reference", ""), risk=form.get("risk", ""),
                                              fix_days=ctx.config.fix_task_days)
                audit.record(db, who.name, who.role, "incident_open", str(inc.id),
                             {"reference": inc.reference}, who.client)
        except (InputError, StateError) as exc:
            return error(request, exc, "/console/incidents")
        return RedirectResponse(f"/console/incidents/{inc.id}", status_code=303)

    @r.get("/incidents/{iid}")
    def incident_detail(request: Request, iid: int, who: Annotated[Who, Depends(read)]) -> Response:
        with ctx.tx() as db:
            inc = _get(db, Incident, iid, "事件")
            task_rows = incidents.tasks(db, inc)  # type: ignore[arg-type]
            features = [f for f in featurelib.entries(db) if f.incident_id == iid]
        return ctx.render(request, "console/incident.html", inc=inc, tasks=task_rows, features=features,
                          risks=RISKS, now=utcnow())

    @r.post("/incidents/{iid}/step")
    def incident_step(request: Request, iid: int, who: Annotated[Who, Depends(handle)],
                      form: Annotated[Form, Depends(form_fields)]) -> Response:
        back = f"/console/incidents/{iid}"
        try:
            with ctx.tx() as db:
                inc = _get(db, Incident, iid, "事件")
                incidents.step(db, inc, form.get("step", ""))  # type: ignore[arg-type]
                audit.record(db, who.name, who.role, f"incident_{form.get('step', '')}", str(iid), client=who.client)
        except (InputError, StateError) as exc:
            return error(request, exc, back)
        return RedirectResponse(back, status_code=303)

    @r.post("/incidents/{iid}/tasks")
    def task_add(request: Request, iid: int, who: Annotated[Who, Depends(handle)], form: Annotated[Form, Depends(form_fields)]) -> Response:
        back = f"/console/incidents/{iid}"
        try:
            days = int(form.get("days", "") or ctx.config.fix_task_days)
            if not 0 < days <= 3650:
                raise InputError("days: 须为 1–3650 / 1 to 3650")
            with ctx.tx() as db:
                inc = _get(db, Incident, iid, "事件")
                task = incidents.add_task(db, inc, form.get("title", ""), utcnow() + timedelta(days=days))  # type: ignore[arg-type]
                audit.record(db, who.name, who.role, "task_add", str(task.id), {"incident": iid}, who.client)
        except ValueError as exc:
            return error(request, InputError(str(exc)), back)
        return RedirectResponse(back, status_code=303)

    @r.post("/tasks/{tid}/done")
    def task_done(request: Request, tid: int, who: Annotated[Who, Depends(handle)], form: Annotated[Form, Depends(form_fields)]) -> Response:
        try:
            with ctx.tx() as db:
                task = _get(db, FixTask, tid, "任务")
                back = f"/console/incidents/{task.incident_id}"  # type: ignore[attr-defined]
                incidents.finish_task(db, task, form.get("note", ""))  # type: ignore[arg-type]
                audit.record(db, who.name, who.role, "task_done", str(tid), client=who.client)
        except (InputError, StateError) as exc:
            return error(request, exc, "/console/incidents")
        return RedirectResponse(back, status_code=303)

    @r.get("/incidents/{iid}/report")
    def incident_report(request: Request, iid: int, who: Annotated[Who, Depends(export)]) -> Response:
        """The report to the authority: printable page, or `?format=json|xlsx`."""
        fmt = request.query_params.get("format", "html")
        with ctx.tx() as db:
            inc = _get(db, Incident, iid, "事件")
            data = incidents.authority_report(db, inc, ctx.config.provider_name)  # type: ignore[arg-type]
            audit.record(db, who.name, who.role, "incident_report_export", str(iid), {"format": fmt}, who.client)
        if fmt == "json":
            return Response(json.dumps(data, ensure_ascii=False, indent=2), media_type="application/json",
                            headers={"Content-Disposition": f'attachment; filename="incident-{iid}.json"'})
        if fmt == "xlsx":
            rows = [[k, json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v] for k, v in data.items()]
            body = exports.to_xlsx(f"incident-{iid}", ["项目 item", "内容 value"], rows)
            return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            headers={"Content-Disposition": f'attachment; filename="incident-{iid}.xlsx"'})
        return ctx.render(request, "console/incident_report.html", data=data, inc=inc)

    @r.get("/features")
    def feature_list(request: Request, who: Annotated[Who, Depends(read)]) -> Response:
        with ctx.tx() as db:
            rows = featurelib.entries(db)
        return ctx.render(request, "console/features.html", rows=rows, risks=RISKS,
                          folder=str(ctx.feature_dir))

    @r.post("/features")
    def feature_add(request: Request, who: Annotated[Who, Depends(handle)], form: Annotated[Form, Depends(form_fields)]) -> Response:
        back = "/console/features"
        try:
            iid = int(form["incident"]) if form.get("incident", "").isdigit() else None
            with ctx.tx() as db:
                entry = featurelib.add_entry(db, form.get("kind", ""), form.get("risk", ""), form.get("value", ""),
                                             form.get("note", ""), who.name, iid)
                counts = featurelib.write_files(db, ctx.feature_dir)
                audit.record(db, who.name, who.role, "feature_add", str(entry.id),
                             {"kind": entry.kind, "risk": entry.risk, **counts}, who.client)
        except InputError as exc:
            return error(request, exc, back)
        return RedirectResponse(f"/console/incidents/{iid}" if iid else back, status_code=303)

    @r.post("/features/{fid}/toggle")
    def feature_toggle(request: Request, fid: int, who: Annotated[Who, Depends(handle)]) -> Response:
        with ctx.tx() as db:
            entry = _get(db, FeatureEntry, fid, "条目")
            entry.active = not entry.active  # type: ignore[attr-defined]
            counts = featurelib.write_files(db, ctx.feature_dir)
            audit.record(db, who.name, who.role, "feature_toggle", str(fid),
                         {"active": entry.active, **counts}, who.client)  # type: ignore[attr-defined]
        return RedirectResponse("/console/features", status_code=303)

    @r.get("/refutations")
    def refutation_list(request: Request, who: Annotated[Who, Depends(read)]) -> Response:
        with ctx.tx() as db:
            rows = pages.refutations(db, published_only=False)
        edit = next((x for x in rows if str(x.id) == request.query_params.get("edit")), None)
        return ctx.render(request, "console/refutations.html", rows=rows, edit=edit)

    @r.post("/refutations")
    def refutation_save(request: Request, who: Annotated[Who, Depends(handle)], form: Annotated[Form, Depends(form_fields)]) -> Response:
        try:
            with ctx.tx() as db:
                row = None
                if form.get("id", "").isdigit():
                    row = _get(db, Refutation, int(form["id"]), "辟谣")
                saved = pages.save_refutation(db, form.get("title", ""), form.get("body", ""),
                                              form.get("references", ""), form.get("published") == "1",
                                              row)  # type: ignore[arg-type]
                audit.record(db, who.name, who.role, "refutation_save", str(saved.id),
                             {"published": saved.published}, who.client)
        except InputError as exc:
            return error(request, exc, "/console/refutations")
        return RedirectResponse("/console/refutations", status_code=303)
