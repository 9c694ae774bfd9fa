"""PDF: Info dictionary key `/AIGC`, added with pypdf as an incremental update (the original
bytes stay as they are; a relabel rewrites the file so the old label is gone).
The content a SecurityData binds is the pages' content streams."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject, TextStringObject

from hegui.label.base import atomic_output
from hegui.label.digest import SM3
from hegui.label.metadata import AIGCLabel, LabelError

_KEY = "/AIGC"


def _reader(path: Path) -> PdfReader:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise LabelError(f"{Path(path).name}: encrypted PDF; decrypt it first")
        return reader
    except (PyPdfError, OSError, ValueError) as exc:
        raise LabelError(f"{Path(path).name}: not a readable PDF ({exc})") from None


def _write(src: Path, tmp: Path, label: AIGCLabel) -> None:
    reader = _reader(src)
    relabel = reader.metadata is not None and _KEY in reader.metadata
    try:
        # A first label is an incremental update (original bytes kept); a new label replaces
        # the old one by rewriting the file, so that no earlier revision still holds it.
        writer = PdfWriter(clone_from=reader) if relabel else PdfWriter(src, incremental=True)
        writer.add_metadata({NameObject(_KEY): TextStringObject(label.to_json())})
        writer.write(tmp)
    except (PyPdfError, OSError, ValueError) as exc:
        raise LabelError(f"{src.name}: cannot write the PDF ({exc})") from None


class PdfLabeler:
    def read(self, path: Path) -> str | None:
        info = _reader(path).metadata
        value = info.get(_KEY) if info is not None else None
        return str(value) if value is not None else None

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        atomic_output(src, dst, lambda s, tmp: _write(s, tmp, label))

    def content_digest(self, path: Path) -> bytes:
        h = SM3()
        for page in _reader(path).pages:
            contents = page.get_contents()
            h.part(contents.get_data() if contents is not None else b"")
        return h.digest()


PDF = PdfLabeler()
