"""The one extension point of labeling: a `Labeler` per format family, and atomic writes."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from hegui.label.metadata import AIGCLabel, LabelError


class UnsupportedFormat(LabelError):
    """A file whose format hegui cannot label (the file is left untouched)."""


class Labeler(Protocol):
    """Reads and writes the implicit label in one format family's carrier."""

    def read(self, path: Path) -> str | None:
        """The label text stored in the carrier (as stored), or None when there is none."""
        ...

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        """Copy `src` to `dst` with `label` as the file's one label; other metadata kept."""
        ...

    def content_digest(self, path: Path) -> bytes:
        """SM3 of the content without its metadata (what a SecurityData binds)."""
        ...


def atomic_output(src: Path, dst: Path, produce: Callable[[Path, Path], object]) -> None:
    """Run `produce(src, tmp)` and move tmp onto `dst`; on any error `dst` is left as it was."""
    dst = Path(dst)
    fd, name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".hegui-tmp", dir=dst.parent or ".")
    os.close(fd)
    tmp = Path(name)
    try:
        produce(Path(src), tmp)
        if dst.exists():
            shutil.copymode(dst, tmp)
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
