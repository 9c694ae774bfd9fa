"""Per-record fingerprints for the quality figures, computed a whole batch at a time.

For each record: a 64-bit hash of its text (exact duplicates), the LSH band hashes of its
MinHash signature over character 5-grams (near duplicates) and its CJK / Latin letter counts
(language mix). The MinHash uses datasketch's permutations and its `affine32` scheme; the
signature equals what `datasketch.MinHash.update_batch` gives for the same shingle hashes (a
test holds us to that), but one numpy pass serves a whole batch of records instead of a Python
call per record, which is what keeps the corpus scan fast.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
BANDS = 8
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE = 5
MINHASH_SEED = 1
NEAR_DUP_THRESHOLD = (1 / BANDS) ** (1 / ROWS_PER_BAND)
"""Jaccard similarity at which two texts share a band with probability about one half (≈0.77)."""

_SUBSAMPLE_MIN = 16
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX32 = np.uint32(0x9E3779B1)
_BAND_MIX = (np.arange(1, ROWS_PER_BAND + 1, dtype=np.uint64) * _MIX) | np.uint64(1)
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF))
_LATIN_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F))
_TABLE_SIZE = 0x30000


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """Column arrays, one row per record of the batch."""

    exact: np.ndarray  # uint64 (n,)
    bands: np.ndarray  # uint64 (n, BANDS)
    cjk: np.ndarray  # int64 (n,)
    latin: np.ndarray  # int64 (n,)


def exact_hash(text: str) -> int:
    """A 64-bit hash of the text (stable across processes and machines)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser, as datasketch's affine32 scheme applies it before permuting."""
    v = values ^ (values >> np.uint32(16))
    v = v * np.uint32(0x85EBCA6B)
    v = v ^ (v >> np.uint32(13))
    v = v * np.uint32(0xC2B2AE35)
    return v ^ (v >> np.uint32(16))


def _roll(codes: np.ndarray, width: int) -> np.ndarray:
    """32-bit hashes of the `width` windows of SHINGLE code points (multiply-xor, then mixed)."""
    acc = np.zeros(width, dtype=np.uint32)
    for k in range(SHINGLE):
        acc ^= codes[k : width + k]
        acc *= _MIX32
    acc ^= acc >> np.uint32(15)
    return acc


def shingle_hashes(codes: np.ndarray) -> np.ndarray:
    """32-bit hashes of the 5-grams of one record's code points (zero-padded when shorter).

    Long records keep only shingles whose hash is 0 mod 4: a consistent subsample (a shingle is
    kept or dropped in every text alike), so Jaccard estimates stay unbiased at a quarter of
    the work. Records with few shingles keep them all.
    """
    codes = codes.astype(np.uint32)
    if len(codes) < SHINGLE:
        codes = np.concatenate([codes, np.zeros(SHINGLE - len(codes), dtype=np.uint32)])
    width = len(codes) - SHINGLE + 1
    hashed = _roll(codes, width)
    kept = hashed[(hashed & np.uint32(3)) == 0]
    return kept if width > 4 * _SUBSAMPLE_MIN and len(kept) >= _SUBSAMPLE_MIN else hashed


class Fingerprinter:
    """Build once per worker: it holds the permutations and the script table."""

    def __init__(self) -> None:
        a, b = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme="affine32").permutations
        self._a = np.asarray(a, dtype=np.uint32)
        self._b = np.asarray(b, dtype=np.uint32)
        table = np.zeros(_TABLE_SIZE, dtype=np.uint8)
        for lo, hi in _CJK_RANGES:
            table[lo : min(hi, _TABLE_SIZE - 1) + 1] = 1
        for lo, hi in _LATIN_RANGES:
            table[lo : hi + 1] = 2
        self._table = table

    def batch(self, texts: Sequence[str]) -> Fingerprints:
        """Fingerprints of every text, in order (a few numpy passes over the whole batch)."""
        n = len(texts)
        exact = np.fromiter((exact_hash(t) for t in texts), dtype=np.uint64, count=n)
        lowered = [t.lower() for t in texts]
        lengths = np.fromiter((len(t) for t in lowered), dtype=np.int64, count=n)
        ends = np.cumsum(lengths)
        starts = ends - lengths
        codes = np.frombuffer("".join(lowered).encode("utf-32-le"), dtype=np.uint32)
        kinds = self._table[np.minimum(codes, _TABLE_SIZE - 1)]
        kinds[(codes >= _TABLE_SIZE) & (codes <= 0x2EBEF)] = 1  # CJK extensions B and later
        kinds[codes > 0x2EBEF] = 0
        cjk, latin = (_segment_sums(kinds == kind, starts, ends) for kind in (1, 2))
        signatures = np.empty((n, NUM_PERM), dtype=np.uint32)
        short = lengths < SHINGLE
        for i in np.flatnonzero(short):
            signatures[i] = self._signature(shingle_hashes(codes[starts[i] : ends[i]]))
        if not short.all():
            self._long_signatures(codes, starts, lengths, signatures)
        return Fingerprints(exact, _bands(signatures), cjk, latin)

    def _long_signatures(
        self, codes: np.ndarray, starts: np.ndarray, lengths: np.ndarray, out: np.ndarray
    ) -> None:
        """Signatures of the records with at least SHINGLE characters, all at once."""
        width = len(codes) - SHINGLE + 1
        hashed = _roll(codes, width)
        valid = np.ones(width, dtype=bool)
        # A window is invalid when it starts in the last SHINGLE-1 characters of its record.
        tails = (starts + lengths)[:, None] - np.arange(1, SHINGLE)[None, :]
        tails = tails[(tails >= starts[:, None]) & (tails < width)]
        valid[tails] = False
        record_ends = starts + lengths
        candidates = np.flatnonzero(valid & ((hashed & np.uint32(3)) == 0))
        owners = np.searchsorted(record_ends, candidates, side="right")
        kept = np.bincount(owners, minlength=len(lengths))
        whole = (lengths >= SHINGLE) & ~((lengths - SHINGLE + 1 > 4 * _SUBSAMPLE_MIN) & (kept >= _SUBSAMPLE_MIN))
        if whole.any():  # short records keep every shingle
            ranges = [np.arange(starts[i], starts[i] + lengths[i] - SHINGLE + 1) for i in np.flatnonzero(whole)]
            candidates = np.union1d(candidates[~whole[owners]], np.concatenate(ranges))
            owners = np.searchsorted(record_ends, candidates, side="right")
        # (NUM_PERM, m): each permutation's row is contiguous, so reduceat runs along memory.
        permuted = self._a[:, None] * _fmix32(hashed[candidates])[None, :] + self._b[:, None]
        first = np.flatnonzero(np.diff(owners, prepend=-1))
        out[owners[first]] = np.minimum.reduceat(permuted, first, axis=1).T

    def _signature(self, hashes: np.ndarray) -> np.ndarray:
        permuted = _fmix32(hashes)[:, None] * self._a + self._b
        return permuted.min(axis=0)

    def datasketch_signature(self, hashes: np.ndarray) -> np.ndarray:
        """The same signature through datasketch's own API (slower; for tests and audits)."""
        sketch = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme="affine32", hashfunc=int)
        sketch.update_batch(hashes.tolist())
        return np.asarray(sketch.hashvalues, dtype=np.uint32)


def _segment_sums(flags: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """How many flags are set in each [start, end) segment (empty segments give 0)."""
    totals = np.concatenate([[0], np.cumsum(flags, dtype=np.int64)])
    result: np.ndarray = totals[ends] - totals[starts]
    return result


def _bands(signatures: np.ndarray) -> np.ndarray:
    """One 64-bit hash per band of ROWS_PER_BAND signature values."""
    values = signatures.astype(np.uint64).reshape(len(signatures), BANDS, ROWS_PER_BAND)
    mixed = ((values + np.uint64(1)) * _BAND_MIX).sum(axis=2, dtype=np.uint64)
    mixed ^= mixed >> np.uint64(31)
    mixed *= _MIX
    return mixed + np.arange(BANDS, dtype=np.uint64)
