"""Settings of model-based detectors (guard LLMs, local classifier, cloud APIs) and the ensemble."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class GuardLLMConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")


# A discriminated union over `type` once more detector kinds exist.
DetectorSpec = GuardLLMConfig


class EnsembleConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
