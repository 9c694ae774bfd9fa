"""An annotated batch (JSONL, one item per line) and its reading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Kind = Literal["functional", "safety"]


class BatchError(ValueError):
    """The batch cannot be read; the message names the line."""


class BatchItem(BaseModel):
    """One annotated item: its text, every annotator's label, and the checks done on it."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    kind: Kind
    text: str
    annotations: dict[str, str] = Field(min_length=1, description="annotator → label")
    reviewer: str | None = Field(default=None, description="who approved it (safety items)")
    approved: bool | None = None
    spot_check: Literal["pass", "fail"] | None = Field(
        default=None, description="result of a quality checker's re-examination"
    )


def load_batch(path: Path) -> list[BatchItem]:
    items: list[BatchItem] = []
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise BatchError(f"cannot read batch {path}: {exc.strerror}") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                items.append(BatchItem.model_validate(json.loads(line)))
            except json.JSONDecodeError as exc:
                raise BatchError(f"{path}:{number}: not JSON: {exc.msg}") from None
            except ValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(p) for p in err["loc"]) or "(item)"
                raise BatchError(f"{path}:{number}: {where}: {err['msg']}") from None
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise BatchError(f"{path}: item ids must be unique")
    if not items:
        raise BatchError(f"{path}: the batch is empty")
    return items
