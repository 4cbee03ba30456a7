"""The template's artwork as keep-out zones, and the free content area they leave.

Whatever a layout (and its master) draws under a slide — a logo, a bar, a band, a rule, an
ornament, a line of static text — is an obstacle: nothing of ours is drawn over it. A piece
covering most of the slide is taken for the slide's background (a full-bleed panel or photo),
which text is made readable on instead (see :mod:`qbr_studio.deck.reading.palettes`).

:func:`keep_outs` lists the obstacles of one backdrop; :func:`free_area` is the largest part of
a box that none of them touches, found by cutting the box beside each obstacle in turn on the
side that keeps the most room.
"""

from __future__ import annotations

from collections.abc import Iterable

from qbr_studio.deck.backdrop import Art, Backdrop, Figure
from qbr_studio.deck.geometry import Rect, inches

BACKGROUND_SHARE = 0.25
"""A piece of artwork covering at least this share of the slide is a background panel (a
full-bleed photo, a big blob behind the title), not an obstacle: our elements may sit on it,
in colours checked against it. A logo, a bar or a rule is far smaller."""

CLEARANCE = inches(0.06)
"""Room kept between an obstacle and anything of ours."""


def art_rect(art: Art) -> Rect:
    """The box a piece of artwork occupies (a line's stroke included)."""
    if isinstance(art, Figure):
        stroke = art.line.width if art.line is not None else 0
        b = art.bounds
        return Rect(b.x - stroke // 2, b.y - stroke // 2, b.w + stroke, b.h + stroke)
    return art.rect


def _visible(art: Art) -> bool:
    if isinstance(art, Figure):
        return art.fill is not None or art.line is not None
    return True


def _intersection(a: Rect, b: Rect) -> Rect | None:
    left, top = max(a.x, b.x), max(a.y, b.y)
    right, bottom = min(a.right, b.right), min(a.bottom, b.bottom)
    if right <= left or bottom <= top:
        return None
    return Rect(left, top, right - left, bottom - top)


def keep_outs(backdrop: Backdrop, slide: Rect) -> tuple[Rect, ...]:
    """The boxes of ``backdrop``'s artwork on the slide, each grown by :data:`CLEARANCE`;
    background-sized pieces and invisible ones left out."""
    found: list[Rect] = []
    for art in backdrop.art:
        if not _visible(art):
            continue
        r = art_rect(art)
        grown = Rect(r.x - CLEARANCE, r.y - CLEARANCE, r.w + 2 * CLEARANCE, r.h + 2 * CLEARANCE)
        on_slide = _intersection(grown, slide)
        if on_slide is None:
            continue
        if r.w * r.h >= BACKGROUND_SHARE * slide.w * slide.h:
            continue
        found.append(on_slide)
    return tuple(found)


def intersects(rect: Rect, obstacles: Iterable[Rect]) -> bool:
    return any(_intersection(rect, o) is not None for o in obstacles)


def _cuts(area: Rect, o: Rect) -> list[Rect]:
    """The parts of ``area`` above, below, left and right of obstacle ``o``."""
    return [
        Rect(area.x, area.y, area.w, max(0, o.y - area.y)),
        Rect(area.x, o.bottom, area.w, max(0, area.bottom - o.bottom)),
        Rect(area.x, area.y, max(0, o.x - area.x), area.h),
        Rect(o.right, area.y, max(0, area.right - o.right), area.h),
    ]


def free_area(area: Rect, obstacles: Iterable[Rect]) -> Rect:
    """The part of ``area`` no obstacle touches: for each obstacle in its way, ``area`` is cut
    on the side that keeps the most room (a logo in a corner costs a strip, not half)."""
    current = area
    for o in sorted(obstacles, key=lambda r: (r.y, r.x)):
        if _intersection(current, o) is None:
            continue
        current = max(_cuts(current, o), key=lambda r: (r.w * r.h, r.h))
    return current
