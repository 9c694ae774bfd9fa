"""A scan killed midway resumes: finished shards are skipped, the result is the same."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hegui.corpus.scan import ScanOptions, run_scan
from hegui.corpus.shard import ScanPaths
from tests.corpus.corpusgen import BENIGN, write_jsonl
from tests.corpus.fakes import FakeFactory

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from pathlib import Path
from hegui.corpus.scan import ScanOptions, run_scan
from tests.corpus.fakes import FakeFactory
run_scan(ScanOptions(inputs=[Path(sys.argv[1])], out=Path(sys.argv[2]), workers=1, sample_size=30,
                     progress=False), FakeFactory(delay=0.004))
"""


def _corpus(root: Path) -> None:
    for shard in range(6):
        rows = [{"text": BENIGN.format(n=f"{shard}-{i}") + ("违禁词" if i % 10 == 0 else "")}
                for i in range(60)]
        write_jsonl(root / f"shard-{shard}.jsonl", rows)


def test_killed_scan_resumes_to_the_same_result(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _corpus(corpus)
    paths = ScanPaths(out)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(corpus), str(out)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not paths.state(1).exists():
            assert proc.poll() is None, "the scan ended before it could be stopped"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    done = sorted(p.name for p in paths.shards.glob("*.state.json"))
    assert 2 <= len(done) < 6  # stopped midway
    assert not (out / "report.json").exists()
    first_state = paths.state(0).stat().st_mtime_ns

    options = ScanOptions(inputs=[corpus], out=out, workers=1, sample_size=30, progress=False)
    resumed = run_scan(options, FakeFactory(delay=0.004))
    assert paths.state(0).stat().st_mtime_ns == first_state  # a finished shard was skipped
    fresh = run_scan(options.model_copy(update={"out": tmp_path / "fresh"}), FakeFactory(delay=0.004))
    assert resumed == fresh
    assert resumed["totals"]["records"] == 360 and resumed["totals"]["flagged"] == 36
    for name in ("flagged.jsonl", "manual_sample.jsonl"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()
    for shard in range(6):
        rel = f"clean/shard-{shard}.jsonl"
        assert (out / rel).read_bytes() == (tmp_path / "fresh" / rel).read_bytes()
    assert not list((out / "clean").glob("*.partial"))
