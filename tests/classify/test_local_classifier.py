"""The local-classifier detector: the shipped starter model, thresholds, risks filter, ONNX."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hegui.classify.config import LocalClassifierConfig
from hegui.classify.linear_model import ModelError
from hegui.classify.local_classifier import LocalClassifierDetector, starter_model_dir
from hegui.classify.train import train
from hegui.text.normalize import default_normalizer
from tests.classify.test_train import SMALL


def norm(text: str):  # type: ignore[no-untyped-def]
    return default_normalizer().normalize(text)


def test_starter_model_ships_and_finds_obvious_cases() -> None:
    folder = starter_model_dir()
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    assert meta["format"] == "hegui-linear" and "starting point" in meta["info"]["data"]
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert size < 3_000_000
    det = LocalClassifierDetector(LocalClassifierConfig(type="local_classifier"))
    assert [f.risk for f in det.detect(norm("河南人都是骗子，不招河南人"))] == ["A2.4"]
    assert det.detect(norm("今天天气很好，我们去公园散步吧")) == []
    assert det.detect(norm("   ")) == []
    found = det.detect(norm("女人就不该上班"))
    assert found and found[0].start == 0 and found[0].end == len("女人就不该上班")
    assert "classifier" in found[0].reason and 0 < found[0].score <= 1


def test_trained_model_dir_risks_filter_and_threshold_scale(tmp_path: Path) -> None:
    train(SMALL, {"min_df": 1, "folds": 3}).save(tmp_path / "m")
    base = {"type": "local_classifier", "model_dir": str(tmp_path / "m")}
    det = LocalClassifierDetector(LocalClassifierConfig.model_validate(base))
    assert [f.risk for f in det.detect(norm("四川人都是骗子"))] == ["A2.4"]
    only_a25 = LocalClassifierDetector(LocalClassifierConfig.model_validate({**base, "risks": ["A2.5"]}))
    assert only_a25.detect(norm("四川人都是骗子")) == []
    strict = LocalClassifierDetector(LocalClassifierConfig.model_validate({**base, "threshold_scale": 2.0}))
    loose = LocalClassifierDetector(LocalClassifierConfig.model_validate({**base, "threshold_scale": 0.01}))
    assert len(loose.detect(norm("四川"))) >= len(strict.detect(norm("四川")))
    assert all(f.risk != "safe" for f in loose.detect(norm("今天天气很好")))


def test_missing_model_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        LocalClassifierDetector(LocalClassifierConfig(type="local_classifier", model_dir=tmp_path))


def _tiny_onnx(folder: Path) -> None:
    """A graph whose A1.6 probability is 1 exactly when the text equals 'bad'."""
    onnx = pytest.importorskip("onnx")
    h = onnx.helper
    tp = onnx.TensorProto
    nodes = [
        h.make_node("Equal", ["text", "bad"], ["eq"]),
        h.make_node("Cast", ["eq"], ["p"], to=tp.FLOAT),
        h.make_node("Unsqueeze", ["p", "axis"], ["p2"]),
        h.make_node("Sub", ["one", "p2"], ["q2"]),
        h.make_node("Concat", ["p2", "q2"], ["probabilities"], axis=1),
    ]
    inits = [
        h.make_tensor("bad", tp.STRING, [1], [b"bad"]),
        h.make_tensor("axis", tp.INT64, [1], [1]),
        h.make_tensor("one", tp.FLOAT, [1], [1.0]),
    ]
    graph = h.make_graph(
        nodes, "tiny",
        [h.make_tensor_value_info("text", tp.STRING, ["N"])],
        [h.make_tensor_value_info("probabilities", tp.FLOAT, ["N", 2])],
        inits,
    )
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 19)])
    model.ir_version = 9
    folder.mkdir()
    onnx.save(model, str(folder / "model.onnx"))
    meta = {"format": "hegui-onnx", "version": 1, "labels": ["A1.6", "safe"], "thresholds": [0.5, 0.5]}
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")


def test_onnx_backend(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime")  # the optional extra `onnx`
    _tiny_onnx(tmp_path / "o")
    cfg = LocalClassifierConfig(type="local_classifier", backend="onnx", model_dir=tmp_path / "o")
    det = LocalClassifierDetector(cfg)
    assert [(f.risk, f.score) for f in det.detect(norm("bad"))] == [("A1.6", 1.0)]
    assert det.detect(norm("good")) == []


def test_onnx_description_is_checked(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text('{"format": "hegui-onnx", "version": 1}', encoding="utf-8")
    cfg = LocalClassifierConfig(type="local_classifier", backend="onnx", model_dir=tmp_path)
    with pytest.raises(ModelError, match="labels"):
        LocalClassifierDetector(cfg)


def test_onnx_needs_a_model_dir() -> None:
    with pytest.raises(ValueError, match="model_dir"):
        LocalClassifierConfig(type="local_classifier", backend="onnx")
