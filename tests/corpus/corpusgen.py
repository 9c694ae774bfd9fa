"""Corpora the tests generate: planted keywords (with evasions), PII with valid and invalid
check digits, duplicates, and sources on both sides of the 5% line."""

from __future__ import annotations

import csv
import gzip
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard

KEYWORD = "违禁词"
"""Planted as risk A1.1 (the fakes and the test lexicon both know it)."""
EVASIONS = ("违禁词", "违 禁 词", "违*禁*词", "違禁詞", "违\u200b禁\u200b词", "ｗ违禁词")

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(first17: str, valid: bool = True) -> str:
    """An 18-digit resident id with its GB 11643 check character (or a wrong one)."""
    check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]
    if not valid:
        check = "10X98765432"[("10X98765432".index(check) + 1) % 11]
    return first17 + check


def bank_card(first15: str, valid: bool = True) -> str:
    """A 16-digit card number with its Luhn digit (or a wrong one)."""
    total = 0
    for i, d in enumerate(reversed(first15)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    digit = (10 - total % 10) % 10
    return first15 + str(digit if valid else (digit + 1) % 10)


BENIGN = "第{n}篇：今天天气晴朗，我们在公园里散步，讨论了城市规划和图书馆的开放时间。"


@dataclass
class Planted:
    """What the generator put in, so tests can state the expected report exactly."""

    records: dict[str, int] = field(default_factory=dict)
    flagged: dict[str, int] = field(default_factory=dict)
    valid_ids: int = 0
    valid_cards: int = 0
    mobiles: int = 0
    exact_duplicates: int = 0
    flagged_positions: list[tuple[str, int]] = field(default_factory=list)


def records_for(source: str, total: int, flagged: int, planted: Planted, pii_every: int = 0) -> list[str]:
    """`total` texts of which `flagged` hold an (evaded) keyword; every `pii_every`-th holds PII."""
    texts = []
    for n in range(total):
        text = BENIGN.format(n=f"{source}-{n}")
        if n < flagged:
            text += "其中提到" + EVASIONS[n % len(EVASIONS)] + "。"
        elif pii_every and n % pii_every == 0:
            text += (f"身份证{resident_id('11010119900307123')}，错误的{resident_id('11010119850101002', False)}；"
                     f"卡号{bank_card('622202100000000')}，无效卡号{bank_card('622202100000001', False)}；"
                     "手机13912345678。")
            planted.valid_ids += 1
            planted.valid_cards += 1
            planted.mobiles += 1
        texts.append(text)
    planted.records[source] = planted.records.get(source, 0) + total
    planted.flagged[source] = planted.flagged.get(source, 0) + flagged
    return texts


def write_jsonl(path: Path, rows: list[dict[str, object]], compression: str = "none") -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    _write(path, data, compression)


def _write(path: Path, data: bytes, compression: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if compression == "gzip":
        data = gzip.compress(data, mtime=0)
    elif compression == "zstd":
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)


def write_csv(path: Path, rows: list[dict[str, object]], delimiter: str = ",", compression: str = "none") -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    _write(path, buffer.getvalue().encode(), compression)


def write_text(path: Path, lines: list[str], compression: str = "none") -> None:
    _write(path, "".join(line + "\n" for line in lines).encode(), compression)


def write_parquet(path: Path, rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), path)


def standard_corpus(root: Path) -> Planted:
    """Three sources over several files and formats:

    - `news`: 400 records, 8 flagged (2%): passes; PII every 40th record; 20 exact duplicates.
    - `forum`: 100 records, 6 flagged (6%): fails.
    - `wiki`: 100 records, 5 flagged (exactly 5%): passes (only *over* 5% fails).
    """
    planted = Planted()
    news = records_for("news", 380, 8, planted, pii_every=40)
    dupes = news[100:120]
    planted.records["news"] += len(dupes)
    planted.exact_duplicates = len(dupes)
    news_rows = [{"text": t, "source": "news", "id": i} for i, t in enumerate(news + dupes)]
    write_jsonl(root / "news" / "part-0.jsonl", news_rows[:200])
    write_jsonl(root / "news" / "part-1.jsonl.gz", news_rows[200:], "gzip")
    forum = records_for("forum", 100, 6, planted)
    write_csv(root / "forum.csv.zst", [{"source": "forum", "text": t} for t in forum], compression="zstd")
    wiki = records_for("wiki", 100, 5, planted)
    write_parquet(root / "wiki.parquet", [{"text": t, "source": "wiki", "n": i} for i, t in enumerate(wiki)])
    return planted
