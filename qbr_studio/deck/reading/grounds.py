"""What really lies behind a box of the slide: the colours text placed there must read on.

A title bar, a coloured footer band or a big freeform blob is "behind" a title or a footer, not
the slide's background. :func:`grounds_behind` draws the layout's backdrop (background, filled
figures, pictures) small with Pillow and returns the colours covering a noticeable share of
the box, so a text colour can be checked against every one of them.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw

from qbr_studio.deck.backdrop import Backdrop, Figure, PathStep, TextFrame
from qbr_studio.deck.geometry import RGB, Rect
from qbr_studio.deck.images import ART_FORMATS, inspect_image
from qbr_studio.deck.plan import Picture
from qbr_studio.deck.reading.palettes import background_grounds, representative_color

RASTER_WIDTH = 240
"""Pixels across the slide when the backdrop is drawn to look behind a box."""

SHARE = 0.04
"""A colour covering at least this share of a box counts as behind it."""

QUANTUM = 8
"""Colours are rounded to multiples of this before counting (anti-aliased edges merge)."""

BEZIER_STEPS = 12
"""Straight segments a cubic Bézier of an outline is drawn with."""


def _points(path: tuple[PathStep, ...], scale: float) -> list[list[tuple[float, float]]]:
    """The outline's closed polygons in pixels, Béziers flattened."""
    polygons: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for op, args in path:
        if op == "M":
            if len(current) > 2:
                polygons.append(current)
            current = [(args[0] * scale, args[1] * scale)]
        elif op == "L":
            current.append((args[0] * scale, args[1] * scale))
        elif op == "C" and current:
            (x0, y0), (x1, y1, x2, y2, x3, y3) = current[-1], (a * scale for a in args)
            for i in range(1, BEZIER_STEPS + 1):
                t = i / BEZIER_STEPS
                u = 1 - t
                current.append(
                    (
                        u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                        u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
                    )
                )
    if len(current) > 2:
        polygons.append(current)
    return polygons


def _picture(image: Image.Image, art: Picture, scale: float) -> None:
    if inspect_image(art.image, tuple(ART_FORMATS)) is None:
        return
    try:
        with Image.open(io.BytesIO(art.image), formats=list(ART_FORMATS)) as source:
            source.draft("RGB", (RASTER_WIDTH, RASTER_WIDTH))
            picture = source.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        return
    size = (max(1, round(art.rect.w * scale)), max(1, round(art.rect.h * scale)))
    picture = picture.resize(size)
    image.alpha_composite(picture, (round(art.rect.x * scale), round(art.rect.y * scale)))


def draw_backdrop(backdrop: Backdrop, slide_w: int, slide_h: int) -> tuple[Image.Image, float]:
    """The backdrop's background, filled figures and pictures, small; and pixels per EMU."""
    scale = RASTER_WIDTH / slide_w
    size = (RASTER_WIDTH, max(1, round(slide_h * scale)))
    base = representative_color(backdrop.background)
    image = Image.new("RGBA", size, (base.r, base.g, base.b, 255))
    if backdrop.background.picture is not None:
        full = Picture(Rect(0, 0, slide_w, slide_h), "", backdrop.background.picture, "")
        _picture(image, full, scale)
    for art in backdrop.art:
        if isinstance(art, Figure) and art.fill is not None:
            layer = Image.new("RGBA", size, (0, 0, 0, 0))
            c = art.fill.color
            ink = (c.r, c.g, c.b, round(255 * art.fill.alpha))
            draw = ImageDraw.Draw(layer)
            for polygon in _points(art.path, scale):
                draw.polygon(polygon, fill=ink)
            image.alpha_composite(layer)
        elif isinstance(art, Picture):
            _picture(image, art, scale)
    return image, scale


_ROUNDED = bytes(v // QUANTUM for v in range(256))
"""Each channel value rounded down to its multiple of :data:`QUANTUM` (as a multiple's
index), for ``bytes.translate``."""


def _common_colors(crop: Image.Image) -> list[RGB]:
    """The colours covering at least :data:`SHARE` of ``crop`` once rounded (see
    :data:`QUANTUM`), most first, ties in the order they first appear (row by row); each
    is the first pixel's own colour of its rounded one."""
    raw = crop.tobytes()
    rounded = raw.translate(_ROUNDED)
    total = len(raw) // 3
    counted = Image.frombytes("RGB", crop.size, rounded).getcolors(maxcolors=total) or []
    common = [(n, bytes(key)) for n, key in counted if n >= SHARE * total]
    first = {key: _first_pixel(rounded, key) for _, key in common}
    common.sort(key=lambda item: (-item[0], first[item[1]]))
    return [RGB(*raw[first[key] : first[key] + 3]) for _, key in common]


def _first_pixel(data: bytes, pixel: bytes) -> int:
    """The offset of the first whole pixel (3 bytes, on a pixel boundary) equal to ``pixel``."""
    at = data.find(pixel)
    while at > 0 and at % 3:
        at = data.find(pixel, at + 1)
    return at


def grounds_behind(rect: Rect, backdrop: Backdrop, slide_w: int, slide_h: int) -> tuple[RGB, ...]:
    """The colours covering at least :data:`SHARE` of ``rect`` on ``backdrop``, most first (the
    background's own colours when the box is off the slide or too small to look at)."""
    image, scale = draw_backdrop(backdrop, slide_w, slide_h)
    left, top = max(0, math.ceil(rect.x * scale)), max(0, math.ceil(rect.y * scale))
    box = (
        left,
        top,
        min(image.width, max(left + 1, math.floor(rect.right * scale))),
        min(image.height, max(top + 1, math.floor(rect.bottom * scale))),
    )
    if box[2] <= box[0] or box[3] <= box[1]:
        return background_grounds(backdrop.background)
    found = _common_colors(image.crop(box).convert("RGB"))
    # The background is drawn as one colour; where it shows, text meets all of its colours
    # (a gradient's every stop).
    base = representative_color(backdrop.background)
    grounds: list[RGB] = []
    for color in found:
        grounds += background_grounds(backdrop.background) if color == base else [color]
    return tuple(dict.fromkeys(grounds)) or background_grounds(backdrop.background)


def behind_frame(
    frame: TextFrame | None, backdrop: Backdrop, slide_w: int, slide_h: int
) -> tuple[RGB, ...]:
    """What lies behind a placeholder's text: its own fill, else what the layout draws there
    (``()`` for no placeholder)."""
    if frame is None:
        return ()
    if frame.fill is not None:
        return tuple(color for _, color in frame.fill.stops)
    return grounds_behind(frame.rect, backdrop, slide_w, slide_h)
