"""Builds the configured detectors. An explicit registry: no import side effects.

`REGISTRY` is the one list of built-in detectors, in the order they run. Each entry names the
module holding the detector (imported when the detector is built, so an unused detector costs
nothing) and a builder that reads the settings and returns the detector, or None when the
settings switch it off.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from hegui.config import Settings
from hegui.detect.base import Detector
from hegui.text.normalize import Normalizer

Builder = Callable[[ModuleType, Settings, Normalizer, Sequence[Path]], Detector | None]


@dataclass(frozen=True, slots=True)
class Registration:
    module: str
    build: Builder


def _lexicon(
    module: ModuleType, settings: Settings, normalizer: Normalizer, extra: Sequence[Path]
) -> Detector | None:
    cfg = settings.detection
    dirs = [*cfg.lexicon_dirs, *extra]
    if not cfg.builtin_lexicon and not dirs:
        return None
    lexicon = module.load_lexicon(
        dirs,
        normalizer=normalizer,
        builtin=cfg.builtin_lexicon,
        pinyin_variants=cfg.pinyin_variants,
    )
    detector: Detector = module.LexiconDetector(lexicon)
    return detector


def _pii(
    module: ModuleType, settings: Settings, normalizer: Normalizer, extra: Sequence[Path]
) -> Detector | None:
    return module.PiiDetector() if settings.detection.pii else None  # type: ignore[no-any-return]


def _prompt_attack(
    module: ModuleType, settings: Settings, normalizer: Normalizer, extra: Sequence[Path]
) -> Detector | None:
    if not settings.detection.prompt_attacks:
        return None
    return module.PromptAttackDetector()  # type: ignore[no-any-return]


REGISTRY: dict[str, Registration] = {
    "lexicon": Registration("hegui.detect.lexicon", _lexicon),
    "pii": Registration("hegui.detect.pii", _pii),
    "prompt_attack": Registration("hegui.detect.prompt_attack", _prompt_attack),
}


def build_detectors(
    settings: Settings, normalizer: Normalizer, extra_lexicon_dirs: Sequence[Path] = ()
) -> list[Detector]:
    """The built-in detectors the settings switch on, in the registry's order.

    Raises `LexiconError` (a ValueError) when a keyword folder cannot be used.
    """
    detectors: list[Detector] = []
    for registration in REGISTRY.values():
        module = importlib.import_module(registration.module)
        detector = registration.build(module, settings, normalizer, tuple(extra_lexicon_dirs))
        if detector is not None:
            detectors.append(detector)
    return detectors
