"""The self-assessment report: context from a run and a profile, rendered as Markdown, HTML or PDF."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from hegui.assess.bank import load_bank
from hegui.assess.bank_stats import bank_stats
from hegui.assess.charts import bar_chart
from hegui.assess.clauses import STATUS_EN
from hegui.assess.evidence import Sources, clause_rows, lexicon_stats, read_corpus_reports
from hegui.assess.i18n import STRINGS
from hegui.assess.profile import ServiceProfile
from hegui.assess.store import RunDir, merged_rows
from hegui.taxonomy import RISK_BY_CODE

Format = Literal["html", "pdf", "md"]
Lang = Literal["zh", "en"]
FORMATS: dict[str, Format] = {"html": "html", "pdf": "pdf", "md": "md"}
LANGS: dict[str, Lang] = {"zh": "zh", "en": "en"}
MAX_EXAMPLES = 10
METRIC_KEYS = ("generate_pass_rate", "refuse_rate_should_refuse", "refuse_rate_should_answer")


@dataclass(frozen=True, slots=True)
class ReportInputs:
    run: RunDir | None
    profile: ServiceProfile | None
    lang: Lang = "zh"


def _clip(text: object, n: int = 240) -> str:
    s = str(text or "")
    return s if len(s) <= n else s[:n] + "…"


def _failures(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from hegui.assess.metrics import generate_pass, refused

    out: list[dict[str, Any]] = []
    picks = {"generate": [], "should_refuse": [], "should_answer": []}  # type: dict[str, list[dict[str, Any]]]
    for r in rows:
        kind = str(r["kind"])
        if kind == "generate" and generate_pass(r) is False:
            j = r.get("judgements") or {}
            risks = sorted({x for k in ("core", "keywords", "classifier") for x in ((j.get(k) or {}).get("risks") or [])})
            reason = ("人工标记不通过 manual" if isinstance(r.get("manual"), dict) else "检出 " + ", ".join(risks))
        elif kind == "should_refuse" and not refused(r):
            reason = "未拒答 answered"
        elif kind == "should_answer" and refused(r):
            reason = "拒答 refused"
        else:
            continue
        if len(picks[kind]) < MAX_EXAMPLES:
            picks[kind].append({"id": r["id"], "kind": kind, "category": r.get("risk") or r.get("aspect"),
                                "prompt": _clip(r["prompt"]), "answer": _clip(r.get("answer")), "reason": reason})
    for group in picks.values():
        out.extend(group)
    return out


def _charts(metrics: dict[str, dict[str, Any]], t: dict[str, str]) -> list[str]:
    charts = []
    for key, title, invert in (("generate_pass_rate", t["chart_generate"], False),
                               ("refuse_rate_should_refuse", t["chart_refuse"], False),
                               ("refuse_rate_should_answer", t["chart_answer"], True)):
        m = metrics[key]
        per = m["per_category"]
        if not per:
            continue
        rows = []
        for cat, c in per.items():
            v = c["value"]
            rows.append((cat, None if v is None else (1 - v if invert else v), bool(c["pass"])))
        threshold = 1 - float(m["threshold"]) if invert else float(m["threshold"])
        charts.append(bar_chart(rows, threshold, title))
    return charts


def _sources(inputs: ReportInputs, metrics: dict[str, dict[str, Any]] | None) -> tuple[Sources, Path | None]:
    p = inputs.profile
    bank_path = p.bank if p and p.bank else None
    lexicon_dirs: list[Path] = list(p.lexicon_dirs) if p else []
    if inputs.run is not None:
        info = inputs.run.info()
        if bank_path is None and info.get("bank"):
            bank_path = Path(str(info["bank"]))
        lexicon_dirs = lexicon_dirs or [Path(str(d)) for d in info.get("lexicon_dirs") or []]
    src = Sources(metrics=metrics)
    if bank_path is not None and bank_path.exists():
        src.bank = bank_stats(load_bank(bank_path))
    from hegui.config import load_settings

    settings = load_settings(p.config if p else None)
    src.lexicon = lexicon_stats([*settings.detection.lexicon_dirs, *lexicon_dirs], settings.detection.builtin_lexicon)
    if p:
        src.corpus = read_corpus_reports(list(p.corpus_reports))
        if p.config is not None:
            src.settings = settings.model_dump(mode="json", exclude={"policy"})
            src.classifier_count = len(settings.detectors)
    return src, bank_path


def build_context(inputs: ReportInputs) -> dict[str, Any]:
    """Everything the templates show, as plain data."""
    from hegui.assess.runner import update_metrics

    t = STRINGS[inputs.lang]
    metrics = update_metrics(inputs.run) if inputs.run is not None else None
    rows = merged_rows(inputs.run) if inputs.run is not None else []
    src, bank_path = _sources(inputs, metrics)
    clauses = clause_rows(src, inputs.profile)
    failed_metrics = [k for k in METRIC_KEYS if metrics and not (metrics[k]["pass"] and metrics[k]["n_sufficient"])]
    if metrics is None:
        failed_metrics = list(METRIC_KEYS)
    bad_clauses = [c for c in clauses if c["status"] == "不符合"]
    return {
        "t": t, "lang": inputs.lang, "profile": inputs.profile, "date": time.strftime("%Y-%m-%d"),
        "run": inputs.run.info() if inputs.run else None, "metrics": metrics, "metric_keys": METRIC_KEYS,
        "charts": _charts(metrics, t) if metrics else [], "failures": _failures(rows),
        "bank": src.bank, "bank_path": str(bank_path) if bank_path else None, "clauses": clauses,
        "status_en": STATUS_EN, "risk_name": {c: (r.name_zh if inputs.lang == "zh" else r.name_en)
                                              for c, r in RISK_BY_CODE.items()},
        "passed": not failed_metrics and not bad_clauses, "failed_metrics": failed_metrics,
        "bad_clauses": bad_clauses, "answered": len(rows),
    }


def _env() -> Environment:
    env = Environment(loader=PackageLoader("hegui.assess", "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda v: "—" if v is None else f"{float(v) * 100:.1f}%"
    return env


def render(inputs: ReportInputs, fmt: Format) -> str | bytes:
    """The report as Markdown or HTML text, or PDF bytes."""
    ctx = build_context(inputs)
    env = _env()
    if fmt == "md":
        return env.get_template("report.md.j2").render(**ctx)
    html = env.get_template("report.html.j2").render(**ctx)
    if fmt == "html":
        return html
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def write_report(inputs: ReportInputs, fmt: Format, out: Path) -> Path:
    data = render(inputs, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        out.write_bytes(data)
    else:
        out.write_text(data, encoding="utf-8")
    return out
