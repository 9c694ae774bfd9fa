"""Settings of content labels (GB 45438)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hegui.label.metadata import is_provider_code


class LabelConfig(BaseModel):
    """The `labels:` section of the config file."""

    model_config = ConfigDict(extra="forbid")
    producer: str = Field(default="", description="provider code written as ContentProducer "
                                          "(27 characters, TC260-PG-20252A)")
    propagator: str = Field(default="", description="platform code written as ContentPropagator")
    sign_key: Path | None = Field(default=None, description="Ed25519 PEM private key for SecurityData")
    text_position: Literal["start", "end", "middle"] = "start"
    audio_position: Literal["start", "end", "middle"] = "start"
    audio_notice: Path | None = Field(default=None, description="spoken notice file used instead of "
                                                        "the 'short long short short' tones")
    video_throughout: bool = Field(default=False, description="draw the notice on every frame, "
                                                      "not only the first 2 s")
    explicit: bool = True
    implicit: bool = True

    @field_validator("producer", "propagator")
    @classmethod
    def _code(cls, value: str) -> str:
        if value and not is_provider_code(value):
            raise ValueError("must be a 27-character provider code, e.g. 001191110102MACQD9K64010000")
        return value
