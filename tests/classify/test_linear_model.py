"""Saving and loading the linear model: no pickle, versioned, bad folders are errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from hegui.classify.linear_model import LinearModel, ModelError
from hegui.classify.train import normalise_all, train
from tests.classify.test_train import SMALL


def test_round_trip_keeps_predictions(tmp_path: Path) -> None:
    model = train(SMALL, {"min_df": 1, "folds": 3})
    model.save(tmp_path / "m")
    loaded = LinearModel.load(tmp_path / "m")
    texts = normalise_all(["安徽人都是骗子", "女人就不该上班", "阳光很好"])
    assert loaded.labels == model.labels
    assert np.allclose(loaded.scores(texts), model.scores(texts), atol=0.02)  # float16 weights
    assert loaded.predict(texts) == model.predict(texts)
    with zipfile.ZipFile(tmp_path / "m" / "weights.npz") as z:  # plain arrays, no pickled objects
        assert sorted(z.namelist()) == ["coef.npy", "idf.npy", "intercept.npy"]


def test_wrong_version_and_broken_files_are_errors(tmp_path: Path) -> None:
    model = train(SMALL, {"min_df": 1, "folds": 3})
    model.save(tmp_path / "m")
    meta_path = tmp_path / "m" / "model.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta_path.write_text(json.dumps({**meta, "version": 99}), encoding="utf-8")
    with pytest.raises(ModelError, match="version 99"):
        LinearModel.load(tmp_path / "m")
    meta_path.write_text(json.dumps({**meta, "labels": meta["labels"][:1]}), encoding="utf-8")
    with pytest.raises(ModelError, match="do not match"):
        LinearModel.load(tmp_path / "m")
    meta_path.write_text("{", encoding="utf-8")
    with pytest.raises(ModelError, match="not JSON"):
        LinearModel.load(tmp_path / "m")
    with pytest.raises(ModelError, match="cannot read"):
        LinearModel.load(tmp_path / "none")


def test_single_text_fast_path_matches_the_vectoriser() -> None:
    model = train(SMALL, {"min_df": 1, "folds": 3})
    texts = normalise_all([e.text for e in SMALL]) + ["", "  多个   空白\t\t字符 ", "完全没见过的字"]
    batch = model.scores(texts)  # more than 8 texts: scikit-learn's vectoriser
    one_by_one = np.vstack([model.scores([t]) for t in texts])  # the service path
    assert batch.shape == one_by_one.shape == (len(texts), 3)
    assert np.allclose(batch, one_by_one, atol=1e-5)
