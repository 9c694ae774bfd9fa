"""The `detectors:` union and `ensemble:` section, validated through the settings root."""

from __future__ import annotations

import pytest

from hegui.classify.config import CloudModerationConfig, GuardLLMConfig, LocalClassifierConfig
from hegui.config import ConfigError, settings_from_mapping

ISSUE_EXAMPLE = {
    "detectors": [
        {"type": "guard_llm", "endpoint": "http://127.0.0.1:8001/v1", "model": "Qwen3Guard-Gen-8B",
         "format": "qwen3guard"},
    ]
}


def test_issue_example_and_defaults() -> None:
    s = settings_from_mapping(ISSUE_EXAMPLE)
    guard = s.detectors[0]
    assert isinstance(guard, GuardLLMConfig)
    assert (guard.controversial, guard.fail_open, guard.retries, guard.stride) == ("strict", False, 1, 200)
    assert s.ensemble.mode == "any-of"


def test_union_picks_the_model_by_type() -> None:
    s = settings_from_mapping({"detectors": [
        {"type": "local_classifier", "risks": ["A1", "A2.4"]},
        {"type": "cloud_moderation", "secret_id": "i", "secret_key": "sk-very-secret"},
    ]})
    assert isinstance(s.detectors[0], LocalClassifierConfig)
    assert isinstance(s.detectors[1], CloudModerationConfig)
    assert "sk-very-secret" not in repr(s.detectors[1])  # secrets stay hidden


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"detectors": [{"type": "guard_llm", "model": "m"}]}, "detectors.0.guard_llm.endpoint"),
        ({"detectors": [{"type": "guard_llm", "endpoint": "http://x/v1", "model": "m", "format": "xml"}]},
         "detectors.0.guard_llm.format"),
        ({"detectors": [{"type": "local_classifier", "risks": ["B1"]}]}, "detectors.0.local_classifier.risks"),
        ({"detectors": [{"type": "cloud_moderation", "secret_id": "i"}]}, "detectors.0.cloud_moderation.secret_key"),
        ({"ensemble": {"mode": "majority"}}, "ensemble.mode"),
        ({"ensemble": {"confirm_risks": ["Z9"]}}, "ensemble.confirm_risks"),
        ({"ensemble": {"threshold": 0}}, "ensemble.threshold"),
    ],
)
def test_bad_config_names_the_key(data: dict[str, object], where: str) -> None:
    with pytest.raises(ConfigError) as err:
        settings_from_mapping(data)
    assert where in str(err.value)
