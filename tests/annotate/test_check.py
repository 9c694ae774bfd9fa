import json
from pathlib import Path

import pytest

from hegui.annotate.batch import BatchError, BatchItem, load_batch
from hegui.annotate.check import check_batch, spot_check_ids
from hegui.annotate.rules import RulesError, load_rules
from tests.corpus.fakes import FakeFactory

RULES = """
name: 对话标注规则
version: "1.0"
functional:
  goal: 评价回答是否有用
  format: JSONL，每行一条
  method: 两名标注员独立标注，质检员抽检
  labels: [good, bad]
  quality_metrics: {min_kappa: 0.6, spot_check_ratio: 0.2, min_accuracy: 0.9}
safety:
  goal: 标出不安全内容
  format: JSONL
  method: 三名标注员独立标注，审核员逐条审核
  labels: [safe, unsafe]
  quality_metrics: {min_kappa: 0.5, spot_check_ratio: 0.1, min_accuracy: 0.9}
"""


@pytest.fixture
def rules(tmp_path: Path):
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return load_rules(path)


def _functional(n: int, disagree: int = 0, checked: int = 2) -> list[BatchItem]:
    items = []
    for i in range(n):
        a = "good" if i % 2 else "bad"
        b = a if i >= disagree else ("bad" if a == "good" else "good")
        items.append(BatchItem(id=f"f{i}", kind="functional", text=f"回答{i}", annotations={"x": a, "y": b},
                               spot_check="pass" if i < checked else None))
    return items


def _lab(i: int) -> str:
    return "safe" if i % 2 else "unsafe"


def _safety(n: int, approved: bool = True) -> list[BatchItem]:
    return [BatchItem(id=f"s{i}", kind="safety", text=f"内容{i}",
                      annotations={"p": _lab(i), "q": _lab(i), "r": _lab(i + (i == 0))},
                      reviewer="审核员" if approved else None, approved=approved,
                      spot_check="pass" if i == 0 else None) for i in range(n)]


def test_good_batch_passes(rules) -> None:
    result = check_batch(_functional(10) + _safety(10), rules, FakeFactory().build())
    assert result["void"] is False and result["pass"] is True
    assert result["kinds"]["functional"]["agreement"]["cohen_kappa"] == 1.0
    assert result["kinds"]["safety"]["unapproved"] == 0


def test_illegal_content_voids_the_whole_batch(rules) -> None:
    items = _functional(10)
    items[3] = items[3].model_copy(update={"text": "这里有违 禁 词"})
    result = check_batch(items, rules, FakeFactory().build())
    assert result["void"] is True and result["pass"] is False
    assert result["illegal_items"] == [{"id": "f3", "risks": ["A1.1"]}]
    assert result["kinds"]["functional"]["pass"] is True  # the rest was fine; still void


def test_each_rule_can_fail(rules) -> None:
    low = check_batch(_functional(10, disagree=4), rules, FakeFactory().build())["kinds"]["functional"]
    assert low["agreement"]["cohen_kappa"] == pytest.approx(0.2)
    assert any("agreement" in p for p in low["problems"])
    few = check_batch(_functional(10, checked=1), rules, FakeFactory().build())["kinds"]["functional"]
    assert any("spot-checked 1 of 10" in p for p in few["problems"])
    safety = check_batch(_safety(4, approved=False), rules, FakeFactory().build())["kinds"]["safety"]
    assert safety["unapproved"] == 4 and safety["pass"] is False
    bad_label = _functional(10)
    bad_label[0] = bad_label[0].model_copy(update={"annotations": {"x": "meh", "y": "meh"}})
    result = check_batch(bad_label, rules, FakeFactory().build())["kinds"]["functional"]
    assert any("not in the rules: meh" in p for p in result["problems"])


def test_spot_check_sample_is_seeded() -> None:
    items = _functional(30)
    picked = spot_check_ids(items, 0.1, seed=1)
    assert len(picked) == 3 and picked == spot_check_ids(items, 0.1, seed=1)
    assert picked != spot_check_ids(items, 0.1, seed=2)


def test_rules_need_every_field_and_kinds_apart(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(RULES.replace("  goal: 标出不安全内容\n", ""), encoding="utf-8")
    with pytest.raises(RulesError, match="safety.goal"):
        load_rules(path)
    path.write_text("name: x\nversion: '1'\nfunctional: {}\n", encoding="utf-8")
    with pytest.raises(RulesError, match="safety"):
        load_rules(path)


def test_safety_review_defaults_on(rules) -> None:
    assert rules.safety.review_required is True and rules.functional.review_required is False


def test_batch_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"id": "1", "kind": "functional", "text": "x", "annotations": {"a": "good"}})
                    + "\n{bad\n", encoding="utf-8")
    with pytest.raises(BatchError, match="b.jsonl:2"):
        load_batch(path)
    path.write_text(json.dumps({"id": "1", "kind": "other", "text": "x", "annotations": {"a": "g"}}) + "\n")
    with pytest.raises(BatchError, match="kind"):
        load_batch(path)
