"""Labeling throughput: files per second for add + check on a 1024x1024 PNG and JPEG, a 10 s
MP3 and a 10 s 720p MP4 (all made here), beside exiftool doing the metadata part of the same
job (write the TC260 XMP property, read it back) in the same run.

hegui is timed twice: metadata only (implicit label, like exiftool) and the full job (explicit
label drawn / mixed in and re-encoded, then the implicit label). exiftool is timed with one
process per file (how a per-file pipeline calls it) and with one process for all files.

    .venv/bin/python benchmarks/label.py            # 6 images, 3 MP3, 2 MP4 per measurement
    .venv/bin/python benchmarks/label.py --quick    # 2 / 1 / 1
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image

from hegui.label.metadata import AIGCLabel
from hegui.label.service import AddOptions, add, check
from hegui.label.xmp import TC260_NS

PRODUCER = "001191110102MACQD9K64010000"
EXIFTOOL_CONFIG = f"""%Image::ExifTool::UserDefined = ('Image::ExifTool::XMP::Main' => {{
  TC260 => {{ SubDirectory => {{ TagTable => 'Image::ExifTool::UserDefined::TC260' }} }} }});
%Image::ExifTool::UserDefined::TC260 = (GROUPS => {{ 0 => 'XMP', 1 => 'XMP-TC260', 2 => 'Image' }},
  NAMESPACE => {{ 'TC260' => '{TC260_NS}' }}, WRITABLE => 'string', AIGC => {{ }} );
1;
"""


def make_image(path: Path, fmt: str) -> Path:
    y, x = np.mgrid[0:1024, 0:1024]
    rng = np.random.default_rng(0)
    arr = np.stack([x / 4, y / 4, (x + y) / 8], axis=2) + rng.normal(0, 12, (1024, 1024, 3))
    Image.fromarray(np.clip(arr, 0, 255).astype("uint8")).save(path, fmt)
    return path


def make_mp3(path: Path, seconds: float = 10.0) -> Path:
    rate = 44100
    t = np.arange(int(seconds * rate)) / rate
    samples = (0.3 * np.sin(2 * np.pi * 440 * t)).astype("float32")
    with av.open(str(path), "w", format="mp3") as out:
        stream = out.add_stream("libmp3lame", rate=rate, layout="mono")
        for i in range(0, len(samples), 4096):
            frame = av.AudioFrame.from_ndarray(samples[None, i:i + 4096], format="flt", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = rate, i, Fraction(1, rate)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def make_mp4(path: Path, seconds: float = 10.0, fps: int = 25) -> Path:
    with av.open(str(path), "w", format="mp4", options={"movflags": "faststart"}) as out:
        stream = out.add_stream("libx264", rate=fps, options={"preset": "veryfast"})
        stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
        y, x = np.mgrid[0:720, 0:1280]
        for i in range(int(seconds * fps)):
            arr = np.stack([(x + 4 * i) % 256, y % 256, (x + y + i) % 256], axis=2).astype("uint8")
            for packet in stream.encode(av.VideoFrame.from_ndarray(arr, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def files_per_second(sources: list[Path], job: Callable[[list[Path]], None]) -> float:
    start = time.perf_counter()
    job(sources)
    return len(sources) / (time.perf_counter() - start)


def hegui_job(out_dir: Path, explicit: bool) -> Callable[[list[Path]], None]:
    def run(sources: list[Path]) -> None:
        for i, src in enumerate(sources):
            out = out_dir / f"h{int(explicit)}-{i}{src.suffix}"
            add(src, out, AddOptions(producer=PRODUCER, explicit=explicit))
            if check(out)["implicit"] is None:
                raise RuntimeError(f"{out}: label not read back")
    return run


def exiftool_job(out_dir: Path, config: Path, one_process: bool) -> Callable[[list[Path]], None]:
    value = AIGCLabel(ContentProducer=PRODUCER, ProduceID="bench").inner_json()
    base = ["exiftool", "-config", str(config), "-q"]

    def run(sources: list[Path]) -> None:
        target = out_dir / f"e{int(one_process)}"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        groups = [sources] if one_process else [[s] for s in sources]
        for group in groups:
            subprocess.run([*base, f"-XMP-TC260:AIGC={value}", "-o", f"{target}/%f.%e",
                            *map(str, group)], check=True, capture_output=True)
            got = subprocess.run([*base, "-s3", "-XMP-TC260:AIGC",
                                  *[str(target / s.name) for s in group]],
                                 check=True, capture_output=True, text=True)
            if got.stdout.count("ContentProducer") != len(group):
                raise RuntimeError("exiftool did not read its label back")
    return run


def copies(src: Path, n: int, folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    out = []
    for i in range(n):
        dst = folder / f"{src.stem}-{i}{src.suffix}"
        shutil.copyfile(src, dst)
        out.append(dst)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer files per measurement")
    args = parser.parse_args()
    counts = {"png": 2, "jpeg": 2, "mp3": 1, "mp4": 1} if args.quick else \
        {"png": 6, "jpeg": 6, "mp3": 3, "mp4": 2}
    with tempfile.TemporaryDirectory(prefix="hegui-bench-") as tmp:
        root = Path(tmp)
        config = root / "tc260.config"
        config.write_text(EXIFTOOL_CONFIG)
        samples = {"png": make_image(root / "img.png", "PNG"),
                   "jpeg": make_image(root / "img.jpg", "JPEG"),
                   "mp3": make_mp3(root / "tone.mp3"), "mp4": make_mp4(root / "clip.mp4")}
        print("files per second, add + check (higher is better)")
        print(f"{'file':<26}{'hegui meta':>11}{'hegui full':>11}{'exiftool/file':>15}"
              f"{'exiftool/batch':>16}")
        for fmt, sample in samples.items():
            sources = copies(sample, counts[fmt], root / f"in-{fmt}")
            work = root / f"out-{fmt}"
            work.mkdir()
            meta = files_per_second(sources, hegui_job(work, explicit=False))
            full = files_per_second(sources, hegui_job(work, explicit=True))
            if fmt == "mp3":  # exiftool cannot write MP3 files
                per_file = batch = "n/a"
            else:
                per_file = f"{files_per_second(sources, exiftool_job(work, config, False)):.2f}"
                batch = f"{files_per_second(sources, exiftool_job(work, config, True)):.2f}"
            name = {"png": "PNG 1024x1024", "jpeg": "JPEG 1024x1024", "mp3": "MP3 10 s",
                    "mp4": "MP4 10 s 720p"}[fmt]
            size = sample.stat().st_size / 1e6
            print(f"{name + f' ({size:.1f} MB)':<26}{meta:>11.2f}{full:>11.2f}{per_file:>15}"
                  f"{batch:>16}")
        print("hegui meta: implicit label only; hegui full: explicit + implicit (re-encode); "
              "exiftool writes XMP-TC260:AIGC (in MP4 as an XMP box) and reads it back; "
              "exiftool cannot write MP3.")


if __name__ == "__main__":
    main()
