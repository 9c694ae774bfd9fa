"""SecurityData: binds the label to the content; copies and edits are caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hegui.label import security
from hegui.label.metadata import AIGCLabel, LabelError
from hegui.label.registry import detect
from hegui.label.service import AddOptions, add, check
from tests.label.conftest import CODE


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "signing.pem"
    security.generate_key(path)
    return path


def _signed(sample, fmt: str, key: Path, tmp_path: Path) -> Path:
    out = tmp_path / f"signed-{fmt}{sample(fmt).suffix}"
    add(sample(fmt), out, AddOptions(producer=CODE, sign_key=security.load_private_key(key),
                                     explicit=False))
    return out


def test_keygen_writes_a_pair_and_refuses_to_overwrite(key: Path) -> None:
    public = key.with_name("signing.pub.pem")
    assert public.exists() and key.stat().st_mode & 0o077 == 0
    security.load_public_key(public)
    with pytest.raises(LabelError, match="exists"):
        security.generate_key(key)


def test_security_data_stays_in_the_character_set(sample, key: Path, tmp_path: Path) -> None:
    out = _signed(sample, "png", key, tmp_path)
    label = AIGCLabel.parse(detect(out)[1].read(out))
    data = json.loads(label.ReservedCode1)
    assert data["Type"] and data["Version"]  # required by TC260-PG-202511A
    assert " " not in label.ReservedCode1 and "\\" not in label.ReservedCode1


@pytest.mark.parametrize("fmt", ["png", "jpeg", "mp3", "mp4", "mkv", "pdf", "docx", "markdown"])
def test_signed_label_is_valid_and_a_copy_onto_other_content_is_not(fmt: str, sample, key: Path,
                                                                    tmp_path: Path) -> None:
    signed = _signed(sample, fmt, key, tmp_path)
    report = check(signed, security.load_public_key(key.with_name("signing.pub.pem")))
    assert report["signature"] == "valid" and report["valid"], report
    # Copy the label, unchanged, onto different content of the same format.
    other = tmp_path / f"other{signed.suffix}"
    labeler = detect(signed)[1]
    label = AIGCLabel.parse(labeler.read(signed))
    _different_content(fmt, sample(fmt), other)
    labeler.write(other, other, label)
    copied = check(other)
    assert copied["signature"] == "invalid" and not copied["valid"]
    assert any("content hash" in p for p in copied["problems"])


def _different_content(fmt: str, src: Path, out: Path) -> None:
    from tests.label import makers
    if fmt in ("png", "jpeg"):
        makers.image(out, seed=7, format="PNG" if fmt == "png" else "JPEG")
    elif fmt == "mp3":
        makers.audio(out, "mp3", seconds=0.5)
    elif fmt in ("mp4", "mkv"):
        makers.video(out, fmt, seconds=0.5)
    elif fmt == "markdown":
        out.write_text("# other text\n", encoding="utf-8")
    elif fmt == "pdf":
        from pypdf import PdfWriter
        w = PdfWriter()
        page = w.add_blank_page(100, 100)
        from pypdf.generic import DecodedStreamObject, NameObject
        stream = DecodedStreamObject()
        stream.set_data(b"0 0 m 10 10 l S")
        page[NameObject("/Contents")] = w._add_object(stream)
        w.write(out)
    elif fmt == "docx":
        import zipfile
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                body = zin.read(info)
                zout.writestr(info, body.replace(b"body text", b"other words")
                              if info.filename == "word/document.xml" else body)


def test_an_edited_label_is_invalid(sample, key: Path, tmp_path: Path) -> None:
    signed = _signed(sample, "png", key, tmp_path)
    labeler = detect(signed)[1]
    label = AIGCLabel.parse(labeler.read(signed))
    labeler.write(signed, signed, label.model_copy(update={"ProduceID": "forged"}))
    report = check(signed)
    assert report["signature"] == "invalid"
    assert any("edited" in p for p in report["problems"])


def test_a_label_signed_with_another_key_fails_against_the_trusted_key(sample, key: Path,
                                                                       tmp_path: Path) -> None:
    other = tmp_path / "other.pem"
    security.generate_key(other)
    signed = _signed(sample, "png", other, tmp_path)
    assert check(signed)["signature"] == "valid"  # self-consistent
    trusted = security.load_public_key(key.with_name("signing.pub.pem"))
    assert check(signed, trusted)["signature"] == "invalid"


def test_unsigned_label_reports_absent(sample, tmp_path: Path) -> None:
    out = tmp_path / "plain.png"
    add(sample("png"), out, AddOptions(producer=CODE, explicit=False))
    report = check(out)
    assert report["signature"] == "absent" and report["valid"]


def test_a_non_ed25519_key_is_refused(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    path = tmp_path / "ec.pem"
    path.write_bytes(pem)
    with pytest.raises(LabelError, match="Ed25519"):
        security.load_private_key(path)
