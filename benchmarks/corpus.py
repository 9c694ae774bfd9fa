"""Corpus scan throughput: MB/s per core for a full scan (every default detector, quality
fingerprints, sample, clean copy) of a generated JSONL corpus, local engine with 1 and 2
workers and Ray, beside a naive loop measured in the same run and Data-Juicer's published
figure (about 0.5 MB/s per core: 1 TB in 50.8 min on 640 cores). Peak RSS at two corpus sizes
shows memory flat in corpus size.

    .venv/bin/python benchmarks/corpus.py              # 64 MB corpus (a few minutes here)
    .venv/bin/python benchmarks/corpus.py --quick      # 8 MB
    .venv/bin/python benchmarks/corpus.py --size-mb 1024   # the full 1 GB run
    .venv/bin/python benchmarks/corpus.py --no-ray
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

DATA_JUICER_MB_S_PER_CORE = 1_000_000 / (50.8 * 60) / 640  # 1 TB (10^6 MB) in 50.8 min, 640 cores
SHARDS = 8
_CHARS = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
          "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从"
          "业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么")


def generate(folder: Path, size_mb: int, seed: int = 0) -> int:
    """~1 KB Chinese records in SHARDS files; 1% carry a mobile number, some a bit of English."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    target = size_mb * 1_000_000
    per_shard = target // SHARDS
    written = 0
    for shard in range(SHARDS):
        with (folder / f"part-{shard:03d}.jsonl").open("w", encoding="utf-8") as out:
            size = 0
            n = 0
            while size < per_shard:
                text = "".join(rng.choices(_CHARS, k=300)) + "。"
                if n % 100 == 0:
                    text += f"联系电话13{rng.randrange(10**9):09d}。"
                if n % 50 == 7:
                    text += " Some English words in between."
                line = json.dumps({"text": text, "source": f"src-{n % 3}"}, ensure_ascii=False) + "\n"
                out.write(line)
                size += len(line.encode())
                n += 1
            written += size
    return written


_RUN = """
import json, resource, sys, time
from pathlib import Path
from hegui.corpus.operator import SettingsCheckerFactory
from hegui.corpus.scan import ScanOptions, run_scan
start = time.perf_counter()
engine, workers, corpus, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
options = ScanOptions(inputs=[Path(corpus)], out=Path(out), engine=engine, workers=workers,
                      progress=False, restart=True)
report = run_scan(options, SettingsCheckerFactory())
wall = time.perf_counter() - start
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"wall": wall, "records": report["totals"]["records"], "rss_kb": rss,
                  "flagged": report["totals"]["flagged"]}))
"""

_NAIVE = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from hegui.build import build_checker
from hegui.config import Settings
checker = build_checker(Settings())
n = 0
for path in sorted(Path(sys.argv[1]).glob("*.jsonl")):
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            checker.check(json.loads(line)["text"])
            n += 1
wall = time.perf_counter() - start
print(json.dumps({"wall": wall, "records": n, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _tree_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(repeat: int, code: str, *args: str) -> dict[str, float]:
    """The best (shortest) of `repeat` runs, each in a fresh process, with the CPU seconds of its
    whole process tree: the best run is the one other work on the machine disturbed least."""
    return min((_run_once(code, *args) for _ in range(max(repeat, 1))), key=lambda r: r["wall"])


def _run_once(code: str, *args: str) -> dict[str, float]:
    before = _tree_cpu()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark run failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    result["cpu"] = _tree_cpu() - before
    return result


def _rate(megabytes: float, seconds: float) -> float:
    """MB per second, or NaN when noise made the difference of two runs meaningless."""
    return megabytes / seconds if seconds > 0 else float("nan")


def _fmt(value: float) -> str:
    return "n/a (too noisy; use a larger --size-mb)" if math.isnan(value) or value <= 0 else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=64, help="corpus size in MB (1024 for the full run)")
    parser.add_argument("--quick", action="store_true", help="8 MB corpus")
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    parser.add_argument("--repeat", type=int, default=2, help="runs per configuration (best kept)")
    args = parser.parse_args()
    size_mb = 8 if args.quick else args.size_mb
    from hegui.build import build_checker
    from hegui.config import Settings

    detectors = [d.name for d in build_checker(Settings()).detectors]
    with tempfile.TemporaryDirectory(prefix="hegui-bench-") as tmp:
        root = Path(tmp)
        corpus, small = root / "corpus", root / "small"
        total = generate(corpus, size_mb)
        small_total = generate(small, max(size_mb // 4, 1), seed=1)
        mb = total / 1e6
        print(f"corpus: {mb:.1f} MB JSONL in {SHARDS} files; detectors: {', '.join(detectors) or '(none)'}")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
              "(other work on the machine slows wall-clock figures; CPU figures are per core used)")
        print(f"{'run':42} {'cores':>5} {'wall s':>7} {'MB/s':>6} {'MB/s/core':>9} "
              f"{'CPU s':>6} {'MB/CPU-s':>8} {'peak RSS MB':>11}")
        rows: list[tuple[str, int, dict[str, float], float]] = []
        rows.append(("naive loop (json + check, 1 process)", 1, run(args.repeat, _NAIVE, str(corpus)), mb))
        one = run(args.repeat, _RUN, "local", "1", str(corpus), str(root / "o1"))
        rows.append(("hegui local, 1 worker", 1, one, mb))
        two = run(args.repeat, _RUN, "local", "2", str(corpus), str(root / "o2"))
        rows.append(("hegui local, 2 workers", 2, two, mb))
        if not args.no_ray:
            ray = run(args.repeat, _RUN, "ray", "2", str(corpus), str(root / "o3"))
            rows.append(("hegui ray (local Ray, 2 actors)", 2, ray, mb))
        quarter = run(args.repeat, _RUN, "local", "1", str(small), str(root / "o4"))
        small_mb = small_total / 1e6
        rows.append((f"hegui local, 1 worker, {small_mb:.0f} MB corpus", 1, quarter, small_mb))
        quarter_two = run(args.repeat, _RUN, "local", "2", str(small), str(root / "o5"))
        rows.append((f"hegui local, 2 workers, {small_mb:.0f} MB corpus", 2, quarter_two, small_mb))
        for name, cores, result, size in rows:
            rate = size / result["wall"]
            cpu = f"{result['cpu']:>6.1f} {size / result['cpu']:>8.2f}" if "ray" not in name else f"{'n/a':>6} {'n/a':>8}"
            print(f"{name:42} {cores:>5} {result['wall']:>7.1f} {rate:>6.2f} {rate / cores:>9.2f} "
                  f"{cpu} {result['rss_kb'] / 1024:>11.0f}")
        dj = 1e6 / (50.8 * 60)
        print(f"{'Data-Juicer (published: 1 TB, 50.8 min)':42} {640:>5} {50.8 * 60:>7.0f} {dj:>6.0f} "
              f"{DATA_JUICER_MB_S_PER_CORE:>9.2f}")
        # Fixed costs (building the checker, writing the sample sheet) cancel in the difference
        # between the two corpus sizes: what remains is the steady scan rate a 1 GB run approaches.
        extra_mb = mb - small_mb
        marginal_one = _rate(extra_mb, one["wall"] - quarter["wall"])
        marginal_two = _rate(extra_mb, two["wall"] - quarter_two["wall"])
        print(f"steady rate (fixed start-up excluded): 1 worker {_fmt(marginal_one)} MB/s per core; "
              f"2 workers {_fmt(marginal_two)} MB/s = {_fmt(marginal_two / 2)} MB/s per core "
              "(target ≥ 10 MB/s per core)")
        cpu_one = _rate(extra_mb, one["cpu"] - quarter["cpu"])
        cpu_two = _rate(extra_mb, two["cpu"] - quarter_two["cpu"])
        print(f"steady CPU cost: 1 worker {_fmt(cpu_one)}, 2 workers {_fmt(cpu_two)} MB per CPU-second "
              "(equal figures mean the workers add little overhead)")
        print(f"speed-up 2 workers / 1 worker: {one['wall'] / two['wall']:.2f}x end to end, "
              f"{_fmt(marginal_two / marginal_one)}x steady (target ≥ 1.8x)")
        print(f"peak RSS, 1 worker: {quarter['rss_kb'] / 1024:.0f} MB at {small_mb:.0f} MB vs "
              f"{one['rss_kb'] / 1024:.0f} MB at {mb:.0f} MB (flat in corpus size)")


if __name__ == "__main__":
    main()
