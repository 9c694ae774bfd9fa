"""WebP (RIFF `XMP ` chunk), GIF (Application Extension "XMP DataXMP") and TIFF (IFD0 tag 700)."""

from __future__ import annotations

import struct

from hegui.label.metadata import LabelError
from hegui.label.png_jpeg import XmpBuilder

_GIF_APP = b"\x21\xff\x0bXMP DataXMP"
_GIF_TRAILER = b"\x01" + bytes(range(255, -1, -1)) + b"\x00"  # XMP "magic trailer" + terminator
_XMP_TAG = 700


# ---- WebP ------------------------------------------------------------------------------------
def riff_chunks(data: bytes, form: bytes) -> list[tuple[bytes, bytes]]:
    if data[:4] != b"RIFF" or data[8:12] != form:
        raise LabelError(f"not a RIFF {form.decode()} file")
    out, pos, end = [], 12, min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    while pos + 8 <= end:
        kind, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if pos + 8 + size > len(data):
            raise LabelError("RIFF chunk runs past the end of the file")
        out.append((kind, data[pos + 8:pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return out


def riff_join(form: bytes, chunks: list[tuple[bytes, bytes]]) -> bytes:
    body = b"".join(k + struct.pack("<I", len(p)) + p + (b"\x00" if len(p) & 1 else b"")
                    for k, p in chunks)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + form + body


def _vp8x_for(size: tuple[int, int], alpha: bool) -> bytes:
    flags = 0x10 if alpha else 0
    w, h = size
    return bytes([flags, 0, 0, 0]) + (w - 1).to_bytes(3, "little") + (h - 1).to_bytes(3, "little")


def webp_xmp(data: bytes) -> bytes | None:
    return next((p for k, p in riff_chunks(data, b"WEBP") if k == b"XMP "), None)


def webp_replace_xmp(data: bytes, build: XmpBuilder, size: tuple[int, int], alpha: bool) -> bytes:
    """WebP with one `XMP ` chunk (last, as the container spec orders it) and the VP8X flag set."""
    chunks = riff_chunks(data, b"WEBP")
    old = next((p for k, p in chunks if k == b"XMP "), None)
    kept = [(k, p) for k, p in chunks if k != b"XMP "]
    if kept[0][0] != b"VP8X":
        kept.insert(0, (b"VP8X", _vp8x_for(size, alpha)))
    head = bytearray(kept[0][1])
    head[0] |= 0x04
    kept[0] = (b"VP8X", bytes(head))
    kept.append((b"XMP ", build(old)))
    return riff_join(b"WEBP", kept)


# ---- GIF -------------------------------------------------------------------------------------
def _skip_sub_blocks(data: bytes, pos: int) -> int:
    while True:
        if pos >= len(data):
            raise LabelError("GIF data block runs past the end of the file")
        n = data[pos]
        pos += 1 + n
        if n == 0:
            return pos


def gif_blocks(data: bytes) -> tuple[int, list[tuple[int, int]]]:
    """End of the header (with global colour table) and (start, end) of every block."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise LabelError("not a GIF file")
    flags = data[10]
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    header_end, blocks = pos, []
    while pos < len(data) and data[pos] != 0x3B:
        start = pos
        if data[pos] == 0x21:
            pos = _skip_sub_blocks(data, pos + 2)
        elif data[pos] == 0x2C:
            local = data[pos + 9]
            pos += 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0) + 1
            pos = _skip_sub_blocks(data, pos)
        else:
            raise LabelError(f"unexpected GIF block 0x{data[pos]:02x}")
        blocks.append((start, pos))
    return header_end, blocks


def gif_xmp(data: bytes) -> bytes | None:
    _, blocks = gif_blocks(data)
    for start, end in blocks:
        if data.startswith(_GIF_APP, start):
            return data[start + len(_GIF_APP):end - len(_GIF_TRAILER)]
    return None


def gif_replace_xmp(data: bytes, build: XmpBuilder) -> bytes:
    """GIF with one XMP application extension (before the trailer); all other blocks kept."""
    header_end, blocks = gif_blocks(data)
    old, parts = None, [data[:header_end]]
    for start, end in blocks:
        if data.startswith(_GIF_APP, start):
            old = data[start + len(_GIF_APP):end - len(_GIF_TRAILER)]
            continue
        parts.append(data[start:end])
    packet = build(old)
    if b"\x00" in packet:
        raise LabelError("XMP packet for GIF must not contain NUL bytes")
    parts.append(_GIF_APP + packet + _GIF_TRAILER + b"\x3b")
    if data[:6] == b"GIF87a":  # extensions need GIF89a
        parts[0] = b"GIF89a" + parts[0][6:]
    return b"".join(parts)


# ---- TIFF ------------------------------------------------------------------------------------
def _tiff_ifd0(data: bytes) -> tuple[str, int, list[bytes], bytes]:
    order = {b"II": "<", b"MM": ">"}.get(data[:2])
    if order is None or struct.unpack(order + "H", data[2:4])[0] != 42:
        raise LabelError("not a classic TIFF file (BigTIFF is not supported)")
    (ifd,) = struct.unpack(order + "I", data[4:8])
    (count,) = struct.unpack(order + "H", data[ifd:ifd + 2])
    entries = [data[ifd + 2 + 12 * i: ifd + 14 + 12 * i] for i in range(count)]
    nxt = data[ifd + 2 + 12 * count: ifd + 6 + 12 * count]
    return order, ifd, entries, nxt


def tiff_xmp(data: bytes) -> bytes | None:
    order, _, entries, _ = _tiff_ifd0(data)
    for e in entries:
        tag, _typ, count, value = struct.unpack(order + "HHII", e)
        if tag == _XMP_TAG:
            return data[value:value + count] if count > 4 else e[8:8 + count]
    return None


def _old_packet(data: bytes, order: str, entries: list[bytes]) -> tuple[int, int] | None:
    for e in entries:
        tag, _typ, count, value = struct.unpack(order + "HHII", e)
        if tag == _XMP_TAG and count > 4:
            return value, count
    return None


def tiff_replace_xmp(data: bytes, build: XmpBuilder) -> bytes:
    """TIFF with tag 700 in a new IFD0 appended at the end; all other data stays in place.

    The old packet is blanked (no stale label stays in the file); when it and the old IFD0
    are the tail hegui wrote last time, that tail is cut off instead of growing the file."""
    order, ifd, entries, nxt = _tiff_ifd0(data)
    packet = build(tiff_xmp(data))
    out = bytearray(data)
    old = _old_packet(data, order, entries)
    if old is not None:
        at, count = old
        ifd_end = ifd + 2 + 12 * len(entries) + 4
        if ifd_end == len(data) and at + count + (count & 1) == ifd:
            del out[at:]
        else:
            out[at:at + count] = bytes(count)
    if len(out) & 1:
        out += b"\x00"
    packet_at = len(out)
    out += packet + (b"\x00" if len(packet) & 1 else b"")
    entries = [e for e in entries if struct.unpack(order + "H", e[:2])[0] != _XMP_TAG]
    entries.append(struct.pack(order + "HHII", _XMP_TAG, 1, len(packet), packet_at))
    entries.sort(key=lambda e: struct.unpack(order + "H", e[:2])[0])
    ifd_at = len(out)
    out += struct.pack(order + "H", len(entries)) + b"".join(entries) + nxt
    out[4:8] = struct.pack(order + "I", ifd_at)
    return bytes(out)
