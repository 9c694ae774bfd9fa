"""Training the default classifier: TF-IDF character n-grams + one logistic regression per label.

Scores are calibrated with Platt scaling fitted on out-of-fold decision values (k-fold cross
validation on the training data), and each label's threshold is the one that maximises F1 on
those same out-of-fold probabilities: the validation data never saw the weights it judges.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from hegui.classify.dataset import Example
from hegui.classify.linear_model import LinearModel, make_vectorizer
from hegui.text.normalize import Normalizer, default_normalizer

DEFAULT_PARAMS: dict[str, Any] = {
    "ngram_min": 1,
    "ngram_max": 2,
    "sublinear_tf": True,
    "min_df": 1,
    "max_features": 40000,
    "C": 8.0,
    "folds": 4,
}


def normalise_all(texts: Sequence[str], normalizer: Normalizer | None = None) -> list[str]:
    norm = normalizer or default_normalizer()
    return [norm.normalize(t).text for t in texts]


def label_matrix(examples: Sequence[Example], labels: Sequence[str]) -> np.ndarray:
    index = {label: j for j, label in enumerate(labels)}
    y = np.zeros((len(examples), len(labels)), dtype=np.int8)
    for i, ex in enumerate(examples):
        for label in ex.labels:
            y[i, index[label]] = 1
    return y


def _fit_label(x: Any, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    if y.min() == y.max():  # one class only: a constant model
        return np.zeros(x.shape[1], dtype=np.float32), 8.0 if y[0] else -8.0
    lr = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=200)
    lr.fit(x, y)
    return lr.coef_[0].astype(np.float32), float(lr.intercept_[0])


def _out_of_fold(texts: list[str], y: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    """Decision values of each text from models that did not train on it."""
    folds = min(int(params["folds"]), len(texts))
    out = np.zeros(y.shape, dtype=np.float64)
    for train_idx, test_idx in KFold(folds, shuffle=True, random_state=0).split(texts):
        vec = make_vectorizer(params)
        xt = vec.fit_transform([texts[i] for i in train_idx])
        xv = vec.transform([texts[i] for i in test_idx])
        for j in range(y.shape[1]):
            w, b = _fit_label(xt, y[train_idx, j], float(params["C"]))
            out[test_idx, j] = xv @ w + b
    return out


def _platt(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling with Platt's smoothed targets (N+ + 1)/(N+ + 2) and 1/(N- + 2), so that
    small, well-separated data does not yield probabilities of exactly 0 or 1."""
    if y.min() == y.max():
        return 1.0, 0.0
    pos, neg = int(y.sum()), int(len(y) - y.sum())
    target = np.where(y == 1, (pos + 1) / (pos + 2), 1 / (neg + 2))
    x = np.concatenate([decision, decision]).reshape(-1, 1)
    labels = np.concatenate([np.ones(len(y)), np.zeros(len(y))])
    weights = np.concatenate([target, 1 - target])
    lr = LogisticRegression(C=1e4, solver="lbfgs")
    lr.fit(x, labels, sample_weight=weights)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


def best_threshold(probs: np.ndarray, y: np.ndarray) -> float:
    """The threshold in [0.2, 0.9] with the best F1 on (probs, y); 0.5 without positives."""
    if y.sum() == 0:
        return 0.5
    best_t, best_f1 = 0.5, -1.0
    for t in np.arange(0.2, 0.901, 0.025):
        pred = probs >= t
        tp = float(np.sum(pred & (y == 1)))
        f1 = 2 * tp / (pred.sum() + y.sum()) if pred.sum() + y.sum() else 0.0
        if f1 > best_f1 + 1e-12:
            best_t, best_f1 = float(t), f1
    return best_t


def train(examples: Sequence[Example], params: dict[str, Any] | None = None) -> LinearModel:
    """Fit a model on `examples` (raw texts; normalised here exactly as the detector does)."""
    p = {**DEFAULT_PARAMS, **(params or {})}
    if len(examples) < 4:
        raise ValueError("need at least 4 examples to train")
    started = time.perf_counter()
    labels = sorted({label for ex in examples for label in ex.labels})
    texts = normalise_all([ex.text for ex in examples])
    y = label_matrix(examples, labels)
    oof = _out_of_fold(texts, y, p)
    platt = np.array([_platt(oof[:, j], y[:, j]) for j in range(len(labels))], dtype=np.float32)
    probs = expit(oof * platt[:, 0] + platt[:, 1])
    thresholds = np.array([best_threshold(probs[:, j], y[:, j]) for j in range(len(labels))])
    vec = make_vectorizer(p)
    x = vec.fit_transform(texts)
    fitted = [_fit_label(x, y[:, j], float(p["C"])) for j in range(len(labels))]
    info = {
        "examples": len(examples),
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "train_seconds": round(time.perf_counter() - started, 2),
        "support": {label: int(y[:, j].sum()) for j, label in enumerate(labels)},
    }
    return LinearModel(
        labels=labels,
        vectorizer=vec,
        coef=np.vstack([w for w, _ in fitted]),
        intercept=np.array([b for _, b in fitted], dtype=np.float32),
        platt=platt,
        thresholds=thresholds.astype(np.float32),
        params=p,
        info=info,
    )
