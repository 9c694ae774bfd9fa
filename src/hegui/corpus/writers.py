"""Writers: the clean corpus (same format and compression as the input) and the sample sheet."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any, Protocol
from zipfile import ZIP_DEFLATED, ZipFile

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from hegui.corpus.formats import InputFile, create_binary, open_binary
from hegui.corpus.operator import BatchResult


class CleanWriter(Protocol):
    """Receives the kept records of one input file, batch by batch, in order."""

    def write(self, result: BatchResult) -> None: ...

    def close(self) -> None: ...


class LineWriter:
    """JSONL and plain text: the operator already produced the bytes."""

    def __init__(self, path: Path, item: InputFile) -> None:
        self._out = create_binary(path, item.compression)

    def write(self, result: BatchResult) -> None:
        if result.clean_blob:
            self._out.write(result.clean_blob)

    def close(self) -> None:
        self._out.close()


class DelimitedWriter:
    """CSV and TSV with the input's header."""

    def __init__(self, path: Path, item: InputFile) -> None:
        self._binary = create_binary(path, item.compression)
        self._text = io.TextIOWrapper(self._binary, encoding="utf-8", newline="")  # type: ignore[arg-type]
        self._writer: csv.DictWriter[str] | None = None
        self._delimiter = "\t" if item.format == "tsv" else ","
        self._columns = _csv_header(item, self._delimiter)
        if self._columns:
            self._start(self._columns)

    def _start(self, columns: list[str]) -> csv.DictWriter[str]:
        self._writer = csv.DictWriter(
            self._text, fieldnames=columns, delimiter=self._delimiter, lineterminator="\n"
        )
        self._writer.writeheader()
        return self._writer

    def write(self, result: BatchResult) -> None:
        if result.clean_rows and self._writer is not None:
            self._writer.writerows(result.clean_rows)

    def close(self) -> None:
        self._text.close()


def _csv_header(item: InputFile, delimiter: str) -> list[str]:
    with open_binary(item.path, item.compression) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        try:
            return next(csv.reader(text, delimiter=delimiter), [])
        finally:
            text.detach()


class ParquetWriter:
    """Parquet with the input's schema."""

    def __init__(self, path: Path, item: InputFile) -> None:
        with open_binary(item.path, item.compression) as handle:
            schema = pq.read_schema(io.BytesIO(handle.read()) if item.compression != "none" else item.path)
        self._schema = schema
        self._binary: IO[bytes] = create_binary(path, item.compression)
        self._writer = pq.ParquetWriter(self._binary, schema)

    def write(self, result: BatchResult) -> None:
        if result.clean_rows:
            self._writer.write_table(pa.Table.from_pylist(result.clean_rows, schema=self._schema))

    def close(self) -> None:
        self._writer.close()
        self._binary.close()


WRITERS: dict[str, Callable[[Path, InputFile], CleanWriter]] = {
    "jsonl": LineWriter,
    "text": LineWriter,
    "csv": DelimitedWriter,
    "tsv": DelimitedWriter,
    "parquet": ParquetWriter,
}


def clean_writer(path: Path, item: InputFile) -> CleanWriter:
    return WRITERS[item.format](path, item)


def write_jsonl(path: Path, entries: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for entry in entries:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")


SAMPLE_COLUMNS = ("id", "source", "file", "position", "text", "decision", "risks", "mark", "note")
SAMPLE_HEADERS = (
    "编号 id", "来源 source", "文件 file", "行号 position", "文本 text",
    "机器结论 decision", "风险 risks", "人工结论 mark (合格/不合格 pass/fail)", "备注 note",
)


def sample_id(entry: dict[str, Any]) -> str:
    position = entry.get("line", entry.get("row"))
    return f"{entry['file']}:{position}"


def write_sample_xlsx(path: Path, entries: list[dict[str, Any]]) -> None:
    """The manual-check sheet: one row per sampled record, a `mark` column for people."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("manual_sample")
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["E"].width = 80
    sheet.append(list(SAMPLE_HEADERS))
    for entry in entries:
        sheet.append([
            sample_id(entry), entry["source"], entry["file"], entry.get("line", entry.get("row")),
            _cell_text(entry["text"]), entry["decision"], " ".join(entry["risks"]), None, None,
        ])
    # What `Workbook.save` does, with fast deflate: the sheet is megabytes of text and level 1
    # writes it several times faster for a slightly larger file.
    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=1) as archive:
        ExcelWriter(book, archive).save()


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell_text(text: str) -> str:
    """Excel refuses control characters and cells over 32,767 characters."""
    return _CONTROL.sub(" ", text[:32000])
