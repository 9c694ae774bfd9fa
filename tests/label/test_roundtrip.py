"""Every format: write, read back byte-exactly, rewrite replaces, content untouched."""

import zipfile
from pathlib import Path

import pytest

from hegui.label.base import UnsupportedFormat
from hegui.label.metadata import AIGCLabel, LabelError
from hegui.label.registry import detect
from tests.label.conftest import CODE, MAKERS

FORMATS = sorted(MAKERS)
XMP_FORMATS = {"png", "jpeg", "webp", "gif", "tiff"}


def _stored_bytes(fmt: str, path: Path) -> bytes:
    if fmt in ("docx", "xlsx", "pptx"):  # compressed: look inside the package
        with zipfile.ZipFile(path) as zf:
            return b"".join(zf.read(n) for n in zf.namelist())
    return path.read_bytes()


def _expected(fmt: str, label: AIGCLabel) -> str:
    return label.inner_json() if fmt in XMP_FORMATS | {"markdown"} else label.to_json()


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_is_byte_exact_and_rewrite_replaces(fmt: str, sample, tmp_path: Path) -> None:
    src = sample(fmt)
    before = src.read_bytes()
    _, labeler = detect(src)
    assert labeler.read(src) is None
    first = AIGCLabel(ContentProducer=CODE, ProduceID="firstid1")
    out = tmp_path / f"out{src.suffix}"
    labeler.write(src, out, first)
    assert src.read_bytes() == before  # the input is never changed
    assert labeler.read(out) == _expected(fmt, first)
    assert AIGCLabel.parse(labeler.read(out)) == first
    second = first.model_copy(update={"ProduceID": "secondid2", "Label": "2"})
    labeler.write(out, out, second)  # in place
    assert labeler.read(out) == _expected(fmt, second)
    data = _stored_bytes(fmt, out)
    assert data.count(b"secondid2") == 1 and b"firstid1" not in data
    assert labeler.content_digest(out) == labeler.content_digest(src)


STREAMABLE = {"mp3", "opus"}  # a cut-short file of these is still a valid, shorter file


def _broken(fmt: str, data: bytes, how: str) -> bytes:
    if fmt == "markdown":
        return b"---\ntitle: \xff\xfe bad\n---\n"
    if how == "cut":
        return data[: max(16, len(data) // 3)]
    return data[:12] + bytes(range(256)) * 8


BROKEN_CASES = [(f, h) for f in FORMATS for h in ("cut", "garbage")
                if not (h == "cut" and f in STREAMABLE)]


@pytest.mark.parametrize(("fmt", "how"), BROKEN_CASES)
def test_a_broken_file_gets_a_clear_error_and_nothing_is_written(fmt: str, how: str, sample,
                                                                 tmp_path: Path) -> None:
    src = sample(fmt)
    _, labeler = detect(src)
    broken = tmp_path / f"broken{src.suffix}"
    broken.write_bytes(_broken(fmt, src.read_bytes(), how))
    out = tmp_path / f"never{src.suffix}"
    out.write_bytes(b"already here")
    with pytest.raises((LabelError, UnsupportedFormat)):
        labeler.write(broken, out, AIGCLabel(ContentProducer=CODE, ProduceID="x"))
    assert out.read_bytes() == b"already here"  # nothing already stored is lost
    assert not list(tmp_path.glob(".*hegui-tmp"))
