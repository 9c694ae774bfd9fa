"""Settings of the gateway (hegui serve)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from hegui.taxonomy import is_risk_code
from hegui.types import Decision

_AI = re.compile(r"人工智能|AI", re.IGNORECASE)
_GEN = re.compile(r"生成|合成")
_HHMM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

DEFAULT_SAFE_ANSWER = (
    "抱歉，这个问题我无法回答。如有疑问，可以通过投诉举报渠道反馈。"
    "(Sorry, I cannot answer this. You may appeal through the complaint channel.)"
)
# "00" + "11" + 18 zeros + "00000": the structure of a provider code, to be replaced by your own.
PLACEHOLDER_PRODUCER = "0011" + "0" * 18 + "00000"


class UpstreamConfig(BaseModel):
    """The OpenAI-compatible model service behind the gateway."""

    model_config = ConfigDict(extra="forbid")
    url: str | None = Field(
        default=None, description="base URL, e.g. http://127.0.0.1:8001/v1; none serves the demo model"
    )
    api_key: SecretStr | None = Field(default=None, description="Bearer key sent to the upstream")
    connect_timeout: float = Field(default=5.0, gt=0)
    timeout: float = Field(default=120.0, gt=0, description="seconds to wait for each read")
    max_connections: int = Field(default=512, ge=1)

    @field_validator("url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("upstream url must start with http:// or https://")
        return value.rstrip("/") if value else value


class ExplicitLabelConfig(BaseModel):
    """The visible text label (GB 45438 §4): must name AI and generation."""

    model_config = ConfigDict(extra="forbid")
    position: Literal["end", "start", "none"] = "end"
    text: str = "（本回答由AI生成）"
    separator: str = "\n\n"

    @field_validator("text")
    @classmethod
    def _elements(cls, value: str) -> str:
        if not _AI.search(value) or not _GEN.search(value):
            raise ValueError("the explicit label must contain 人工智能/AI and 生成/合成")
        return value


class LabelsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    explicit: ExplicitLabelConfig = Field(default_factory=ExplicitLabelConfig)
    producer: str = Field(
        default=PLACEHOLDER_PRODUCER,
        description="your 27-character provider code (ContentProducer of the implicit label)",
    )
    allow_opt_out: bool = Field(
        default=True, description="apps may ask for answers without the explicit label (recorded)"
    )


class LadderConfig(BaseModel):
    """What happens to users who keep sending refused requests (Art. 14 ¶2)."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    window_hours: float = Field(default=24.0, gt=0)
    restrict_after: int = Field(default=3, ge=1, description="refusals in the window → restricted")
    restrict_minutes: float = Field(default=60.0, gt=0)
    suspend_after: int = Field(default=10, ge=1, description="refusals in the window → suspended")
    appeal: str = Field(
        default="如有异议，请通过 /public 的投诉举报渠道申诉。To appeal, use the complaint channel at /public.",
    )

    @model_validator(mode="after")
    def _order(self) -> LadderConfig:
        if self.suspend_after < self.restrict_after:
            raise ValueError("suspend_after must not be below restrict_after")
        return self


class MinorsConfig(BaseModel):
    """The minors mode (Art. 10): stricter actions, a daily limit and quiet hours."""

    model_config = ConfigDict(extra="forbid")
    actions: dict[str, Decision] = Field(
        default_factory=dict, description="overlay on policy.actions for minors"
    )
    default_action: Decision = Field(
        default=Decision.REFUSE, description="action for risks with no action of their own"
    )
    daily_limit: int = Field(default=100, ge=0, description="requests per day; 0 means no limit")
    quiet_hours: tuple[str, str] | None = Field(
        default=("22:00", "06:00"), description="HH:MM start and end of hours without service"
    )
    timezone: str = "Asia/Shanghai"

    @field_validator("actions")
    @classmethod
    def _codes(cls, value: dict[str, Decision]) -> dict[str, Decision]:
        for code in value:
            if not is_risk_code(code):
                raise ValueError(f"unknown risk code {code!r} in gateway.minors.actions")
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _hours(cls, value: tuple[str, str] | None) -> tuple[str, str] | None:
        if value is not None and not all(_HHMM.fullmatch(v) for v in value):
            raise ValueError("quiet_hours must be two HH:MM times")
        return value


class GatewayConfig(BaseModel):
    """Everything `hegui serve` needs beyond detection and policy."""

    model_config = ConfigDict(extra="forbid")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    upstream: UpstreamConfig = Field(default_factory=UpstreamConfig)
    max_body_bytes: int = Field(default=1_000_000, ge=1024, description="larger bodies get 413")
    safe_answer: str = Field(default=DEFAULT_SAFE_ANSWER, min_length=1, description="代答 for refusals")
    mask_input_pii: bool = Field(default=True, description="forward masked input where the policy masks")
    stream_holdback: int = Field(
        default=32, ge=1, description="characters held back to see a match across chunk boundaries"
    )
    stream_scan_chars: int = Field(
        default=12, ge=1, description="streamed text is scanned in pieces of at least this many characters"
    )
    labels: LabelsConfig = Field(default_factory=LabelsConfig)
    ladder: LadderConfig = Field(default_factory=LadderConfig)
    minors: MinorsConfig = Field(default_factory=MinorsConfig)
    require_verified_identity: bool = Field(
        default=False, description="serve only requests the app marks as from a verified user"
    )
    redis_url: str | None = Field(
        default=None, description="share the counters of the user ladder and minors limits"
    )
    key_cache_seconds: float = Field(default=5.0, ge=0, description="API key lookups are cached")
    user_cache_seconds: float = Field(default=2.0, ge=0, description="user states are cached")
    demo_model: str = "hegui-demo"
    keep_alive_seconds: float = Field(
        default=75.0, gt=0,
        description="idle client connections stay open this long (longer than a load balancer's "
        "idle timeout, so a reused connection is never closed under a request)",
    )
