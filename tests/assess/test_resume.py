"""Resume: a run killed with SIGKILL midway, then started again, ends with every id exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hegui.assess.scripted import ScriptedEndpoint
from hegui.assess.store import read_jsonl


def _cmd(url: str, bank: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", "from hegui.cli import main; main()", "assess", "run", "--endpoint", url, "--model", "m1",
            "--bank", str(bank), "--out", str(out), "--concurrency", "2", "--no-progress"]


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_killed_run_resumes_without_duplicates_or_gaps(tmp_path: Path,
                                                       bank_and_script: tuple[Path, dict[str, str]]) -> None:
    bank, script = bank_and_script
    out = tmp_path / "run"
    results = out / "results.jsonl"
    with ScriptedEndpoint(script, delay_s=0.05) as ep:
        proc = subprocess.Popen(_cmd(ep.url, bank, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while _lines(results) < 8 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        done_before = {r["id"] for r in read_jsonl(results)}
        assert 8 <= len(done_before) < 40, "the run must be stopped midway"
        # Simulate a write torn by the kill: half a JSON line at the end of the file.
        with results.open("a", encoding="utf-8") as fh:
            fh.write('{"id": "g99", "kind": "gen')
        calls_before = sum(ep.calls.values())
        rerun = subprocess.run(_cmd(ep.url, bank, out), check=False, capture_output=True, text=True, timeout=300)
        assert rerun.returncode == 0, rerun.stderr
        asked_again = sum(ep.calls.values()) - calls_before
    ids = [r["id"] for r in read_jsonl(results)]
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids)) == 40
    assert set(ids) == set(plan)
    assert asked_again <= 40 - len(done_before) + 2  # in-flight answers lost with the kill may be asked again
    assert json.loads(rerun.stdout)["answered"] == 40
    assert results.read_text(encoding="utf-8").endswith("\n")
