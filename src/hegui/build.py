"""Composition helpers: settings → objects. Used by the CLI and by `create_app`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hegui.classify.registry import build_ensemble, build_model_detectors
from hegui.config import Settings
from hegui.detect.base import Detector
from hegui.detect.registry import build_detectors
from hegui.policy.checker import Checker
from hegui.policy.decide import Policy
from hegui.text.normalize import default_normalizer


def build_checker(settings: Settings, extra_lexicon_dirs: Sequence[Path] = (),
                  extra_detectors: Sequence[Detector] = ()) -> Checker:
    """The checker of `settings`; `extra_detectors` are added after the configured ones (e.g. the
    console's feature-library fingerprints)."""
    normalizer = default_normalizer()
    detectors = build_detectors(settings, normalizer, extra_lexicon_dirs)
    detectors += build_model_detectors(settings)
    detectors += list(extra_detectors)
    return Checker(
        detectors, Policy(settings.policy), normalizer, ensemble=build_ensemble(settings.ensemble)
    )
