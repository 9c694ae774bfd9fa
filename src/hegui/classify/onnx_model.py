"""A user-provided ONNX model behind the same scoring interface as the linear model.

The folder holds `model.onnx` and `model.json` with `{"format": "hegui-onnx", "version": 1,
"labels": [...], "thresholds": [...]}`. The graph takes one string tensor of shape [N]
(normalised texts; tokenisation inside the graph, e.g. with onnxruntime-extensions) and its
first output is probabilities of shape [N, labels]. onnxruntime is an optional extra
(`pip install hegui[onnx]`) and is imported only when such a model is configured.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hegui.classify.linear_model import ModelError

FORMAT = "hegui-onnx"
VERSION = 1


class OnnxModel:
    """Scores texts with an onnxruntime CPU session."""

    def __init__(self, folder: Path) -> None:
        meta = _meta(folder)
        try:
            import onnxruntime  # optional extra, loaded only when configured
        except ImportError:
            raise ModelError("backend onnx needs onnxruntime: pip install 'hegui[onnx]'") from None
        try:
            self._session = onnxruntime.InferenceSession(
                str(folder / "model.onnx"), providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # noqa: BLE001 (onnxruntime raises its own exception types)
            raise ModelError(f"cannot load {folder / 'model.onnx'}: {exc}") from None
        self._input = self._session.get_inputs()[0].name
        self.labels: list[str] = list(meta["labels"])
        self.thresholds = np.asarray(meta["thresholds"], dtype=np.float32)
        self.info: dict[str, Any] = {"format": FORMAT, "version": VERSION}

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        feed = {self._input: np.asarray(list(texts), dtype=object)}
        out = np.asarray(self._session.run(None, feed)[0], dtype=np.float32)
        if out.shape != (len(texts), len(self.labels)):
            raise ModelError(f"ONNX output shape {out.shape}, expected {(len(texts), len(self.labels))}")
        return out


def _meta(folder: Path) -> dict[str, Any]:
    path = folder / "model.json"
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {path}: {exc}") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("version") != VERSION:
        raise ModelError(f"{path} is not a {FORMAT} v{VERSION} description")
    labels, thresholds = meta.get("labels"), meta.get("thresholds")
    if not isinstance(labels, list) or not isinstance(thresholds, list) or len(labels) != len(thresholds):
        raise ModelError(f"{path}: 'labels' and 'thresholds' must be lists of the same length")
    return meta
