import pkgutil
from pathlib import Path

import pytest

import hegui.label as label_pkg
from hegui.label.base import UnsupportedFormat
from hegui.label.registry import KINDS, LABELERS, detect
from hegui.label.sniff import sniff
from tests.label.conftest import MAKERS

FORMATS = sorted(MAKERS)


def test_every_format_of_the_issue_has_a_labeler_and_a_kind() -> None:
    claimed = {"png", "jpeg", "webp", "gif", "tiff", "mp3", "wav", "flac", "ogg", "opus", "m4a",
               "mp4", "mov", "mkv", "webm", "pdf", "docx", "xlsx", "pptx", "markdown"}
    assert claimed <= set(LABELERS)
    assert set(LABELERS) <= set(KINDS)


def test_every_format_family_module_is_in_the_registry() -> None:
    families = {"images", "audio", "mp4", "matroska", "office", "pdf", "markdown"}
    assert families <= {m.name for m in pkgutil.iter_modules(label_pkg.__path__)}
    registered = {type(labeler).__module__.rsplit(".", 1)[1] for labeler in LABELERS.values()}
    assert registered == families


@pytest.mark.parametrize("fmt", FORMATS)
def test_sniffing_reads_the_bytes_not_the_name(fmt: str, sample, tmp_path: Path) -> None:
    path = sample(fmt)
    assert sniff(path) == fmt
    if fmt != "markdown":  # text has no magic bytes: the suffix decides
        renamed = path.rename(tmp_path / "no-suffix.bin")
        assert sniff(renamed) == fmt


def test_unknown_bytes_are_refused_clearly(tmp_path: Path) -> None:
    odd = tmp_path / "x.png"
    odd.write_bytes(b"not an image at all")
    with pytest.raises(UnsupportedFormat, match="unknown format"):
        detect(odd)


def test_zip_that_is_not_office_is_refused(tmp_path: Path) -> None:
    import zipfile
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedFormat, match="not DOCX"):
        sniff(path)


def test_adts_aac_is_not_taken_for_mp3(tmp_path: Path) -> None:
    path = tmp_path / "a.aac"
    path.write_bytes(b"\xff\xf1\x50\x80" + bytes(60))  # ADTS: layer bits 00
    with pytest.raises(UnsupportedFormat):
        sniff(path)
    mp3 = tmp_path / "b.mp3"
    mp3.write_bytes(b"\xff\xfb\x90\x64" + bytes(60))  # MPEG-1 Layer III
    assert sniff(mp3) == "mp3"
