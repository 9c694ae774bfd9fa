"""Explicit labels: text, images, audio, video, and finding them again."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from hegui.label import explicit_audio, explicit_image, explicit_text, explicit_video
from hegui.label.explicit_files import add_image_file, find_image_file
from hegui.label.metadata import LabelError
from hegui.label.wording import FONT_CHARACTERS, NOTICES, TEXT_NOTICES, has_ai_and_generation
from tests.label import makers


@pytest.mark.parametrize("text", [*NOTICES.values(), *TEXT_NOTICES.values()])
def test_every_wording_has_an_ai_and_a_generation_element(text: str) -> None:
    assert has_ai_and_generation(text)
    assert set(text) <= set(FONT_CHARACTERS)  # the shipped font can draw it


@pytest.mark.parametrize(("text", "found"), [
    ("本文由人工智能生成。", True), ("AI合成内容", True), ("This text was AI-generated.", True),
    ("生成式 AI", True), ("人工智能很有用", False), ("生成报告", False), ("MAIL generated", False),
])
def test_text_notice_truth_table(text: str, found: bool) -> None:
    assert (explicit_text.find_text_notice(text) is not None) is found


@pytest.mark.parametrize("position", ["start", "middle", "end"])
def test_text_notice_positions(position: str) -> None:
    body = "第一段。\n\n第二段。\n\n第三段。\n"
    out = explicit_text.add_text_notice(body, "1", position)  # type: ignore[arg-type]
    notice = TEXT_NOTICES["1"]
    index = out.index(notice)
    assert {"start": index == 0, "end": out.rstrip().endswith(notice),
            "middle": 0 < index < len(out) - len(notice) - 2}[position]
    assert out.replace(notice, "").replace("\n", "") == body.replace("\n", "")


@pytest.mark.parametrize("size", [(1024, 1024), (640, 360), (90, 300)])
def test_image_notice_is_tall_enough_and_found(size: tuple[int, int]) -> None:
    rng = np.random.default_rng(3)
    im = Image.fromarray((rng.random((size[1], size[0], 3)) * 255).astype("uint8"))
    assert not explicit_image.find_notice(im).found
    drawn = explicit_image.draw_notice(im)
    found = explicit_image.find_notice(drawn)
    assert found.found and found.text == NOTICES["1"]
    assert found.height_share >= explicit_image.MIN_HEIGHT_SHARE
    # Measure the ink that changed: its height is at least 5% of the shortest side.
    changed = np.any(np.asarray(drawn.convert("RGB")) != np.asarray(im), axis=2)
    rows = np.flatnonzero(changed.any(axis=1))
    assert rows[-1] - rows[0] + 1 >= 0.05 * min(size)


@pytest.mark.parametrize(("ground", "ink"), [((250, 250, 250), 0), ((10, 10, 30), 255)])
def test_image_notice_contrasts_with_what_is_beneath(ground: tuple[int, int, int], ink: int) -> None:
    im = Image.new("RGB", (400, 300), ground)
    drawn = np.asarray(explicit_image.draw_notice(im).convert("L"))
    p = explicit_image.placement(im.size, NOTICES["1"])
    fill, _ring = explicit_image._masks(p)
    x0, y0, x1, y1 = p.box
    assert abs(float(np.median(drawn[y0:y1, x0:x1][fill])) - ink) < 40


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF", "TIFF"])
def test_image_files_keep_their_format_and_the_notice_is_found(fmt: str, tmp_path: Path) -> None:
    src = makers.image(tmp_path / f"a.{fmt.lower()}", size=(320, 240), format=fmt)
    out = tmp_path / f"b.{fmt.lower()}"
    add_image_file(src, out, "1")
    with Image.open(out) as im:
        assert im.format == fmt and im.size == (320, 240)
    assert find_image_file(out)[0] and not find_image_file(src)[0]


def test_rhythm_is_short_long_short_short() -> None:
    rate = 8000
    mono = explicit_audio.rhythm(rate)[:, 0]
    runs = explicit_audio._tone_runs(mono, rate)
    assert [round(d, 2) for _, d in runs] == pytest.approx([0.12, 0.36, 0.12, 0.12], abs=0.02)


@pytest.mark.parametrize("fmt", ["mp3", "wav", "flac", "opus", "m4a"])
@pytest.mark.parametrize("position", ["start", "middle", "end"])
def test_audio_rhythm_is_inserted_and_found(fmt: str, position: str, tmp_path: Path) -> None:
    src = makers.audio(tmp_path / f"a.{fmt}", fmt, seconds=1.0)
    out = tmp_path / f"b.{fmt}"
    explicit_audio.add_audio_file(src, out, fmt, position)  # type: ignore[arg-type]
    found, detail = explicit_audio.find_rhythm(out)
    assert found and not explicit_audio.find_rhythm(src)[0]
    at = float(detail.split(" at ")[1].split(" s")[0])
    expected = {"start": 0.2, "middle": 0.7, "end": 1.2}[position]
    assert at == pytest.approx(expected, abs=0.1)


def test_user_notice_file_is_inserted(tmp_path: Path) -> None:
    src = makers.audio(tmp_path / "a.wav", "wav", seconds=1.0)
    notice = makers.audio(tmp_path / "n.flac", "flac", seconds=0.5)
    out = tmp_path / "b.wav"
    explicit_audio.add_audio_file(src, out, "wav", "start", notice)
    with av.open(str(out)) as c:
        seconds = sum(f.samples for f in c.decode(audio=0)) / 44100
    assert seconds == pytest.approx(1.5, abs=0.02)


def test_vorbis_re_encoding_is_refused_clearly(tmp_path: Path) -> None:
    src = makers.audio(tmp_path / "a.ogg", "ogg")
    with pytest.raises(LabelError, match="libvorbis"):
        explicit_audio.add_audio_file(src, tmp_path / "b.ogg", "ogg", "start")
    assert not (tmp_path / "b.ogg").exists()


@pytest.mark.parametrize("fmt", ["mp4", "webm"])
def test_video_notice_covers_the_first_two_seconds(fmt: str, tmp_path: Path) -> None:
    src = makers.video(tmp_path / f"a.{fmt}", fmt, seconds=3.0)
    out = tmp_path / f"b.{fmt}"
    explicit_video.add_video_file(src, out, fmt, "1")
    assert explicit_video.find_video_notice(out, at=0.0)[0]
    assert explicit_video.find_video_notice(out, at=1.9)[0]
    assert not explicit_video.find_video_notice(out, at=2.5)[0]
    assert not explicit_video.find_video_notice(src)[0]
    with av.open(str(out)) as c:  # the audio stream is still there
        assert len(c.streams.audio) == 1 and c.streams.video[0].frames in (0, 30)


def test_video_notice_throughout(tmp_path: Path) -> None:
    src = makers.video(tmp_path / "a.mkv", "mkv", seconds=3.0, with_audio=False)
    out = tmp_path / "b.mkv"
    explicit_video.add_video_file(src, out, "mkv", "1", throughout=True)
    assert explicit_video.find_video_notice(out, at=2.8)[0]
