"""Settings of audit records and retention."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RecordsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
