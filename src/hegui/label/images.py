"""Image labelers: the label is the XMP property `TC260:AIGC` in each format's XMP carrier.

Readers also accept the forms other tools write: EXIF UserComment holding `{"AIGC":{…}}`
and (PNG) a `tEXt`/`iTXt` chunk with keyword `AIGC`. The content a SecurityData binds is the
decoded pixels (mode, size and bytes of every frame), so metadata edits do not change it.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PIL import Image, ImageFile, ImageSequence

from hegui.label import png_jpeg, riff_gif_tiff
from hegui.label.base import atomic_output
from hegui.label.digest import SM3
from hegui.label.metadata import AIGCLabel, LabelError
from hegui.label.xmp import build_xmp, read_xmp_label

_EXIF_IFD, _USER_COMMENT = 0x8769, 0x9286


_STRICT_LOAD = threading.Lock()


def open_image(path: Path) -> Image.Image:
    """Open with Pillow, turning its errors and warnings into a LabelError.

    A truncated image is an error even when another library in the process (WeasyPrint does, on
    import) has switched Pillow's process-wide `LOAD_TRUNCATED_IMAGES` on: the flag is held off
    for the duration of the decode and restored after.
    """
    try:
        with warnings.catch_warnings(), _STRICT_LOAD:
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            saved = ImageFile.LOAD_TRUNCATED_IMAGES
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            try:
                im = Image.open(path)
                try:
                    im.load()
                except BaseException:
                    im.close()
                    raise
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = saved
            return im
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning) as exc:
        raise LabelError(f"{Path(path).name}: not a readable image ({exc})") from None


def pixel_digest(path: Path) -> bytes:
    """SM3 over mode, size and decoded pixels of every frame."""
    h = SM3()
    im = open_image(path)
    with im:
        for frame in ImageSequence.Iterator(im):
            h.part(f"{frame.mode}:{frame.size[0]}x{frame.size[1]}".encode())
            h.part(frame.tobytes())
    return h.digest()


def _decode_user_comment(raw: bytes | str) -> str | None:
    if isinstance(raw, str):
        return raw
    code, body = raw[:8], raw[8:]
    if code.startswith(b"UNICODE"):
        for enc in ("utf-16-be", "utf-16-le"):
            text = body.decode(enc, errors="ignore").strip("\x00 ")
            if text.startswith("{"):
                return text
        return None
    return body.decode("utf-8", errors="replace").strip("\x00 ")


def exif_user_comment(path: Path) -> str | None:
    """A `{"AIGC":…}` label kept in EXIF UserComment (the variant some tools write)."""
    try:
        with Image.open(path) as im:  # EXIF is read without decoding the pixels
            raw = im.getexif().get_ifd(_EXIF_IFD).get(_USER_COMMENT)
    except (OSError, SyntaxError, ValueError) as exc:
        raise LabelError(f"{Path(path).name}: not a readable image ({exc})") from None
    if raw is None:
        return None
    text = _decode_user_comment(raw)
    return text if text and '"AIGC"' in text else None


@dataclass(frozen=True)
class XmpImageLabeler:
    """One image format: how to find its XMP packet and how to replace it."""

    find: Callable[[bytes], bytes | None]
    replace: Callable[[bytes, png_jpeg.XmpBuilder, Path], bytes]
    extra: Callable[[bytes], str | None] = lambda _data: None

    def read(self, path: Path) -> str | None:
        data = Path(path).read_bytes()
        packet = self.find(data)
        found = read_xmp_label(packet) if packet else None
        return found or self.extra(data) or exif_user_comment(path)

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        open_image(src).close()  # refuse what Pillow cannot decode before touching dst

        def produce(s: Path, tmp: Path) -> None:
            tmp.write_bytes(self.replace(s.read_bytes(), partial(build_xmp, label), s))

        atomic_output(src, dst, produce)

    def content_digest(self, path: Path) -> bytes:
        return pixel_digest(path)


def _png_text_label(data: bytes) -> str | None:
    for kind, payload in png_jpeg.png_chunks(data):
        if kind in (b"tEXt", b"zTXt", b"iTXt"):
            text = png_jpeg.png_text(kind, payload)
            if text and text[0] == b"AIGC":
                return text[1].decode("utf-8", errors="replace")
    return None


def _png_xmp(data: bytes) -> bytes | None:
    for kind, payload in png_jpeg.png_chunks(data):
        if kind == b"iTXt":
            text = png_jpeg.png_text(kind, payload)
            if text and text[0] == png_jpeg.XMP_KEYWORD:
                return text[1]
    return None


def _webp_replace(data: bytes, build: png_jpeg.XmpBuilder, src: Path) -> bytes:
    with open_image(src) as im:
        alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
        return riff_gif_tiff.webp_replace_xmp(data, build, im.size, alpha)


PNG = XmpImageLabeler(_png_xmp, lambda d, b, _s: png_jpeg.png_replace_xmp(d, b), _png_text_label)
JPEG = XmpImageLabeler(png_jpeg.jpeg_xmp, lambda d, b, _s: png_jpeg.jpeg_replace_xmp(d, b))
WEBP = XmpImageLabeler(riff_gif_tiff.webp_xmp, _webp_replace)
GIF = XmpImageLabeler(riff_gif_tiff.gif_xmp, lambda d, b, _s: riff_gif_tiff.gif_replace_xmp(d, b))
TIFF = XmpImageLabeler(riff_gif_tiff.tiff_xmp, lambda d, b, _s: riff_gif_tiff.tiff_replace_xmp(d, b))
