"""The keyword list as a filing asks for it: one sheet of keywords, one summary sheet.

Sheet `关键词` lists 序号 / 关键词 / 风险代码 / 风险类别 / 处置动作 / 来源, one row per keyword and
risk; 处置动作 is what the policy does on a match (the keyword's own action where it has one).
Sheet `汇总` gives the count per risk against TC260-003's minimum and the overall verdict.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

from hegui.policy.decide import Policy
from hegui.taxonomy import RISK_BY_CODE
from hegui.types import Decision, Finding

if TYPE_CHECKING:
    from hegui.detect.lexicon import Lexicon

KEYWORD_HEADERS = ("序号", "关键词", "风险代码", "风险类别", "处置动作", "来源")
SUMMARY_HEADERS = ("风险代码", "风险类别", "关键词数量", "标准要求", "是否达标")
ACTION_ZH = {
    Decision.ALLOW: "放行 allow",
    Decision.MASK: "脱敏 mask",
    Decision.REVIEW: "人工复核 review",
    Decision.REFUSE: "拦截 refuse",
}


def _verdict(meets: object) -> str:
    return "不适用" if meets is None else ("符合" if meets else "不符合")


def write_xlsx(lexicon: Lexicon, policy: Policy, path: Path) -> None:
    """Write the spreadsheet atomically (a failed write leaves any older file untouched)."""
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("关键词")
    sheet.append(list(KEYWORD_HEADERS))
    for n, entry in enumerate(sorted(lexicon.entries, key=lambda e: e.risk), start=1):
        probe = Finding("lexicon", entry.risk, 0, 0, 1.0, "", action=entry.action)
        action = policy.action_for(probe)
        source = "内置 builtin" if entry.builtin else entry.source
        sheet.append([n, entry.keyword, entry.risk, RISK_BY_CODE[entry.risk].name_zh, ACTION_ZH[action], source])
    stats = lexicon.stats()
    summary = wb.create_sheet("汇总")
    summary.append(list(SUMMARY_HEADERS))
    for row in stats["risks"]:  # type: ignore[attr-defined]
        required = row["required"] if row["required"] is not None else "-"
        summary.append([row["code"], row["name_zh"], row["count"], required, _verdict(row["meets"])])
    tc260 = stats["tc260"]
    summary.append([])
    summary.append(["合计", "关键词总数", stats["total"], tc260["total_required"], _verdict(tc260["total_meets"])])  # type: ignore[index]
    summary.append(["结论", "TC260-003 关键词库要求（总量≥10000，A1 每项≥200，A2 每项≥100）", "", "", _verdict(stats["meets_tc260"])])
    summary.append(["词库版本", str(stats["version"])])
    summary.append(["导出时间", datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")])
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
