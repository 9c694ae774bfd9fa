"""Spilled duplicate counts equal the in-memory ones, on planted text and on random columns."""

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from hegui.corpus.aggregate import duplicates
from hegui.corpus.dedup import count_spilled
from hegui.corpus.fingerprint import BANDS, Fingerprinter
from hegui.corpus.quality import count_duplicates
from hegui.corpus.shard import ScanPaths

BASE = "这是一段用来测试去重的中文文本，内容关于城市公园的开放时间、绿化面积和周末活动安排。" * 3


def _texts() -> list[str]:
    texts = [f"{BASE}第{i}段，编号{i * 7919}。" for i in range(60)]
    texts += [texts[3], texts[3], texts[17], texts[59]]            # 4 exact copies
    texts += [texts[5][:30] + "稍作改动" + texts[5][34:], texts[8] + "。"]  # 2 near copies
    texts.insert(10, texts[40])  # a copy that comes before its twin: the later one is the repeat
    return texts


def _chunked(column: np.ndarray, size: int):  # type: ignore[no-untyped-def]
    def source() -> Iterator[np.ndarray]:
        for start in range(0, len(column), size):
            yield column[start:start + size]
    return source


@pytest.mark.parametrize("part_records,chunk", [(1, 1), (3, 2), (7, 64), (1000, 5)])
def test_spilled_counts_equal_in_memory_on_text(tmp_path: Path, part_records: int, chunk: int) -> None:
    prints = Fingerprinter().batch(_texts())
    expected = count_duplicates(prints.exact, prints.bands)
    assert expected.exact_duplicates >= 4 and expected.near_duplicates >= 1
    got = count_spilled(_chunked(prints.exact, chunk),
                        [_chunked(prints.bands[:, b], chunk) for b in range(BANDS)],
                        len(prints.exact), tmp_path / "work", part_records)
    assert got == expected
    assert list((tmp_path / "work").iterdir()) == []  # the spill files are gone


def test_spilled_counts_equal_in_memory_on_random_columns(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    n = 5000
    exact = rng.integers(0, 2**63, n, dtype=np.uint64)
    exact[rng.integers(0, n, 400)] = exact[rng.integers(0, n, 400)]       # repeats, some backwards
    bands = rng.integers(0, 2**63, (n, BANDS), dtype=np.uint64)
    bands[exact == exact[0]] = bands[0]
    for b in range(BANDS):
        rows = rng.integers(0, n, 150)
        bands[rows, b] = bands[rng.integers(0, n, 150), b]
    expected = count_duplicates(exact, bands)
    got = count_spilled(_chunked(exact, 333), [_chunked(bands[:, b], 333) for b in range(BANDS)],
                        n, tmp_path, part_records=600)
    assert got == expected and got.near_duplicates > 100


def test_scan_aggregation_takes_the_same_counts_either_way(tmp_path: Path) -> None:
    prints = Fingerprinter().batch(_texts())
    paths = ScanPaths(tmp_path)
    paths.shards.mkdir(parents=True)
    cut = [0, 20, 21, 50, len(prints.exact)]  # four shards, one of a single record
    for i, (lo, hi) in enumerate(pairwise(cut)):
        np.save(paths.exact(i), prints.exact[lo:hi])
        np.save(paths.bands(i), prints.bands[lo:hi])
    in_memory = duplicates(paths, 4)
    spilled = duplicates(paths, 4, part_records=5)
    assert spilled == in_memory and in_memory["exact_duplicates"] >= 4
