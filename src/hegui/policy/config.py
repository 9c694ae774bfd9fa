"""Policy settings: which action each risk gets, and how text is masked."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from hegui.taxonomy import is_risk_code
from hegui.types import Decision

MaskOperator = Literal["redact", "mask", "keep_last_4", "pseudonymize"]

DEFAULT_ACTIONS: dict[str, Decision] = {
    "A1": Decision.REFUSE,
    "A2": Decision.REFUSE,
    "A3": Decision.REFUSE,
    "X1": Decision.REFUSE,
    "A4.6": Decision.MASK,
}


class MaskingConfig(BaseModel):
    """How masked spans are rewritten."""

    model_config = ConfigDict(extra="forbid")
    operator: MaskOperator = "mask"
    mask_char: str = Field(default="*", min_length=1, max_length=1)
    per_entity: dict[str, MaskOperator] = Field(default_factory=dict)
    pseudonym_key: SecretStr | None = Field(
        default=None, description="HMAC key for `pseudonymize`; required when that operator is used"
    )

    @model_validator(mode="after")
    def _key_for_pseudonyms(self) -> MaskingConfig:
        uses_hmac = self.operator == "pseudonymize" or "pseudonymize" in self.per_entity.values()
        if uses_hmac and (self.pseudonym_key is None or not self.pseudonym_key.get_secret_value()):
            raise ValueError("pseudonym_key is required (and must not be empty) by the pseudonymize operator")
        return self


class PolicyConfig(BaseModel):
    """Actions per risk code or group code; the most specific code wins."""

    model_config = ConfigDict(extra="forbid")
    actions: dict[str, Decision] = Field(default_factory=dict)
    default_action: Decision = Decision.REVIEW
    min_score: float = Field(default=0.0, ge=0.0, le=1.0)
    masking: MaskingConfig = Field(default_factory=MaskingConfig)
    honour_keyword_actions: bool = Field(
        default=True, description="let a keyword's own `keyword<TAB>action` override the risk's"
    )

    @field_validator("actions")
    @classmethod
    def _known_codes(cls, value: dict[str, Decision]) -> dict[str, Decision]:
        for code in value:
            if not is_risk_code(code):
                raise ValueError(f"unknown risk code {code!r} in policy.actions")
        return value

    def effective_actions(self) -> dict[str, Decision]:
        return {**DEFAULT_ACTIONS, **self.actions}
