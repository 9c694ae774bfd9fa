"""Reading a JSON-lines file whose every bad line must be named: one reader for banks, labelled
answers and classifier training data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def json_lines(path: Path, error: type[Exception]) -> Iterator[tuple[str, Any]]:
    """(where, value) for each non-blank line, `where` being "path:line". A file that cannot be
    read, is not UTF-8 or holds a line that is not JSON raises `error` with a message that says
    which; the caller validates the values and names `where` in its own errors."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise error(f"{path} is not UTF-8") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{where}: not JSON ({exc.msg})") from None
