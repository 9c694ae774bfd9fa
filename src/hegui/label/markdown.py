"""Markdown: YAML front matter key `AIGC`, written as a one-line flow mapping (the inner JSON,
which is also valid YAML). Other front matter lines are kept as they are."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from hegui.label.base import atomic_output
from hegui.label.digest import SM3
from hegui.label.metadata import AIGCLabel, LabelError

_FENCE = "---"


def split_front_matter(text: str) -> tuple[list[str] | None, str]:
    """(front matter lines or None, body)."""
    if not text.startswith(_FENCE + "\n") and not text.startswith(_FENCE + "\r\n"):
        return None, text
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") in (_FENCE, "..."):
            return lines[1:i], "".join(lines[i + 1:])
    return None, text


def read_text(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as fh:  # keep line endings as they are
            return fh.read()
    except UnicodeDecodeError as exc:
        raise LabelError(f"{Path(path).name}: not UTF-8 text ({exc})") from None


def _aigc_value(front: list[str]) -> str | None:
    for line in front:
        if line.startswith("AIGC:") and line[5:].strip().startswith("{"):
            return line[5:].strip()
    try:
        data = yaml.safe_load("".join(front))
    except yaml.YAMLError as exc:
        raise LabelError(f"front matter is not YAML ({exc})") from None
    value = data.get("AIGC") if isinstance(data, dict) else None
    if isinstance(value, dict):
        return json.dumps({str(k): str(v) for k, v in value.items()}, separators=(",", ":"))
    return str(value) if value is not None else None


def _without_aigc(front: list[str]) -> list[str]:
    out, skipping = [], False
    for line in front:
        if line.startswith("AIGC:"):
            skipping = True
            continue
        if skipping and line[:1] in (" ", "\t"):
            continue
        skipping = False
        out.append(line)
    return out


def with_label(text: str, label: AIGCLabel) -> str:
    front, body = split_front_matter(text)
    first = text.split("\n", 1)[0]
    nl = "\r\n" if first.endswith("\r") or (front is None and "\r\n" in text) else "\n"
    kept = _without_aigc(front or [])
    if kept and not kept[-1].endswith("\n"):
        kept[-1] += nl
    lines = [_FENCE + nl, *kept, f"AIGC: {label.inner_json()}{nl}", _FENCE + nl]
    return "".join(lines) + body


class MarkdownLabeler:
    def read(self, path: Path) -> str | None:
        front, _ = split_front_matter(read_text(path))
        return _aigc_value(front) if front is not None else None

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        out = with_label(read_text(src), label)
        atomic_output(src, dst, lambda _s, tmp: tmp.write_bytes(out.encode("utf-8")))

    def content_digest(self, path: Path) -> bytes:
        h = SM3()
        h.part(split_front_matter(read_text(path))[1].encode("utf-8"))
        return h.digest()


MARKDOWN = MarkdownLabeler()
