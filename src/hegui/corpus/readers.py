"""Readers: one input file → raw batches. Parsing of each record happens in the workers.

Line formats (JSONL, plain text) hand out blobs of whole lines, so the reading process only
splits bytes and counts newlines; CSV/TSV and Parquet hand out rows. Every batch knows where
its first record sits (line or row number) and how far into the file on disk reading got.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Literal

import pyarrow.parquet as pq
import zstandard

from hegui.corpus.formats import InputFile

BLOB_BYTES = 1 << 20
ROWS_PER_BATCH = 2000

Unit = Literal["line", "row"]


@dataclass(slots=True)
class RawBatch:
    """A slice of one file. `blob` holds whole lines; `rows` holds table rows."""

    first: int
    """Line or row number (1-based) of the first record."""
    unit: Unit
    blob: bytes = b""
    rows: list[dict[str, object]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    disk_pos: int = 0
    """Bytes of the file on disk consumed so far (for progress)."""


def _disk_tell(raw: IO[bytes]) -> int:
    try:
        return raw.tell()
    except (OSError, ValueError):
        return 0


def read_lines(item: InputFile) -> Iterator[RawBatch]:
    """JSONL and plain text: blobs of about 1 MiB of complete lines."""
    raw = item.path.open("rb")
    with raw, _wrap(raw, item) as handle:
        line_no = 1
        while True:
            blob = handle.read(BLOB_BYTES)
            if not blob:
                return
            if not blob.endswith(b"\n"):
                blob += handle.readline()
            yield RawBatch(first=line_no, unit="line", blob=blob, disk_pos=_disk_tell(raw))
            line_no += blob.count(b"\n") + (0 if blob.endswith(b"\n") else 1)


def _wrap(raw: IO[bytes], item: InputFile) -> IO[bytes]:
    """Decompress on top of an already open raw handle (so its position tells progress)."""
    if item.compression == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if item.compression == "zstd":
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=False)
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    return raw


def read_delimited(item: InputFile) -> Iterator[RawBatch]:
    """CSV and TSV with a header row; quoted fields may span lines."""
    delimiter = "\t" if item.format == "tsv" else ","
    raw = item.path.open("rb")
    with raw, _wrap(raw, item) as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text, delimiter=delimiter)
        columns = list(reader.fieldnames or [])
        rows: list[dict[str, object]] = []
        first = 1
        for row in reader:
            rows.append(dict(row))
            if len(rows) >= ROWS_PER_BATCH:
                yield RawBatch(first, "row", rows=rows, columns=columns, disk_pos=_disk_tell(raw))
                first += len(rows)
                rows = []
        if rows:
            yield RawBatch(first, "row", rows=rows, columns=columns, disk_pos=_disk_tell(raw))
        text.detach()


def read_parquet(item: InputFile) -> Iterator[RawBatch]:
    """Parquet, record batch by record batch (never the whole table)."""
    if item.compression != "none":
        raw = item.path.open("rb")
        with raw, _wrap(raw, item) as handle:
            data = io.BytesIO(handle.read())  # parquet needs random access
        yield from _parquet_batches(pq.ParquetFile(data), item.size)
        return
    yield from _parquet_batches(pq.ParquetFile(item.path), item.size)


def _parquet_batches(table: pq.ParquetFile, size: int) -> Iterator[RawBatch]:
    columns = table.schema_arrow.names
    total = max(table.metadata.num_rows, 1)
    first = 1
    for batch in table.iter_batches(batch_size=ROWS_PER_BATCH):
        rows = batch.to_pylist()
        done = first - 1 + len(rows)
        yield RawBatch(first, "row", rows=rows, columns=columns, disk_pos=size * done // total)
        first += len(rows)


READERS: dict[str, Callable[[InputFile], Iterator[RawBatch]]] = {
    "jsonl": read_lines,
    "text": read_lines,
    "csv": read_delimited,
    "tsv": read_delimited,
    "parquet": read_parquet,
}


def read_batches(item: InputFile) -> Iterator[RawBatch]:
    """The raw batches of one input file, in order."""
    return READERS[item.format](item)
