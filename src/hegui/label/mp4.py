"""MP4 / MOV / M4A: `moov.udta.meta` with an `mdta` handler, `keys` entry `AIGC` and its `ilst`
value (UTF-8 JSON), the form FFmpeg writes with `-movflags use_metadata_tags`.

The atoms are edited in place: other boxes are copied byte for byte, and when `moov` comes
before `mdat` (fast start) every `stco`/`co64` chunk offset is moved by the change in size.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hegui.label.base import atomic_output
from hegui.label.matroska import remux
from hegui.label.metadata import AIGCLabel, LabelError
from hegui.label.streams import packets_digest

_KEY = b"AIGC"
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"udta", b"edts"}


@dataclass(frozen=True)
class Box:
    kind: bytes
    start: int  # of the header
    body: int  # first byte after the header
    end: int


def boxes(data: bytes, start: int = 0, end: int | None = None) -> list[Box]:
    """The boxes between start and end (a trailing 32-bit zero terminator is allowed)."""
    end = len(data) if end is None else end
    out, pos = [], start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        header = 8
        if size == 1:
            (size,) = struct.unpack(">Q", data[pos + 8:pos + 16])
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise LabelError(f"MP4 box {kind!r} has a bad size")
        out.append(Box(kind, pos, pos + header, pos + size))
        pos += size
    return out


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _meta_children_start(data: bytes, meta: Box) -> int:
    # ISO `meta` is a full box (4 bytes version/flags); QuickTime's is not. Tell them apart.
    return meta.body if data[meta.body + 4:meta.body + 8] == b"hdlr" else meta.body + 4


def _handler(data: bytes, meta: Box) -> bytes:
    for b in boxes(data, _meta_children_start(data, meta), meta.end):
        if b.kind == b"hdlr":
            return data[b.body + 8:b.body + 12]
    return b""


def _keys_and_items(data: bytes, meta: Box) -> tuple[list[bytes], dict[int, bytes]]:
    """Key entries (namespace + name) and ilst item bodies by 1-based key index."""
    keys: list[bytes] = []
    items: dict[int, bytes] = {}
    for b in boxes(data, _meta_children_start(data, meta), meta.end):
        if b.kind == b"keys":
            pos = b.body + 8
            for _ in range(struct.unpack(">I", data[b.body + 4:b.body + 8])[0]):
                (size,) = struct.unpack(">I", data[pos:pos + 4])
                keys.append(data[pos + 4:pos + size])
                pos += size
        elif b.kind == b"ilst":
            for item in boxes(data, b.body, b.end):
                items[struct.unpack(">I", item.kind)[0]] = data[item.body:item.end]
    return keys, items


def _value(data: bytes) -> str | None:
    for b in boxes(data):
        if b.kind == b"data":
            return data[b.body + 8:b.end].decode("utf-8", errors="replace")
    return None


def _metas(data: bytes, moov: Box) -> list[Box]:
    out = []
    for child in boxes(data, moov.body, moov.end):
        if child.kind == b"meta":
            out.append(child)
        elif child.kind == b"udta":
            out += [b for b in boxes(data, child.body, child.end) if b.kind == b"meta"]
    return out


def _new_meta(keys: list[bytes], items: dict[int, bytes]) -> bytes:
    hdlr = _box(b"hdlr", bytes(8) + b"mdta" + bytes(12) + b"\x00")
    keys_box = _box(b"keys", bytes(4) + struct.pack(">I", len(keys))
                    + b"".join(struct.pack(">I", 4 + len(k)) + k for k in keys))
    ilst = _box(b"ilst", b"".join(_box(struct.pack(">I", i), items[i]) for i in sorted(items)))
    return _box(b"meta", bytes(4) + hdlr + keys_box + ilst)


def _label_meta(data: bytes, meta: Box | None, json_text: str) -> bytes:
    keys, items = _keys_and_items(data, meta) if meta is not None else ([], {})
    if b"mdta" + _KEY in keys:  # drop the old entry and renumber the ones after it
        gone = keys.index(b"mdta" + _KEY) + 1
        keys.pop(gone - 1)
        items = {(i - 1 if i > gone else i): v for i, v in items.items() if i != gone}
    keys.append(b"mdta" + _KEY)
    items[len(keys)] = _box(b"data", struct.pack(">II", 1, 0) + json_text.encode("utf-8"))
    return _new_meta(keys, items)


def _patch_offsets(moov: bytearray, after: int, delta: int) -> None:
    """Add delta to every chunk offset at or beyond `after` (stco and co64 in every trak)."""
    def walk(start: int, end: int) -> None:
        for b in boxes(bytes(moov), start, end):
            if b.kind in _CONTAINERS:
                walk(b.body, b.end)
            elif b.kind in (b"stco", b"co64"):
                wide = b.kind == b"co64"
                fmt, step = (">Q", 8) if wide else (">I", 4)
                (count,) = struct.unpack(">I", moov[b.body + 4:b.body + 8])
                for i in range(count):
                    at = b.body + 8 + i * step
                    (off,) = struct.unpack(fmt, moov[at:at + step])
                    if off >= after:
                        if not wide and off + delta > 0xFFFFFFFF:
                            raise LabelError("chunk offset overflows stco")
                        moov[at:at + step] = struct.pack(fmt, off + delta)
    walk(8, len(moov))


def _rebuild_moov(data: bytes, moov: Box, json_text: str) -> bytes:
    children = boxes(data, moov.body, moov.end)
    udta = next((c for c in children if c.kind == b"udta"), None)
    if udta is None:
        new_udta = _box(b"udta", _label_meta(data, None, json_text))
        body = data[moov.body:moov.end] + new_udta
    else:
        metas = [b for b in boxes(data, udta.body, udta.end) if b.kind == b"meta"]
        target = next((m for m in metas if _handler(data, m) == b"mdta"), None)
        new_meta = _label_meta(data, target, json_text)
        if target is None:
            last = boxes(data, udta.body, udta.end)
            cut = last[-1].end if last else udta.body
            inner = data[udta.body:cut] + new_meta + data[cut:udta.end]
        else:
            inner = data[udta.body:target.start] + new_meta + data[target.end:udta.end]
        body = data[moov.body:udta.start] + _box(b"udta", inner) + data[udta.end:moov.end]
    return _box(b"moov", body)


def top_level(path: Path) -> list[Box]:
    """The top-level boxes of a file, read from their headers only (files may be large)."""
    out = []
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        pos = 0
        while pos + 8 <= size:
            fh.seek(pos)
            head = fh.read(16)
            length, kind = struct.unpack(">I4s", head[:8])
            header = 8
            if length == 1:
                (length,) = struct.unpack(">Q", head[8:16])
                header = 16
            elif length == 0:
                length = size - pos
            if length < header or pos + length > size:
                raise LabelError(f"MP4 box {kind!r} has a bad size")
            out.append(Box(kind, pos, pos + header, pos + length))
            pos += length
    return out


def _read_moov(path: Path, tops: list[Box]) -> tuple[Box, bytes]:
    found = [b for b in tops if b.kind == b"moov"]
    if len(found) != 1:
        raise LabelError(f"{Path(path).name}: MP4 file without exactly one moov box")
    with open(path, "rb") as fh:
        fh.seek(found[0].start)
        return found[0], fh.read(found[0].end - found[0].start)


def _copy_range(src: BinaryIO, dst: BinaryIO, start: int, end: int) -> None:
    src.seek(start)
    left = end - start
    while left > 0:
        chunk = src.read(min(left, 1 << 20))
        if not chunk:
            raise LabelError("MP4 file shorter than its boxes")
        dst.write(chunk)
        left -= len(chunk)


def label_mp4_file(src: Path, tmp: Path, json_text: str) -> None:
    """Copy src to tmp with the AIGC key set; only moov is held in memory."""
    tops = top_level(src)
    moov, data = _read_moov(src, tops)
    local = Box(b"moov", 0, moov.body - moov.start, len(data))
    new = bytearray(_rebuild_moov(data, local, json_text))
    delta = len(new) - len(data)
    if delta and any(b.kind == b"mdat" and b.start > moov.start for b in tops):
        _patch_offsets(new, moov.end, delta)
    with open(src, "rb") as fin, open(tmp, "wb") as fout:
        _copy_range(fin, fout, 0, moov.start)
        fout.write(new)
        _copy_range(fin, fout, moov.end, tops[-1].end)


def read_mp4(path: Path) -> str | None:
    """The value of the `mdta` key `AIGC` in moov's (or moov.udta's) meta boxes."""
    found, data = _read_moov(path, top_level(path))
    moov = Box(b"moov", 0, found.body - found.start, len(data))
    for meta in _metas(data, moov):
        keys, items = _keys_and_items(data, meta)
        if b"mdta" + _KEY in keys:
            item = items.get(keys.index(b"mdta" + _KEY) + 1)
            if item is not None:
                return _value(item)
    return None


class Mp4Labeler:
    """MP4, MOV and M4A files."""

    def read(self, path: Path) -> str | None:
        return read_mp4(Path(path))

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        tops = top_level(Path(src))
        if any(b.kind == b"moof" for b in tops):
            # Fragments carry absolute offsets (tfhd, tfra) that a bigger moov would break:
            # remux into a plain file with FFmpeg's metadata keys instead.
            packets_digest(src)
            with open(src, "rb") as fh:
                fmt = "mov" if fh.read(12)[8:12] == b"qt  " else "mp4"
            atomic_output(src, dst, lambda s, tmp: remux(
                s, tmp, {"AIGC": label.to_json()}, fmt, {"movflags": "use_metadata_tags"}))
            return
        atomic_output(src, dst, lambda s, tmp: label_mp4_file(s, tmp, label.to_json()))

    def content_digest(self, path: Path) -> bytes:
        return packets_digest(path)


MP4 = Mp4Labeler()
