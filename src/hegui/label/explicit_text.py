"""Explicit labels on text: a notice with an AI element and a generation element, placed at the
start, the end or a paragraph break near the middle (after any Markdown front matter)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from hegui.label.base import atomic_output
from hegui.label.markdown import read_text, split_front_matter
from hegui.label.wording import EXPLICIT_TEXT, TEXT_NOTICES

Position = Literal["start", "end", "middle"]


def add_text_notice(text: str, label_value: str = "1", position: Position = "start") -> str:
    """`text` with the notice for `label_value` inserted as its own paragraph."""
    notice = TEXT_NOTICES[label_value]
    newline = "\r\n" if "\r\n" in text else "\n"
    if position == "start" or not text.strip():
        return notice + newline + newline + text
    if position == "end":
        return text.rstrip("\r\n") + newline + newline + notice + newline
    breaks = [i for i in range(len(text)) if text.startswith(newline * 2, i)]
    if not breaks:
        return text.rstrip("\r\n") + newline + newline + notice + newline
    middle = min(breaks, key=lambda i: abs(i - len(text) // 2))
    return text[:middle] + newline * 2 + notice + text[middle:]


def find_text_notice(text: str) -> str | None:
    """The first wording holding both elements, or None."""
    match = EXPLICIT_TEXT.search(text)
    return match.group(0) if match else None


def add_text_file(src: Path, dst: Path, label_value: str, position: Position) -> None:
    raw = read_text(src)
    front, body = split_front_matter(raw)
    head = raw[: len(raw) - len(body)] if front is not None else ""
    out = head + add_text_notice(body, label_value, position)
    atomic_output(src, dst, lambda _s, tmp: tmp.write_bytes(out.encode("utf-8")))


def find_text_file(path: Path) -> tuple[bool, str]:
    _front, body = split_front_matter(read_text(path))
    found = find_text_notice(body)
    if found:
        return True, f"text notice: {found}"
    return False, "no text notice with an AI element and a generation element"
