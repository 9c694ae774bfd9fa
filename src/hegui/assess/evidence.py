"""Evidence hegui holds itself, turned into clause rows for the report.

A clause the profile sets keeps the profile's status; hegui's evidence is added beside it. A clause
neither the profile nor hegui's data can evidence is marked 不符合 with "no evidence provided",
so that the report never claims what nobody showed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hegui.assess.clauses import CLAUSES, Status
from hegui.assess.profile import ServiceProfile

Auto = tuple[Status | None, str]
METRIC_ZH = {"generate_pass_rate": "生成内容合格率", "refuse_rate_should_refuse": "应拒答题拒答率",
             "refuse_rate_should_answer": "非拒答题拒答率"}


@dataclass
class Sources:
    """What hegui can look at: a run's metrics, bank stats, lexicon stats, corpus reports, settings."""

    metrics: dict[str, dict[str, Any]] | None = None
    bank: dict[str, Any] | None = None
    lexicon: dict[str, Any] | None = None
    corpus: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] | None = None
    classifier_count: int = 0


def lexicon_stats(dirs: list[Path], builtin: bool = True) -> dict[str, Any]:
    """The keyword library's stats (`hegui lexicon stats --json`): built-in plus `dirs`."""
    from hegui.detect.lexicon import load_lexicon
    from hegui.text.normalize import default_normalizer

    return load_lexicon(dirs, normalizer=default_normalizer(), builtin=builtin).stats()


def read_corpus_reports(paths: list[Path]) -> list[dict[str, Any]]:
    out = []
    for p in paths:
        data = json.loads(p.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            out.append({"path": p.name, **data})
    return out


def _pct(v: object) -> str:
    return "—" if not isinstance(v, (int, float)) else f"{v * 100:.1f}%"


def _metric(src: Sources, key: str) -> Auto:
    m = (src.metrics or {}).get(key)
    if not m:
        return None, ""
    ok = bool(m["pass"]) and bool(m["n_sufficient"])
    text = (f"{METRIC_ZH.get(key, key)} {_pct(m['value'])} (n={m['n']}, 95% CI {_pct(m['ci_low'])}–{_pct(m['ci_high'])}, "
            f"阈值 {m['threshold']}; 样本量要求 ≥{m['n_required']}: {'满足' if m['n_sufficient'] else '不满足'})")
    return ("符合" if ok else "不符合"), text


def _category(src: Sources, code: str) -> Auto:
    m = (src.metrics or {}).get("generate_pass_rate") or {}
    per = m.get("per_category") or {}
    if code not in per:
        return None, ""
    c = per[code]
    return ("符合" if c["pass"] else "不符合"), f"{code} 生成内容合格率 {_pct(c['value'])} (n={c['n']})"


def _refusal(src: Sources) -> Auto:
    a, ta = _metric(src, "refuse_rate_should_refuse")
    b, tb = _metric(src, "refuse_rate_should_answer")
    if a is None or b is None:
        return None, ""
    return ("符合" if a == b == "符合" else "不符合"), f"{ta}；{tb}"


def _bank(src: Sources, prefixes: tuple[str, ...]) -> Auto:
    if not src.bank:
        return None, ""
    reqs = [r for r in src.bank["requirements"] if str(r["key"]).startswith(prefixes)]
    unmet = [r for r in reqs if not r["met"]]
    totals = "；".join(f"{r['label_zh']} {r['actual']}/{r['required']}" for r in reqs if r["key"].endswith("total"))
    text = f"{totals}；未达标项 {len(unmet)} 个" + (f"（如 {unmet[0]['label_zh']} {unmet[0]['actual']}/{unmet[0]['required']}）" if unmet else "")
    return ("符合" if not unmet else "不符合"), text


def _lexicon(src: Sources) -> Auto:
    if not src.lexicon:
        return None, ""
    lex = src.lexicon
    meets = lex.get("meets_tc260", lex.get("meets"))
    total = lex.get("total")
    status: Status | None = None if meets is None else ("符合" if meets else "不符合")
    missing = (lex.get("tc260") or {}).get("missing") or []
    gap = f"；未达标风险 {len(missing)} 个（{'、'.join(missing[:6])}{'…' if len(missing) > 6 else ''}）" if missing else ""
    return status, f"关键词库共 {total} 条（版本 {lex.get('version', '—')}）；TC260 要求：{'满足' if meets else '未满足'}{gap}"


def _corpus_sources(src: Sources) -> Auto:
    if not src.corpus:
        return None, ""
    bad, total = 0, 0
    for rep in src.corpus:
        for s in (rep.get("sources") or {}).values():
            total += 1
            bad += 0 if s.get("pass") else 1
    return ("符合" if bad == 0 else "不符合"), f"语料扫描 {len(src.corpus)} 份报告，{total} 个来源，违法不良信息超过5%的来源 {bad} 个"


def _corpus_filter(src: Sources) -> Auto:
    """TC260-003 §5.2a: the technical check of each `hegui corpus scan` report."""
    if not src.corpus:
        return None, ""
    parts, verdicts = [], []
    for rep in src.corpus:
        tech = rep.get("technical_check") or {}
        totals = rep.get("totals") or {}
        verdicts.append(bool(tech.get("pass")))
        parts.append(f"{rep['path']}：记录 {totals.get('records', '—')} 条，关键词/分类模型检查覆盖 "
                     f"{_pct(tech.get('sampled_ratio'))}，合格率 {_pct(tech.get('pass_rate'))}"
                     f"（要求覆盖 ≥{_pct(tech.get('min_sampled_ratio'))}、合格率 ≥{_pct(tech.get('min_pass_rate'))}）")
    return ("符合" if all(verdicts) else "不符合"), "；".join(parts)


def _corpus_pii(src: Sources) -> Auto:
    if not src.corpus:
        return None, ""
    counts: dict[str, int] = {}
    for rep in src.corpus:
        for k, v in (rep.get("pii") or {}).items():
            if isinstance(v, int):
                counts[k] = counts.get(k, 0) + v
    return None, "语料中检出个人信息：" + ("、".join(f"{k} {v}" for k, v in sorted(counts.items())) or "无")


def _classifier(src: Sources) -> Auto:
    if src.classifier_count:
        return None, f"配置了 {src.classifier_count} 个模型检测器（分类模型/安全模型）"
    return None, "hegui 配置中未配置分类模型检测器"


def _section(name: str) -> Callable[[Sources], Auto]:
    def get(src: Sources) -> Auto:
        if not src.settings or name not in src.settings:
            return None, ""
        return None, f"hegui 配置 `{name}`：{json.dumps(src.settings[name], ensure_ascii=False, default=str)[:300]}"
    return get


AUTO: dict[str, Callable[[Sources], Auto]] = {
    "5.1a": _corpus_sources,
    "5.2a": _corpus_filter,
    "5.2c": _corpus_pii,
    "6b": lambda s: _metric(s, "generate_pass_rate"),
    "6c": lambda s: _category(s, "A5.1"),
    "6d": lambda s: _category(s, "A5.2"),
    "7c": _section("gateway"),
    "7d": _section("labels"),
    "7e": _section("console"),
    "7f": _refusal,
    "8.1": _lexicon,
    "8.2": _classifier,
    "8.3": lambda s: _bank(s, ("generate.",)),
    "8.4": lambda s: _bank(s, ("should_refuse.", "should_answer.")),
}


def clause_rows(src: Sources, profile: ServiceProfile | None) -> list[dict[str, Any]]:
    """One row per clause: status, evidence, measure, and where the status came from."""
    rows = []
    for clause in CLAUSES:
        auto_status, auto_text = AUTO.get(clause.key, lambda s: (None, ""))(src)
        entry = profile.clauses.get(clause.key) if profile else None
        evidence = [t for t in ((entry.evidence if entry else ""), auto_text) if t]
        if entry is not None:
            status, origin = entry.status, "profile"
        elif auto_status is not None:
            status, origin = auto_status, "hegui"
        else:
            status, origin = "不符合", "none"
            evidence.append("未提供证据（请在服务档案中补充）")
        rows.append({"clause": clause, "status": status, "evidence": evidence,
                     "measure": entry.measure if entry else None, "origin": origin})
    return rows
