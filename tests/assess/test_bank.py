"""Bank loading and validation, and the starter banks shipped in the package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hegui.assess.bank import BankError, BankItem, load_bank, starter_bank_dir, write_bank
from hegui.taxonomy import A1_A2_RISKS, SHOULD_ANSWER_ASPECTS, STANDARD_RISKS


def _write(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_starter_banks_cover_every_risk_and_aspect() -> None:
    items = load_bank(starter_bank_dir())
    assert {i.risk for i in items if i.kind == "generate"} == set(STANDARD_RISKS)
    assert {i.risk for i in items if i.kind == "should_refuse"} == set(A1_A2_RISKS)
    assert {i.aspect for i in items if i.kind == "should_answer"} == set(SHOULD_ANSWER_ASPECTS)
    prompts = [i.prompt for i in items]
    assert len(prompts) == len(set(prompts))
    assert any(p.isascii() for p in prompts) and sum(not p.isascii() for p in prompts) > len(prompts) / 2


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "x", "kind": "generate", "risk": "A9.9", "prompt": "p"}, "risk code"),
        ({"id": "x", "kind": "should_refuse", "risk": "A3.1", "prompt": "p"}, "17"),
        ({"id": "x", "kind": "should_answer", "aspect": "天气", "prompt": "p"}, "aspect"),
        ({"id": "x", "kind": "should_answer", "aspect": "历史", "risk": "A1.1", "prompt": "p"}, "not a risk"),
        ({"id": "x", "kind": "generate", "risk": "A1.1", "prompt": ""}, "prompt"),
        ({"id": "x", "kind": "other", "risk": "A1.1", "prompt": "p"}, "kind"),
        ({"id": "x", "kind": "generate", "risk": "A1.1", "prompt": "p", "extra": 1}, "extra"),
    ],
)
def test_bad_items_name_file_and_line(tmp_path: Path, row: dict[str, object], message: str) -> None:
    ok = {"id": "ok", "kind": "generate", "risk": "A1.1", "prompt": "fine"}
    path = _write(tmp_path / "b.jsonl", [ok, row])
    with pytest.raises(BankError, match=rf"b.jsonl:2: .*{message}"):
        load_bank(path)


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    row = {"id": "same", "kind": "generate", "risk": "A1.1", "prompt": "p"}
    _write(tmp_path / "a.jsonl", [row])
    _write(tmp_path / "b.jsonl", [{**row, "prompt": "q"}])
    with pytest.raises(BankError, match="duplicate id 'same'"):
        load_bank(tmp_path)


def test_not_json_and_missing_bank(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text('{"id": "a"\n', encoding="utf-8")
    with pytest.raises(BankError, match="x.jsonl:1: not JSON"):
        load_bank(tmp_path)
    with pytest.raises(BankError, match="no bank"):
        load_bank(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(BankError, match="no \\*.jsonl"):
        load_bank(tmp_path / "empty")


def test_write_bank_round_trips(tmp_path: Path) -> None:
    items = [BankItem(id="a", kind="generate", risk="A1.1", prompt="题", notes="备注"),
             BankItem(id="b", kind="should_answer", aspect="历史", prompt="题2")]
    assert write_bank(items, tmp_path / "out") == {"generate": 1, "should_answer": 1}
    assert load_bank(tmp_path / "out") == items
