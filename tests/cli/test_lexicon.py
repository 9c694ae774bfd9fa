"""`hegui lexicon stats` and `hegui lexicon export`: the JSON and the filing spreadsheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from hegui.cli import app
from hegui.detect.lexicon_xlsx import KEYWORD_HEADERS
from hegui.taxonomy import A1_A2_RISKS

runner = CliRunner()


def _grow(folder: Path, a1: int, a2: int) -> None:
    """A user library with `a1` keywords per A1 risk and `a2` per A2 risk (made-up words)."""
    folder.mkdir(parents=True, exist_ok=True)
    for code in A1_A2_RISKS:
        n = a1 if code.startswith("A1") else a2
        words = [f"测试词{code}号{i:05d}" for i in range(n)]
        (folder / f"{code}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")


def _stats(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["lexicon", "stats", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_stats_of_the_builtin_library() -> None:
    data = _stats()
    risks = data["risks"]
    assert isinstance(risks, list)
    assert [r["code"] for r in risks] == list(A1_A2_RISKS)
    assert all(r["count"] > 0 and r["count"] == r["builtin"] for r in risks)
    assert {r["required"] for r in risks if r["code"].startswith("A1")} == {200}
    assert {r["required"] for r in risks if r["code"].startswith("A2")} == {100}
    assert data["total"] == sum(r["count"] for r in risks)
    assert data["meets_tc260"] is False  # a starter library, not a full one
    assert data["tc260"]["total_meets"] is False  # type: ignore[index]


def test_stats_with_a_user_library_that_meets_tc260(tmp_path: Path) -> None:
    _grow(tmp_path / "lex", a1=700, a2=600)  # 8×700 + 9×600 = 11,000 + the starter library
    data = _stats("--lexicon", str(tmp_path / "lex"))
    assert data["meets_tc260"] is True
    assert data["tc260"] == {  # type: ignore[comparison-overlap]
        "total_required": 10000, "total_meets": True, "per_risk_meets": True, "missing": [], "meets": True,
    }
    a11 = data["risks"][0]  # type: ignore[index]
    assert a11["user"] == 700 and a11["count"] == 700 + a11["builtin"]


def test_stats_names_the_risks_that_fall_short(tmp_path: Path) -> None:
    _grow(tmp_path / "lex", a1=700, a2=600)
    (tmp_path / "lex" / "A2.6.txt").write_text("只有一个年龄词\n", encoding="utf-8")
    data = _stats("--lexicon", str(tmp_path / "lex"))
    assert data["meets_tc260"] is False
    assert data["tc260"]["missing"] == ["A2.6"]  # type: ignore[index]
    assert data["tc260"]["total_meets"] is True  # type: ignore[index]


def test_stats_human_readable() -> None:
    result = runner.invoke(app, ["lexicon", "stats"])
    assert result.exit_code == 0
    assert "A1.4" in result.stdout and "不符合" in result.stdout


def test_bad_lexicon_exits_2_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "A1.4.txt").write_text("词一\n词二\tban\n", encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "stats", "--lexicon", str(tmp_path)])
    assert result.exit_code == 2
    assert "A1.4.txt:2" in result.stderr and "ban" in result.stderr


def test_export_writes_the_filing_spreadsheet(tmp_path: Path) -> None:
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "A1.4.txt").write_text("用户自加词\n用户复核词\treview\n", encoding="utf-8")
    out = tmp_path / "keywords.xlsx"
    result = runner.invoke(app, ["lexicon", "export", "--xlsx", str(out), "--lexicon", str(lex)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["关键词", "汇总"]
    rows = list(wb["关键词"].iter_rows(values_only=True))
    assert rows[0] == KEYWORD_HEADERS
    stats = _stats("--lexicon", str(lex))
    assert len(rows) - 1 == stats["total"]
    assert [r[0] for r in rows[1:]] == list(range(1, len(rows)))
    by_keyword = {r[1]: r for r in rows[1:]}
    assert by_keyword["用户自加词"][2:5] == ("A1.4", "宣扬恐怖主义、极端主义", "拦截 refuse")
    assert by_keyword["用户复核词"][4] == "人工复核 review"
    assert str(lex) in by_keyword["用户自加词"][5]
    assert by_keyword["推翻共产党"][5] == "内置 builtin"
    summary = list(wb["汇总"].iter_rows(values_only=True))
    a14 = next(r for r in summary if r and r[0] == "A1.4")
    assert a14[2] == stats["counts"]["A1.4"] and a14[3] == 200 and a14[4] == "不符合"  # type: ignore[index]
    verdict = next(r for r in summary if r and r[0] == "结论")
    assert verdict[4] == "不符合"
    wb.close()


def test_export_honours_the_policy_in_the_config(tmp_path: Path) -> None:
    config = tmp_path / "hegui.yaml"
    config.write_text("policy:\n  actions:\n    A1.4: review\n", encoding="utf-8")
    out = tmp_path / "k.xlsx"
    result = runner.invoke(app, ["lexicon", "export", "--xlsx", str(out), "--config", str(config)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out, read_only=True)
    actions = {r[4] for r in wb["关键词"].iter_rows(min_row=2, values_only=True) if r[2] == "A1.4"}
    wb.close()
    assert actions == {"人工复核 review"}


@pytest.mark.parametrize("name", ["k.csv", "missing-dir/k.xlsx"])
def test_export_refuses_a_bad_target(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["lexicon", "export", "--xlsx", str(tmp_path / name)])
    assert result.exit_code == 2
    assert not (tmp_path / name).exists()
