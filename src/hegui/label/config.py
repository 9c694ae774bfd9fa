"""Settings of content labels (GB 45438)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class LabelConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
