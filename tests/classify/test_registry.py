"""Config → detectors: the registry covers every spec type; build_checker wires them in."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from hegui.build import build_checker
from hegui.classify import config as classify_config
from hegui.classify.cloud import CloudModerationDetector
from hegui.classify.ensemble import Ensemble
from hegui.classify.guard_llm import GuardLLMDetector
from hegui.classify.local_classifier import LocalClassifierDetector
from hegui.classify.registry import BUILDERS, build_model_detectors
from hegui.config import ConfigError, load_settings
from hegui.types import Decision
from tests.classify.scripted_server import Script, chat, serve

YAML = """\
detectors:
  - type: guard_llm
    endpoint: {url}/v1
    model: Qwen3Guard-Gen-8B
    format: qwen3guard
  - type: local_classifier
  - type: cloud_moderation
    endpoint: {url}
    secret_id: id
    secret_key: key
ensemble:
  mode: guard-confirms
"""


def test_every_spec_type_is_registered() -> None:
    union = typing.get_args(typing.get_args(classify_config.DetectorSpec)[0])
    types = {typing.get_args(m.model_fields["type"].annotation)[0] for m in union}
    assert types == set(BUILDERS)


def test_yaml_builds_each_detector_in_order(tmp_path: Path) -> None:
    cfg = tmp_path / "hegui.yaml"
    cfg.write_text(YAML.format(url="http://127.0.0.1:9"), encoding="utf-8")
    dets = build_model_detectors(load_settings(cfg))
    assert [type(d) for d in dets] == [GuardLLMDetector, LocalClassifierDetector, CloudModerationDetector]
    assert [d.name for d in dets] == ["guard_llm", "local_classifier", "cloud_moderation"]


def test_duplicate_names_and_unknown_types_are_errors(tmp_path: Path) -> None:
    cfg = tmp_path / "hegui.yaml"
    cfg.write_text("detectors:\n  - type: local_classifier\n  - type: local_classifier\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unique"):
        build_model_detectors(load_settings(cfg))
    cfg.write_text("detectors:\n  - type: magic\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="detectors.0"):
        load_settings(cfg)


def test_build_checker_uses_guard_and_ensemble(tmp_path: Path) -> None:
    cfg = tmp_path / "hegui.yaml"
    cfg.write_text(
        "detection:\n  builtin_lexicon: false\n  pii: false\n  prompt_attacks: false\n"
        "detectors:\n  - type: guard_llm\n    endpoint: {url}/v1\n    model: g\n"
        "  - type: local_classifier\nensemble:\n  mode: guard-confirms\n", encoding="utf-8",
    )
    script = Script([chat("Safety: Safe\nCategories: None"), chat("Safety: Unsafe\nCategories: Violent")])
    with serve(script) as url:
        cfg.write_text(cfg.read_text(encoding="utf-8").replace("{url}", url), encoding="utf-8")
        checker = build_checker(load_settings(cfg))
        assert isinstance(checker.ensemble, Ensemble)
        assert [d.name for d in checker.detectors] == ["guard_llm", "local_classifier"]
        # the classifier alone flags A2.4, but the guard says safe: guard-confirms allows it
        first = checker.check("河南人都是骗子，不招河南人")
        second = checker.check("河南人都是骗子，不招河南人")
    assert first.decision is Decision.ALLOW
    assert second.decision is Decision.REFUSE
    assert {f.detector for f in second.findings} == {"guard_llm", "local_classifier"}
