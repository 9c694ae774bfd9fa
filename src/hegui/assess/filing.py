"""The algorithm-filing pack (算法备案): fields, keyword list, test questions and the report, in one folder.

From one validated service profile:
- `备案信息.md` and `filing.json`: provider, service form, application field, algorithm type
  (生成合成类), self-assessment conclusion and the text to publish;
- `关键词库.xlsx`: the keyword list (built-in library plus the profile's `lexicon_dirs`);
- `测试题库.xlsx`: the test questions in the filing layout;
- `安全评估报告.pdf` and `.html`: the self-assessment report (when the profile names a run).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hegui.assess.bank import load_bank, starter_bank_dir
from hegui.assess.bank_xlsx import export_xlsx
from hegui.assess.evidence import METRIC_ZH
from hegui.assess.profile import ServiceProfile
from hegui.assess.report import ReportInputs, build_context, write_report
from hegui.assess.store import RunDir


def _conclusion(ctx: dict[str, Any]) -> str:
    if ctx["passed"]:
        return "符合。生成内容合格率、应拒答题拒答率、非拒答题拒答率均达到 TC260-003 要求。"
    items = [METRIC_ZH[str(k)] for k in ctx["failed_metrics"]]
    items += [row["clause"].key for row in ctx["bad_clauses"]]
    return "不符合。需整改事项：" + "、".join(items)


def filing_fields(profile: ServiceProfile, conclusion: str) -> dict[str, Any]:
    s = profile.service
    return {
        "服务提供者": profile.provider.name, "统一社会信用代码": profile.provider.credit_code,
        "联系人": profile.provider.contact.model_dump() if profile.provider.contact else None,
        "服务名称": s.name, "服务形式": s.form, "应用领域": s.field, "算法类型": s.algorithm_type,
        "模型": f"{s.model_name} {s.model_version or ''}".strip(),
        "基础模型及备案号": f"{s.foundation_model or '自研'} {s.foundation_filing_number or ''}".strip(),
        "适用人群": s.intended_users, "用途": s.uses, "局限性": s.limitations,
        "算法基本原理": s.description, "安全自评估结论": conclusion,
        "自评估说明": profile.self_assessment, "公示内容": profile.publish_text,
    }


def _fields_markdown(fields: dict[str, Any]) -> str:
    lines = ["# 算法备案信息", "", "| 项目 | 内容 |", "|---|---|"]
    for key, value in fields.items():
        if isinstance(value, list):
            value = "、".join(map(str, value))
        elif isinstance(value, dict):
            value = "，".join(f"{k}: {v}" for k, v in value.items() if v)
        text = str(value or "—").replace("|", "\\|").replace("\n", "<br>")
        lines.append(f"| {key} | {text} |")
    return "\n".join(lines) + "\n"


def _keyword_sheet(profile: ServiceProfile, out: Path) -> str:
    """The keyword list as the filing spreadsheet (built-in library plus the profile's folders)."""
    from hegui.config import load_settings
    from hegui.detect.lexicon import load_lexicon
    from hegui.detect.lexicon_xlsx import write_xlsx
    from hegui.policy.decide import Policy
    from hegui.text.normalize import default_normalizer

    settings = load_settings(profile.config)
    dirs = [*settings.detection.lexicon_dirs, *profile.lexicon_dirs]
    lexicon = load_lexicon(dirs, normalizer=default_normalizer(), builtin=settings.detection.builtin_lexicon)
    write_xlsx(lexicon, Policy(settings.policy), out)
    return out.name


def build_pack(profile: ServiceProfile, out: Path) -> dict[str, Any]:
    """Write the pack into `out`; returns its manifest (also written as `manifest.json`)."""
    out.mkdir(parents=True, exist_ok=True)
    run = RunDir(profile.run).require() if profile.run else None
    inputs = ReportInputs(run=run, profile=profile, lang="zh")
    ctx = build_context(inputs)
    fields = filing_fields(profile, _conclusion(ctx))
    (out / "filing.json").write_text(json.dumps(fields, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "备案信息.md").write_text(_fields_markdown(fields), encoding="utf-8")
    bank_path = profile.bank or (Path(str(run.info()["bank"])) if run else starter_bank_dir())
    files = ["filing.json", "备案信息.md"]
    export_xlsx(load_bank(bank_path), out / "测试题库.xlsx")
    files.append("测试题库.xlsx")
    kw = _keyword_sheet(profile, out / "关键词库.xlsx")
    files.append(kw)
    write_report(inputs, "html", out / "安全评估报告.html")
    write_report(inputs, "pdf", out / "安全评估报告.pdf")
    files += ["安全评估报告.html", "安全评估报告.pdf"]
    manifest = {"files": files, "conclusion": fields["安全自评估结论"], "bank": str(bank_path),
                "keyword_list": kw}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest
