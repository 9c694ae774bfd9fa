"""Settings of model-based detectors (guard LLMs, local classifier, cloud APIs) and the ensemble.

`DetectorSpec` is a discriminated union over `type`; every entry of `detectors:` in the config
file is one of these models, validated in full (an unknown key or risk code stops start-up).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from hegui.taxonomy import is_risk_code

GuardFormat = Literal["qwen3guard", "llama_guard", "json"]


def _check_mapping(value: dict[str, list[str]]) -> dict[str, list[str]]:
    for category, codes in value.items():
        for code in codes:
            if not is_risk_code(code):
                raise ValueError(f"unknown risk code {code!r} for category {category!r}")
    return value


class GuardLLMConfig(BaseModel):
    """A guard model behind an OpenAI-compatible `/chat/completions` endpoint."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["guard_llm"]
    name: str = Field(default="guard_llm", min_length=1, description="detector name in findings")
    endpoint: str = Field(description="base URL ending in /v1, e.g. http://127.0.0.1:8001/v1")
    model: str = Field(min_length=1, description="model name the server knows")
    format: GuardFormat = "qwen3guard"
    api_key: SecretStr | None = Field(default=None, description="sent as `Authorization: Bearer`")
    mapping: dict[str, list[str]] = Field(
        default_factory=dict,
        description="model category -> risk codes, merged over the format's default table",
    )
    default_risk: str = Field(
        default="A1.8", description="risk code for an unsafe verdict whose category is unmapped"
    )
    controversial: Literal["strict", "loose"] = Field(
        default="strict", description="strict: Controversial counts as a finding; loose: as safe"
    )
    controversial_score: float = Field(default=0.6, ge=0.0, le=1.0)
    timeout_s: float = Field(default=10.0, gt=0.0, description="per request (connect and read)")
    retries: int = Field(default=1, ge=0, le=10, description="extra attempts after a failure")
    breaker_failures: int = Field(
        default=5, ge=1, description="consecutive failed calls that open the circuit breaker"
    )
    breaker_reset_s: float = Field(
        default=30.0, gt=0.0, description="seconds the breaker stays open before one trial call"
    )
    fail_open: bool = Field(
        default=False, description="on failure report nothing instead of raising (not advised)"
    )
    stride: int = Field(
        default=200, ge=1, description="streaming: run again after this many new characters"
    )
    window: int = Field(
        default=2000, ge=1, description="streaming: characters of recent text sent each time"
    )
    max_tokens: int = Field(default=64, ge=1, le=4096)

    @field_validator("mapping")
    @classmethod
    def _codes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return _check_mapping(value)

    @field_validator("default_risk")
    @classmethod
    def _default_code(cls, value: str) -> str:
        if not is_risk_code(value):
            raise ValueError(f"unknown risk code {value!r}")
        return value

    @field_validator("endpoint")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("endpoint must start with http:// or https://")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _window_covers_stride(self) -> GuardLLMConfig:
        if self.window < self.stride:
            raise ValueError("window must be at least stride, or text would go unchecked")
        return self


class LocalClassifierConfig(BaseModel):
    """The trainable character n-gram classifier (or a user-provided ONNX model)."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["local_classifier"]
    name: str = Field(default="local_classifier", min_length=1)
    model_dir: Path | None = Field(
        default=None, description="a trained model folder; none means the shipped starter model"
    )
    backend: Literal["linear", "onnx"] = Field(
        default="linear", description="linear: hegui's own format; onnx: a user's model.onnx"
    )
    threshold_scale: float = Field(
        default=1.0, gt=0.0, le=2.0, description="multiplies every per-risk threshold"
    )
    risks: list[str] = Field(
        default_factory=list, description="only report these codes or groups (empty: all)"
    )

    @field_validator("risks")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not is_risk_code(code):
                raise ValueError(f"unknown risk code {code!r}")
        return value

    @model_validator(mode="after")
    def _onnx_needs_dir(self) -> LocalClassifierConfig:
        if self.backend == "onnx" and self.model_dir is None:
            raise ValueError("backend onnx needs model_dir (a folder holding model.onnx)")
        return self


class CloudModerationConfig(BaseModel):
    """A commercial text-moderation API (Tencent Cloud TMS `TextModeration` shape)."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["cloud_moderation"]
    name: str = Field(default="cloud_moderation", min_length=1)
    provider: Literal["tencent_tms"] = "tencent_tms"
    endpoint: str = Field(
        default="https://tms.tencentcloudapi.com", description="API host URL (a test server works)"
    )
    region: str = "ap-guangzhou"
    secret_id: SecretStr
    secret_key: SecretStr
    biz_type: str | None = Field(default=None, description="the console's policy (BizType)")
    mapping: dict[str, list[str]] = Field(
        default_factory=dict, description="provider label -> risk codes, merged over the defaults"
    )
    default_risk: str = "A1.8"
    review_counts: bool = Field(
        default=True, description="report labels the provider marks `Review`, not only `Block`"
    )
    timeout_s: float = Field(default=5.0, gt=0.0)
    retries: int = Field(default=1, ge=0, le=10)

    @field_validator("mapping")
    @classmethod
    def _codes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return _check_mapping(value)

    @field_validator("endpoint")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("endpoint must start with http:// or https://")
        return value.rstrip("/")


DetectorSpec = Annotated[
    GuardLLMConfig | LocalClassifierConfig | CloudModerationConfig, Field(discriminator="type")
]

EnsembleMode = Literal["any-of", "weighted", "guard-confirms"]


class EnsembleConfig(BaseModel):
    """How findings of many detectors combine before the policy decides.

    - `any-of` (default): every finding counts.
    - `weighted`: a risk counts when the sum over detectors of weight x best score reaches
      `threshold`; findings of a risk below it are dropped.
    - `guard-confirms`: findings of `confirm_detectors` on `confirm_risks` only count when a
      `guards` detector also reported a finding (same risk, same group or any, per `match`).
    """

    model_config = ConfigDict(extra="forbid")
    mode: EnsembleMode = "any-of"
    weights: dict[str, float] = Field(
        default_factory=dict, description="weighted: detector name -> weight (default 1.0)"
    )
    threshold: float = Field(default=1.0, gt=0.0, description="weighted: score sum a risk needs")
    guards: list[str] = Field(
        default_factory=lambda: ["guard_llm"], description="guard-confirms: confirming detectors"
    )
    confirm_detectors: list[str] = Field(
        default_factory=lambda: ["local_classifier", "lexicon"],
        description="guard-confirms: detectors whose findings need a guard's confirmation",
    )
    confirm_risks: list[str] = Field(
        default_factory=list, description="guard-confirms: codes or groups (empty: every risk)"
    )
    match: Literal["risk", "group", "any"] = Field(
        default="any", description="guard-confirms: what a guard finding must share to confirm"
    )

    @field_validator("confirm_risks")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not is_risk_code(code):
                raise ValueError(f"unknown risk code {code!r}")
        return value
