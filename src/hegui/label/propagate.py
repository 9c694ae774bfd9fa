"""The platform side (Labeling Measures Art. 6): decide Label 1 / 2 / 3 for content being
spread, add ContentPropagator and PropagateID, keep the producer's fields, add the notice."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hegui.label import explicit
from hegui.label.metadata import AIGCLabel, LabelError, is_provider_code, new_content_id
from hegui.label.registry import KINDS, labeler_for
from hegui.label.sniff import sniff

REASONS = {
    "1": "implicit label present: AI-generated (已标识为人工智能生成)",
    "2": "declared by the uploader: may be AI-generated (用户声明，可能为人工智能生成)",
    "3": "AI traces detected (explicit notice): suspected AI-generated (疑似人工智能生成)",
}


class NothingToLabel(LabelError):
    """No label, no declaration and no traces: Art. 6 asks for no label."""


@dataclass(frozen=True)
class PropagateResult:
    format: str
    label: AIGCLabel
    reason: str
    explicit: str

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format, "label": self.label.to_dict(), "reason": self.reason,
                "explicit": self.explicit}


def decide(existing: AIGCLabel | None, declared_ai: bool, traces: bool) -> str:
    """Label value for content a platform spreads (raises NothingToLabel when none applies)."""
    if existing is not None:
        return existing.Label
    if declared_ai:
        return "2"
    if traces:
        return "3"
    raise NothingToLabel("no implicit label, no declaration (--declared-ai) and no AI traces: "
                         "Art. 6 of the Labeling Measures asks for no label")


def _notice(fmt: str, src: Path, work: Path, value: str, existing: AIGCLabel | None,
            found: bool) -> tuple[Path, str]:
    adder = explicit.ADDERS.get(KINDS.get(fmt, ""))
    if found:
        return src, "kept: the content already shows a notice"
    if adder is None:
        return src, f"not added: show the notice beside the {fmt} file in the interface"
    if existing is not None and existing.ReservedCode1.startswith("{"):
        return src, ("not added: the producer's SecurityData binds the content; "
                     "show the notice in the interface")
    adder(src, work, fmt, value, explicit.ExplicitOptions())
    return work, "added"


def propagate(src: Path, dst: Path, propagator: str, propagate_id: str | None = None,
              declared_ai: bool = False, add_notice: bool = True) -> PropagateResult:
    """Label `src` for spreading into `dst`."""
    src, dst = Path(src), Path(dst)
    if not is_provider_code(propagator):
        raise LabelError(f"propagator {propagator!r} is not a 27-character provider code")
    fmt = sniff(src)
    labeler = labeler_for(fmt)
    raw = labeler.read(src)
    existing = AIGCLabel.parse(raw) if raw is not None else None
    found, _detail = explicit.FINDERS[KINDS[fmt]](src, fmt)
    value = decide(existing, declared_ai, found)
    label = (existing or AIGCLabel()).model_copy(update={
        "Label": value, "ContentPropagator": propagator,
        "PropagateID": propagate_id or new_content_id()})
    label = AIGCLabel.parse(label.to_json())  # re-check the character set of the new values
    with tempfile.TemporaryDirectory(prefix="hegui-label-", dir=dst.parent) as tmp:
        current, note = src, "not requested"
        if add_notice:
            current, note = _notice(fmt, src, Path(tmp) / f"notice{src.suffix}", value,
                                    existing, found)
        labeler.write(current, dst, label)
    return PropagateResult(fmt, label, REASONS[value], note)
