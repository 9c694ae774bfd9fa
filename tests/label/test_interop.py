"""Labels hegui writes are read by independent readers; labels others write are read by hegui."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import av
import openpyxl
import pytest
from PIL import Image, PngImagePlugin

from hegui.label import images
from hegui.label.metadata import AIGCLabel
from hegui.label.registry import detect
from hegui.label.xmp import TC260_NS
from tests.label.conftest import CODE

LABEL = AIGCLabel(ContentProducer=CODE, ProduceID="interop42")
EXIFTOOL = shutil.which("exiftool")
FFPROBE = shutil.which("ffprobe")


def _labelled(sample, fmt: str, tmp_path: Path) -> Path:
    src = sample(fmt)
    out = tmp_path / f"labelled{src.suffix}"
    detect(src)[1].write(src, out, LABEL)
    return out


@pytest.mark.parametrize("fmt", ["png", "jpeg", "webp", "gif", "tiff"])
def test_exiftool_reads_the_xmp_property(fmt: str, sample, tmp_path: Path) -> None:
    assert EXIFTOOL, "exiftool is a system dependency (scripts/system-deps.sh)"
    out = _labelled(sample, fmt, tmp_path)
    got = subprocess.run([EXIFTOOL, "-j", "-XMP-TC260:all", str(out)], capture_output=True,
                         text=True, check=True)
    record = json.loads(got.stdout)[0]
    value = next(v for k, v in record.items() if k.lower() == "aigc")
    assert json.loads(value) == LABEL.to_dict()["AIGC"]


def test_exiftool_reads_the_pdf_info_key(sample, tmp_path: Path) -> None:
    out = _labelled(sample, "pdf", tmp_path)
    got = subprocess.run([EXIFTOOL, "-j", "-PDF:all", str(out)], capture_output=True, text=True,
                         check=True)
    record = json.loads(got.stdout)[0]
    assert json.loads(record["AIGC"]) == LABEL.to_dict()
    assert record["Title"] == "sample"  # other Info keys kept


@pytest.mark.parametrize("fmt", ["mp3", "flac", "ogg", "opus", "m4a", "mp4", "mov", "mkv", "webm"])
def test_ffprobe_reads_the_media_tag(fmt: str, sample, tmp_path: Path) -> None:
    assert FFPROBE, "ffprobe is a system dependency (scripts/system-deps.sh)"
    out = _labelled(sample, fmt, tmp_path)
    got = subprocess.run([FFPROBE, "-v", "error", "-of", "json", "-show_entries",
                          "format_tags:stream_tags", str(out)], capture_output=True, text=True,
                         check=True)
    data = json.loads(got.stdout)
    tags = dict(data.get("format", {}).get("tags", {}))
    for stream in data.get("streams", []):
        tags.update(stream.get("tags", {}))
    value = next(v for k, v in tags.items() if k.upper() == "AIGC")
    assert value == LABEL.to_json()


def test_wav_chunk_is_read_by_an_independent_riff_walk(sample, tmp_path: Path) -> None:
    data = _labelled(sample, "wav", tmp_path).read_bytes()
    pos, found = 12, {}
    while pos < len(data):
        kind, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        found[kind] = data[pos + 8:pos + 8 + size]
        pos += 8 + size + (size & 1)
    assert found[b"AIGC"].decode() == LABEL.to_json()
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8
    got = subprocess.run([EXIFTOOL, "-u", "-b", "-RIFF:Unknown_AIGC",
                          str(tmp_path / "labelled.wav")], capture_output=True, check=True)
    assert got.stdout.decode() == LABEL.to_json()  # exiftool sees the chunk too
    with av.open(str(tmp_path / "labelled.wav")) as c:  # still plays
        assert sum(f.samples for f in c.decode(audio=0)) > 0


def test_openpyxl_reads_the_custom_property(sample, tmp_path: Path) -> None:
    out = _labelled(sample, "xlsx", tmp_path)
    wb = openpyxl.load_workbook(out)
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["AIGC"] == LABEL.to_json()
    assert wb.active["A1"].value == "内容"


# ---- labels written the way other tools write them ---------------------------------------------
def test_exif_user_comment_variant_is_read(tmp_path: Path) -> None:
    path = tmp_path / "uc.jpg"
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\x00\x00\x00" + LABEL.to_json().encode()
    Image.new("RGB", (32, 32), "gray").save(path, "JPEG", exif=exif.tobytes())
    assert images.JPEG.read(path) == LABEL.to_json()


def test_exiftool_written_user_comment_is_read(tmp_path: Path) -> None:
    path = tmp_path / "et.jpg"
    Image.new("RGB", (32, 32), "gray").save(path, "JPEG")
    subprocess.run([EXIFTOOL, "-q", "-overwrite_original", f"-UserComment={LABEL.to_json()}",
                    str(path)], check=True)
    assert AIGCLabel.parse(images.JPEG.read(path)) == LABEL


def test_png_text_chunk_variant_is_read_and_replaced_on_write(tmp_path: Path) -> None:
    path = tmp_path / "t.png"
    info = PngImagePlugin.PngInfo()
    info.add_text("AIGC", LABEL.to_json())
    info.add_text("Comment", "kept")
    Image.new("RGB", (32, 32), "gray").save(path, "PNG", pnginfo=info)
    assert images.PNG.read(path) == LABEL.to_json()
    newer = LABEL.model_copy(update={"ProduceID": "newer"})
    images.PNG.write(path, path, newer)
    with Image.open(path) as im:
        assert "AIGC" not in im.text and im.text["Comment"] == "kept"
    assert images.PNG.read(path) == newer.inner_json()


def test_attribute_form_xmp_is_read_and_becomes_one_element(tmp_path: Path) -> None:
    inner = LABEL.inner_json().replace('"', "&quot;")
    packet = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
              f'02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:TC260="{TC260_NS}" '
              f'xmlns:dc="http://purl.org/dc/elements/1.1/" TC260:AIGC="{inner}"><dc:format>'
              'image/png</dc:format></rdf:Description></rdf:RDF></x:xmpmeta>')
    path = tmp_path / "attr.png"
    Image.new("RGB", (32, 32), "gray").save(path, "PNG", pnginfo=_xmp_info(packet))
    assert images.PNG.read(path) == LABEL.inner_json()
    images.PNG.write(path, path, LABEL.model_copy(update={"Label": "3"}))
    with Image.open(path) as im:
        xmp = im.info["XML:com.adobe.xmp"]
    assert xmp.count("<TC260:AIGC>") == 1 and 'TC260:AIGC="' not in xmp  # one element
    assert "image/png" in xmp  # the other property is kept


def _xmp_info(packet: str) -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", packet)
    return info


def test_exiftool_written_xmp_with_config_is_read(tmp_path: Path) -> None:
    config = tmp_path / "tc260.config"
    config.write_text(
        "%Image::ExifTool::UserDefined = ('Image::ExifTool::XMP::Main' => { TC260 => {\n"
        "  SubDirectory => { TagTable => 'Image::ExifTool::UserDefined::TC260' } } });\n"
        "%Image::ExifTool::UserDefined::TC260 = (GROUPS => { 0 => 'XMP', 1 => 'XMP-TC260', "
        "2 => 'Image' },\n  NAMESPACE => { 'TC260' => '" + TC260_NS + "' }, WRITABLE => 'string',"
        "\n  AIGC => { } );\n1;\n")
    path = tmp_path / "et.jpg"
    Image.new("RGB", (32, 32), "gray").save(path, "JPEG")
    subprocess.run([EXIFTOOL, "-config", str(config), "-q", "-overwrite_original",
                    f"-XMP-TC260:AIGC={LABEL.inner_json()}", str(path)], check=True)
    assert AIGCLabel.parse(images.JPEG.read(path)) == LABEL


def test_ffmpeg_written_mp4_metadata_key_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ff.mp4"
    with av.open(str(path), "w", format="mp4", options={"movflags": "use_metadata_tags"}) as out:
        out.metadata["AIGC"] = LABEL.to_json()
        out.metadata["title"] = "other"
        stream = out.add_stream("mpeg4", rate=5)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for i in range(5):
            frame = av.VideoFrame.from_image(Image.new("RGB", (32, 32), (i * 40, 0, 0)))
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    assert detect(path)[1].read(path) == LABEL.to_json()


def test_docx_written_by_hand_keeps_other_parts(sample, tmp_path: Path) -> None:
    src = sample("docx")
    out = _labelled(sample, "docx", tmp_path)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        for name in a.namelist():
            if name not in ("[Content_Types].xml", "_rels/.rels"):
                assert a.read(name) == b.read(name)
        assert "docProps/custom.xml" in b.read("[Content_Types].xml").decode()
        assert "custom-properties" in b.read("_rels/.rels").decode()
