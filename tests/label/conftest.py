"""Sample files of every format, made once per test session with real encoders."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfWriter

from tests.label import makers

CODE = "001191110102MACQD9K64010000"
PLATFORM = "001191110102MACQD9K64020000"


def _pdf(path: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "sample", "/Author": "tests"})
    writer.write(path)
    return path


def _xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "内容"
    wb.save(path)
    return path


_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
       'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="{main}"/></Relationships>')


def _office(path: Path, main: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS.format(main=main))
        zf.writestr(main, "<doc><t>正文 body text</t></doc>")
        zf.writestr("docProps/core.xml", "<core><title>sample</title></core>")
    return path


def _media(make: Callable[[Path, str], Path], kind: str, path: Path) -> Path:
    return make(path.with_suffix("." + kind), kind)


MAKERS: dict[str, Callable[[Path], Path]] = {
    "png": lambda p: makers.image(p.with_suffix(".png"), format="PNG"),
    "jpeg": lambda p: makers.image(p.with_suffix(".jpg"), format="JPEG", quality=90),
    "webp": lambda p: makers.image(p.with_suffix(".webp"), format="WEBP"),
    "gif": lambda p: makers.image(p.with_suffix(".gif"), format="GIF"),
    "tiff": lambda p: makers.image(p.with_suffix(".tif"), format="TIFF"),
    **{k: partial(_media, makers.audio, k) for k in makers.AUDIO},
    **{k: partial(_media, makers.video, k) for k in makers.VIDEO},
    "pdf": lambda p: _pdf(p.with_suffix(".pdf")),
    "docx": lambda p: _office(p.with_suffix(".docx"), "word/document.xml"),
    "xlsx": lambda p: _xlsx(p.with_suffix(".xlsx")),
    "pptx": lambda p: _office(p.with_suffix(".pptx"), "ppt/presentation.xml"),
    "markdown": lambda p: _write(p.with_suffix(".md"), "---\ntitle: 样例\n---\n# 标题\n\n正文。\n"),
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("samples")


@pytest.fixture
def sample(sample_dir: Path, tmp_path: Path) -> Callable[[str], Path]:
    """sample("png") -> a fresh copy (in tmp_path) of a real file of that format."""
    def get(fmt: str) -> Path:
        made = next(sample_dir.glob(f"{fmt}.*"), None)
        if made is None:
            made = MAKERS[fmt](sample_dir / fmt)
        copy = tmp_path / f"in-{fmt}{made.suffix}"
        shutil.copyfile(made, copy)
        return copy
    return get
