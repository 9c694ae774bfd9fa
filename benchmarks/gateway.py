"""What the hegui gateway adds, beside LiteLLM's proxy, on the same fast fake upstream, in one run.

Runs `../shared/bench/peer_gateway_bench.py` (it starts the fake upstream and LiteLLM) with hegui
started here on its default policy (full moderation; the explicit text label off, since the tool
checks that the echoed text comes back exactly; the implicit label is still made for every answer).

    .venv/bin/python benchmarks/gateway.py            # full run (a few minutes)
    .venv/bin/python benchmarks/gateway.py --quick    # a smoke run (scale 0.1; or HEGUI_BENCH_QUICK=1)

LiteLLM needs its own venv: created on first use in `.bench-venv/` (pip install 'litellm[proxy]'
aiohttp httpx) unless `--litellm-venv` names one.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_TOOL_NAME = "peer_gateway_bench.py"


def find_tool() -> Path:
    for base in (ROOT.parent / "shared" / "bench", ROOT / "shared" / "bench"):
        if (base / BENCH_TOOL_NAME).exists():
            return base / BENCH_TOOL_NAME
    raise SystemExit(f"cannot find {BENCH_TOOL_NAME} in ../shared/bench")


def ensure_venv(venv: Path) -> Path:
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import litellm, aiohttp, httpx"]
    if python.exists() and subprocess.run(probe, capture_output=True, check=False).returncode == 0:
        return venv
    print(f"creating {venv} with litellm[proxy] (once) …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "litellm[proxy]", "aiohttp", "httpx",
                    "uvloop", "orjson"], check=True)
    return venv


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("hegui serve exited during start-up")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("hegui did not become healthy")


def start_hegui(work: Path, upstream_port: int, workers: int) -> tuple[subprocess.Popen[bytes], str, str]:
    hegui = Path(sys.executable).parent / "hegui"
    config = work / "hegui.yaml"
    config.write_text("gateway:\n  labels:\n    explicit:\n      position: none\n", encoding="utf-8")
    data = work / "hegui-data"
    key = subprocess.run([str(hegui), "keys", "create", "bench", "--data-dir", str(data)],
                         capture_output=True, text=True, check=True).stdout.strip()
    port = free_port()
    log = open(work / "hegui.log", "wb")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(
        [str(hegui), "serve", "--config", str(config), "--data-dir", str(data), "--port", str(port),
         "--upstream", f"http://127.0.0.1:{upstream_port}/v1", "--workers", str(workers)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc)
    return proc, url + "/v1", key


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="a smoke run (scale 0.1)")
    p.add_argument("--scale", type=float, default=None)
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--workers", type=int, default=1, help="hegui worker processes")
    p.add_argument("--litellm-venv", type=Path, default=ROOT / ".bench-venv")
    p.add_argument("--no-litellm", action="store_true", help="measure hegui only")
    p.add_argument("--json", type=Path, help="raw figures (passed to the tool)")
    p.add_argument("--scenarios", help="comma list (passed to the tool)")
    a = p.parse_args()
    a.quick = a.quick or os.environ.get("HEGUI_BENCH_QUICK") == "1"
    tool = find_tool()
    venv = a.litellm_venv if a.no_litellm and (a.litellm_venv / "bin/python").exists() else (
        ensure_venv(a.litellm_venv) if not a.no_litellm else None)
    runner = str(venv / "bin" / "python") if venv else sys.executable
    work = Path(tempfile.mkdtemp(prefix="hegui-bench-"))
    upstream_port = free_port()
    proc, hegui_url, key = start_hegui(work, upstream_port, a.workers)
    try:
        argv = [runner, str(tool), "--start-upstream", "fast", "--upstream-port", str(upstream_port),
                "--via", f"hegui={hegui_url}", "--key", "env:HEGUI_BENCH_KEY",
                "--rounds", str(a.rounds), "--workdir", str(work)]
        if not a.no_litellm:
            argv += ["--start-litellm", "--litellm-venv", str(venv)]
        scale = a.scale if a.scale is not None else (0.1 if a.quick else None)
        if scale is not None:
            argv += ["--scale", str(scale)]
        if a.json:
            argv += ["--json", str(a.json)]
        if a.scenarios:
            argv += ["--scenarios", a.scenarios]
        print(f"hegui: {hegui_url} (workers={a.workers}, default policy, full moderation)", flush=True)
        code = subprocess.run(argv, env={**os.environ, "HEGUI_BENCH_KEY": key}, check=False).returncode
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    sys.exit(code)


if __name__ == "__main__":
    main()
