"""The character tables behind normalisation, built once per `Normalizer` (about a second).

Every 1:1 character mapping (NFKC incl. full-width → half-width, traditional → simplified from
OpenCC's own dictionary, homoglyphs and look-alike digits, case folding) collapses into one
lookup table over all code points. Characters that vanish (zero-width, bidi, variation
selectors, combining marks) or expand (`⑩` → `10`) are "special": they are rare, and only texts
holding them take the slower path that builds an offset map. A class table says, per code
point, whether it is special, a separator, or a CJK ideograph *after* translation, so one
gather over the raw text answers every question the fast path asks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import opencc

MAX_CP = 0x110000

# Classes in `Tables.cls` (one byte per code point).
OTHER, SEPARATOR, CJK, SPECIAL = 0, 1, 2, 4

# CJK ideographs as they appear after normalisation (compatibility ideographs fold into these).
CJK_RANGES_NORMALISED: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2EBEF),
)

# Separators an evader puts between CJK characters; removed only *between* two CJK characters.
SEPARATORS = (
    " \t\r\n\u00a0\u3000*·•‧・_-–—/\\|.,，。、!！?？;；:：'\"“”‘’`~^+=#@$%&()（）"
    "[]【】<>《》〈〉「」『』…～"
)

# Look-alikes that NFKC leaves alone: Cyrillic and Greek letters that read as Latin ones.
HOMOGLYPHS = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ɡ": "g", "ɩ": "i", "ⅼ": "l", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "з": "3", "б": "6",
    "〇": "0", "○": "0", "◯": "0", "ⅰ": "i", "ⅱ": "ii",
}

# Capital look-alikes, mapped before case folding (Greek `Ν` lower-cases to `ν`, which reads as `v`).
CAPITAL_HOMOGLYPHS = {
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n",
    "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c",
    "Т": "t", "Х": "x", "У": "y", "Ѕ": "s", "І": "i", "Ј": "j",
}

# Code point ranges whose characters get a mapping. Outside them only deletions apply.
_TABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0xFFFF),
    (0x1D400, 0x1D7FF),  # mathematical alphanumerics (𝐀, 𝟏)
    (0x1F100, 0x1F1FF),  # enclosed alphanumeric supplement (🄰)
    (0x20000, 0x2A6DF),  # CJK extension B (traditional forms live here too)
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
)
_T2S_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2F800, 0x2FA1F),
)
# Deletable characters beyond the table ranges: tags, variation selectors supplement.
_EXTRA_DELETABLE: tuple[tuple[int, int], ...] = ((0xE0000, 0xE007F), (0xE0100, 0xE01EF))


def is_deletable(ch: str) -> bool:
    """Invisible characters an evader hides inside a word."""
    cat = unicodedata.category(ch)
    if cat == "Cf":  # zero-width, bidi controls, BOM, soft hyphen, tag characters
        return True
    if cat in ("Mn", "Me"):  # combining marks, variation selectors, enclosing marks
        return True
    return ch in "\u115f\u1160\u3164\uffa0\u180e\u034f"


def _fold(ch: str) -> str:
    """NFKC, case fold, strip Latin diacritics, map homoglyphs. May return 0..n characters."""
    nfkc = unicodedata.normalize("NFKC", ch)
    out = "".join(CAPITAL_HOMOGLYPHS.get(c) or c.lower() for c in nfkc)
    folded = []
    for c in out:
        if is_deletable(c):
            continue
        base = unicodedata.normalize("NFD", c)[0]
        if c != base and base.isascii() and base.isalpha():
            c = base
        folded.append(HOMOGLYPHS.get(c, c))
    return "".join(folded)


def _t2s_table() -> dict[str, str]:
    """Traditional → simplified per character, read from OpenCC's own character dictionary."""
    chars = [chr(cp) for lo, hi in _T2S_RANGES for cp in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # OpenCC merged or split a line: fall back char by char
        converter = opencc.OpenCC("t2s")
        converted = [converter.convert(c) for c in chars]
    return {c: s for c, s in zip(chars, converted, strict=True) if s != c and len(s) == 1}


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


@dataclass(frozen=True, slots=True)
class Tables:
    """Immutable lookup tables; see the module docstring."""

    lut: npt.NDArray[np.uint32]
    """Code point → code point after every 1:1 mapping (identity elsewhere)."""
    cls: npt.NDArray[np.uint8]
    """Raw code point → SPECIAL, or the SEPARATOR/CJK class of its translation."""
    norm_cls: npt.NDArray[np.uint8]
    """Normalised code point → SEPARATOR/CJK class (for text that took the slow path)."""
    translate: dict[int, str]
    expand: dict[str, str]
    """Special characters → their replacement ('' for deletions)."""
    special: re.Pattern[str]


def _classes(size: int) -> npt.NDArray[np.uint8]:
    cls = np.zeros(size, dtype=np.uint8)
    for lo, hi in CJK_RANGES_NORMALISED:
        cls[lo : hi + 1] = CJK
    for ch in SEPARATORS:
        cls[ord(ch)] = SEPARATOR
    return cls


def build_tables() -> Tables:
    """Compute every table from Unicode data and OpenCC (no file is read but OpenCC's own)."""
    t2s = _t2s_table()
    translate: dict[int, str] = {}
    expand: dict[str, str] = {}
    for lo, hi in _TABLE_RANGES:
        for cp in range(lo, hi + 1):
            if 0xD800 <= cp <= 0xDFFF:
                continue
            ch = chr(cp)
            if is_deletable(ch):
                expand[ch] = ""
                continue
            folded = "".join(t2s.get(c, c) for c in _fold(ch))
            if folded == ch:
                continue
            if len(folded) == 1:
                translate[cp] = folded
            else:
                expand[ch] = folded
    for lo, hi in _EXTRA_DELETABLE:
        for cp in range(lo, hi + 1):
            expand[chr(cp)] = ""
    lut = np.arange(MAX_CP, dtype=np.uint32)
    keys = np.fromiter(translate.keys(), dtype=np.uint32, count=len(translate))
    values = np.fromiter((ord(v) for v in translate.values()), dtype=np.uint32, count=len(translate))
    lut[keys] = values
    norm_cls = _classes(MAX_CP)
    cls = norm_cls[lut]  # the class of each code point's translation
    special_cps = [ord(c) for c in expand]
    cls[np.asarray(special_cps, dtype=np.int64)] = SPECIAL
    special = re.compile(f"[{_ranges_class(special_cps)}]+")
    return Tables(lut=lut, cls=cls, norm_cls=norm_cls, translate=translate, expand=expand,
                  special=special)
