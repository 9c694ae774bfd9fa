"""Settings of the operations console and public pages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ConsoleConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
