"""The content of audio and video files: their stream packets, read with PyAV."""

from __future__ import annotations

from pathlib import Path

import av

from hegui.label.digest import SM3
from hegui.label.metadata import LabelError


def packets_digest(path: Path) -> bytes:
    """SM3 over every stream's codec and packet payloads, in file order (metadata excluded)."""
    h = SM3()
    try:
        with av.open(str(path)) as container:
            for stream in container.streams:
                h.part(f"{stream.index}:{stream.type}:{stream.codec_context.name}".encode())
            for packet in container.demux():
                if packet.size:
                    h.part(packet.stream.index.to_bytes(2, "big") + bytes(packet))
    except av.FFmpegError as exc:
        raise LabelError(f"{Path(path).name}: not a readable media file ({exc})") from None
    return h.digest()


def container_tags(path: Path) -> dict[str, str]:
    """Container-level metadata as PyAV (FFmpeg) reports it."""
    try:
        with av.open(str(path)) as container:
            return dict(container.metadata)
    except av.FFmpegError as exc:
        raise LabelError(f"{Path(path).name}: not a readable media file ({exc})") from None
