"""Explicit labels on video: the notice drawn on the opening frames for at least 2 s (or on
every frame), at >= 5% of the shortest side; video re-encoded with PyAV, other streams copied."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import av

from hegui.label.base import atomic_output
from hegui.label.explicit_image import draw_notice, find_notice
from hegui.label.metadata import LabelError

OPENING_SECONDS = 2.0
_MUXERS = {"mp4": "mp4", "mov": "mov", "mkv": "matroska", "webm": "webm"}
_ENCODERS = {"h264": "libx264", "hevc": "libx265", "vp9": "libvpx-vp9", "vp8": "libvpx",
             "mpeg4": "mpeg4", "libvpx": "libvpx", "libvpx-vp9": "libvpx-vp9"}
_FALLBACK = {"webm": "libvpx-vp9"}
# Fast settings: the picture changes only where the notice is drawn.
_SPEED = {"libx264": {"preset": "veryfast"}, "libx265": {"preset": "veryfast"},
          "libvpx-vp9": {"deadline": "realtime", "cpu-used": "8", "row-mt": "1"},
          "libvpx": {"deadline": "realtime", "cpu-used": "8"}}


def _video_encoder(name: str, fmt: str) -> str:
    return _ENCODERS.get(name, _FALLBACK.get(fmt, "libx264"))


def _reencode(src: Path, tmp: Path, fmt: str, label_value: str, seconds: float | None) -> None:
    with av.open(str(src)) as inp, av.open(str(tmp), "w", format=_MUXERS[fmt]) as out:
        if not inp.streams.video:
            raise LabelError(f"{src.name}: no video stream")
        out.metadata.update({k: v for k, v in inp.metadata.items() if k.upper() != "AIGC"})
        vin = inp.streams.video[0]
        encoder = _video_encoder(vin.codec_context.name, fmt)
        vout = cast(av.VideoStream, out.add_stream(encoder, rate=vin.average_rate or 25,
                                                   options=_SPEED.get(encoder, {})))
        vout.width, vout.height = vin.codec_context.width, vin.codec_context.height
        vout.pix_fmt = "yuv420p"
        vout.thread_type = "AUTO"
        vin.thread_type = "AUTO"
        if vin.codec_context.bit_rate:
            vout.bit_rate = vin.codec_context.bit_rate
        copies = {s.index: out.add_stream_from_template(s) for s in inp.streams
                  if s.type == "audio" and s.index != vin.index}
        for packet in inp.demux():
            if packet.stream.index == vin.index:
                for frame in packet.decode():
                    _encode(out, vout, cast(av.VideoFrame, frame), label_value, seconds)
            elif packet.stream.index in copies and packet.size:
                packet.stream = copies[packet.stream.index]
                out.mux(packet)
        for packet in vout.encode(None):
            out.mux(packet)


def _encode(out: av.container.OutputContainer, stream: av.VideoStream, frame: av.VideoFrame,
            label_value: str, seconds: float | None) -> None:
    if seconds is None or frame.time is None or frame.time < seconds:
        drawn = av.VideoFrame.from_image(draw_notice(frame.to_image(), label_value).convert("RGB"))
        drawn.pts, drawn.time_base = frame.pts, frame.time_base
        frame = drawn
    for packet in stream.encode(frame.reformat(format="yuv420p")):
        out.mux(packet)


def add_video_file(src: Path, dst: Path, fmt: str, label_value: str,
                   throughout: bool = False) -> None:
    """Draw the notice on the first OPENING_SECONDS (or all frames) and re-encode."""
    seconds = None if throughout else OPENING_SECONDS

    def produce(s: Path, tmp: Path) -> None:
        try:
            _reencode(s, tmp, fmt, label_value, seconds)
        except av.FFmpegError as exc:
            raise LabelError(f"{s.name}: cannot re-encode video ({exc})") from None

    atomic_output(src, dst, produce)


def find_video_notice(path: Path, at: float = 0.5) -> tuple[bool, str]:
    """Look for the notice on the frame shown at `at` seconds (and report its size)."""
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            chosen = None
            for frame in container.decode(stream):
                chosen = frame
                if frame.time is not None and frame.time >= at:
                    break
            if chosen is None:
                return False, "video has no frames"
            result = find_notice(chosen.to_image())
    except (av.FFmpegError, IndexError) as exc:
        raise LabelError(f"{Path(path).name}: cannot decode video ({exc})") from None
    if result.found:
        return True, (f"visible notice {result.text} at {chosen.time or 0:.2f} s, "
                      f"{result.height_share:.1%} of the shortest side")
    return False, "no visible notice on the opening frames where hegui puts one"
