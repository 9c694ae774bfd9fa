"""Explicit labels on audio: the rhythm "short long short short" (Morse for "AI": ·- ··) as
1 kHz tones, or a spoken notice file the user gives, inserted at the start, end or middle.
The audio is decoded and re-encoded with PyAV in its own container and codec."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import cast

import av
import numpy as np

from hegui.label.base import atomic_output
from hegui.label.explicit_text import Position
from hegui.label.metadata import LabelError

TONE_HZ = 1000.0
SHORT, LONG, GAP, PAD = 0.12, 0.36, 0.12, 0.2  # seconds
_PATTERN = (SHORT, LONG, SHORT, SHORT)
_CONTAINERS = {"mp3": "mp3", "wav": "wav", "flac": "flac", "ogg": "ogg", "opus": "ogg", "m4a": "ipod"}
_ENCODERS = {"mp3": "libmp3lame", "mp3float": "libmp3lame", "libvorbis": "vorbis",
             "opus": "libopus", "aac_fixed": "aac"}
_HOP = 0.01


@dataclass
class Audio:
    samples: np.ndarray  # (n, channels) float32
    rate: int
    layout: str
    codec: str
    bit_rate: int
    metadata: dict[str, str]


def rhythm(rate: int, channels: int = 1) -> np.ndarray:
    """The tone pattern with PAD seconds of silence either side, shape (n, channels)."""
    parts = [np.zeros(int(PAD * rate), np.float32)]
    for i, length in enumerate(_PATTERN):
        t = np.arange(int(length * rate)) / rate
        ramp = np.minimum(1.0, np.minimum(t, length - t) / 0.005)  # 5 ms fades, no clicks
        parts.append((0.5 * ramp * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32))
        if i < len(_PATTERN) - 1:
            parts.append(np.zeros(int(GAP * rate), np.float32))
    parts.append(np.zeros(int(PAD * rate), np.float32))
    mono = np.concatenate(parts)
    return np.repeat(mono[:, None], channels, axis=1)


def decode(path: Path, layout: str | None = None, rate: int | None = None) -> Audio:
    """Decode the first audio stream to float samples (optionally converted)."""
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise LabelError(f"{Path(path).name}: no audio stream")
            stream = container.streams.audio[0]
            ctx = stream.codec_context
            layout, rate = layout or ctx.layout.name, rate or ctx.sample_rate
            resampler = av.AudioResampler(format="flt", layout=layout, rate=rate)
            chunks = [f.to_ndarray() for frame in container.decode(stream)
                      for f in resampler.resample(frame)]
            chunks += [f.to_ndarray() for f in resampler.resample(None)]
            channels = av.AudioLayout(layout).nb_channels
            flat = np.concatenate(chunks, axis=1) if chunks else np.zeros((1, 0), np.float32)
            return Audio(flat.reshape(-1, channels), rate, layout, ctx.name, ctx.bit_rate or 0,
                         dict(container.metadata))
    except av.FFmpegError as exc:
        raise LabelError(f"{Path(path).name}: cannot decode audio ({exc})") from None


def encode(audio: Audio, path: Path, fmt: str) -> None:
    """Write `audio` with its codec into the container of format `fmt`."""
    codec = _ENCODERS.get(audio.codec, audio.codec)
    with av.open(str(path), "w", format=_CONTAINERS[fmt]) as out:
        out.metadata.update({k: v for k, v in audio.metadata.items() if k.upper() != "AIGC"})
        stream = cast(av.AudioStream, out.add_stream(codec, rate=audio.rate, layout=audio.layout))
        if audio.bit_rate:
            stream.codec_context.bit_rate = audio.bit_rate
        step = 4096
        for i in range(0, len(audio.samples), step):
            chunk = np.ascontiguousarray(audio.samples[i:i + step]).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(chunk, format="flt", layout=audio.layout)
            frame.sample_rate = audio.rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def insert(samples: np.ndarray, notice: np.ndarray, position: Position) -> np.ndarray:
    at = {"start": 0, "end": len(samples), "middle": len(samples) // 2}[position]
    return np.concatenate([samples[:at], notice, samples[at:]])


def add_audio_file(src: Path, dst: Path, fmt: str, position: Position,
                   notice_file: Path | None = None) -> None:
    """Insert the rhythm (or the notice file) and re-encode in the same format."""
    audio = decode(src)
    if _ENCODERS.get(audio.codec, audio.codec) == "vorbis":
        # FFmpeg's own Vorbis encoder is experimental and can abort the process; the bundled
        # FFmpeg has no libvorbis. Refuse rather than risk it.
        raise LabelError(f"{Path(src).name}: re-encoding Vorbis audio is not supported here "
                         "(no libvorbis); use Opus, or add only the implicit label")
    channels = audio.samples.shape[1]
    if notice_file is not None:
        notice = decode(notice_file, layout=audio.layout, rate=audio.rate).samples
    else:
        notice = rhythm(audio.rate, channels)
    audio.samples = insert(audio.samples, notice, position)
    try:
        atomic_output(src, dst, lambda _s, tmp: encode(audio, tmp, fmt))
    except av.FFmpegError as exc:
        raise LabelError(f"{Path(src).name}: cannot re-encode audio ({exc})") from None


def _tone_runs(mono: np.ndarray, rate: int) -> list[tuple[float, float]]:
    hop = int(_HOP * rate)
    n = len(mono) // hop
    frames = mono[: n * hop].reshape(n, hop).astype(np.float64)
    probe = np.exp(-2j * np.pi * TONE_HZ * np.arange(hop) / rate)
    tone = 2 * np.abs(frames @ probe) / hop
    rms = np.sqrt((frames ** 2).mean(axis=1)) * np.sqrt(2) + 1e-9
    on = (tone > 0.05) & (tone / rms > 0.7)
    runs, start = [], None
    for i, flag in enumerate(np.append(on, False)):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start * _HOP, (i - start) * _HOP))
            start = None
    return runs


def _matches(runs: list[tuple[float, float]]) -> float | None:
    for i in range(len(runs) - 3):
        window = runs[i:i + 4]
        lengths_ok = all(abs(d - want) <= 0.05 for (_, d), want in zip(window, _PATTERN))
        gaps_ok = all(0.05 <= b[0] - (a[0] + a[1]) <= 0.25 for a, b in pairwise(window))
        if lengths_ok and gaps_ok:
            return window[0][0]
    return None


def find_rhythm(path: Path) -> tuple[bool, str]:
    """Whether the "short long short short" tones are in the audio, and where."""
    audio = decode(path, layout="mono")
    at = _matches(_tone_runs(audio.samples[:, 0], audio.rate))
    if at is None:
        return False, "no \"short long short short\" rhythm found"
    return True, f"rhythm \"short long short short\" at {at:.2f} s"
