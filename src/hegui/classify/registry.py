"""Builds the model-based detectors of `settings.detectors`. An explicit registry by `type`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hegui.classify.cloud import CloudModerationDetector
from hegui.classify.config import (
    CloudModerationConfig,
    EnsembleConfig,
    GuardLLMConfig,
    LocalClassifierConfig,
)
from hegui.classify.ensemble import Ensemble
from hegui.classify.guard_llm import GuardLLMDetector
from hegui.config import ConfigError, Settings
from hegui.detect.base import Detector


def _guard(spec: Any) -> Detector:
    if not isinstance(spec, GuardLLMConfig):
        raise TypeError("guard_llm needs a GuardLLMConfig")
    return GuardLLMDetector(spec)


def _local(spec: Any) -> Detector:
    if not isinstance(spec, LocalClassifierConfig):
        raise TypeError("local_classifier needs a LocalClassifierConfig")
    # Imported here: scikit-learn costs over a second to import, and most setups never use it.
    from hegui.classify.local_classifier import LocalClassifierDetector

    return LocalClassifierDetector(spec)


def _cloud(spec: Any) -> Detector:
    if not isinstance(spec, CloudModerationConfig):
        raise TypeError("cloud_moderation needs a CloudModerationConfig")
    return CloudModerationDetector(spec)


BUILDERS: dict[str, Callable[[Any], Detector]] = {
    "guard_llm": _guard,
    "local_classifier": _local,
    "cloud_moderation": _cloud,
}


def build_model_detectors(settings: Settings) -> list[Detector]:
    """One detector per entry of `settings.detectors`, in order; names must be unique."""
    names = [spec.name for spec in settings.detectors]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"detector names must be unique; repeated: {', '.join(dupes)}")
    return [BUILDERS[spec.type](spec) for spec in settings.detectors]


def build_ensemble(config: EnsembleConfig) -> Ensemble | None:
    """The ensemble step, or None for `any-of` (every finding counts: nothing to do)."""
    return None if config.mode == "any-of" else Ensemble(config)
