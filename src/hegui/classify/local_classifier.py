"""The local classifier as a detector: one whole-text finding per risk above its threshold."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from hegui.classify.config import LocalClassifierConfig
from hegui.classify.dataset import SAFE
from hegui.classify.linear_model import LinearModel
from hegui.classify.onnx_model import OnnxModel
from hegui.taxonomy import group_of
from hegui.text.normalize import Normalized
from hegui.types import Finding

STARTER_MODEL = "data/classifier/default"


class ScoringModel(Protocol):
    labels: list[str]
    thresholds: np.ndarray
    info: dict[str, Any]

    def scores(self, texts: Sequence[str]) -> np.ndarray: ...


def starter_model_dir() -> Path:
    """The folder of the starter model shipped in the package."""
    return Path(str(resources.files("hegui") / STARTER_MODEL))


def load_model(config: LocalClassifierConfig) -> ScoringModel:
    folder = config.model_dir or starter_model_dir()
    if config.backend == "onnx":
        return OnnxModel(folder)
    return LinearModel.load(folder)


class LocalClassifierDetector:
    """Findings span the whole text; the score is the calibrated probability."""

    def __init__(self, config: LocalClassifierConfig, model: ScoringModel | None = None) -> None:
        self.name = config.name
        self.model = model or load_model(config)
        self._thresholds = np.minimum(self.model.thresholds * config.threshold_scale, 0.999)
        wanted = set(config.risks)
        self._report = [
            label != SAFE and (not wanted or label in wanted or group_of(label) in wanted)
            for label in self.model.labels
        ]
        trained = self.model.info.get("trained_at", "")
        self._tag = f"{self.model.info.get('format', 'hegui-linear')} {trained}".strip()

    def detect(self, norm: Normalized) -> list[Finding]:
        if not norm.text.strip():
            return []
        probs = self.model.scores([norm.text])[0]
        out = []
        for j, label in enumerate(self.model.labels):
            if self._report[j] and probs[j] >= self._thresholds[j]:
                reason = f"classifier ({self._tag}): p={probs[j]:.2f} >= {self._thresholds[j]:.2f}"
                out.append(Finding(self.name, label, 0, len(norm.raw), float(probs[j]), reason))
        return out
