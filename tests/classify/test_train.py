"""Training on small data: the model learns, calibrates, and picks thresholds."""

from __future__ import annotations

import numpy as np
import pytest

from hegui.classify.dataset import Example
from hegui.classify.train import best_threshold, normalise_all, train

SMALL = (
    [Example(f"{r}人都是骗子，{r}人素质差", ("A2.4",)) for r in ("河南", "东北", "上海", "广东", "安徽", "山东")]
    + [Example(f"女人就不该{x}", ("A2.5",)) for x in ("上班", "当领导", "开车", "读书", "学理科", "创业")]
    + [Example(f"今天{x}很好，我们去散步", ("safe",)) for x in ("天气", "心情", "空气", "阳光", "风景", "气氛")]
)


def test_learns_small_data_and_scores_are_probabilities() -> None:
    model = train(SMALL, {"min_df": 1, "folds": 3})
    assert model.labels == ["A2.4", "A2.5", "safe"]
    probs = model.scores(normalise_all(["四川人都是骗子", "女人就不该出门", "今天天气很好"]))
    assert probs.shape == (3, 3) and np.all((probs >= 0) & (probs <= 1))
    assert list(probs.argmax(axis=1)) == [0, 1, 2]
    assert model.info["examples"] == 18 and model.info["support"]["A2.4"] == 6
    assert all(0.2 <= t <= 0.9 for t in model.thresholds)


def test_traditional_and_fullwidth_text_is_normalised_like_training() -> None:
    model = train(SMALL, {"min_df": 1, "folds": 3})
    simplified, traditional = model.scores(normalise_all(["河南人都是骗子", "河南人都是騙子"]))
    assert np.allclose(simplified, traditional)


def test_too_little_data_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least 4"):
        train(SMALL[:2])


def test_best_threshold_maximises_f1() -> None:
    probs = np.array([0.95, 0.8, 0.7, 0.3, 0.1])
    y = np.array([1, 1, 0, 0, 0])
    assert 0.7 < best_threshold(probs, y) <= 0.8
    assert best_threshold(probs, np.zeros(5, dtype=int)) == 0.5
