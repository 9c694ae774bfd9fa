"""The explicit registry: detected format -> labeler of its implicit-label carrier."""

from __future__ import annotations

from pathlib import Path

from hegui.label import audio, images, markdown, matroska, mp4, office, pdf
from hegui.label.base import Labeler, UnsupportedFormat
from hegui.label.sniff import sniff

LABELERS: dict[str, Labeler] = {
    "png": images.PNG,
    "jpeg": images.JPEG,
    "webp": images.WEBP,
    "gif": images.GIF,
    "tiff": images.TIFF,
    "mp3": audio.MP3,
    "wav": audio.WAV,
    "flac": audio.FLAC_LABELER,
    "ogg": audio.OGG,
    "opus": audio.OPUS,
    "m4a": mp4.MP4,
    "mp4": mp4.MP4,
    "mov": mp4.MP4,
    "mkv": matroska.MKV,
    "webm": matroska.WEBM,
    "pdf": pdf.PDF,
    "docx": office.OFFICE,
    "xlsx": office.OFFICE,
    "pptx": office.OFFICE,
    "markdown": markdown.MARKDOWN,
}

# What kind of content each format holds (decides the explicit label).
KINDS: dict[str, str] = {
    **dict.fromkeys(("png", "jpeg", "webp", "gif", "tiff"), "image"),
    **dict.fromkeys(("mp3", "wav", "flac", "ogg", "opus", "m4a"), "audio"),
    **dict.fromkeys(("mp4", "mov", "mkv", "webm"), "video"),
    **dict.fromkeys(("pdf", "docx", "xlsx", "pptx"), "document"),
    **dict.fromkeys(("markdown", "text"), "text"),
}


def labeler_for(fmt: str) -> Labeler:
    """The labeler of a detected format; UnsupportedFormat when it has no implicit carrier."""
    try:
        return LABELERS[fmt]
    except KeyError:
        raise UnsupportedFormat(f"format {fmt!r} has no implicit-label carrier") from None


def detect(path: Path) -> tuple[str, Labeler]:
    """Sniff `path` and return (format, labeler)."""
    fmt = sniff(path)
    return fmt, labeler_for(fmt)
