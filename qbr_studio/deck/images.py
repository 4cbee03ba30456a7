"""Pictures going on a slide, checked with Pillow first: only files that decode are placed.

A logo the CSM attached may be missing, truncated or not a picture at all; a template may hold
EMF or TIFF artwork the preview cannot draw. :func:`inspect_image` decodes the bytes once
(cached: the preview re-plans on every edit) and says the picture's pixel size and content type,
or ``None`` when it cannot be used. :func:`fit_size` scales a picture into a box keeping its
aspect ratio.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
"""Pillow format → content type of the pictures a review may put on a slide (its logo)."""

ART_FORMATS = {**LOGO_FORMATS, "GIF": "image/gif", "BMP": "image/bmp"}
"""Formats of template artwork the preview draws (Qt reads all of these without plugins)."""

MAX_PIXELS = 40_000_000
"""A picture with more pixels than this is refused rather than decoded (a 6,000 × 6,000 logo
is already far more than a slide shows)."""


@dataclass(frozen=True)
class ImageInfo:
    width: int
    """Pixels."""
    height: int
    """Pixels."""
    content_type: str

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height


def inspect_image(data: bytes, formats: tuple[str, ...] = tuple(LOGO_FORMATS)) -> ImageInfo | None:
    """Size and content type of the picture in ``data`` if it is one of ``formats`` (Pillow
    names) and decodes completely; ``None`` otherwise."""
    info = _inspect(data)
    if info is None or info[0] not in formats:
        return None
    return info[1]


@lru_cache(maxsize=32)
def _inspect(data: bytes) -> tuple[str, ImageInfo] | None:
    try:
        with Image.open(io.BytesIO(data), formats=list(ART_FORMATS)) as image:
            width, height = image.size
            if not width or not height or width * height > MAX_PIXELS:
                return None
            image.load()  # a truncated or corrupt file fails here, not in the painter
            fmt = image.format or ""
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    if fmt not in ART_FORMATS:
        return None
    return fmt, ImageInfo(width, height, ART_FORMATS[fmt])


def fit_size(aspect: float, max_w: int, max_h: int) -> tuple[int, int]:
    """The largest ``(w, h)`` of ``aspect`` (width over height) inside ``max_w × max_h``."""
    if max_w <= 0 or max_h <= 0:
        return 0, 0
    if max_w / max_h > aspect:
        return max(1, round(max_h * aspect)), max_h
    return max_w, max(1, round(max_w / aspect))
