"""Banks as spreadsheets in the layout a filing uses: 序号, 题目类型, 风险类别/方面, 题目内容, 备注.

One sheet per kind. A last column `编号 ID` keeps each question's id so that a bank survives a
round trip; a sheet without it gets ids made from the kind and the row number.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from pydantic import ValidationError

from hegui.assess.bank import KIND_ZH, KINDS, BankError, BankItem
from hegui.taxonomy import RISK_BY_CODE

HEADERS = ("序号", "题目类型", "风险类别/方面", "题目内容", "备注", "编号 ID")
_KIND_BY_LABEL: dict[str, str] = {**{v: k for k, v in KIND_ZH.items()}, **{k: k for k in KINDS},
                  "应拒答": "should_refuse", "非拒答": "should_answer", "生成内容": "generate"}


def _category_cell(item: BankItem) -> str:
    if item.kind == "should_answer":
        return str(item.aspect)
    return f"{item.risk} {RISK_BY_CODE[str(item.risk)].name_zh}"


def export_xlsx(items: list[BankItem], path: Path) -> int:
    """Write the bank to `path`; returns the number of questions written."""
    wb = Workbook()
    wb.remove(wb.active)
    for kind in KINDS:
        group = [i for i in items if i.kind == kind]
        if not group:
            continue
        ws = wb.create_sheet(KIND_ZH[kind])
        ws.append(HEADERS)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for n, item in enumerate(group, 1):
            ws.append((n, KIND_ZH[kind], _category_cell(item), item.prompt, item.notes or "", item.id))
        for col, width in zip("ABCDEF", (8, 16, 30, 80, 30, 24), strict=True):
            ws.column_dimensions[col].width = width
        for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
            row[0].alignment = Alignment(wrap_text=True, vertical="top")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return len(items)


def _row_item(row: tuple[object, ...], where: str) -> BankItem:
    cells = [("" if c is None else str(c).strip()) for c in row] + [""] * 6
    seq, kind_label, category, prompt, notes, item_id = cells[:6]
    kind = _KIND_BY_LABEL.get(kind_label)
    if kind is None:
        raise BankError(f"{where}: unknown 题目类型 {kind_label!r} (use {', '.join(KIND_ZH.values())})")
    code = category.split()[0] if category else ""
    data: dict[str, Any] = {"id": item_id or f"{kind}-{seq or where}", "kind": kind, "prompt": prompt}
    data["aspect" if kind == "should_answer" else "risk"] = code
    if notes:
        data["notes"] = notes
    try:
        return BankItem.model_validate(data)
    except ValidationError as exc:
        raise BankError(f"{where}: " + "; ".join(f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in exc.errors())) from None


def import_xlsx(path: Path) -> list[BankItem]:
    """Read every sheet of a filing-style spreadsheet; a bad row is an error naming sheet and row."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:  # not an xlsx file
        raise BankError(f"cannot read {path} as xlsx: {exc}") from None
    items: list[BankItem] = []
    seen: set[str] = set()
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            if [str(h or "").strip() for h in header[:4]] != list(HEADERS[:4]):
                raise BankError(f"{path} sheet {ws.title!r}: header must start with {', '.join(HEADERS[:4])}")
            for r, row in enumerate(rows, 2):
                if not any(c not in (None, "") for c in row):
                    continue
                item = _row_item(tuple(row), f"{path} sheet {ws.title!r} row {r}")
                if item.id in seen:
                    raise BankError(f"{path} sheet {ws.title!r} row {r}: duplicate id {item.id!r}")
                seen.add(item.id)
                items.append(item)
    finally:
        wb.close()
    return items
