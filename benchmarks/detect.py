"""Lexicon matching and the whole `check` pipeline: MB/s of Chinese text per core, and latency.

Prints, measured in the same run:
  (a) lexicon matching alone (Hyperscan over UTF-32-LE, the engine hegui ships) with 20,000 and
      100,000 synthetic CJK keywords, beside the same keywords on Hyperscan over UTF-8 with an
      offset map (the alternative we measured and did not keep) and a naive Python baseline
      (`kw in text` for every keyword) on a smaller sample;
  (b) normalisation alone, and the whole pipeline `build_checker(Settings()).check(text)`
      (normalise once, lexicon + PII + prompt attacks, policy) on 2,000-character texts, beside a
      naive baseline (NFKC + OpenCC t2s + lower-case, then `kw in text` over the built-in library);
  (c) p50/p99 latency of `check` on a 2,000-character text;
  (d) whether another Python thread runs while one thread is inside a scan (the binding releases
      the GIL around `hs_scan` and takes it back only to report a match).

MB are 10^6 bytes of the text's UTF-8 encoding. Single process, single thread unless said.
Usage: python benchmarks/detect.py [--quick]   (or HEGUI_BENCH_QUICK=1)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

import hyperscan
import numpy as np
import opencc

from hegui.build import build_checker
from hegui.config import Settings
from hegui.detect.lexicon import Lexicon, load_lexicon
from hegui.text.normalize import Normalized, default_normalizer

COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使"
    "点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
    "看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料"
)


def chinese_text(n_chars: int, seed: int, inject: list[str]) -> str:
    """Chinese-looking text with punctuation, one injected keyword every ~5,000 characters."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_chars:
        piece = "".join(rng.choices(COMMON, k=rng.randint(6, 24))) + rng.choice("，。、；：！？")
        if inject and rng.random() < 0.003:
            piece += rng.choice(inject)
        parts.append(piece)
        size += len(piece)
    return "".join(parts)[:n_chars]


def keywords(n: int, seed: int) -> list[str]:
    """Distinct synthetic CJK keywords of 2-6 characters from the whole basic block."""
    rng = random.Random(seed)
    norm = default_normalizer()
    out: set[str] = set()
    while len(out) < n:
        word = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.choice((2, 3, 3, 4, 4, 5, 6))))
        out.add(norm.fold(word))
    return sorted(out)


def mbps(nbytes: int, fn: Callable[[], object], min_time: float) -> float:
    """MB/s of `fn` over `nbytes`, repeating until `min_time` seconds have passed (best of runs)."""
    best = float("inf")
    spent = 0.0
    runs = 0
    while spent < min_time or runs < 2:
        t = time.perf_counter()
        fn()
        dt = time.perf_counter() - t
        best = min(best, dt)
        spent += dt
        runs += 1
    return nbytes / best / 1e6


def make_lexicon(words: list[str], folder: Path) -> Lexicon:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "A1.8.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    lexicon = load_lexicon([folder], normalizer=default_normalizer(), builtin=False)
    t = time.perf_counter()
    lexicon.engine.compile()
    print(f"  {len(words):>7,} keywords: Hyperscan compile {time.perf_counter() - t:.1f} s")
    return lexicon


class Utf8Engine:
    """The alternative: Hyperscan over UTF-8, byte offsets mapped back to `str` indices."""

    def __init__(self, words: list[str]) -> None:
        self.db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        escaped = ["".join(f"\\x{b:02x}" for b in w.encode()).encode() for w in words]
        self.db.compile(expressions=escaped, ids=list(range(len(words))), elements=len(words), flags=0)
        self.lengths = [len(w.encode()) for w in words]

    def scan(self, text: str) -> list[tuple[int, int, int]]:
        data = text.encode("utf-8", "surrogatepass")
        hits: list[tuple[int, int]] = []
        self.db.scan(data, match_event_handler=lambda i, s, e, f, c: hits.append((i, e)))
        if not hits:
            return []
        starts = np.flatnonzero((np.frombuffer(data, np.uint8) & 0xC0) != 0x80)  # char → byte
        return [(i, int(np.searchsorted(starts, e - self.lengths[i])), int(np.searchsorted(starts, e)))
                for i, e in hits]


def naive(words: list[str], text: str) -> int:
    return sum(1 for w in words if w in text)


def bench_lexicon(quick: bool, tmp: Path) -> None:
    print("(a) lexicon matching alone, one core")
    big = keywords(100_000, seed=1)
    text = chinese_text(1_000_000 if quick else 4_000_000, seed=2, inject=big[:200])
    nbytes = len(text.encode())
    norm = default_normalizer().normalize(text)
    small_text = text[:20_000]
    small_bytes = len(small_text.encode())
    min_time = 0.5 if quick else 2.0
    rows = []
    for n in (20_000, 100_000):
        words = big[:n]
        lexicon = make_lexicon(words, tmp / f"lex{n}")
        found = len(lexicon.matches(norm))
        utf32 = mbps(nbytes, lambda lx=lexicon: lx.matches(norm), min_time)
        alt = Utf8Engine(words)
        assert len(alt.scan(norm.text)) == found, "UTF-8 and UTF-32 engines disagree"
        utf8 = mbps(nbytes, lambda e=alt: e.scan(norm.text), min_time)
        base = mbps(small_bytes, lambda w=words: naive(w, small_text), min_time / 2)
        rows.append((n, utf32, utf8, base, found))
    print(f"  {'keywords':>9} | {'hegui UTF-32':>12} | {'UTF-8+map':>9} | {'naive `in` loop':>15} | matches")
    for n, utf32, utf8, base, found in rows:
        print(f"  {n:>9,} | {utf32:>8.0f} MB/s | {utf8:>4.0f} MB/s | {base:>10.2f} MB/s | {found}")
    gil_check(lexicon, norm)


def gil_check(lexicon: Lexicon, norm: Normalized) -> None:
    """Does a Python thread make progress while another thread is inside one long scan?"""
    data = norm.text_utf32() * 10
    done = threading.Event()
    count = [0]

    def spin() -> None:
        while not done.is_set():
            count[0] += 1

    # Each match takes the GIL back for its callback; a short switch interval keeps those waits
    # from dominating the scan's time, so the count below measures the scan itself.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)
    spinner = threading.Thread(target=spin)
    spinner.start()
    time.sleep(0.1)
    before = count[0]
    t = time.perf_counter()
    lexicon.engine.scan(data)
    scan_s = time.perf_counter() - t
    during = count[0] - before
    time.sleep(scan_s)
    idle = count[0] - before - during
    done.set()
    spinner.join()
    sys.setswitchinterval(interval)
    held = "held (threads cannot overlap)" if during < idle * 0.05 else "released"
    print(f"(d) GIL during a {scan_s:.2f} s scan: another Python thread ran {during:,} loop iterations "
          f"({idle:,} in the same time after it) -> the GIL is {held}")


def naive_pipeline(words: list[str], t2s: opencc.OpenCC) -> Callable[[str], int]:
    def run(text: str) -> int:
        folded = t2s.convert(unicodedata.normalize("NFKC", text)).lower()
        return sum(1 for w in words if w in folded)
    return run


def bench_pipeline(quick: bool) -> None:
    print("(b) whole pipeline on 2,000-character texts, one core")
    checker = build_checker(Settings())
    builtin = load_lexicon([], normalizer=default_normalizer())
    inject = [e.keyword for e in builtin.entries][:50]
    texts = [chinese_text(2000, seed=100 + i, inject=inject) for i in range(100 if quick else 400)]
    nbytes = sum(len(t.encode()) for t in texts)
    min_time = 0.5 if quick else 2.0
    normalizer = default_normalizer()
    norm_mbps = mbps(nbytes, lambda: [normalizer.normalize(t) for t in texts], min_time)
    check_mbps = mbps(nbytes, lambda: [checker.check(t) for t in texts], min_time)
    baseline = naive_pipeline([e.normalised for e in builtin.entries], opencc.OpenCC("t2s"))
    base_mbps = mbps(nbytes, lambda: [baseline(t) for t in texts], min_time / 2)
    names = ", ".join(d.name for d in checker.detectors)
    print(f"  normalisation alone          {norm_mbps:8.1f} MB/s")
    print(f"  hegui check ({names}) {check_mbps:8.1f} MB/s")
    print(f"  naive: NFKC + t2s + `in` loop over {len(builtin)} keywords {base_mbps:8.1f} MB/s")
    print("(c) latency of check on one 2,000-character text")
    samples: list[float] = []
    cpu: list[float] = []
    for _ in range(3 if quick else 10):
        for t in texts:
            s, c = time.perf_counter(), time.thread_time()
            checker.check(t)
            cpu.append(time.thread_time() - c)
            samples.append(time.perf_counter() - s)
    samples.sort()
    cpu.sort()
    p50 = statistics.median(samples) * 1e3
    p99 = samples[int(len(samples) * 0.99)] * 1e3
    cpu99 = cpu[int(len(cpu) * 0.99)] * 1e3
    base = []
    for t in texts[:100]:
        s = time.perf_counter()
        baseline(t)
        base.append(time.perf_counter() - s)
    base.sort()
    print(f"  hegui check p50 {p50:.3f} ms, p99 {p99:.3f} ms wall, p99 {cpu99:.3f} ms CPU "
          f"(thread time: without waits for a core) over {len(samples)} texts; "
          f"naive p50 {statistics.median(base) * 1e3:.3f} ms, p99 {base[98] * 1e3:.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller run")
    args = parser.parse_args()
    quick = args.quick or os.environ.get("HEGUI_BENCH_QUICK") == "1"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"benchmarks/detect.py{' --quick' if quick else ''}  (load average {load:.1f}, {os.cpu_count()} cores)")
    t = time.perf_counter()
    default_normalizer()
    print(f"  normaliser tables built in {time.perf_counter() - t:.1f} s")
    with TemporaryDirectory() as tmp:
        bench_lexicon(quick, Path(tmp))
    bench_pipeline(quick)


if __name__ == "__main__":
    main()
