"""MKV / WebM: a global SimpleTag `AIGC`, written by remuxing with PyAV (packets copied)."""

from __future__ import annotations

from pathlib import Path

import av

from hegui.label.base import atomic_output
from hegui.label.metadata import AIGCLabel, LabelError
from hegui.label.streams import container_tags, packets_digest

_KEY = "AIGC"


def remux(src: Path, dst: Path, tags: dict[str, str], fmt: str,
          options: dict[str, str] | None = None) -> None:
    """Copy every packet into a new `fmt` container with container tags `tags` added."""
    with av.open(str(src)) as inp, av.open(str(dst), "w", format=fmt, options=options or {}) as out:
        out.metadata.update({k: v for k, v in inp.metadata.items() if k.upper() != _KEY})
        out.metadata.update(tags)
        mapping = {}
        for stream in inp.streams:
            if stream.type not in ("video", "audio", "subtitle"):
                continue
            mapping[stream.index] = out.add_stream_from_template(stream)
            mapping[stream.index].metadata.update(stream.metadata)
        for packet in inp.demux():
            target = mapping.get(packet.stream.index)
            if target is None or not packet.size:
                continue
            packet.stream = target
            out.mux(packet)


def _vint(data: bytes, pos: int) -> tuple[int, int, bool]:
    """(value, length, unknown-size) of the EBML variable-size integer at pos."""
    first = data[pos]
    length = 9 - first.bit_length() if first else 9
    if length > 8 or pos + length > len(data):
        raise LabelError("broken EBML header")
    value = first & (0xFF >> length)
    for b in data[pos + 1:pos + length]:
        value = (value << 8) | b
    return value, length, value == (1 << (7 * length)) - 1


def check_complete(path: Path) -> None:
    """Refuse a Matroska file whose Segment is cut short (a remux would lose the rest)."""
    with open(path, "rb") as fh:
        head = fh.read(64)
        size = fh.seek(0, 2)
    if not head.startswith(b"\x1a\x45\xdf\xa3"):
        raise LabelError(f"{Path(path).name}: not a Matroska file")
    header_size, n, _ = _vint(head, 4)
    seg = 4 + n + header_size
    if head[seg:seg + 4] != b"\x18\x53\x80\x67":
        raise LabelError(f"{Path(path).name}: no Matroska Segment after the header")
    seg_size, n, unknown = _vint(head, seg + 4)
    if not unknown and seg + 4 + n + seg_size > size:
        raise LabelError(f"{Path(path).name}: truncated ({size} bytes, the Segment needs "
                         f"{seg + 4 + n + seg_size})")


class MatroskaLabeler:
    """`fmt` is the FFmpeg muxer ("matroska" or "webm")."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt

    def read(self, path: Path) -> str | None:
        tags = container_tags(path)
        return next((v for k, v in tags.items() if k.upper() == _KEY), None)

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        check_complete(src)
        packets_digest(src)

        def produce(s: Path, tmp: Path) -> None:
            try:
                remux(s, tmp, {_KEY: label.to_json()}, self.fmt)
            except av.FFmpegError as exc:
                raise LabelError(f"{Path(s).name}: cannot remux ({exc})") from None

        atomic_output(src, dst, produce)

    def content_digest(self, path: Path) -> bytes:
        return packets_digest(path)


MKV = MatroskaLabeler("matroska")
WEBM = MatroskaLabeler("webm")
