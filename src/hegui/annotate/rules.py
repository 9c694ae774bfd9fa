"""The annotation rules as a document (TC260-003 §5.3): goal, format, method and quality
metrics, with functional and safety annotation kept apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class RulesError(ValueError):
    """The rules file cannot be used; the message says where and why."""


class QualityMetrics(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_kappa: float = Field(default=0.6, ge=-1.0, le=1.0, description="agreement between annotators")
    spot_check_ratio: float = Field(default=0.1, gt=0.0, le=1.0, description="share re-checked")
    min_accuracy: float = Field(default=0.95, ge=0.0, le=1.0, description="share found right")


class RuleSet(BaseModel):
    """Rules for one kind of annotation."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    goal: str = Field(min_length=1, description="what the annotation is for (标注目标)")
    data_format: str = Field(alias="format", min_length=1, description="数据格式")
    method: str = Field(min_length=1, description="标注方法")
    labels: list[str] = Field(min_length=2, description="the labels annotators may use")
    quality_metrics: QualityMetrics = Field(default_factory=QualityMetrics)
    review_required: bool = Field(
        default=False, description="every item approved by a reviewer (safety annotation)"
    )

    @field_validator("labels")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("labels must be unique")
        return value


class AnnotationRules(BaseModel):
    """The whole rules document."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    functional: RuleSet
    safety: RuleSet

    def for_kind(self, kind: str) -> RuleSet:
        return self.functional if kind == "functional" else self.safety


def load_rules(path: Path) -> AnnotationRules:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"cannot read rules {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise RulesError(f"rules {path} are not valid YAML: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("safety"), dict):
        data["safety"].setdefault("review_required", True)
    try:
        return AnnotationRules.model_validate(data)
    except ValidationError as exc:
        lines = [f"invalid annotation rules {path}:"]
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "(root)"
            lines.append(f"  {where}: {err['msg']}")
        raise RulesError("\n".join(lines)) from None
