"""Settings of the gateway (hegui serve)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class GatewayConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
