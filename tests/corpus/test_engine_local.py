"""The local engine: same outputs for 1 and N workers, also over many small files."""

from pathlib import Path

from hegui.corpus.engine_local import LocalEngine, default_workers
from hegui.corpus.scan import ScanOptions, run_scan
from tests.corpus.corpusgen import BENIGN, write_jsonl, write_text
from tests.corpus.fakes import FakeFactory


def test_many_small_files_identical_across_worker_counts(tmp_path: Path) -> None:
    for i in range(25):
        rows = [{"text": BENIGN.format(n=f"{i}-{j}") + ("违禁词" if (i + j) % 7 == 0 else "")}
                for j in range(i % 4)]  # some files are empty
        write_jsonl(tmp_path / "in" / f"f{i:02d}.jsonl", rows)
    write_text(tmp_path / "in/z.txt", ["手机13912345678", "", "正常"])
    outputs = {}
    for workers in (1, 2, 3):
        out = tmp_path / f"out{workers}"
        report = run_scan(ScanOptions(inputs=[tmp_path / "in"], out=out, workers=workers, sample_size=7,
                                      progress=False), FakeFactory())
        outputs[workers] = (report, {p.relative_to(out).as_posix(): p.read_bytes()
                                     for p in sorted(out.rglob("*")) if p.is_file() and "xlsx" not in p.name})
    assert outputs[1] == outputs[2] == outputs[3]
    report = outputs[1][0]
    assert report["totals"]["records"] == sum(i % 4 for i in range(25)) + 2
    assert (tmp_path / "out2/clean/f00.jsonl").read_bytes() == b""
    assert (tmp_path / "out2/clean/z.txt").read_text(encoding="utf-8") == "手机***********\n\n正常\n"


def test_default_workers_is_every_core() -> None:
    assert default_workers() >= 1
    assert LocalEngine(FakeFactory()).workers == default_workers()
