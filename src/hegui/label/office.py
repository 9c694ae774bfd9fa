"""DOCX / XLSX / PPTX: custom document property `AIGC` in `docProps/custom.xml`.

The package is rewritten entry by entry (same names, order and compression); only
`docProps/custom.xml`, and when the part is new `[Content_Types].xml` and `_rels/.rels`, change.
The content a SecurityData binds is every part outside `docProps/` and the two package indexes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from hegui.label.base import atomic_output
from hegui.label.digest import SM3
from hegui.label.metadata import AIGCLabel, LabelError

CUSTOM = "docProps/custom.xml"
_CP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_EMPTY = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          f'<Properties xmlns="{_CP_NS}" xmlns:vt="{_VT_NS}"></Properties>')
_AIGC_PROPERTY = re.compile(r'<(?:\w+:)?property\b[^>]*\bname="AIGC"[^>]*>.*?</(?:\w+:)?property>',
                            re.DOTALL)
_INDEXES = {"[Content_Types].xml", "_rels/.rels"}


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise LabelError(f"{Path(path).name}: not a readable Office file ({exc})") from None


def read_custom(xml: bytes) -> str | None:
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise LabelError(f"{CUSTOM} is not XML ({exc})") from None
    for prop in root:
        if prop.get("name") == "AIGC" and len(prop) and prop[0].text:
            return prop[0].text
    return None


def _with_property(xml: str, value: str) -> str:
    xml = _AIGC_PROPERTY.sub("", xml)
    pids = [int(p) for p in re.findall(r'\bpid="(\d+)"', xml)]
    prefix = "vt" if "xmlns:vt=" in xml else None
    if prefix is None:
        xml = xml.replace("<Properties ", f'<Properties xmlns:vt="{_VT_NS}" ', 1)
    prop = (f'<property fmtid="{_FMTID}" pid="{max(pids, default=1) + 1}" name="AIGC">'
            f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>")
    if "</Properties>" not in xml:
        raise LabelError(f"{CUSTOM} has no Properties element")
    return xml.replace("</Properties>", prop + "</Properties>", 1)


def _register(types: str, rels: str) -> tuple[str, str]:
    if "/docProps/custom.xml" not in types:
        types = types.replace(
            "</Types>", f'<Override PartName="/docProps/custom.xml" ContentType="{_CT}"/></Types>', 1)
    if _REL_TYPE not in rels:
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdHeguiAIGC" Type="{_REL_TYPE}" '
                            'Target="docProps/custom.xml"/></Relationships>', 1)
    return types, rels


def _write(src: Path, tmp: Path, label: AIGCLabel) -> None:
    with _open(src) as zin:
        names = zin.namelist()
        if not _INDEXES <= set(names):
            raise LabelError(f"{src.name}: an Office file needs [Content_Types].xml and _rels/.rels")
        custom = zin.read(CUSTOM).decode("utf-8") if CUSTOM in names else _EMPTY
        types, rels = _register(zin.read("[Content_Types].xml").decode("utf-8"),
                                zin.read("_rels/.rels").decode("utf-8"))
        changed = {CUSTOM: _with_property(custom, label.to_json()).encode("utf-8"),
                   "[Content_Types].xml": types.encode("utf-8"), "_rels/.rels": rels.encode("utf-8")}
        with zipfile.ZipFile(tmp, "w") as zout:
            for info in zin.infolist():
                new = changed.pop(info.filename, None)
                zout.writestr(info, new if new is not None else zin.read(info))
            for name, data in changed.items():
                zout.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)


class OfficeLabeler:
    """DOCX, XLSX and PPTX packages."""

    def read(self, path: Path) -> str | None:
        with _open(path) as zf:
            if CUSTOM not in zf.namelist():
                return None
            return read_custom(zf.read(CUSTOM))

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        atomic_output(src, dst, lambda s, tmp: _write(s, tmp, label))

    def content_digest(self, path: Path) -> bytes:
        h = SM3()
        with _open(path) as zf:
            for name in sorted(zf.namelist()):
                if name.startswith("docProps/") or name in _INDEXES:
                    continue
                h.part(name.encode("utf-8"))
                h.part(zf.read(name))
        return h.digest()


OFFICE = OfficeLabeler()
