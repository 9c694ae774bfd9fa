"""Other metadata stays when hegui writes its label."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av
import numpy as np
from mutagen.flac import FLAC
from mutagen.id3 import ID3, TIT2, TXXX
from PIL import Image

from hegui.label import audio, images, markdown, mp4
from hegui.label.metadata import AIGCLabel
from hegui.label.mp4 import boxes
from tests.label import makers
from tests.label.conftest import CODE

LABEL = AIGCLabel(ContentProducer=CODE, ProduceID="keep1")


def test_jpeg_exif_and_other_xmp_properties_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.jpg"
    exif = Image.Exif()
    exif[0x010F] = "HeguiCam"  # Make
    makers.image(path, format="JPEG", exif=exif.tobytes())
    subprocess.run(["exiftool", "-q", "-overwrite_original", "-XMP-dc:Creator=Someone",
                    str(path)], check=True)
    out = tmp_path / "b.jpg"
    images.JPEG.write(path, out, LABEL)
    with Image.open(out) as im:
        assert im.getexif()[0x010F] == "HeguiCam"
    creator = subprocess.run(["exiftool", "-s3", "-XMP-dc:Creator", str(out)],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert creator == "Someone"
    assert images.pixel_digest(out) == images.pixel_digest(path)


def test_animated_gif_keeps_frames_and_loop(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (40, 30), (i * 60, 20, 200 - i * 50)) for i in range(4)]
    path = tmp_path / "a.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], loop=0, duration=100)
    out = tmp_path / "b.gif"
    images.GIF.write(path, out, LABEL)
    with Image.open(out) as im:
        assert im.n_frames == 4 and im.info.get("loop") == 0
    assert images.pixel_digest(out) == images.pixel_digest(path)


def test_mp3_keeps_its_other_id3_frames(tmp_path: Path) -> None:
    path = makers.audio(tmp_path / "a.mp3", "mp3")
    tags = ID3()
    tags.add(TIT2(encoding=3, text=["标题"]))
    tags.add(TXXX(encoding=3, desc="other", text=["kept"]))
    tags.save(path)
    out = tmp_path / "b.mp3"
    audio.MP3.write(path, out, LABEL)
    audio.MP3.write(out, out, LABEL)
    got = ID3(out)
    assert str(got["TIT2"]) == "标题" and str(got["TXXX:other"]) == "kept"
    assert len(got.getall("TXXX:AIGC")) == 1


def test_flac_keeps_its_vorbis_comments(tmp_path: Path) -> None:
    path = makers.audio(tmp_path / "a.flac", "flac")
    f = FLAC(path)
    f["TITLE"] = "曲名"
    f.save()
    audio.FLAC_LABELER.write(path, path, LABEL)
    assert FLAC(path)["TITLE"] == ["曲名"]


def _frames(path: Path) -> list[bytes]:
    with av.open(str(path)) as c:
        return [f.to_ndarray().tobytes() for f in c.decode(video=0)]


def test_fast_start_mp4_offsets_are_moved_and_frames_decode_the_same(tmp_path: Path) -> None:
    path = makers.video(tmp_path / "a.mp4", "mp4", seconds=1.0)  # faststart: moov first
    kinds = [b.kind for b in boxes(path.read_bytes())]
    assert kinds.index(b"moov") < kinds.index(b"mdat")
    out = tmp_path / "b.mp4"
    mp4.MP4.write(path, out, LABEL.model_copy(update={"ReservedCode2": "x" * 3000}))
    assert len(out.read_bytes()) > len(path.read_bytes()) + 3000
    before, after = _frames(path), _frames(out)
    assert len(after) == len(before) == 10
    assert all(np.array_equal(a, b) for a, b in zip(before, after))
    probe = subprocess.run(["ffmpeg", "-v", "error", "-i", str(out), "-f", "null", "-"],
                           check=False, capture_output=True, text=True)
    assert probe.returncode == 0 and probe.stderr == ""


def test_mp4_keeps_other_metadata_keys(tmp_path: Path) -> None:
    path = tmp_path / "k.mp4"
    with av.open(str(path), "w", format="mp4", options={"movflags": "use_metadata_tags"}) as out:
        out.metadata["comment"] = "kept"
        out.metadata["AIGC"] = "old"
        s = out.add_stream("mpeg4", rate=5)
        s.width, s.height, s.pix_fmt = 32, 32, "yuv420p"
        for packet in s.encode(av.VideoFrame.from_image(Image.new("RGB", (32, 32)))):
            out.mux(packet)
        for packet in s.encode(None):
            out.mux(packet)
    mp4.MP4.write(path, path, LABEL)
    with av.open(str(path)) as c:
        assert c.metadata["comment"] == "kept"
        assert c.metadata["AIGC"] == LABEL.to_json()


def test_markdown_front_matter_and_line_endings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("---\r\ntitle: 标题\r\ntags: [a, b]\r\n---\r\n正文\r\n".encode())
    markdown.MARKDOWN.write(path, path, LABEL)
    text = path.read_bytes().decode()
    assert text.startswith("---\r\ntitle: 标题\r\ntags: [a, b]\r\nAIGC: {")
    assert text.endswith("}\r\n---\r\n正文\r\n")
    import yaml
    front = yaml.safe_load(text.split("---")[1])
    assert front["tags"] == ["a", "b"] and front["AIGC"]["ProduceID"] == "keep1"


def test_markdown_block_style_label_is_read_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text("---\nAIGC:\n  Label: 1\n  ContentProducer: " + CODE +
                    "\n  ProduceID: abc\ntitle: x\n---\nbody\n", encoding="utf-8")
    assert AIGCLabel.parse(markdown.MARKDOWN.read(path)).ProduceID == "abc"
    markdown.MARKDOWN.write(path, path, LABEL)
    text = path.read_text(encoding="utf-8")
    assert text.count("AIGC") == 1 and "title: x" in text and "ProduceID: abc" not in text


def test_fragmented_mp4_is_remuxed_with_the_metadata_key(tmp_path: Path) -> None:
    path = tmp_path / "frag.mp4"
    with av.open(str(path), "w", format="mp4",
                 options={"movflags": "frag_keyframe+empty_moov"}) as out:
        s = out.add_stream("libx264", rate=10)
        s.width, s.height, s.pix_fmt = 64, 48, "yuv420p"
        for i in range(20):
            frame = av.VideoFrame.from_image(Image.new("RGB", (64, 48), (i * 10, 50, 90)))
            for packet in s.encode(frame):
                out.mux(packet)
        for packet in s.encode(None):
            out.mux(packet)
    assert any(b.kind == b"moof" for b in boxes(path.read_bytes()))
    out_path = tmp_path / "labelled.mp4"
    mp4.MP4.write(path, out_path, LABEL)
    assert mp4.MP4.read(out_path) == LABEL.to_json()
    assert len(_frames(out_path)) == 20
    assert mp4.MP4.content_digest(out_path) == mp4.MP4.content_digest(path)
