"""Builds the configured detectors. An explicit registry: no import side effects."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hegui.config import Settings
from hegui.detect.base import Detector
from hegui.text.normalize import Normalizer


def build_detectors(
    settings: Settings, normalizer: Normalizer, extra_lexicon_dirs: Sequence[Path] = ()
) -> list[Detector]:
    """The built-in detectors the settings switch on, in a fixed order."""
    detectors: list[Detector] = []
    return detectors
