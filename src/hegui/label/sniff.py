"""Detect a file's format from its first bytes (the extension only decides for text)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hegui.label.base import UnsupportedFormat

_TEXT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}
_OFFICE_MARKERS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
)


def _mp4_family(head: bytes) -> str:
    brand = head[8:12]
    if brand == b"qt  ":
        return "mov"
    if brand in (b"M4A ", b"M4B "):
        return "m4a"
    return "mp4"


def _ogg_kind(head: bytes) -> str:
    return "opus" if b"OpusHead" in head else "ogg"


def _office_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        raise UnsupportedFormat(f"{path.name}: broken zip file ({exc})") from None
    for marker, kind in _OFFICE_MARKERS:
        if marker in names:
            return kind
    raise UnsupportedFormat(f"{path.name}: a zip file that is not DOCX, XLSX or PPTX")


def _matroska_kind(head: bytes) -> str:
    return "webm" if b"webm" in head[:64] else "mkv"


def _is_mp3(head: bytes) -> bool:
    # Frame sync, and a layer other than "reserved" (ADTS AAC has layer bits 00).
    return head.startswith(b"ID3") or (
        len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06 != 0)


def sniff(path: Path) -> str:
    """The format name of `path` (e.g. "png", "mp4", "docx"); UnsupportedFormat otherwise."""
    path = Path(path)
    if not path.is_file():
        raise UnsupportedFormat(f"{path}: not a file")
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"OggS"):
        return _ogg_kind(head)
    if head[4:8] == b"ftyp":
        return _mp4_family(head)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _matroska_kind(head)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(path)
    if _is_mp3(head):
        return "mp3"
    kind = _TEXT_SUFFIXES.get(path.suffix.lower())
    if kind is not None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a cut multibyte character at the end is fine
                raise UnsupportedFormat(f"{path.name}: not UTF-8 text") from None
        return kind
    raise UnsupportedFormat(f"{path.name}: unknown format (hegui labels images, audio, video, "
                            "PDF, DOCX/XLSX/PPTX and Markdown)")
