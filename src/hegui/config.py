"""The settings root: one YAML file, fully validated, fails closed.

A broken file is an error naming the bad key; nothing falls back to defaults silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from hegui.classify.config import DetectorSpec, EnsembleConfig
from hegui.console.config import ConsoleConfig
from hegui.detect.config import DetectionConfig
from hegui.gateway.config import GatewayConfig
from hegui.label.config import LabelConfig
from hegui.policy.config import PolicyConfig
from hegui.records.config import RecordsConfig


class ConfigError(ValueError):
    """The config file cannot be used; the message says where and why."""


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    detection: DetectionConfig = Field(default_factory=DetectionConfig)
    policy: PolicyConfig = Field(default_factory=PolicyConfig)
    detectors: list[DetectorSpec] = Field(
        default_factory=list, description="model-based detectors (guard LLMs, classifiers, cloud APIs)"
    )
    ensemble: EnsembleConfig = Field(default_factory=EnsembleConfig)
    gateway: GatewayConfig = Field(default_factory=GatewayConfig)
    records: RecordsConfig = Field(default_factory=RecordsConfig)
    labels: LabelConfig = Field(default_factory=LabelConfig)
    console: ConsoleConfig = Field(default_factory=ConsoleConfig)

    @model_validator(mode="after")
    def _one_provider_code(self) -> Settings:
        """`labels.producer` is the provider code everywhere; the gateway takes it unless its own
        `gateway.labels.producer` is set, and the two may not disagree."""
        code, gw_labels = self.labels.producer, self.gateway.labels
        if not code:
            return self
        if "producer" not in gw_labels.model_fields_set:
            labels = gw_labels.model_copy(update={"producer": code})
            self.gateway = self.gateway.model_copy(update={"labels": labels})
        elif gw_labels.producer != code:
            raise ValueError("labels.producer and gateway.labels.producer name different provider "
                             "codes; set one (labels.producer) or make them equal")
        return self


def _format_errors(exc: ValidationError, source: str) -> str:
    lines = [f"invalid config {source}:"]
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(root)"
        lines.append(f"  {where}: {err['msg']}")
    return "\n".join(lines)


def settings_from_mapping(data: dict[str, Any] | None, source: str = "<mapping>") -> Settings:
    try:
        return Settings.model_validate(data or {})
    except ValidationError as exc:
        raise ConfigError(_format_errors(exc, source)) from None


def load_settings(path: Path | None = None) -> Settings:
    """Read and validate `path`; no path means every default."""
    if path is None:
        return Settings()
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ConfigError(f"config {path} is not valid YAML: {exc}") from None
    if data is not None and not isinstance(data, dict):
        raise ConfigError(f"config {path} must be a mapping at the top level")
    return settings_from_mapping(data, str(path))
