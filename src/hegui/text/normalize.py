"""Evasion-proof normalisation as pure functions, with an offset map back to the raw text.

One fused pass does NFKC (full-width → half-width included), traditional → simplified (OpenCC's
character table), homoglyphs and look-alike digits, and case folding: every one of those is a
1:1 character mapping, so they collapse into a single `str.translate` table. Characters that
must disappear (zero-width, bidi, variation selectors, combining marks) or that expand (NFKC
`⑩` → `10`) are rare; a quick regex search proves their absence, and only texts holding them
take the slower path that builds an offset map. A second pass removes separators inserted
between CJK characters (`法 轮*功`, `法·轮_功`).

`Normalized.to_raw(start, end)` maps a span of the normalised text back to the caller's
original `str` indices, whatever was removed or expanded.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import opencc

# CJK ideographs as they appear after normalisation (compatibility ideographs fold into these).
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef"

# Separators an evader puts between CJK characters; removed only *between* two CJK characters.
_SEPARATORS = (
    " \t\r\n\u00a0\u3000*·•‧・_\\-–—/\\\\|.,，。、!！?？;；:：'\"“”‘’`~^+=#@$%&()（）"
    "\\[\\]【】<>《》〈〉「」『』…~～"
)
_SEP_RUN = re.compile(f"(?<=[{_CJK_CLASS}])[{_SEPARATORS}]+(?=[{_CJK_CLASS}])")

# Look-alikes that NFKC leaves alone: Cyrillic and Greek letters that read as Latin ones.
_HOMOGLYPHS = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ɡ": "g", "ɩ": "i", "ⅼ": "l", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "з": "3", "б": "6",
    "〇": "0", "○": "0", "◯": "0", "ⅰ": "i", "ⅱ": "ii",
}

# Code point ranges whose characters get a table entry. Outside them only deletions apply.
_TABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0xFFFF),
    (0x1D400, 0x1D7FF),  # mathematical alphanumerics (𝐀, 𝟏)
    (0x1F100, 0x1F1FF),  # enclosed alphanumeric supplement (🄰)
    (0x20000, 0x2A6DF),  # CJK extension B (traditional forms live here too)
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
)
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2F800, 0x2FA1F),
)


def _is_deletable(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat == "Cf":  # zero-width, bidi controls, BOM, soft hyphen, tag characters
        return True
    if cat in ("Mn", "Me"):  # combining marks, variation selectors, enclosing marks
        return True
    return ch in "\u115f\u1160\u3164\uffa0\u180e\u034f"


def _fold(ch: str) -> str:
    """NFKC, case fold, strip Latin diacritics, map homoglyphs. May return 0..n characters."""
    out = unicodedata.normalize("NFKC", ch).lower()
    folded = []
    for c in out:
        if _is_deletable(c):
            continue
        base = unicodedata.normalize("NFD", c)[0]
        if c != base and base.isascii() and base.isalpha():
            c = base
        folded.append(_HOMOGLYPHS.get(c, c))
    return "".join(folded)


def _t2s_table() -> dict[str, str]:
    """Traditional → simplified per character, read from OpenCC's own character dictionary."""
    chars = [chr(cp) for lo, hi in _CJK_RANGES for cp in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # OpenCC merged or split a line: fall back char by char
        converter = opencc.OpenCC("t2s")
        converted = [converter.convert(c) for c in chars]
    return {c: s for c, s in zip(chars, converted, strict=True) if s != c and len(s) == 1}


@dataclass(frozen=True, slots=True)
class _Tables:
    translate: dict[int, str]
    expand: dict[str, str]
    special: re.Pattern[str]


def _ranges_class(codepoints: Iterable[int]) -> str:
    cps = sorted(codepoints)
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = cps[i], cps[j]
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        i = j + 1
    return "".join(parts)


def _build_tables() -> _Tables:
    t2s = _t2s_table()
    translate: dict[int, str] = {}
    expand: dict[str, str] = {}
    special: set[int] = set()
    for lo, hi in _TABLE_RANGES:
        for cp in range(lo, hi + 1):
            if 0xD800 <= cp <= 0xDFFF:
                continue
            ch = chr(cp)
            if _is_deletable(ch):
                special.add(cp)
                expand[ch] = ""
                continue
            folded = "".join(t2s.get(c, c) for c in _fold(ch))
            if folded == ch:
                continue
            if len(folded) == 1:
                translate[cp] = folded
            else:
                special.add(cp)
                expand[ch] = folded
    # Deletable characters beyond the table ranges: variation selectors supplement, tags.
    for lo, hi in ((0xE0000, 0xE007F), (0xE0100, 0xE01EF)):
        for cp in range(lo, hi + 1):
            special.add(cp)
            expand[chr(cp)] = ""
    pattern = re.compile(f"[{_ranges_class(special)}]+")
    return _Tables(translate=translate, expand=expand, special=pattern)


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised view of `raw`. `index[i]` is the raw index of normalised character `i`."""

    raw: str
    text: str
    index: array | None  # None: identity (same length, character for character)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span [start, end) to a span of the raw text."""
        if self.index is None:
            return start, end
        if end <= start:
            pos = self.index[start] if start < len(self.index) else len(self.raw)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1


class Normalizer:
    """Builds its tables once (about a second); `normalize` is then a pure function of its input."""

    def __init__(self, *, collapse_separators: bool = True) -> None:
        self._tables = _build_tables()
        self._collapse = collapse_separators

    def fold(self, text: str) -> str:
        """The normalised text alone (for keywords and other patterns)."""
        return self.normalize(text).text

    def normalize(self, raw: str) -> Normalized:
        tables = self._tables
        index: array | None = None
        if tables.special.search(raw) is None:
            text = raw.translate(tables.translate)
        else:
            text, index = self._slow(raw)
        if self._collapse:
            text, index = _collapse_separators(text, index)
        return Normalized(raw=raw, text=text, index=index)

    def _slow(self, raw: str) -> tuple[str, array]:
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


def _collapse_separators(text: str, index: array | None) -> tuple[str, array | None]:
    runs = [(m.start(), m.end()) for m in _SEP_RUN.finditer(text)]
    if not runs:
        return text, index
    pieces: list[str] = []
    new_index = array("i")
    pos = 0
    for start, end in runs:
        pieces.append(text[pos:start])
        if index is None:
            new_index.extend(range(pos, start))
        else:
            new_index.extend(index[pos:start])
        pos = end
    pieces.append(text[pos:])
    if index is None:
        new_index.extend(range(pos, len(text)))
    else:
        new_index.extend(index[pos:])
    return "".join(pieces), new_index


@lru_cache(maxsize=2)
def default_normalizer(collapse_separators: bool = True) -> Normalizer:
    """A shared, immutable normaliser: its tables cost about a second to build."""
    return Normalizer(collapse_separators=collapse_separators)
