"""Whether a picture can be a review's logo: the one rule ``qbr-studio check``, the deck and
the app's logo picker apply, so a picture one of them accepts none of the others drops.

A logo is usable when it is a PNG or JPEG picture (by its content, whatever its name says) of
at most :data:`MAX_LOGO_BYTES` and :data:`MAX_LOGO_SIDE` pixels across or down that decodes
completely (a truncated download fails here, not silently in the deck). Pillow decodes it
once per picture (cached: the preview re-plans on every edit). :func:`picture_info` is the
same decoding for other formats (a template's artwork).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

MiB = 1024 * 1024

LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
"""Pillow format → content type of the pictures a review may put on a slide (its logo)."""

MAX_LOGO_BYTES = 10 * MiB
"""Largest logo accepted; a crisp logo is a few hundred KB (the .qbr holds at most 256 MB of
pictures, see :data:`qbr_studio.storage.container.MAX_MEDIA_BYTES`)."""

MAX_LOGO_SIDE = 5000
"""Most pixels a logo may have across or down: more is never needed on a slide, and a larger
picture would take hundreds of MB once decoded."""

MAX_PIXELS = 40_000_000
"""Any picture (template artwork too) with more pixels than this is refused, not decoded."""

_DRAWN = ("PNG", "JPEG", "GIF", "BMP")
"""Formats ever put on a slide or drawn by the preview: only these are decoded."""
_KNOWN = (*_DRAWN, "TIFF", "WEBP", "ICO")
"""Formats recognised (to name what a refused picture is)."""

_SIGNATURES = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}
"""How a PNG or JPEG file starts, to call one whose header is broken damaged, not foreign."""

_DECODE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)
"""What Pillow raises for bytes that are not a (whole, sane) picture."""


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


@dataclass(frozen=True)
class _Decoded:
    format: str
    """Pillow's name ("" when the bytes are no picture it knows)."""
    width: int = 0
    height: int = 0
    whole: bool = False
    """The pixels decoded completely (not checked past the size limits)."""


@lru_cache(maxsize=32)
def _decode(data: bytes, max_side: int) -> _Decoded:
    try:
        with Image.open(io.BytesIO(data), formats=list(_KNOWN)) as image:
            fmt = image.format or ""
            width, height = image.size
            if not width or not height or max(width, height) > max_side:
                return _Decoded(fmt, width, height)
            if width * height > MAX_PIXELS or fmt not in _DRAWN:
                return _Decoded(fmt, width, height)
            try:
                image.load()  # a truncated or corrupt file fails here, not in a writer
            except _DECODE_ERRORS:
                return _Decoded(fmt, width, height)
    except _DECODE_ERRORS:  # no picture Pillow can open; a PNG or JPEG by its start is broken
        return _Decoded(next((f for f, sig in _SIGNATURES.items() if data.startswith(sig)), ""))
    return _Decoded(fmt, width, height, whole=True)


def logo_problem(data: bytes) -> str | None:
    """Why ``data`` can't be a logo, as words that follow "the file" or "the logo"
    (``"is not a PNG or JPEG picture (it is a GIF picture)"``); ``None`` when it can."""
    if not data:
        return "is empty"
    if len(data) > MAX_LOGO_BYTES:
        return f"is {len(data) / MiB:.1f} MB, and a logo can be at most {MAX_LOGO_BYTES // MiB} MB"
    found = _decode(data, MAX_LOGO_SIDE)
    if found.format not in LOGO_FORMATS:
        named = f" (it is a {found.format} picture)" if found.format else ""
        return f"is not a PNG or JPEG picture{named}"
    if max(found.width, found.height) > MAX_LOGO_SIDE:
        return (
            f"is {found.width:,} × {found.height:,} pixels, and a logo can be at most "
            f"{MAX_LOGO_SIDE:,} pixels across or down"
        )
    if not found.whole:
        return f"holds a {found.format} picture that is damaged or incomplete"
    return None


def logo_info(data: bytes) -> ImageInfo | None:
    """Size and content type of ``data`` if it is a usable logo (:func:`logo_problem`)."""
    if logo_problem(data) is not None:
        return None
    found = _decode(data, MAX_LOGO_SIDE)
    return ImageInfo(found.width, found.height, LOGO_FORMATS[found.format])


def picture_info(data: bytes, formats: dict[str, str]) -> ImageInfo | None:
    """Size and content type of the picture in ``data`` if it is one of ``formats`` (Pillow
    name → content type), at most :data:`MAX_PIXELS`, and decodes completely."""
    found = _decode(data, MAX_PIXELS)
    if not found.whole or found.format not in formats:
        return None
    return ImageInfo(found.width, found.height, formats[found.format])
