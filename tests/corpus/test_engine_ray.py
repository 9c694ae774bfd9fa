"""The Ray engine (local Ray) gives exactly what the local engine gives."""

from pathlib import Path

from hegui.corpus.scan import ScanOptions, run_scan
from tests.corpus.corpusgen import standard_corpus
from tests.corpus.fakes import FakeFactory


def test_ray_matches_local(tmp_path: Path, ray_local: object) -> None:
    standard_corpus(tmp_path / "in")
    base = ScanOptions(inputs=[tmp_path / "in"], out=tmp_path / "local", workers=1, sample_size=40,
                       progress=False)
    local = run_scan(base, FakeFactory())
    on_ray = run_scan(base.model_copy(update={"out": tmp_path / "ray", "engine": "ray", "workers": 2}),
                      FakeFactory())
    assert on_ray == local
    assert on_ray["sources"]["forum"]["pass"] is False
    for name in ("flagged.jsonl", "manual_sample.jsonl", "report.json"):
        assert (tmp_path / "ray" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    for rel in local["files"]:
        assert (tmp_path / "ray/clean" / rel).read_bytes() == (tmp_path / "local/clean" / rel).read_bytes()
