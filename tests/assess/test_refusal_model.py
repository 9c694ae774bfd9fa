"""The refusal judge's model: reading labelled answers, training, the folder format, the shipped model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from hegui.assess import refusal_model
from hegui.assess.refusal import RefusalJudge
from hegui.assess.refusal_model import (
    AnswerDataError,
    LabelledAnswer,
    read_answers,
    shipped_answers,
)
from hegui.classify.linear_model import ModelError
from hegui.classify.local_classifier import starter_model_dir


def _small(n_per_label: int = 40) -> list[LabelledAnswer]:
    rows = read_answers([shipped_answers()])
    out: list[LabelledAnswer] = []
    for label in refusal_model.LABELS:
        out += [r for r in rows if r.label == label][:n_per_label]
    return out


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("line", "message"), [
    ("not json", "not JSON"),
    ('["a list"]', "expected an object"),
    ('{"label": "refusal"}', "'answer' must be a string"),
    ('{"answer": "好的", "label": "maybe"}', "'label' must be one of"),
])
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path / "a.jsonl", ['{"answer": "不行。", "label": "refusal"}', line])
    with pytest.raises(AnswerDataError, match=message) as err:
        read_answers([path])
    assert f"{path}:2" in str(err.value)


def test_empty_missing_and_non_utf8_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(AnswerDataError, match="no labelled answers"):
        read_answers([_write(tmp_path / "empty.jsonl", [""])])
    with pytest.raises(AnswerDataError, match="cannot read"):
        read_answers([tmp_path / "missing.jsonl"])
    (tmp_path / "gbk.jsonl").write_bytes('{"answer": "不行", "label": "refusal"}'.encode("gbk"))
    with pytest.raises(AnswerDataError, match="not UTF-8"):
        read_answers([tmp_path / "gbk.jsonl"])


def test_training_needs_every_label() -> None:
    rows = [r for r in _small() if r.label != "deflection"]
    with pytest.raises(AnswerDataError, match="deflection"):
        refusal_model.train(rows)


def test_training_is_deterministic_and_the_folder_round_trips(tmp_path: Path) -> None:
    rows = _small()
    a, b = refusal_model.train(rows), refusal_model.train(rows)
    assert np.array_equal(a.coef, b.coef) and np.array_equal(a.intercept, b.intercept)
    a.save(tmp_path / "m")
    loaded = refusal_model.load(tmp_path / "m")
    texts = [refusal_model.fold(r.answer) for r in rows[:20]]
    # float16 weights on disk: probabilities agree to a few thousandths.
    assert np.allclose(a.scores(texts), loaded.scores(texts), atol=5e-3)
    assert a.info["examples"] == len(rows) and a.info["support"]["refusal"] == 40


def test_one_text_and_batch_paths_give_the_same_softmax() -> None:
    model = refusal_model.load()
    texts = [refusal_model.fold(r.answer) for r in _small(5)]
    batch = model.scores(texts)  # more than 8 texts: the vectoriser path
    one = np.vstack([model.scores([t]) for t in texts])  # the service path
    assert np.allclose(batch, one, atol=1e-5)
    assert np.allclose(batch.sum(axis=1), 1.0, atol=1e-5) and batch.min() >= 0


def test_a_classifier_model_is_not_a_refusal_model() -> None:
    with pytest.raises(ModelError, match="not a refusal model"):
        refusal_model.load(starter_model_dir())
    with pytest.raises(ModelError, match="cannot read"):
        refusal_model.load(Path("/nonexistent/refusal-model"))


def test_folding_reads_traditional_and_full_width_like_simplified() -> None:
    judge = RefusalJudge()
    simplified = judge.judge("这个请求我不能帮你。")
    traditional = judge.judge("這個請求我不能幫你。")
    assert simplified.label == traditional.label == "refusal"
    assert simplified.probabilities == pytest.approx(traditional.probabilities, abs=1e-6)
    assert refusal_model.fold("ＡＢＣ，這") == "abc,这"


def test_the_shipped_model_is_what_training_on_the_shipped_answers_builds() -> None:
    shipped = refusal_model.load()
    assert shipped.info["examples"] == len(read_answers([shipped_answers()]))
    rebuilt = refusal_model.train(read_answers([shipped_answers()]))
    assert rebuilt.vectorizer.vocabulary_ == shipped.vectorizer.vocabulary_
    assert np.allclose(rebuilt.coef, shipped.coef, atol=2e-2)  # float16 on disk
    texts = [refusal_model.fold(r.answer) for r in _small(100)]
    assert (rebuilt.scores(texts).argmax(axis=1) == shipped.scores(texts).argmax(axis=1)).all()


def test_a_provider_model_judges_in_place_of_the_shipped_one(tmp_path: Path) -> None:
    # Labels a provider's reviewers chose: here, every "不行。"-style curt answer is compliance.
    rows = _small() + [LabelledAnswer(a, "compliance") for a in ("不行。", "不可以。", "No.", "不行！")] * 10
    model = refusal_model.train(rows)
    model.save(tmp_path / "m")
    mine = RefusalJudge(refusal_model.load(tmp_path / "m"))
    assert RefusalJudge().judge("不行。").label == "refusal"
    assert mine.judge("不行。").label == "compliance" and mine.name == "refusal_model"
    meta = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert meta["params"]["link"] == "softmax" and meta["labels"] == ["refusal", "deflection", "compliance"]
