"""Explicit labels by content kind: how to add one and how to find one (explicit registries)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from hegui.label.explicit_audio import add_audio_file, find_rhythm
from hegui.label.explicit_files import add_image_file, find_image_file
from hegui.label.explicit_text import Position, add_text_file, find_text_file, find_text_notice
from hegui.label.explicit_video import add_video_file, find_video_notice
from hegui.label.metadata import LabelError


@dataclass(frozen=True)
class ExplicitOptions:
    """Where and how the explicit label goes."""

    text_position: Position = "start"
    audio_position: Position = "start"
    audio_notice: Path | None = None  # a spoken notice file instead of the rhythm
    video_throughout: bool = False


Adder = Callable[[Path, Path, str, str, ExplicitOptions], None]
Finder = Callable[[Path, str], tuple[bool, str]]

ADDERS: dict[str, Adder] = {
    "text": lambda s, d, _fmt, v, o: add_text_file(s, d, v, o.text_position),
    "image": lambda s, d, _fmt, v, _o: add_image_file(s, d, v),
    "audio": lambda s, d, fmt, _v, o: add_audio_file(s, d, fmt, o.audio_position, o.audio_notice),
    "video": lambda s, d, fmt, v, o: add_video_file(s, d, fmt, v, o.video_throughout),
}

_XML_TEXT = re.compile(r"<[^>]+>")
_OFFICE_PARTS = re.compile(r"word/document\.xml|xl/sharedStrings\.xml|ppt/slides/slide\d+\.xml")


def document_text(path: Path, fmt: str) -> str:
    """The visible text of a PDF or Office document (enough to look for a notice)."""
    try:
        if fmt == "pdf":
            return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        with zipfile.ZipFile(path) as zf:
            parts = [n for n in zf.namelist() if _OFFICE_PARTS.fullmatch(n)]
            return "\n".join(_XML_TEXT.sub("", zf.read(n).decode("utf-8", "replace")) for n in parts)
    except (PyPdfError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LabelError(f"{Path(path).name}: cannot read its text ({exc})") from None


def _find_document(path: Path, fmt: str) -> tuple[bool, str]:
    found = find_text_notice(document_text(path, fmt))
    return (True, f"text notice: {found}") if found else (False, "no text notice in the document")


FINDERS: dict[str, Finder] = {
    "text": lambda p, _fmt: find_text_file(p),
    "image": lambda p, _fmt: find_image_file(p),
    "audio": lambda p, _fmt: find_rhythm(p),
    "video": lambda p, _fmt: find_video_notice(p),
    "document": _find_document,
}
