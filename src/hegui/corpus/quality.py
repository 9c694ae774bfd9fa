"""Data-quality figures TC260-003 §5 asks about: language mix, exact and near duplicates.

Per record the workers compute small fingerprints (`hegui.corpus.fingerprint`: a 64-bit hash of
the text and the LSH band hashes of its MinHash signature); duplicates are counted once over the whole corpus by sorting
those arrays, so the result does not depend on how records were split between workers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

LANGUAGES = ("zh", "latin", "other")


def language_of(cjk: int, latin: int) -> str:
    """A script-based guess: `zh` when CJK characters hold their own against Latin words.

    One CJK character carries about as much as one Latin word (~4 letters), so a record is
    Chinese when CJK characters are at least a quarter of the Latin letters.
    """
    if cjk > 0 and cjk * 4 >= latin:
        return "zh"
    if latin > 0:
        return "latin"
    return "other"


def languages_of(cjk: np.ndarray, latin: np.ndarray) -> dict[str, int]:
    """Records per language for column arrays of counts (same rule as `language_of`)."""
    zh = (cjk > 0) & (cjk * 4 >= latin)
    lat = ~zh & (latin > 0)
    return {"zh": int(zh.sum()), "latin": int(lat.sum()), "other": int((~zh & ~lat).sum())}


@dataclass(frozen=True, slots=True)
class DuplicateCounts:
    records: int
    exact_duplicates: int
    near_duplicates: int
    """Records that are no exact copy but share an LSH band with an earlier record."""


def count_duplicates(exact: np.ndarray, bands: np.ndarray | Iterable[np.ndarray]) -> DuplicateCounts:
    """Exact and near duplicates in corpus order (the first of a group is the original).

    `bands` is a records × BANDS array or an iterable of its columns (so a caller can load one
    column at a time: memory stays at a few bytes per record).
    """
    n = len(exact)
    if n == 0:
        return DuplicateCounts(0, 0, 0)
    is_exact = ~_first_occurrence(exact)
    near = np.zeros(n, dtype=bool)
    columns = bands.T if isinstance(bands, np.ndarray) else bands
    for column in columns:
        near |= ~_first_occurrence(np.asarray(column))
    return DuplicateCounts(n, int(is_exact.sum()), int((near & ~is_exact).sum()))


def _first_occurrence(values: np.ndarray) -> np.ndarray:
    first = np.zeros(len(values), dtype=bool)
    _, index = np.unique(values, return_index=True)
    first[index] = True
    return first


def shares(counts: dict[str, int], total: int) -> dict[str, float]:
    """Each count as a share of `total`, rounded for reports."""
    return {k: round(v / total, 6) if total else 0.0 for k, v in sorted(counts.items())}


def language_mix(records_by_lang: dict[str, int], cjk_chars: int, latin_chars: int) -> dict[str, object]:
    """The language-mix block of the report."""
    records = sum(records_by_lang.values())
    letters = cjk_chars + latin_chars
    return {
        "records": {lang: records_by_lang.get(lang, 0) for lang in LANGUAGES},
        "record_share": shares({lang: records_by_lang.get(lang, 0) for lang in LANGUAGES}, records),
        "cjk_char_share": round(cjk_chars / letters, 6) if letters else 0.0,
        "latin_char_share": round(latin_chars / letters, 6) if letters else 0.0,
        "foreign_share": round(records_by_lang.get("latin", 0) / records, 6) if records else 0.0,
    }
