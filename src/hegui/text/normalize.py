"""Evasion-proof normalisation as pure functions, with an offset map back to the raw text.

The fast path works on the UTF-32 code units of the text as a numpy array: one gather through a
lookup table does NFKC (full-width → half-width included), traditional → simplified (OpenCC's
character table), homoglyphs and look-alike digits and case folding at once; a second gather
through a class table says which characters are separators, CJK ideographs or "special"
(characters that vanish, such as zero-width, bidi and variation selectors, or that expand, such as
NFKC `⑩` → `10`). Special characters are rare: only texts holding them take the slower path.
Separators inserted between CJK characters (`法 轮*功`, `法·轮_功`, `法，轮。功`) are then dropped
with a few vectorised operations over the separator positions alone.

`Normalized.to_raw(start, end)` maps a span of the normalised text back to the caller's
original `str` indices, whatever was removed or expanded. `Normalized.utf32` carries the
normalised text's UTF-32-LE bytes, so a byte-level matcher (the lexicon) scans it without
encoding it again: byte offset // 4 is then the `str` index.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from hegui.text.tables import CJK, SEPARATOR, SPECIAL, Tables, build_tables

_U32 = np.dtype("<u4")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised view of `raw`. `index[i]` is the raw index of normalised character `i`."""

    raw: str
    text: str
    index: npt.NDArray[np.int32] | None = field(compare=False)
    """None: identity (same length, character for character)."""
    utf32: bytes | None = field(default=None, repr=False, compare=False)
    """`text` encoded as UTF-32-LE (with surrogatepass), when the normaliser had it at hand."""

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span [start, end) to a span of the raw text."""
        if self.index is None:
            return start, end
        if end <= start:
            pos = self.index[start] if start < len(self.index) else len(self.raw)
            return int(pos), int(pos)
        return int(self.index[start]), int(self.index[end - 1]) + 1

    def text_utf32(self) -> bytes:
        """The normalised text as UTF-32-LE bytes (cached by the normaliser when it can)."""
        if self.utf32 is not None:
            return self.utf32
        return self.text.encode("utf-32-le", "surrogatepass")


def _codes(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=_U32)


class Normalizer:
    """Builds its tables once (about a second); `normalize` is then a pure function of its input."""

    def __init__(self, *, collapse_separators: bool = True) -> None:
        self._tables: Tables = build_tables()
        self._collapse = collapse_separators

    def fold(self, text: str) -> str:
        """The normalised text alone (for keywords and other patterns)."""
        return self.normalize(text).text

    def normalize(self, raw: str) -> Normalized:
        """Normalise `raw`; the result maps every normalised character back to `raw`."""
        tables = self._tables
        codes = _codes(raw)
        cls = tables.cls[codes]
        index: npt.NDArray[np.int32] | None = None
        if cls.size and cls.max() >= SPECIAL:
            text, slow_index = self._slow(raw)
            codes = _codes(text)
            cls = tables.norm_cls[codes]
            index = np.frombuffer(slow_index, dtype=np.int32)
        else:
            codes = tables.lut[codes]
        if self._collapse:
            codes, index = _collapse(codes, cls, index)
        data = codes.tobytes()
        text = data.decode("utf-32-le", "surrogatepass")
        return Normalized(raw=raw, text=text, index=index, utf32=data)

    def _slow(self, raw: str) -> tuple[str, array]:
        """Delete and expand special characters, translating the rest, with an offset map."""
        tables = self._tables
        pieces: list[str] = []
        index = array("i")
        pos = 0
        for m in tables.special.finditer(raw):
            start = m.start()
            if start > pos:
                pieces.append(raw[pos:start].translate(tables.translate))
                index.extend(range(pos, start))
            for k, ch in enumerate(m.group(), start):
                out = tables.expand.get(ch, ch)
                if out:
                    pieces.append(out)
                    index.extend([k] * len(out))
            pos = m.end()
        if pos < len(raw):
            pieces.append(raw[pos:].translate(tables.translate))
            index.extend(range(pos, len(raw)))
        return "".join(pieces), index


def _collapse(
    codes: npt.NDArray[np.uint32], cls: npt.NDArray[np.uint8], index: npt.NDArray[np.int32] | None
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int32] | None]:
    """Drop every run of separators that has a CJK character on both sides."""
    seps = np.flatnonzero(cls == SEPARATOR)
    if seps.size == 0:
        return codes, index
    n = codes.size
    breaks = np.flatnonzero(np.diff(seps) != 1)
    run_first = seps[np.concatenate(([0], breaks + 1))]
    run_last = seps[np.concatenate((breaks, [seps.size - 1]))]
    before = run_first - 1
    after = run_last + 1
    left = (before >= 0) & (cls[np.maximum(before, 0)] == CJK)
    right = (after < n) & (cls[np.minimum(after, n - 1)] == CJK)
    drop_run = left & right
    if not drop_run.any():
        return codes, index
    run_of = np.cumsum(np.concatenate(([0], np.diff(seps) != 1)))
    keep = np.ones(n, dtype=np.bool_)
    keep[seps[drop_run[run_of]]] = False
    if index is None:
        return codes[keep], np.flatnonzero(keep).astype(np.int32)
    return codes[keep], index[keep]


@lru_cache(maxsize=2)
def default_normalizer(collapse_separators: bool = True) -> Normalizer:
    """A shared, immutable normaliser: its tables cost about a second to build."""
    return Normalizer(collapse_separators=collapse_separators)
