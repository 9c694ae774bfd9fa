"""Run one labeling job over every file of a folder, collecting results and errors per file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from hegui.label.metadata import LabelError

T = TypeVar("T")


def files_under(folder: Path) -> list[Path]:
    """Every regular, non-hidden file under `folder`, sorted."""
    return sorted(p for p in Path(folder).rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


@dataclass
class BatchReport(Generic[T]):
    done: list[tuple[Path, T]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    def to_json(self, render: Callable[[T], Any]) -> dict[str, Any]:
        return {"done": [{"file": str(p), **render(r)} for p, r in self.done],
                "failed": [{"file": str(p), "error": e} for p, e in self.failed]}


def run_batch(sources: list[Path], job: Callable[[Path], T],
              on_step: Callable[[Path], None] = lambda _p: None) -> BatchReport[T]:
    """Apply `job` to each source; a file that fails is reported and the others go on."""
    report: BatchReport[T] = BatchReport()
    for src in sources:
        try:
            report.done.append((src, job(src)))
        except LabelError as exc:
            report.failed.append((src, str(exc)))
        on_step(src)
    return report


def mirrored(src_root: Path, dst_root: Path, src: Path) -> Path:
    """Where the output of `src` goes under `dst_root` (folders created)."""
    out = Path(dst_root) / Path(src).relative_to(src_root)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out

