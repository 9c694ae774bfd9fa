"""Duplicate counts whose memory does not grow with the corpus.

`quality.count_duplicates` sorts whole fingerprint columns in memory: a few tens of bytes per
record, fine up to about a million records. Past `part_records` records the columns are spilled
to files under a work folder instead:

1. each column (the exact hash, then each LSH band) is written as (value, record index) pairs,
   split into partitions by value, so equal values land in the same partition and each
   partition is sorted on its own; a record is a repeat when an earlier record in its partition
   has the same value (pairs are written in corpus order, so the first in a partition is the
   earliest in the corpus);
2. the indices of repeated records are written again, split by index block, so the union over
   the eight bands, less the exact repeats, is counted one block at a time.

Memory is then bounded by the partition size, whatever the size of the corpus, and the counts
are the same as the in-memory ones (`tests/corpus/test_dedup.py` checks both ways agree).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

import numpy as np

from hegui.corpus.quality import DuplicateCounts

PART_RECORDS = 1 << 18
"""Records per partition (and per index block): ~15 MB of working memory at the most."""

ColumnSource = Callable[[], Iterable[np.ndarray]]
"""Yields one fingerprint column in corpus order, chunk by chunk (called once per pass)."""


def _split(files: Sequence[BinaryIO], keys: np.ndarray, rows: np.ndarray) -> None:
    """Append each row to the file its key names, keeping the rows' order within a file."""
    order = np.argsort(keys, kind="stable")
    bounds = np.searchsorted(keys[order], np.arange(len(files) + 1))
    rows = rows[order]
    for part, handle in enumerate(files):
        lo, hi = bounds[part], bounds[part + 1]
        if hi > lo:
            handle.write(rows[lo:hi].tobytes())


def _spill_by_value(source: ColumnSource, parts: int, folder: Path) -> list[Path]:
    folder.mkdir()
    paths = [folder / f"{p:05d}.bin" for p in range(parts)]
    with ExitStack() as stack:
        files = [stack.enter_context(path.open("wb")) for path in paths]
        offset = 0
        for chunk in source():
            values = np.ascontiguousarray(chunk, dtype=np.uint64)
            pairs = np.empty((len(values), 2), dtype=np.uint64)
            pairs[:, 0] = values
            pairs[:, 1] = np.arange(offset, offset + len(values), dtype=np.uint64)
            offset += len(values)
            _split(files, (values % np.uint64(parts)).astype(np.int64), pairs)
    return paths


def _repeats(path: Path) -> np.ndarray:
    """Indices of the records in one partition whose value an earlier record already had."""
    pairs = np.fromfile(path, dtype=np.uint64).reshape(-1, 2)
    if len(pairs) == 0:
        return np.zeros(0, dtype=np.uint64)
    _, first = np.unique(pairs[:, 0], return_index=True)
    repeated = np.ones(len(pairs), dtype=bool)
    repeated[first] = False
    return pairs[repeated, 1]


def _spill_repeats(source: ColumnSource, parts: int, work: Path, blocks: Sequence[BinaryIO],
                   block_records: int) -> int:
    """Write the indices of repeated records of one column to the index-block files."""
    found = 0
    for path in _spill_by_value(source, parts, work):
        indices = _repeats(path)
        path.unlink()
        found += len(indices)
        _split(blocks, (indices // np.uint64(block_records)).astype(np.int64), indices)
    work.rmdir()
    return found


def count_spilled(exact: ColumnSource, bands: Sequence[ColumnSource], records: int, work: Path,
                  part_records: int = PART_RECORDS) -> DuplicateCounts:
    """Exact and near duplicates in corpus order, as `quality.count_duplicates` counts them."""
    if records == 0:
        return DuplicateCounts(0, 0, 0)
    parts = max(1, -(-records // part_records))
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dedup-", dir=work) as tmp:
        root = Path(tmp)
        exact_paths = [root / f"exact-{b:05d}.bin" for b in range(parts)]
        near_paths = [root / f"near-{b:05d}.bin" for b in range(parts)]
        with ExitStack() as stack:
            exact_blocks = [stack.enter_context(p.open("wb")) for p in exact_paths]
            exact_count = _spill_repeats(exact, parts, root / "column", exact_blocks, part_records)
        with ExitStack() as stack:
            near_blocks = [stack.enter_context(p.open("wb")) for p in near_paths]
            for band in bands:
                _spill_repeats(band, parts, root / "column", near_blocks, part_records)
        near_count = 0
        for exact_path, near_path in zip(exact_paths, near_paths):
            near = np.unique(np.fromfile(near_path, dtype=np.uint64))
            repeats = np.fromfile(exact_path, dtype=np.uint64)
            near_count += len(np.setdiff1d(near, repeats, assume_unique=False))
    return DuplicateCounts(records, exact_count, near_count)
