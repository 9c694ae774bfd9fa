"""Input files: which format and compression each one has, and how to open it as a stream."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

import zstandard

Format = Literal["jsonl", "parquet", "csv", "tsv", "text"]
Compression = Literal["none", "gzip", "zstd"]

# Explicit registries: file suffix → format / compression.
FORMAT_SUFFIXES: dict[str, Format] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "text",
    ".text": "text",
}
COMPRESSION_SUFFIXES: dict[str, Compression] = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd"}


class CorpusInputError(ValueError):
    """An input path cannot be read as a corpus; the message says which and why."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file of the corpus. `rel` names it in every output (POSIX, relative to its root)."""

    path: Path
    rel: str
    format: Format
    compression: Compression

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def classify(path: Path) -> tuple[Format, Compression] | None:
    """The format and compression a file name says, or None when it is not a corpus file."""
    suffixes = [s.lower() for s in path.suffixes]
    compression: Compression = "none"
    if suffixes and suffixes[-1] in COMPRESSION_SUFFIXES:
        compression = COMPRESSION_SUFFIXES[suffixes.pop()]
    if not suffixes or suffixes[-1] not in FORMAT_SUFFIXES:
        return None
    return FORMAT_SUFFIXES[suffixes[-1]], compression


def discover(paths: Iterable[Path]) -> list[InputFile]:
    """Every corpus file under `paths` (folders recursively), in a stable order.

    A file named directly must be a known format; files inside folders with other suffixes are
    skipped. Two inputs giving the same relative name are an error (outputs would collide).
    """
    found: list[InputFile] = []
    for root in paths:
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                kind = classify(path)
                if kind is not None and not _hidden(path.relative_to(root)):
                    found.append(InputFile(path, path.relative_to(root).as_posix(), *kind))
        elif root.is_file():
            kind = classify(root)
            if kind is None:
                raise CorpusInputError(f"unknown corpus format: {root} (不支持的语料格式)")
            found.append(InputFile(root, root.name, *kind))
        else:
            raise CorpusInputError(f"no such file or folder: {root} (路径不存在)")
    seen: set[str] = set()
    for item in found:
        if item.rel in seen:
            raise CorpusInputError(f"two inputs share the name {item.rel!r} (输入文件重名)")
        seen.add(item.rel)
    return found


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def open_binary(path: Path, compression: Compression) -> IO[bytes]:
    """A decompressed byte stream for reading."""
    if compression == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if compression == "zstd":
        raw = path.open("rb")
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    return path.open("rb")


def create_binary(path: Path, compression: Compression) -> IO[bytes]:
    """A byte stream for writing that compresses like the input did."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if compression == "gzip":
        return _OwningGzip(path)  # type: ignore[return-value]
    if compression == "zstd":
        raw = path.open("wb")
        return zstandard.ZstdCompressor().stream_writer(raw, closefd=True)  # type: ignore[return-value]
    return path.open("wb")


class _OwningGzip(gzip.GzipFile):
    """A gzip writer that owns its file (mtime=0 keeps outputs byte-identical between runs)."""

    def __init__(self, path: Path) -> None:
        self._raw = path.open("wb")
        super().__init__(filename="", mode="wb", fileobj=self._raw, mtime=0)

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()
