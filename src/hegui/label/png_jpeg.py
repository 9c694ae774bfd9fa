"""PNG chunks and JPEG segments: find and replace the XMP packet, keep everything else."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

from hegui.label.metadata import LabelError

PNG_SIG = b"\x89PNG\r\n\x1a\n"
XMP_KEYWORD = b"XML:com.adobe.xmp"
JPEG_XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
_MAX_SEGMENT = 65533
# From the old packet (or None) to the new one.
XmpBuilder = Callable[[bytes | None], bytes]


# ---- PNG -------------------------------------------------------------------------------------
def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of every chunk; LabelError on a truncated file."""
    if not data.startswith(PNG_SIG):
        raise LabelError("not a PNG file")
    out: list[tuple[bytes, bytes]] = []
    pos = len(PNG_SIG)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise LabelError("PNG chunk runs past the end of the file")
        out.append((kind, data[pos + 8:pos + 8 + length]))
        pos = end
        if kind == b"IEND":
            break
    return out


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I4s", len(payload), kind) + payload + struct.pack(">I", crc)


def png_text(kind: bytes, payload: bytes) -> tuple[bytes, bytes] | None:
    """(keyword, text bytes) of a tEXt, zTXt or iTXt chunk."""
    keyword, sep, rest = payload.partition(b"\x00")
    if not sep:
        return None
    if kind == b"tEXt":
        return keyword, rest
    if kind == b"zTXt":
        return keyword, zlib.decompress(rest[1:])
    if kind == b"iTXt" and len(rest) >= 2:
        flag, body = rest[0], rest[2:]
        _lang, _, body = body.partition(b"\x00")
        _translated, _, text = body.partition(b"\x00")
        return keyword, zlib.decompress(text) if flag else text
    return None


def png_itxt(keyword: bytes, text: bytes) -> bytes:
    return keyword + b"\x00\x00\x00\x00\x00" + text


def png_replace_xmp(data: bytes, build: XmpBuilder) -> bytes:
    """PNG with one XMP iTXt built from the old packet; `tEXt`/`iTXt` keyword AIGC dropped."""
    chunks = png_chunks(data)
    old: bytes | None = None
    where: int | None = None
    kept: list[tuple[bytes, bytes]] = []
    for kind, payload in chunks:
        text = png_text(kind, payload) if kind in (b"tEXt", b"zTXt", b"iTXt") else None
        if text and text[0] == XMP_KEYWORD:
            old, where = text[1], len(kept)
            continue
        if text and text[0] == b"AIGC":
            continue
        kept.append((kind, payload))
    if where is None:
        where = next(i for i, (k, _) in enumerate(kept) if k in (b"IDAT", b"IEND"))
    kept.insert(where, (b"iTXt", png_itxt(XMP_KEYWORD, build(old))))
    return PNG_SIG + b"".join(png_chunk(k, p) for k, p in kept)


# ---- JPEG ------------------------------------------------------------------------------------
def jpeg_segments(data: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    """(marker, payload) of the segments before SOS, and the rest of the file from SOS on."""
    if not data.startswith(b"\xff\xd8"):
        raise LabelError("not a JPEG file")
    out: list[tuple[int, bytes]] = []
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise LabelError("JPEG segment marker expected")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:
            return out, data[pos:]
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        out.append((marker, data[pos + 4:pos + 2 + length]))
        pos += 2 + length
    raise LabelError("JPEG without image data (no SOS)")


def jpeg_xmp(data: bytes) -> bytes | None:
    segments, _ = jpeg_segments(data)
    for marker, payload in segments:
        if marker == 0xE1 and payload.startswith(JPEG_XMP_ID):
            return payload[len(JPEG_XMP_ID):]
    return None


def jpeg_replace_xmp(data: bytes, build: XmpBuilder) -> bytes:
    """JPEG with one APP1 XMP segment built from the old packet; other segments unchanged."""
    segments, rest = jpeg_segments(data)
    old: bytes | None = None
    where: int | None = None
    kept: list[tuple[int, bytes]] = []
    for marker, payload in segments:
        if marker == 0xE1 and payload.startswith(JPEG_XMP_ID):
            old, where = payload[len(JPEG_XMP_ID):], len(kept)
            continue
        kept.append((marker, payload))
    if where is None:  # after JFIF / Exif, before the tables
        where = 0
        while where < len(kept) and kept[where][0] in (0xE0, 0xE1):
            where += 1
    payload = JPEG_XMP_ID + build(old)
    if len(payload) > _MAX_SEGMENT:
        raise LabelError("XMP packet too large for one JPEG segment")
    kept.insert(where, (0xE1, payload))
    body = b"".join(b"\xff" + bytes([m]) + struct.pack(">H", len(p) + 2) + p for m, p in kept)
    return b"\xff\xd8" + body + rest
