"""Every input format and compression goes through a scan and comes back out the same way."""

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from hegui.corpus.formats import discover
from hegui.corpus.readers import read_batches
from hegui.corpus.scan import ScanOptions, run_scan
from tests.corpus.corpusgen import write_csv, write_jsonl, write_parquet, write_text
from tests.corpus.fakes import FakeFactory

TEXTS = ["第一条，正常。", "第二条 违禁词 在此", 'with "quotes", commas\nand a newline', "手机13912345678"]


def _decompress(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)
    if path.suffix == ".zst":
        return zstandard.ZstdDecompressor().stream_reader(data).read()
    return data


@pytest.mark.parametrize("compression", ["none", "gzip", "zstd"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv", "text"])
def test_format_and_compression(tmp_path: Path, fmt: str, compression: str) -> None:
    suffix = {"none": "", "gzip": ".gz", "zstd": ".zst"}[compression]
    path = tmp_path / "in" / f"data.{'txt' if fmt == 'text' else fmt}{suffix}"
    rows = [{"text": t, "source": "s"} for t in TEXTS]
    if fmt == "jsonl":
        write_jsonl(path, rows, compression)
    elif fmt in ("csv", "tsv"):
        write_csv(path, rows, "\t" if fmt == "tsv" else ",", compression)
    else:
        write_text(path, [t.replace("\n", " ") for t in TEXTS], compression)
    report = run_scan(ScanOptions(inputs=[tmp_path / "in"], out=tmp_path / "out", workers=1,
                                  progress=False), FakeFactory())
    assert report["totals"]["records"] == 4 and report["totals"]["flagged"] == 1
    assert report["pii"] == {"CN_MOBILE": 1}
    clean = _decompress(tmp_path / "out/clean" / path.name).decode()
    assert "违禁词" not in clean and "13912345678" not in clean and "***********" in clean
    if fmt == "jsonl":
        assert [json.loads(x)["text"] for x in clean.splitlines()][1] == TEXTS[2]
    flagged = json.loads((tmp_path / "out/flagged.jsonl").read_text(encoding="utf-8"))
    unit = "line" if fmt in ("jsonl", "text") else "row"
    assert flagged[unit] == 2 and flagged["file"] == path.name


def test_parquet_and_batches(tmp_path: Path) -> None:
    rows = [{"text": f"第{i}条", "k": i} for i in range(4500)]
    write_parquet(tmp_path / "p.parquet", rows)
    batches = list(read_batches(discover([tmp_path / "p.parquet"])[0]))
    assert [b.first for b in batches] == [1, 2001, 4001]
    assert sum(len(b.rows) for b in batches) == 4500
    assert batches[-1].disk_pos == (tmp_path / "p.parquet").stat().st_size


def test_parquet_gzip(tmp_path: Path) -> None:
    table = pa.Table.from_pylist([{"text": "违禁词"}, {"text": "好"}])
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    (tmp_path / "in").mkdir()
    (tmp_path / "in/p.parquet.gz").write_bytes(gzip.compress(sink.getvalue().to_pybytes()))
    report = run_scan(ScanOptions(inputs=[tmp_path / "in"], out=tmp_path / "out", workers=1,
                                  progress=False), FakeFactory())
    assert report["totals"]["flagged"] == 1
    clean = pq.read_table(pa.BufferReader(gzip.decompress((tmp_path / "out/clean/p.parquet.gz").read_bytes())))
    assert clean.to_pylist() == [{"text": "好"}]


def test_line_numbers_span_blobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hegui.corpus import readers

    monkeypatch.setattr(readers, "BLOB_BYTES", 64)
    write_jsonl(tmp_path / "a.jsonl", [{"text": f"记录{i}"} for i in range(100)])
    batches = list(read_batches(discover([tmp_path / "a.jsonl"])[0]))
    assert len(batches) > 5
    count = 0
    for b in batches:
        assert b.first == count + 1
        count += b.blob.count(b"\n")
    assert count == 100
