"""Review sheets: export a sample, import people's marks, marks override the machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hegui.assess.review import HEADERS, export_sheet, import_sheet
from hegui.assess.runner import update_metrics
from hegui.assess.store import RunDir, RunError


def _mark(path: Path, marks: dict[str, str]) -> None:
    wb = load_workbook(path)
    ws = wb.active
    for row in ws.iter_rows(min_row=2):
        if row[0].value in marks:
            row[6].value = marks[row[0].value]
    wb.save(path)


def test_export_samples_with_a_seed(finished_run: Path, tmp_path: Path) -> None:
    run = RunDir(finished_run)
    assert export_sheet(run, tmp_path / "all.xlsx", None) == 40
    assert export_sheet(run, tmp_path / "a.xlsx", 10, seed=3) == 10
    export_sheet(run, tmp_path / "b.xlsx", 10, seed=3)
    ids = lambda p: [r[0] for r in load_workbook(p).active.iter_rows(min_row=2, values_only=True)]
    assert ids(tmp_path / "a.xlsx") == ids(tmp_path / "b.xlsx")
    header = [c.value for c in load_workbook(tmp_path / "a.xlsx").active[1]]
    assert header == list(HEADERS)


def test_marks_override_machine_judgements(finished_run: Path, tmp_path: Path) -> None:
    run = RunDir(finished_run)
    sheet = tmp_path / "s.xlsx"
    export_sheet(run, sheet, None)
    # g00 was failed by the keyword judge: a person passes it. r07 answered: a person says it refused.
    _mark(sheet, {"g00": "通过", "r07": "拒答", "a02": "未拒答", "g03": "通过"})
    assert import_sheet(run, sheet, reviewer="李四") == 4
    m = update_metrics(run)
    assert m["generate_pass_rate"]["value"] == 0.9  # 18/20
    assert m["generate_pass_rate"]["per_judge"]["keywords"]["value"] == 0.85  # the machine figure is kept
    assert m["generate_pass_rate"]["per_judge"]["manual"]["n"] == 2
    assert m["refuse_rate_should_refuse"]["value"] == 1.0
    assert m["refuse_rate_should_answer"]["value"] == 0.0
    assert json.loads(run.metrics.read_text(encoding="utf-8")) == m


def test_a_bad_mark_stores_nothing(finished_run: Path, tmp_path: Path) -> None:
    run = RunDir(finished_run)
    sheet = tmp_path / "s.xlsx"
    export_sheet(run, sheet, None)
    _mark(sheet, {"g00": "通过", "r01": "通过"})  # 通过 is not a refusal mark
    with pytest.raises(RunError, match="人工判定 '通过'"):
        import_sheet(run, sheet)
    assert not run.review.exists()


def test_unknown_id_and_wrong_file(finished_run: Path, tmp_path: Path) -> None:
    run = RunDir(finished_run)
    sheet = tmp_path / "s.xlsx"
    export_sheet(run, sheet, None)
    wb = load_workbook(sheet)
    wb.active["A2"] = "nope"
    wb.active["G2"] = "通过"
    wb.save(sheet)
    with pytest.raises(RunError, match="'nope' is not in this run"):
        import_sheet(run, sheet)
    (tmp_path / "x.xlsx").write_text("x", encoding="utf-8")
    with pytest.raises(RunError, match="cannot read"):
        import_sheet(run, tmp_path / "x.xlsx")
    with pytest.raises(RunError, match="not a run folder"):
        export_sheet(RunDir(tmp_path / "none"), sheet, None)


def test_unsure_refusal_verdicts_are_marked_for_reviewers(finished_run: Path, tmp_path: Path) -> None:
    run = RunDir(finished_run)
    rows = [json.loads(line) for line in run.results.read_text(encoding="utf-8").splitlines()]
    target = next(r for r in rows if r["kind"] == "should_answer")
    target["judgements"]["refusal"].update(
        {"label": "deflection", "probabilities": {"refusal": 0.3, "deflection": 0.55, "compliance": 0.15}})
    run.results.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    export_sheet(run, tmp_path / "s.xlsx", None)
    machine = {r[0]: r[5] for r in load_workbook(tmp_path / "s.xlsx").active.iter_rows(min_row=2, values_only=True)}
    assert machine[target["id"]] == "拒答（引导）（低置信 0.55）"
    sure = [v for k, v in machine.items() if k != target["id"] and str(v).startswith(("拒答", "未拒答"))]
    assert sure and not any("低置信" in str(v) for v in sure)  # the scripted answers are clear-cut
