from pathlib import Path

import pytest

from hegui.corpus.formats import CorpusInputError, classify, create_binary, discover, open_binary


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.jsonl", ("jsonl", "none")),
        ("a.ndjson.gz", ("jsonl", "gzip")),
        ("a.JSONL.ZST", ("jsonl", "zstd")),
        ("a.parquet", ("parquet", "none")),
        ("a.csv.gz", ("csv", "gzip")),
        ("a.tsv.zstd", ("tsv", "zstd")),
        ("a.txt", ("text", "none")),
        ("a.tar.gz", None),
        ("README", None),
    ],
)
def test_classify(name: str, expected: object) -> None:
    assert classify(Path(name)) == expected


@pytest.mark.parametrize("compression", ["none", "gzip", "zstd"])
def test_compression_round_trip(tmp_path: Path, compression: str) -> None:
    path = tmp_path / "x.bin"
    with create_binary(path, compression) as out:  # type: ignore[arg-type]
        out.write("中文\n".encode() * 1000)
    with open_binary(path, compression) as handle:  # type: ignore[arg-type]
        assert handle.read() == "中文\n".encode() * 1000


def test_discover_folders_recursively_in_stable_order(tmp_path: Path) -> None:
    for rel in ("b/2.jsonl", "b/1.csv.gz", "a.txt", "skip.md", ".hidden/x.jsonl", "c/d/e.parquet"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"")
    found = discover([tmp_path])
    assert [f.rel for f in found] == ["a.txt", "b/1.csv.gz", "b/2.jsonl", "c/d/e.parquet"]
    assert [f.format for f in found] == ["text", "csv", "jsonl", "parquet"]


def test_discover_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusInputError, match="no such"):
        discover([tmp_path / "missing"])
    (tmp_path / "notes.md").write_text("x")
    with pytest.raises(CorpusInputError, match="unknown corpus format"):
        discover([tmp_path / "notes.md"])
    (tmp_path / "x").mkdir()
    (tmp_path / "x/a.jsonl").write_text("")
    (tmp_path / "y").mkdir()
    (tmp_path / "y/a.jsonl").write_text("")
    with pytest.raises(CorpusInputError, match="share the name"):
        discover([tmp_path / "x", tmp_path / "y"])
