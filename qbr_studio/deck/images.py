"""Pictures going on a slide, checked with Pillow first: only files that decode are placed.

A template may hold EMF or TIFF artwork the preview cannot draw: :func:`inspect_image` says a
picture's pixel size and content type, or ``None`` when it cannot be drawn (the decoding, and
the rule for a logo, are :mod:`qbr_studio.storage.pictures`). :func:`fit_size` scales a
picture into a box keeping its aspect ratio. :func:`average_color` gives the one colour
standing for a picture (a template's picture background), for choosing text colours that
read on it.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image

from qbr_studio.deck.colors import from_linear, to_linear
from qbr_studio.deck.geometry import RGB
from qbr_studio.storage.pictures import LOGO_FORMATS, ImageInfo, picture_info

__all__ = ["ART_FORMATS", "ImageInfo", "average_color", "fit_size", "inspect_image"]

ART_FORMATS = {**LOGO_FORMATS, "GIF": "image/gif", "BMP": "image/bmp"}
"""Formats of template artwork the preview draws (Qt reads all of these without plugins)."""

AVERAGE_SIZE = 64
"""A picture is averaged from a thumbnail at most this many pixels wide and high."""

_DECODE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)


def inspect_image(data: bytes, formats: tuple[str, ...] = tuple(LOGO_FORMATS)) -> ImageInfo | None:
    """Size and content type of the picture in ``data`` if it is one of ``formats`` (Pillow
    names) and decodes completely; ``None`` otherwise. A logo is checked by
    :func:`qbr_studio.storage.pictures.logo_info` (the one rule), not by this."""
    return picture_info(data, {f: ART_FORMATS[f] for f in formats if f in ART_FORMATS})


def fit_size(aspect: float, max_w: int, max_h: int) -> tuple[int, int]:
    """The largest ``(w, h)`` of ``aspect`` (width over height) inside ``max_w × max_h``."""
    if max_w <= 0 or max_h <= 0:
        return 0, 0
    if max_w / max_h > aspect:
        return max(1, round(max_h * aspect)), max_h
    return max_w, max(1, round(max_w / aspect))


@lru_cache(maxsize=8)
def average_color(data: bytes, under: RGB) -> RGB | None:
    """The average colour of the picture in ``data`` laid over ``under`` (what shows through
    its transparent parts), averaged in linear light as the eye blends it from afar; ``None``
    if it is not a picture :func:`inspect_image` accepts as artwork."""
    if inspect_image(data, tuple(ART_FORMATS)) is None:
        return None
    try:
        with Image.open(io.BytesIO(data), formats=list(ART_FORMATS)) as image:
            image.draft("RGB", (AVERAGE_SIZE, AVERAGE_SIZE))  # JPEG: decode at a fraction
            picture = image.convert("RGBA")
    except _DECODE_ERRORS:
        return None
    picture.thumbnail((AVERAGE_SIZE, AVERAGE_SIZE))
    backing = Image.new("RGBA", picture.size, (under.r, under.g, under.b, 255))
    raw = Image.alpha_composite(backing, picture).convert("RGB").tobytes()
    pixels = [to_linear(RGB(*raw[i : i + 3])) for i in range(0, len(raw), 3)]
    r, g, b = (sum(channel) / len(pixels) for channel in zip(*pixels, strict=True))
    return from_linear(r, g, b)
