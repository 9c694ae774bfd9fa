"""Settings of the built-in detectors (lexicon, Chinese PII, prompt attacks): `detection:`."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class DetectionConfig(BaseModel):
    """Which built-in detectors run, and where extra keywords come from."""

    model_config = ConfigDict(extra="forbid")
    lexicon_dirs: list[Path] = Field(
        default_factory=list, description="keyword folders added to the built-in library"
    )
    builtin_lexicon: bool = Field(
        default=True, description="load the starter library shipped in the package"
    )
    pinyin_variants: bool = Field(
        default=False, description="also match full pinyin and initials of keywords"
    )
    pii: bool = Field(default=True, description="run the Chinese personal-information detector (A4.6)")
    prompt_attacks: bool = Field(default=True, description="run the prompt-attack detector (X1)")
