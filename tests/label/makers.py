"""Real sample files for the label tests, made with Pillow, numpy and PyAV."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image

AUDIO = {  # format name -> (container, codec, sample rate)
    "mp3": ("mp3", "libmp3lame", 44100),
    "wav": ("wav", "pcm_s16le", 44100),
    "flac": ("flac", "flac", 44100),
    "ogg": ("ogg", "vorbis", 44100),
    "opus": ("ogg", "libopus", 48000),
    "m4a": ("ipod", "aac", 44100),
}
VIDEO = {  # format name -> (container, video codec, audio codec, options)
    "mp4": ("mp4", "libx264", "aac", {"movflags": "faststart"}),
    "mov": ("mov", "libx264", "aac", {}),
    "mkv": ("matroska", "libx264", "libopus", {}),
    "webm": ("webm", "libvpx-vp9", "libopus", {}),
}


def image(path: Path, size: tuple[int, int] = (96, 64), seed: int = 0, **save: object) -> Path:
    rng = np.random.default_rng(seed)
    arr = (rng.random((size[1], size[0], 3)) * 255).astype("uint8")
    Image.fromarray(arr).save(path, **save)
    return path


def tone(seconds: float, rate: int, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.3 * np.sin(2 * np.pi * freq * t)).astype("float32")


def _audio_stream(out: av.container.OutputContainer, codec: str, rate: int) -> av.AudioStream:
    layout = "stereo" if codec == "vorbis" else "mono"  # FFmpeg's own Vorbis encoder: stereo only
    stream = out.add_stream(codec, rate=rate, layout=layout)
    if codec == "vorbis":
        stream.codec_context.options = {"strict": "-2"}
    return stream


def _encode_audio(out: av.container.OutputContainer, stream: av.AudioStream,
                  samples: np.ndarray) -> None:
    rate, layout = stream.codec_context.sample_rate, stream.codec_context.layout.name
    fmt = stream.codec_context.codec.audio_formats[0].name
    resampler = av.AudioResampler(format=fmt, layout=layout, rate=rate)
    step = 1024
    for i in range(0, len(samples), step):
        frame = av.AudioFrame.from_ndarray(samples[None, i:i + step], format="flt", layout="mono")
        frame.sample_rate = rate
        frame.pts = i
        frame.time_base = Fraction(1, rate)
        for f in resampler.resample(frame):
            for packet in stream.encode(f):
                out.mux(packet)
    for packet in stream.encode(None):
        out.mux(packet)


def audio(path: Path, kind: str, seconds: float = 1.0) -> Path:
    container, codec, rate = AUDIO[kind]
    with av.open(str(path), "w", format=container) as out:
        _encode_audio(out, _audio_stream(out, codec, rate), tone(seconds, rate))
    return path


def video(path: Path, kind: str, seconds: float = 1.0, size: tuple[int, int] = (160, 96),
          fps: int = 10, with_audio: bool = True) -> Path:
    container, vcodec, acodec, options = VIDEO[kind]
    rng = np.random.default_rng(1)
    with av.open(str(path), "w", format=container, options=options) as out:
        vs = out.add_stream(vcodec, rate=fps)
        vs.width, vs.height, vs.pix_fmt = size[0], size[1], "yuv420p"
        sound = _audio_stream(out, acodec, 48000) if with_audio else None
        for i in range(int(seconds * fps)):
            arr = np.full((size[1], size[0], 3), (i * 20) % 255, dtype="uint8")
            arr[:, : size[0] // 3] = (rng.random((size[1], size[0] // 3, 1)) * 255).astype("uint8")
            for packet in vs.encode(av.VideoFrame.from_ndarray(arr, format="rgb24")):
                out.mux(packet)
        for packet in vs.encode(None):
            out.mux(packet)
        if sound is not None:
            _encode_audio(out, sound, tone(seconds, 48000))
    return path
