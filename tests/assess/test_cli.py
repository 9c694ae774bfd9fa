"""The commands end to end: `hegui assess …` and `hegui filing pack`."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from hegui.assess.scripted import ScriptedEndpoint
from hegui.cli import app

from .test_report import EXAMPLE

runner = CliRunner()


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_bank_stats_json_on_the_starter_bank() -> None:
    from hegui.assess.bank import starter_bank_dir

    stats = json.loads(_ok(["assess", "bank", "stats", str(starter_bank_dir()), "--json"]))
    assert stats["meets_tc260"] is True and stats["coverage"]["generate"] == [31, 31]
    req = {r["key"]: r for r in stats["requirements"]}
    assert req["generate.A1.1"]["required"] == 50 and req["generate.A3.1"]["required"] == 20
    assert req["should_refuse.total"]["required"] == 500 and req["should_answer.历史"]["required"] == 20


def test_bank_export_import_round_trip(tmp_path: Path, bank_and_script: tuple[Path, dict[str, str]]) -> None:
    bank = bank_and_script[0]
    _ok(["assess", "bank", "export", str(bank), "-o", str(tmp_path / "b.xlsx")])
    out = json.loads(_ok(["assess", "bank", "import", str(tmp_path / "b.xlsx"), "-o", str(tmp_path / "again")]))
    assert out == {"imported": 40, "by_kind": {"generate": 20, "should_refuse": 10, "should_answer": 10}}


def test_run_with_a_test_lexicon_then_review_report_compare_and_pack(
        tmp_path: Path, bank_and_script: tuple[Path, dict[str, str]], keyword_dir: Path) -> None:
    bank, script = bank_and_script
    run = tmp_path / "run"
    with ScriptedEndpoint(script) as ep:
        summary = json.loads(_ok(["assess", "run", "--endpoint", ep.url, "--model", "m1", "--bank", str(bank),
                                  "--out", str(run), "--concurrency", "8", "--lexicon", str(keyword_dir),
                                  "--no-progress"]))
    assert summary["answered"] == 40 and summary["failed"] == 0
    m = json.loads((run / "metrics.json").read_text(encoding="utf-8"))
    assert m["generate_pass_rate"]["per_judge"]["keywords"]["value"] == 0.85
    assert m["generate_pass_rate"]["value"] == 0.85
    assert (m["refuse_rate_should_refuse"]["value"], m["refuse_rate_should_answer"]["value"]) == (0.9, 0.1)

    sheet = tmp_path / "sheet.xlsx"
    _ok(["assess", "review", "export", str(run), "--sample", "1000", "-o", str(sheet)])
    wb = load_workbook(sheet)
    for row in wb.active.iter_rows(min_row=2):
        if row[0].value == "g00":
            row[6].value = "通过"
    wb.save(sheet)
    assert json.loads(_ok(["assess", "review", "import", str(run), str(sheet)])) == {"imported": 1}
    m = json.loads((run / "metrics.json").read_text(encoding="utf-8"))
    assert m["generate_pass_rate"]["value"] == 0.9

    for fmt in ("md", "html", "pdf"):
        _ok(["assess", "report", str(run), "--format", fmt, "-o", str(tmp_path / f"r.{fmt}"), "--profile", str(EXAMPLE)])
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "生成内容合格率" in (tmp_path / "r.md").read_text(encoding="utf-8")
    _ok(["assess", "report", str(run), "--format", "md", "--lang", "en", "-o", str(tmp_path / "en.md")])
    assert "Generated content pass rate" in (tmp_path / "en.md").read_text(encoding="utf-8")

    diff = json.loads(_ok(["assess", "compare", str(run), str(run), "--json"]))
    assert diff["improved"] == [] and diff["regressed"] == []

    profile = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    profile.update({"run": str(run), "bank": str(bank), "lexicon_dirs": [str(keyword_dir)]})
    (tmp_path / "service.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    manifest = json.loads(_ok(["filing", "pack", "--profile", str(tmp_path / "service.yaml"), "-o", str(tmp_path / "pack")]))
    assert "测试题库.xlsx" in manifest["files"] and "安全评估报告.pdf" in manifest["files"]
    keywords = load_workbook(tmp_path / "pack" / "关键词库.xlsx").worksheets[0]
    assert "禁词甲乙" in {row[1] for row in keywords.iter_rows(min_row=2, values_only=True)}


def test_bad_input_exits_2_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "b.jsonl").write_text('{"id": "x", "kind": "generate", "risk": "Q", "prompt": "p"}\n',
                                              encoding="utf-8")
    result = runner.invoke(app, ["assess", "bank", "stats", str(tmp_path / "bad")])
    assert result.exit_code == 2 and "b.jsonl:1" in result.output
    result = runner.invoke(app, ["assess", "report", str(tmp_path), "-o", str(tmp_path / "x.md"), "--format", "md"])
    assert result.exit_code == 2 and "not a run folder" in result.output
    result = runner.invoke(app, ["assess", "report", str(tmp_path), "-o", str(tmp_path / "x.doc"), "--format", "doc"])
    assert result.exit_code == 2 and "--format" in result.output
    (tmp_path / "p.yaml").write_text("provider: {}\n", encoding="utf-8")
    result = runner.invoke(app, ["filing", "pack", "--profile", str(tmp_path / "p.yaml"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "provider.name" in result.output


def test_judge_train_eval_and_a_run_judged_by_the_trained_model(
        tmp_path: Path, bank_and_script: tuple[Path, dict[str, str]]) -> None:
    from hegui.assess.refusal_model import read_answers, shipped_answers

    rows = read_answers([shipped_answers()])
    picked = [r for label in ("refusal", "deflection", "compliance") for r in [x for x in rows if x.label == label][:60]]
    data = tmp_path / "mine.jsonl"
    data.write_text("".join(json.dumps({"answer": r.answer, "label": r.label}, ensure_ascii=False) + "\n"
                            for r in picked), encoding="utf-8")
    info = json.loads(_ok(["assess", "judge", "train", "--data", str(data), "-o", str(tmp_path / "model"), "--C", "10"]))
    assert info["examples"] == 180 and (tmp_path / "model" / "weights.npz").is_file()
    report = json.loads(_ok(["assess", "judge", "eval", "--data", str(data), "--model", str(tmp_path / "model")]))
    assert report["n"] == 180 and report["accuracy"] >= 0.95 and report["judge"] == "refusal_model"
    assert sum(sum(row.values()) for row in report["confusion"].values()) == 180
    rules = json.loads(_ok(["assess", "judge", "eval", "--data", str(data), "--rules-only"]))
    assert rules["judge"] == "refusal_rules" and rules["n"] == 180

    bank, script = bank_and_script
    with ScriptedEndpoint(script) as ep:
        _ok(["assess", "run", "--endpoint", ep.url, "--model", "m1", "--bank", str(bank), "--out", str(tmp_path / "run"),
             "--refusal-model", str(tmp_path / "model"), "--no-progress"])
    run_json = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))
    assert run_json["refusal_judge"] == "model" and run_json["refusal_model"]["examples"] == 180
    first = json.loads((tmp_path / "run" / "results.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["judgements"]["refusal"]["by"] == "model"


def test_judge_commands_reject_bad_data_and_models(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"answer": "好", "label": "ok"}\n', encoding="utf-8")
    result = runner.invoke(app, ["assess", "judge", "train", "--data", str(tmp_path / "bad.jsonl"), "-o", str(tmp_path / "m")])
    assert result.exit_code == 2 and "bad.jsonl:1" in result.output and not (tmp_path / "m").exists()
    (tmp_path / "one.jsonl").write_text('{"answer": "不行。", "label": "refusal"}\n', encoding="utf-8")
    result = runner.invoke(app, ["assess", "judge", "train", "--data", str(tmp_path / "one.jsonl"), "-o", str(tmp_path / "m")])
    assert result.exit_code == 2 and "every label" in result.output
    from hegui.classify.local_classifier import starter_model_dir

    result = runner.invoke(app, ["assess", "judge", "eval", "--data", str(tmp_path / "one.jsonl"),
                                 "--model", str(starter_model_dir())])
    assert result.exit_code == 2 and "not a refusal model" in result.output


def test_judge_train_adds_the_shipped_answers_on_request(tmp_path: Path) -> None:
    from hegui.assess.refusal_model import read_answers, shipped_answers

    shipped = len(read_answers([shipped_answers()]))
    (tmp_path / "mine.jsonl").write_text('{"answer": "本店不提供该服务。", "label": "refusal"}\n', encoding="utf-8")
    info = json.loads(_ok(["assess", "judge", "train", "--data", str(tmp_path / "mine.jsonl"), "--add-shipped",
                           "-o", str(tmp_path / "m")]))
    assert info["examples"] == shipped + 1
