"""Composition helpers: settings → objects. Used by the CLI and by `create_app`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hegui.classify.registry import build_ensemble, build_model_detectors
from hegui.config import Settings
from hegui.detect.registry import build_detectors
from hegui.policy.checker import Checker
from hegui.policy.decide import Policy
from hegui.text.normalize import default_normalizer


def build_checker(settings: Settings, extra_lexicon_dirs: Sequence[Path] = ()) -> Checker:
    normalizer = default_normalizer()
    detectors = build_detectors(settings, normalizer, extra_lexicon_dirs)
    detectors += build_model_detectors(settings)
    return Checker(
        detectors, Policy(settings.policy), normalizer, ensemble=build_ensemble(settings.ensemble)
    )
