"""Explicit labels on pixels: visible text at least 5% of the shortest side high, drawn with
the shipped CJK font in the colour that contrasts with what is beneath, in the bottom-right
corner. `find_notice` looks for that text where hegui puts it (images and video frames)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from hegui.label.wording import NOTICES

FONT_RESOURCE = "data/fonts/hegui-label-cjk.ttf"
MIN_HEIGHT_SHARE = 0.05  # GB 45438: text height >= 5% of the shortest side
_TARGET_SHARE = 0.06  # a margin above the minimum
_MIN_CONTRAST = 40.0


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont:
    with resources.as_file(resources.files("hegui") / FONT_RESOURCE) as path:
        return ImageFont.truetype(str(path), size)


@dataclass(frozen=True)
class Placement:
    text: str
    font_size: int
    origin: tuple[int, int]  # where the text is drawn
    box: tuple[int, int, int, int]  # ink box, with stroke
    stroke: int
    ink_height: int


def placement(size: tuple[int, int], text: str) -> Placement:
    """Where and how large hegui draws `text` on an image of `size` (deterministic)."""
    w, h = size
    target = max(8, math.ceil(_TARGET_SHARE * min(w, h)))
    font_size = target
    while True:
        left, top, right, bottom = (int(v) for v in _font(font_size).getbbox(text))
        if bottom - top >= target:
            break
        font_size += max(1, (target - (bottom - top)) // 2)
    stroke = max(1, font_size // 16)
    margin = max(2, round(0.02 * min(w, h)))
    x = max(0, w - margin - (right - left) - stroke) - left
    y = max(0, h - margin - (bottom - top) - stroke) - top
    box = (x + left - stroke, y + top - stroke, x + right + stroke, y + bottom + stroke)
    return Placement(text, font_size, (x, y), box, stroke, bottom - top)


def _masks(p: Placement) -> tuple[np.ndarray, np.ndarray]:
    """(fill mask, stroke ring mask) of the placed text over its box `p.box`."""
    x0, y0, x1, y1 = p.box
    size, origin = (x1 - x0, y1 - y0), (p.origin[0] - x0, p.origin[1] - y0)
    fill = Image.new("L", size, 0)
    ImageDraw.Draw(fill).text(origin, p.text, font=_font(p.font_size), fill=255)
    full = Image.new("L", size, 0)
    ImageDraw.Draw(full).text(origin, p.text, font=_font(p.font_size), fill=255,
                              stroke_width=p.stroke, stroke_fill=255)
    f, s = np.asarray(fill) > 127, np.asarray(full) > 127
    return f, s & ~f


def draw_notice(im: Image.Image, label_value: str = "1") -> Image.Image:
    """A copy of `im` (RGB or RGBA) with the notice for `label_value` drawn on it."""
    text = NOTICES[label_value]
    p = placement(im.size, text)
    base = im.convert("RGBA") if im.mode in ("RGBA", "LA", "PA", "P") else im.convert("RGB")
    beneath = np.asarray(base.convert("L").crop(p.box), dtype=np.float32)
    dark_ground = float(beneath.mean()) < 128 if beneath.size else True
    fill, edge = ((255, 255, 255), (0, 0, 0)) if dark_ground else ((0, 0, 0), (255, 255, 255))
    out = base.copy()
    ImageDraw.Draw(out).text(p.origin, text, font=_font(p.font_size), fill=fill,
                             stroke_width=p.stroke, stroke_fill=edge)
    return out


@dataclass(frozen=True)
class NoticeFound:
    found: bool
    text: str | None
    contrast: float
    height_share: float


def find_notice(im: Image.Image) -> NoticeFound:
    """Whether one of hegui's notices is drawn where hegui would put it."""
    best = NoticeFound(False, None, 0.0, 0.0)
    # Longest first: "AI生成" is the tail of "疑似AI生成", drawn at the same right edge.
    for text in sorted(set(NOTICES.values()), key=len, reverse=True):
        p = placement(im.size, text)
        fill, ring = _masks(p)
        gray = np.asarray(im.crop(p.box).convert("L"), dtype=np.float32)
        if not fill.any() or not ring.any() or gray.shape != fill.shape:
            continue
        contrast = abs(float(gray[fill].mean()) - float(gray[ring].mean()))
        spread = float(gray[fill].std())
        share = p.ink_height / min(im.size)
        found = contrast >= _MIN_CONTRAST and spread < contrast / 2
        if found:
            return NoticeFound(True, text, contrast, share)
        if contrast > best.contrast:
            best = NoticeFound(False, None, contrast, share)
    return best
