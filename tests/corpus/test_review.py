import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hegui.corpus.review import ReviewError, import_review
from hegui.corpus.scan import ScanOptions, run_scan
from tests.corpus.corpusgen import BENIGN, write_jsonl
from tests.corpus.fakes import FakeFactory


@pytest.fixture
def scan_out(tmp_path: Path) -> Path:
    write_jsonl(tmp_path / "in/a.jsonl", [{"text": BENIGN.format(n=i)} for i in range(60)])
    run_scan(ScanOptions(inputs=[tmp_path / "in"], out=tmp_path / "out", sample_size=50, workers=1,
                         progress=False), FakeFactory())
    return tmp_path / "out"


def _mark(out: Path, marks: list[object]) -> Path:
    book = load_workbook(out / "manual_sample.xlsx")
    sheet = book.active
    assert sheet.max_row == 51
    for row, mark in enumerate(marks, start=2):
        sheet.cell(row=row, column=8, value=mark)
    path = out / "marked.xlsx"
    book.save(path)
    return path


def test_marks_counted_against_the_bar(scan_out: Path) -> None:
    sheet = _mark(scan_out, ["合格"] * 45 + ["不合格", "fail"] + ["pass"] + [None, None])
    result = import_review(scan_out, sheet)
    assert (result["sample"], result["marked"], result["unmarked"]) == (50, 48, 2)
    assert (result["passed"], result["failed"]) == (46, 2)
    assert result["pass_rate"] == round(46 / 48, 6)
    assert result["enough_marked"] is False and result["pass"] is False  # fewer than 4,000 marked
    assert json.loads((scan_out / "manual_review.json").read_text())["marked"] == 48


def test_bad_marks_and_sheets(scan_out: Path) -> None:
    with pytest.raises(ReviewError, match="row 3"):
        import_review(scan_out, _mark(scan_out, ["合格", "maybe"]))
    with pytest.raises(ReviewError, match="manual_sample.jsonl"):
        import_review(scan_out / "nowhere", scan_out / "manual_sample.xlsx")
    with pytest.raises(ReviewError, match="cannot read"):
        import_review(scan_out, scan_out / "report.json")
