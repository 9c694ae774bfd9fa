"""The default local classifier model: character n-grams, one linear model per label, calibrated.

Saved as a folder without pickle: `model.json` (format, version, labels, vectoriser parameters,
vocabulary, Platt calibration, per-label thresholds, training facts) and `weights.npz` (idf,
coefficients as float16, intercepts), loaded with `allow_pickle=False`. Loading a file of another
format or version is an error, never a guess.

The same folder format holds a one-of-many model (the refusal judge's): with `params["link"] ==
"softmax"` the labels exclude each other and `scores` gives a softmax over them, which sums to 1;
Platt calibration and thresholds are then unused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.feature_extraction.text import TfidfVectorizer

FORMAT = "hegui-linear"
VERSION = 1
META_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"
_FAST_MAX = 8  # up to this many texts per call, skip the vectoriser's fixed overhead
_WHITE_SPACES = re.compile(r"\s\s+")  # as scikit-learn's char analyser folds whitespace


class ModelError(ValueError):
    """A model folder that cannot be used; the message says why."""


def make_vectorizer(params: dict[str, Any], vocabulary: Sequence[str] | None = None) -> TfidfVectorizer:
    """The character n-gram TF-IDF vectoriser; texts arrive already normalised."""
    return TfidfVectorizer(
        analyzer="char",
        ngram_range=(int(params["ngram_min"]), int(params["ngram_max"])),
        lowercase=False,
        sublinear_tf=bool(params["sublinear_tf"]),
        min_df=int(params.get("min_df", 1)),
        max_features=params.get("max_features"),
        vocabulary=None if vocabulary is None else {t: i for i, t in enumerate(vocabulary)},
        dtype=np.float32,
    )


@dataclass
class LinearModel:
    """Weights and settings of a trained model; `scores` gives calibrated probabilities."""

    labels: list[str]
    vectorizer: TfidfVectorizer
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    platt: np.ndarray  # (labels, 2): p = sigmoid(a * decision + b)
    thresholds: np.ndarray  # (labels,)
    params: dict[str, Any]
    info: dict[str, Any] = field(default_factory=dict)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, shape (texts, labels), for normalised texts (softmax
        probabilities for a one-of-many model)."""
        if len(texts) <= _FAST_MAX:
            decision = np.vstack([self._decision_one(t) for t in texts]) if texts else np.zeros(
                (0, len(self.labels)), dtype=np.float32
            )
        else:
            x = self.vectorizer.transform(list(texts))
            decision = np.asarray(x @ self.coef.T) + self.intercept
        if self.params.get("link") == "softmax":
            z = decision - decision.max(axis=1, keepdims=True)
            e = np.exp(z)
            return np.asarray(e / e.sum(axis=1, keepdims=True))
        z = decision * self.platt[:, 0] + self.platt[:, 1]
        return np.asarray(expit(z))

    def _decision_one(self, text: str) -> np.ndarray:
        """The same features as the vectoriser, without its per-call overhead (service path)."""
        vocab = self.vectorizer.vocabulary_
        text = _WHITE_SPACES.sub(" ", text)
        counts: dict[int, int] = {}
        for n in range(int(self.params["ngram_min"]), int(self.params["ngram_max"]) + 1):
            for i in range(len(text) - n + 1):
                j = vocab.get(text[i:i + n])
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
        if not counts:
            return self.intercept.copy()
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        if self.params["sublinear_tf"]:
            tf = (1.0 + np.log(tf)).astype(np.float32)
        v = tf * self.vectorizer.idf_[idx]
        v /= np.linalg.norm(v)
        return np.asarray(self.coef[:, idx] @ v + self.intercept)

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        """The labels whose probability reaches their threshold, per text."""
        probs = self.scores(texts)
        return [[self.labels[j] for j in np.flatnonzero(row >= self.thresholds)] for row in probs]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        vocab = sorted(self.vectorizer.vocabulary_, key=self.vectorizer.vocabulary_.__getitem__)
        meta = {
            "format": FORMAT,
            "version": VERSION,
            "labels": self.labels,
            "params": self.params,
            "thresholds": [round(float(t), 6) for t in self.thresholds],
            "platt": [[round(float(a), 6), round(float(b), 6)] for a, b in self.platt],
            "info": self.info,
            "vocabulary": vocab,
        }
        (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(
            folder / WEIGHTS_FILE,
            idf=self.vectorizer.idf_.astype(np.float32),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
        )

    @classmethod
    def load(cls, folder: Path) -> LinearModel:
        meta = _read_meta(folder)
        try:
            with np.load(folder / WEIGHTS_FILE, allow_pickle=False) as npz:
                idf, coef, intercept = npz["idf"], npz["coef"].astype(np.float32), npz["intercept"]
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot read {folder / WEIGHTS_FILE}: {exc}") from None
        labels, vocab = meta["labels"], meta["vocabulary"]
        if coef.shape != (len(labels), len(vocab)) or idf.shape != (len(vocab),):
            raise ModelError(f"{folder}: weights do not match labels and vocabulary")
        vec = make_vectorizer(meta["params"], vocab)
        vec.idf_ = idf
        return cls(
            labels=list(labels),
            vectorizer=vec,
            coef=coef,
            intercept=intercept.astype(np.float32),
            platt=np.asarray(meta["platt"], dtype=np.float32).reshape(len(labels), 2),
            thresholds=np.asarray(meta["thresholds"], dtype=np.float32),
            params=meta["params"],
            info=meta.get("info", {}),
        )


def _read_meta(folder: Path) -> dict[str, Any]:
    path = folder / META_FILE
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path} is not JSON: {exc.msg}") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"{path} is not a {FORMAT} model")
    if meta.get("version") != VERSION:
        raise ModelError(f"{path}: model version {meta.get('version')!r}, this hegui reads {VERSION}")
    for key in ("labels", "params", "thresholds", "platt", "vocabulary"):
        if key not in meta:
            raise ModelError(f"{path}: missing {key!r}")
    return meta
