"""Dashboard, exports (CSV / xlsx) and the staff audit trail."""

# No `from __future__ import annotations` here: FastAPI must see the guards (closures) at once.

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from hegui.console import audit, dashboard, exports, svg, tickets
from hegui.console.dashboard import Range
from hegui.console.web.context import ConsoleContext
from hegui.console.web.deps import ConsoleError, Need, Who

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _range(request: Request) -> Range:
    try:
        return Range.parse(request.query_params.get("start", ""), request.query_params.get("end", ""))
    except ValueError as exc:
        raise ConsoleError(400, f"日期范围无效 / bad date range: {exc}") from None


def report_routes(r: APIRouter, ctx: ConsoleContext) -> None:
    read, export = Need(ctx, "read"), Need(ctx, "export")

    @r.get("/")
    def home(request: Request, who: Annotated[Who, Depends(read)]) -> Response:
        rng = _range(request)
        with ctx.tx() as db:
            figs = dashboard.figures(db, ctx.bridge, rng)
            queues = dashboard.queue_summary(db)
            soonest = tickets.queue(db, limit=8)
        charts = [
            svg.line_chart("请求与拒答 / Requests and refusals", figs.days,
                           {"请求 requests": figs.requests, "拒答 refusals": figs.refusals}),
            svg.line_chart("中途停止与用户处置 / Stops mid-stream and users acted on", figs.days,
                           {"中途停止 stops": figs.stops, "被处置用户 users acted on": figs.users_acted}),
            svg.bar_chart("拒答风险分布 / Refusals by risk", figs.refusals_by_risk),
        ]
        return ctx.render(request, "console/dashboard.html", figs=figs, queues=queues, charts=charts,
                          rng=rng, soonest=soonest)

    @r.get("/export")
    def export_index(request: Request, who: Annotated[Who, Depends(export)]) -> Response:
        rng = _range(request)
        return ctx.render(request, "console/export.html", datasets=exports.DATASETS, rng=rng)

    @r.get("/export/{dataset}")
    def export_dataset(request: Request, dataset: str, who: Annotated[Who, Depends(export)]) -> Response:
        """`?format=csv|xlsx&start=YYYY-MM-DD&end=YYYY-MM-DD`."""
        if dataset not in exports.DATASETS:
            raise ConsoleError(404, "没有此数据集 / no such dataset")
        fmt = request.query_params.get("format", "csv")
        if fmt not in ("csv", "xlsx"):
            raise ConsoleError(400, "format: 须为 csv 或 xlsx / csv or xlsx")
        rng = _range(request)
        title, build = exports.DATASETS[dataset]
        with ctx.tx() as db:
            headers, rows = build(db, ctx.bridge, rng)
            audit.record(db, who.name, who.role, "export", dataset,
                         {"format": fmt, "rows": len(rows), "start": str(rng.start), "end": str(rng.end)},
                         who.client)
        name = f"hegui-{dataset}-{rng.start}-{rng.end}.{fmt}"
        if fmt == "csv":
            body, mime = exports.to_csv(headers, rows), "text/csv; charset=utf-8"
        else:
            body, mime = exports.to_xlsx(title, headers, rows), XLSX
        return Response(body, media_type=mime, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                        "Cache-Control": "no-store"})

    @r.get("/audit")
    def audit_trail(request: Request, who: Annotated[Who, Depends(read)]) -> Response:
        q = request.query_params
        with ctx.tx() as db:
            rows = audit.entries(db, staff=q.get("staff", "")[:64], action=q.get("action", "")[:64], limit=500)
        return ctx.render(request, "console/audit.html", rows=rows, staff=q.get("staff", ""),
                          action=q.get("action", ""))
