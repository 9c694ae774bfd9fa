"""Pinyin and first-letter variants of Chinese keywords (`法轮功` → `falungong`, `fa lun gong`, `flg`).

Evaders write a banned word in pinyin or as its initials. Short keywords would make variants
that occur by chance in ordinary Latin text, so only keywords of at least `MIN_CHARS` Chinese
characters (and nothing else) get variants; a match of a Latin variant must also stand alone
as a word (the matcher checks ASCII word boundaries).
"""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

from hegui.text.tables import CJK_RANGES_NORMALISED

MIN_CHARS = 3


def _all_cjk(word: str) -> bool:
    return all(any(lo <= ord(c) <= hi for lo, hi in CJK_RANGES_NORMALISED) for c in word)


def pinyin_variants(normalised_keyword: str) -> list[tuple[str, str]]:
    """(variant, kind) pairs for one normalised keyword; kind is `pinyin` or `initials`."""
    if len(normalised_keyword) < MIN_CHARS or not _all_cjk(normalised_keyword):
        return []
    syllables = lazy_pinyin(normalised_keyword, style=Style.NORMAL)
    initials = lazy_pinyin(normalised_keyword, style=Style.FIRST_LETTER)
    if not all(s.isascii() and s.isalpha() for s in syllables):
        return []
    out = [("".join(syllables), "pinyin"), (" ".join(syllables), "pinyin"), ("".join(initials), "initials")]
    return [(v, k) for v, k in out if v]
