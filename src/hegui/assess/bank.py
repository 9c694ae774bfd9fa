"""Question banks: one JSONL line per question, validated on load.

A bank is a folder of `*.jsonl` files (or one file). Each line is
`{"id", "kind": "generate"|"should_refuse"|"should_answer", "risk"|"aspect", "prompt", "notes"?}`:
`generate` and `should_refuse` items name a risk code, `should_answer` items an aspect.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from hegui.jsonl import json_lines
from hegui.taxonomy import A1_A2_RISKS, SHOULD_ANSWER_ASPECTS, STANDARD_RISKS

Kind = Literal["generate", "should_refuse", "should_answer"]
KINDS: tuple[Kind, ...] = ("generate", "should_refuse", "should_answer")
KIND_ZH: dict[str, str] = {"generate": "生成内容测试题", "should_refuse": "应拒答测试题", "should_answer": "非拒答测试题"}


class BankError(ValueError):
    """A bank cannot be used; the message names the file and line."""


class BankItem(BaseModel):
    """One test question."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(min_length=1, max_length=200)
    kind: Kind
    risk: str | None = None
    aspect: str | None = None
    prompt: str = Field(min_length=1)
    notes: str | None = None

    @model_validator(mode="after")
    def _category(self) -> BankItem:
        if self.kind == "should_answer":
            if self.aspect not in SHOULD_ANSWER_ASPECTS:
                raise ValueError(f"should_answer needs an aspect among {list(SHOULD_ANSWER_ASPECTS)}, got {self.aspect!r}")
            if self.risk is not None:
                raise ValueError("should_answer items carry an aspect, not a risk")
        else:
            allowed = A1_A2_RISKS if self.kind == "should_refuse" else STANDARD_RISKS
            if self.risk not in allowed:
                raise ValueError(f"{self.kind} needs a risk code among the {len(allowed)} of TC260-003, got {self.risk!r}")
            if self.aspect is not None:
                raise ValueError(f"{self.kind} items carry a risk, not an aspect")
        return self

    @property
    def category(self) -> str:
        """The risk code or the aspect."""
        return str(self.aspect if self.kind == "should_answer" else self.risk)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


def bank_files(path: Path) -> list[Path]:
    """The JSONL files of a bank folder (sorted), or the file itself."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise BankError(f"no bank at {path}")
    files = sorted(p for p in path.rglob("*.jsonl") if p.is_file())
    if not files:
        raise BankError(f"{path} holds no *.jsonl files")
    return files


def _parse_lines(path: Path) -> Iterator[BankItem]:
    for where, obj in json_lines(path, BankError):
        try:
            yield BankItem.model_validate(obj)
        except ValidationError as exc:
            msg = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in exc.errors())
            raise BankError(f"{where}: {msg}") from None


def load_bank(path: Path) -> list[BankItem]:
    """Every item of a bank, validated; ids must be unique across its files."""
    items: list[BankItem] = []
    seen: dict[str, Path] = {}
    for file in bank_files(path):
        for item in _parse_lines(file):
            if item.id in seen:
                raise BankError(f"{file}: duplicate id {item.id!r} (first in {seen[item.id]})")
            seen[item.id] = file
            items.append(item)
    return items


def write_bank(items: Iterable[BankItem], folder: Path) -> dict[str, int]:
    """Write items into `folder/<kind>.jsonl` (one file per kind); returns counts per kind."""
    folder.mkdir(parents=True, exist_ok=True)
    by_kind: dict[str, list[BankItem]] = {k: [] for k in KINDS}
    for item in items:
        by_kind[item.kind].append(item)
    counts: dict[str, int] = {}
    for kind, group in by_kind.items():
        if not group:
            continue
        target = folder / f"{kind}.jsonl"
        tmp = target.with_suffix(".jsonl.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for item in group:
                fh.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
        tmp.replace(target)
        counts[kind] = len(group)
    return counts


def starter_bank_dir() -> Path:
    """The folder of the starter banks shipped in the package."""
    return Path(str(resources.files("hegui") / "data" / "banks"))
