"""`hegui corpus review import`: count people's marks on the manual sample (TC260-003 §5: a
random sample of at least 4,000 items, pass rate at least 96%)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from hegui.corpus.aggregate import MIN_MANUAL_PASS, MIN_MANUAL_SAMPLE
from hegui.corpus.writers import SAMPLE_HEADERS

PASS_MARKS = frozenset({"合格", "通过", "pass", "passed", "ok", "y", "yes", "1", "✓", "√", "true"})
FAIL_MARKS = frozenset({"不合格", "不通过", "fail", "failed", "n", "no", "0", "✗", "×", "x", "false"})


class ReviewError(ValueError):
    """The sheet cannot be counted; the message names the cell."""


def _mark_column(header: list[Any]) -> tuple[int, int]:
    try:
        return header.index(SAMPLE_HEADERS[0]), header.index(SAMPLE_HEADERS[7])
    except ValueError:
        raise ReviewError(
            "the sheet has no id/mark columns: use the manual_sample.xlsx a scan wrote (缺少编号或人工结论列)"
        ) from None


def read_marks(sheet_path: Path) -> dict[str, bool | None]:
    """id → True (pass), False (fail) or None (not marked yet)."""
    from zipfile import BadZipFile

    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(sheet_path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, BadZipFile, InvalidFileException) as exc:
        raise ReviewError(f"cannot read {sheet_path}: {exc}") from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = list(next(rows, ()))
        id_col, mark_col = _mark_column(header)
        marks: dict[str, bool | None] = {}
        for number, row in enumerate(rows, start=2):
            if not row or row[id_col] is None:
                continue
            marks[str(row[id_col])] = _parse_mark(row[mark_col] if mark_col < len(row) else None, number)
        return marks
    finally:
        book.close()


def _parse_mark(value: Any, row: int) -> bool | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip().lower()
    if text in PASS_MARKS:
        return True
    if text in FAIL_MARKS:
        return False
    raise ReviewError(f"row {row}: mark {value!r} is neither pass nor fail (合格/不合格)")


def import_review(out_dir: Path, sheet_path: Path) -> dict[str, Any]:
    """Count the marks, check them against the sample the scan drew, write DIR/manual_review.json."""
    sample_file = out_dir / "manual_sample.jsonl"
    if not sample_file.is_file():
        raise ReviewError(f"{out_dir} holds no manual_sample.jsonl: run `hegui corpus scan` first")
    from hegui.corpus.writers import sample_id

    with sample_file.open(encoding="utf-8") as handle:
        expected = [sample_id(json.loads(line)) for line in handle if line.strip()]
    marks = read_marks(sheet_path)
    unknown = sorted(set(marks) - set(expected))
    if unknown:
        raise ReviewError(f"ids not in this scan's sample: {', '.join(unknown[:5])} (编号不在样本中)")
    passed = sum(1 for m in marks.values() if m is True)
    failed = sum(1 for m in marks.values() if m is False)
    marked = passed + failed
    result: dict[str, Any] = {
        "sample": len(expected),
        "marked": marked,
        "unmarked": len(expected) - marked,
        "passed": passed,
        "failed": failed,
        "pass_rate": round(passed / marked, 6) if marked else 0.0,
        "min_sample": MIN_MANUAL_SAMPLE,
        "min_pass_rate": MIN_MANUAL_PASS,
    }
    result["enough_marked"] = marked >= MIN_MANUAL_SAMPLE
    result["pass"] = result["enough_marked"] and passed >= MIN_MANUAL_PASS * marked
    (out_dir / "manual_review.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return result
