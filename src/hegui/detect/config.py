"""Settings of the built-in detectors (lexicon, Chinese PII, prompt attacks)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class DetectionConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lexicon_dirs: list[Path] = Field(
        default_factory=list, description="keyword folders added to the built-in library"
    )
    builtin_lexicon: bool = Field(default=True, description="load the starter library shipped in the package")
    pinyin_variants: bool = Field(default=False, description="also match full pinyin and initials of keywords")
    pii: bool = True
    prompt_attacks: bool = True
