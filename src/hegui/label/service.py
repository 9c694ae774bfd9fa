"""What the commands and the gateway do: add, read, check and propagate labels on one file."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from hegui.label import explicit as explicit_labels
from hegui.label import security
from hegui.label.base import Labeler
from hegui.label.metadata import AIGCLabel, LabelError, is_provider_code, new_content_id
from hegui.label.registry import KINDS, LABELERS, labeler_for
from hegui.label.sniff import sniff


@dataclass(frozen=True)
class AddOptions:
    producer: str
    produce_id: str | None = None
    explicit: bool = True
    implicit: bool = True
    sign_key: Ed25519PrivateKey | None = None
    placement: explicit_labels.ExplicitOptions = field(default_factory=explicit_labels.ExplicitOptions)


@dataclass(frozen=True)
class AddResult:
    format: str
    label: AIGCLabel | None
    explicit: str  # what happened to the explicit label

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format, "label": self.label.to_dict() if self.label else None,
                "explicit": self.explicit}


def _explicit_step(fmt: str, src: Path, work: Path, value: str,
                   placement: explicit_labels.ExplicitOptions) -> tuple[Path, str]:
    """Add the explicit label into `work` when the kind has one; return the file to go on with."""
    adder = explicit_labels.ADDERS.get(KINDS.get(fmt, ""))
    if adder is None:
        return src, f"not added: hegui adds no explicit label to {fmt} files; put the notice in the text"
    adder(src, work, fmt, value, placement)
    return work, "added"


def _sign_and_write(labeler: Labeler, src: Path, dst: Path, label: AIGCLabel,
                    key: Ed25519PrivateKey | None) -> AIGCLabel:
    if key is not None:
        label = security.sign(label, labeler.content_digest(src), key)
    labeler.write(src, dst, label)
    return label


def add(src: Path, dst: Path, options: AddOptions) -> AddResult:
    """Label `src` as generated content into `dst` (dst may be src); src is never half-written."""
    src, dst = Path(src), Path(dst)
    if not is_provider_code(options.producer):
        raise LabelError(f"producer {options.producer!r} is not a 27-character provider code")
    if not options.explicit and not options.implicit:
        raise LabelError("nothing to do: both --no-explicit and --no-implicit")
    fmt = sniff(src)
    labeler = labeler_for(fmt) if options.implicit else None
    label = AIGCLabel.parse(json.dumps({  # parse: a bad --produce-id is a LabelError
        "Label": "1", "ContentProducer": options.producer,
        "ProduceID": options.produce_id or new_content_id()}))
    with tempfile.TemporaryDirectory(prefix="hegui-label-", dir=dst.parent) as tmp:
        current, note = src, "not requested"
        if options.explicit:
            current, note = _explicit_step(fmt, src, Path(tmp) / f"explicit{src.suffix}",
                                           "1", options.placement)
        if labeler is None:
            if current != dst:
                shutil.copyfile(current, dst)
            return AddResult(fmt, None, note)
        label = _sign_and_write(labeler, current, dst, label, options.sign_key)
    return AddResult(fmt, label, note)


def read(path: Path) -> AIGCLabel | None:
    """The implicit label of `path`, or None; LabelError when it is there but broken."""
    raw = labeler_for(sniff(path)).read(Path(path))
    return AIGCLabel.parse(raw) if raw is not None else None


def _label_problems(label: AIGCLabel) -> list[str]:
    found = label.problems()
    if label.Label in ("2", "3") and label.ContentPropagator:
        # Labels 2 and 3 come from a platform that may not know who generated the content.
        found = [p for p in found if p not in ("ContentProducer is empty", "ProduceID is empty")]
    return found


def check(path: Path, trusted: Ed25519PublicKey | None = None,
          require_explicit: bool = False) -> dict[str, Any]:
    """The report `hegui label check --json` prints."""
    path = Path(path)
    fmt = sniff(path)
    problems: list[str] = []
    label: AIGCLabel | None = None
    labeler = LABELERS.get(fmt)
    if labeler is None:
        problems.append(f"{fmt} files have no implicit-label carrier")
    else:
        raw = labeler.read(path)
        try:
            label = AIGCLabel.parse(raw) if raw is not None else None
        except LabelError as exc:
            problems.append(f"implicit label unreadable: {exc}")
        if raw is None:
            problems.append("no implicit label")
    if label is not None:
        problems += _label_problems(label)
    signature: security.SignatureState = "absent"
    if label is not None and labeler is not None and label.ReservedCode1:
        result = security.verify(label, labeler.content_digest(path), trusted)
        signature = result.state
        if result.problem:
            problems.append(f"signature: {result.problem}")
    elif trusted is not None:
        problems.append("signature: absent but a trusted key was given")
    found, detail = explicit_labels.FINDERS[KINDS[fmt]](path, fmt)
    if require_explicit and not found:
        problems.append(f"no explicit label ({detail})")
    return {"format": fmt, "implicit": label.to_dict() if label else None,
            "explicit": {"found": found, "detail": detail},
            "valid": not problems and signature != "invalid",
            "problems": problems, "signature": signature}
