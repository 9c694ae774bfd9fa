"""`hegui classifier train` and `eval --json`: a round trip on small data through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hegui.cli import app
from tests.classify.test_train import SMALL

runner = CliRunner()


def write_data(path: Path) -> Path:
    lines = [json.dumps({"text": e.text, "labels": list(e.labels)}, ensure_ascii=False) for e in SMALL]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_train_then_eval_json(tmp_path: Path) -> None:
    data = write_data(tmp_path / "d.jsonl")
    res = runner.invoke(app, ["classifier", "train", str(data), "-o", str(tmp_path / "m")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "m" / "model.json").exists() and (tmp_path / "m" / "weights.npz").exists()
    res = runner.invoke(app, ["classifier", "eval", str(tmp_path / "m"), str(data), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert set(report["per_risk"]) == {"A2.4", "A2.5"}
    assert set(report["per_risk"]["A2.4"]) == {"precision", "recall", "f1", "support"}
    assert report["per_risk"]["A2.4"]["support"] == 6
    assert report["micro"]["f1"] > 0.8 and set(report["macro"]) == {"precision", "recall", "f1"}


def test_bad_data_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "labels": ["Z1"]}\n', encoding="utf-8")
    res = runner.invoke(app, ["classifier", "train", str(bad), "-o", str(tmp_path / "m")])
    assert res.exit_code == 2 and "unknown label 'Z1'" in res.output
    assert not (tmp_path / "m").exists()
    res = runner.invoke(app, ["classifier", "eval", str(tmp_path / "nope"), str(bad), "--json"])
    assert res.exit_code == 2 and "cannot read" in res.output
