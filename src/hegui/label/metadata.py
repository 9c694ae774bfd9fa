"""The GB 45438-2025 implicit label (Annex E): seven fields, written as plain JSON.

`{"AIGC":{"Label":"1","ContentProducer":"…","ProduceID":"…","ReservedCode1":"…",
"ContentPropagator":"…","PropagateID":"…","ReservedCode2":"…"}}`
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

FIELDS = (
    "Label", "ContentProducer", "ProduceID", "ReservedCode1",
    "ContentPropagator", "PropagateID", "ReservedCode2",
)
# Printable ASCII without space and backslash; a double quote is allowed (escaped in JSON).
_VALUE = re.compile(r"[\x21-\x5b\x5d-\x7e]*")
# "00" + "11" + 18-character unified social credit code + 5-character extension
# ("00000", or service type 1 = generation / 2 = propagation + a 4-character app code).
_PROVIDER_CODE = re.compile(r"0011[0-9A-HJ-NPQRTUWXY]{18}(?:00000|[12][0-9A-Za-z]{4})")


class LabelError(ValueError):
    """A label that does not meet GB 45438; the message names the field."""


def is_provider_code(code: str) -> bool:
    """True when `code` has the 27-character structure of a provider code (TC260-PG-20252A)."""
    return _PROVIDER_CODE.fullmatch(code) is not None


def new_content_id() -> str:
    """A fresh unique content id (ProduceID / PropagateID)."""
    return uuid.uuid4().hex


class AIGCLabel(BaseModel):
    """The seven fields. Empty strings stand for fields not used."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    Label: Literal["1", "2", "3"] = "1"
    ContentProducer: str = ""
    ProduceID: str = ""
    ReservedCode1: str = ""
    ContentPropagator: str = ""
    PropagateID: str = ""
    ReservedCode2: str = ""

    @field_validator(*FIELDS[1:])
    @classmethod
    def _charset(cls, value: str) -> str:
        if _VALUE.fullmatch(value) is None:
            bad = next(c for c in value if _VALUE.fullmatch(c) is None)
            raise ValueError(f"character {bad!r} is outside the label character set")
        return value

    def to_dict(self) -> dict[str, dict[str, str]]:
        return {"AIGC": {name: getattr(self, name) for name in FIELDS}}

    def to_json(self) -> str:
        """The compact JSON a carrier stores (no spaces, field order of the standard)."""
        return json.dumps(self.to_dict(), ensure_ascii=True, separators=(",", ":"))

    def inner_json(self) -> str:
        """The seven-field object without the outer `AIGC` key (the XMP property value)."""
        return json.dumps(self.to_dict()["AIGC"], ensure_ascii=True, separators=(",", ":"))

    def problems(self) -> list[str]:
        """What a checker should report beyond the character set (empty when fine)."""
        out: list[str] = []
        if not self.ContentProducer:
            out.append("ContentProducer is empty")
        elif not is_provider_code(self.ContentProducer):
            out.append("ContentProducer is not a 27-character provider code")
        if not self.ProduceID:
            out.append("ProduceID is empty")
        if self.ContentPropagator and not is_provider_code(self.ContentPropagator):
            out.append("ContentPropagator is not a 27-character provider code")
        if self.ContentPropagator and not self.PropagateID:
            out.append("PropagateID is empty while ContentPropagator is set")
        return out

    @classmethod
    def parse(cls, text: str | bytes) -> "AIGCLabel":
        """Read `{"AIGC": {...}}` or the inner object; raise LabelError naming what is wrong."""
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise LabelError(f"label is not JSON: {exc}") from None
        if isinstance(data, dict) and "AIGC" in data:
            data = data["AIGC"]
        if not isinstance(data, dict):
            raise LabelError("label must be a JSON object")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise LabelError(f"label field {where}: {first['msg']}") from None


class AIGCLabelFactory(BaseModel):
    """What a provider configures once to stamp labels on what it generates."""

    model_config = ConfigDict(extra="forbid")
    producer: str = Field(description="the provider's 27-character code")

    def new(self, produce_id: str | None = None) -> AIGCLabel:
        return AIGCLabel(Label="1", ContentProducer=self.producer, ProduceID=produce_id or new_content_id())
