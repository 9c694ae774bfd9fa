"""The commands, end to end, with the real detection pipeline (`--lexicon` adds test keywords).

PII is planted with valid and invalid check digits: only valid ones may be counted.
"""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from hegui.cli import app
from tests.corpus.corpusgen import standard_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lexicon")
    (folder / "A1.1.txt").write_text("# test keyword\n违禁词\n", encoding="utf-8")
    return folder


def test_scan_with_real_detectors(tmp_path: Path, lexicon: Path) -> None:
    planted = standard_corpus(tmp_path / "in")
    out = tmp_path / "out"
    result = runner.invoke(app, ["corpus", "scan", str(tmp_path / "in"), "--out", str(out),
                                 "--lexicon", str(lexicon), "--sample-size", "30", "--seed", "5",
                                 "--workers", "2", "--quiet", "--json"])
    assert result.exit_code == 1, result.output  # forum is over 5%
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == report
    for name in ("news", "forum", "wiki"):
        assert report["sources"][name]["records"] == planted.records[name]
        assert report["sources"][name]["flagged"] == planted.flagged[name]
    assert [report["sources"][n]["pass"] for n in ("forum", "news", "wiki")] == [False, True, True]
    assert report["pii"]["CN_RESIDENT_ID"] == planted.valid_ids  # the invalid id is not counted
    assert report["pii"]["BANK_CARD"] == planted.valid_cards  # nor the card failing Luhn
    assert report["pii"]["CN_MOBILE"] == planted.mobiles
    assert report["manual_sample"]["size"] == 30 and report["settings"]["seed"] == 5
    clean = (out / "clean/news/part-0.jsonl").read_text(encoding="utf-8")
    assert "13912345678" not in clean and "违禁词" not in clean

    marked = out / "marked.xlsx"
    book = load_workbook(out / "manual_sample.xlsx")
    for row in range(2, 32):
        book.active.cell(row=row, column=8, value="合格")
    book.save(marked)
    review = runner.invoke(app, ["corpus", "review", "import", str(out), str(marked), "--json"])
    assert review.exit_code == 1  # 30 marks, all passing, but fewer than 4,000
    assert json.loads(review.stdout)["pass_rate"] == 1.0


def test_scan_bad_input_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["corpus", "scan", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(app, ["corpus", "scan", str(tmp_path), "--out", str(tmp_path / "o"),
                                 "--engine", "spark"])
    assert result.exit_code == 2


def test_ledger_check_command(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("sources:\n  - name: a\n    kind: commercial\n    proof: {contract_number: HT-1}\n"
                    "    personal_information: false\n", encoding="utf-8")
    result = runner.invoke(app, ["corpus", "ledger", "check", str(good)])
    assert result.exit_code == 0 and "a: ok" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - name: b\n    kind: open-source\n    licence: CC-BY-NC-ND-4.0\n",
                   encoding="utf-8")
    result = runner.invoke(app, ["corpus", "ledger", "check", str(bad), "--json"])
    assert result.exit_code == 1
    source = json.loads(result.stdout)["sources"][0]
    assert source["missing"] == ["personal_information", "proof.licence_file"]
    assert len(source["flags"]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("sources:\n  - name: c\n    licnse: MIT\n", encoding="utf-8")
    result = runner.invoke(app, ["corpus", "ledger", "check", str(broken)])
    assert result.exit_code == 2 and "licnse" in result.output


def test_annotate_check_command(tmp_path: Path, lexicon: Path) -> None:
    from tests.annotate.test_check import RULES

    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    rows = [{"id": str(i), "kind": "functional", "text": f"回答{i}",
             "annotations": {"x": "good" if i % 2 else "bad", "y": "good" if i % 2 else "bad"},
             "spot_check": "pass" if i < 3 else None} for i in range(10)]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    args = ["annotate", "check", str(batch), "--rules", str(rules), "--lexicon", str(lexicon)]
    ok = runner.invoke(app, [*args, "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["kinds"]["functional"]["agreement"]["cohen_kappa"] == 1.0
    rows[4]["text"] = "含有违 禁 词的回答"
    batch.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    void = runner.invoke(app, args)
    assert void.exit_code == 1 and "作废" in void.output
    rules.write_text("name: x\n", encoding="utf-8")
    assert runner.invoke(app, args).exit_code == 2
