"""Explicit labels on image files (and the dispatch by content kind for every file)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageSequence

from hegui.label.base import atomic_output
from hegui.label.explicit_image import draw_notice, find_notice
from hegui.label.images import open_image

_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 95},
    "WEBP": {"quality": 95},
    "PNG": {},
    "GIF": {},
    "TIFF": {},
}


def _frames(im: Image.Image, label_value: str) -> list[Image.Image]:
    return [draw_notice(frame.copy(), label_value) for frame in ImageSequence.Iterator(im)]


def _save(im: Image.Image, frames: list[Image.Image], tmp: Path) -> None:
    fmt = im.format or "PNG"
    options = dict(_SAVE_OPTIONS.get(fmt, {}))
    for key in ("exif", "icc_profile", "dpi", "compression", "loop", "duration"):
        if key in im.info and not (key == "compression" and fmt != "TIFF"):
            options[key] = im.info[key]
    first = frames[0]
    if fmt == "JPEG" and first.mode != "RGB":
        first = first.convert("RGB")
    if len(frames) > 1:
        first.save(tmp, fmt, save_all=True, append_images=frames[1:], **options)
    else:
        first.save(tmp, fmt, **options)


def add_image_file(src: Path, dst: Path, label_value: str) -> None:
    """Draw the notice on every frame and save in the same format (EXIF and ICC kept)."""
    im = open_image(src)
    with im:
        frames = _frames(im, label_value)
        atomic_output(src, dst, lambda _s, tmp: _save(im, frames, tmp))


def find_image_file(path: Path) -> tuple[bool, str]:
    with open_image(path) as im:
        result = find_notice(im)
    if result.found:
        return True, (f"visible notice {result.text} at the bottom right, "
                      f"{result.height_share:.1%} of the shortest side, contrast {result.contrast:.0f}")
    return False, "no visible notice where hegui puts one (bottom right)"
