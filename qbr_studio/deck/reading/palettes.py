"""The deck's colours on one slide layout: a :class:`~qbr_studio.deck.plan.Palette` that reads
on what that layout draws behind the slide's text.

A template's layouts need not share a background (a white title slide before dark content
slides; a picture or a gradient on the master), so :mod:`qbr_studio.deck.reading.template` asks
:func:`layout_palette` once for each layout the deck uses. It starts from the layout's own
background as :mod:`qbr_studio.deck.reading.backdrop_reader` resolved it (the layout's, else the
master's, through the layout's colour map) and the theme's colours mapped the same way
(``p:clrMapOvr``). The template's colours are kept where they reach WCAG AA
(:mod:`qbr_studio.deck.colors`); only a failing one is replaced: a grey title by black or white,
any other colour by the least change of lightness that reads.

Text must read on every colour of the background (:func:`background_grounds`): a solid fill's
colour, each stop of a gradient (the text may sit anywhere on it), a picture's average colour.
One colour stands for the whole background (:func:`representative_color`): the palette's
``background``, which tables band with and the faint fills blend from.
"""

from __future__ import annotations

from itertools import pairwise

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.slide import SlideLayout, SlideMaster

from qbr_studio.deck.backdrop import Background
from qbr_studio.deck.colors import (
    AA_GRAPHICS,
    AA_TEXT,
    best_text_color,
    best_text_color_on,
    ensure_contrast,
    ensure_contrast_on,
    ensure_contrast_towards,
    from_linear,
    is_dark_background,
    mix,
    relative_luminance,
    to_linear,
    worst_contrast,
)
from qbr_studio.deck.geometry import RGB
from qbr_studio.deck.images import average_color
from qbr_studio.deck.plan import Palette
from qbr_studio.deck.reading.paints import PaintReader
from qbr_studio.deck.reading.theme_colors import NS, ColorContext, clr_map

MUTED_BLEND = 0.25
"""How far secondary text (tx2) is blended towards the background before contrast is checked."""

SURFACE_BLEND = 0.07
"""How far the faint fill of tiles and table bands is blended from the background to the text."""

ACHROMATIC_CHROMA = 0.12
"""A colour whose RGB spread (max − min, 0–1) is below this is a grey: when such a title colour
is unreadable, black or white replaces it rather than a slightly different grey."""

ACCENTS = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
"""Theme colour slots used, in this order, for chart series."""

STATUS_ON_LIGHT: dict[str, RGB] = {
    "green": RGB.from_hex("167A61"),
    "yellow": RGB.from_hex("C47F00"),
    "red": RGB.from_hex("9E1F1A"),
}
"""Health/risk colours for light backgrounds: a bluish green, an amber and a deep red.

Chosen from the Okabe–Ito idea (bluish green and orange stay apart for red–green colour-blind
viewers) and ordered in lightness too (amber lightest, red darkest), so they also differ in
greyscale. The deck labels status in text as well.
"""

STATUS_ON_DARK: dict[str, RGB] = {
    "green": RGB.from_hex("3FC1A0"),
    "yellow": RGB.from_hex("F2C14E"),
    "red": RGB.from_hex("F0605A"),
}
"""The same status palette lightened for dark backgrounds (amber lightest, red darkest)."""

STATUS_KEYS = ("green", "yellow", "red")
"""Keys of :attr:`Palette.status <qbr_studio.deck.plan.Palette.status>`, in a fixed order."""

STATUS_SEPARATION = 1.25
"""Least contrast between two status colours, so that they differ in greyscale too (a
mid-tone background leaves them little room in lightness)."""

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
"""Placeholders whose own text style may colour a layout's title."""


def layout_palette(
    layout: SlideLayout,
    master: SlideMaster,
    scheme: dict[str, RGB],
    background: Background,
    *,
    title_grounds: tuple[RGB, ...] = (),
    subtitle_color: RGB | None = None,
    subtitle_grounds: tuple[RGB, ...] = (),
    footer_color: RGB | None = None,
    footer_grounds: tuple[RGB, ...] = (),
) -> Palette:
    """The deck's colours on slides of ``layout`` (on ``master``, whose theme has the colour
    ``scheme``) over ``background``, the layout's own as the backdrop reader resolved it.

    The title colour is checked against ``title_grounds`` (what really lies behind the title
    box: a title bar, a band) when given, else against the background; the subtitle's and the
    footer placeholder's own colours against theirs likewise."""
    ctx = ColorContext(scheme, clr_map(master, layout))
    grounds = background_grounds(background)
    base = representative_color(background)
    text = _text_color(ctx.scheme_color("tx1"), grounds, base)
    surface = mix(base, text, SURFACE_BLEND)
    on_page = (*grounds, surface)  # text sits on the background and on tiles and table bands
    table_fills = (base, surface)  # a table's body rows are banded in these
    series = tuple(ensure_contrast_on(ctx.scheme_color(a), grounds, AA_GRAPHICS) for a in ACCENTS)
    dark = is_dark_background(base)
    status_base = STATUS_ON_DARK if dark else STATUS_ON_LIGHT
    status = _status_colors(status_base, grounds, dark)
    title = _title_style_color(layout, master, ctx) or ctx.scheme_color("tx1")
    muted = ensure_contrast_on(mix(ctx.scheme_color("tx2"), base, MUTED_BLEND), on_page, AA_TEXT)
    return Palette(
        background=base,
        text=text,
        muted=muted,
        title=readable_color(title, title_grounds or grounds),
        subtitle=readable_color(subtitle_color or muted, subtitle_grounds or on_page),
        # a grey footer is kept grey, only made darker (or lighter) until it reads
        footer=ensure_contrast_on(footer_color or muted, footer_grounds or on_page, AA_TEXT),
        series=series,
        status=status,
        surface=surface,
        on_accent=best_text_color(series[0]),
        accent_text=ensure_contrast(series[0], surface, AA_TEXT),
        alert=ensure_contrast_on(status_base["red"], table_fills, AA_TEXT),
    )


# --- the background ---------------------------------------------------------------------------


def background_grounds(background: Background) -> tuple[RGB, ...]:
    """The colours text on ``background`` must read on: a picture's average colour (laid over
    the paint under it), else each stop of a gradient, else the solid colour."""
    if background.picture is not None:
        average = average_color(background.picture, background.paint.color)
        if average is not None:
            return (average,)
    return tuple(color for _, color in background.paint.stops)


def representative_color(background: Background) -> RGB:
    """One colour standing for ``background``: a picture's average, a gradient's average
    along its length (in linear light), the solid colour."""
    grounds = background_grounds(background)
    return grounds[0] if len(grounds) == 1 else _gradient_average(background.paint.stops)


def _gradient_average(stops: tuple[tuple[float, RGB], ...]) -> RGB:
    """The mean colour of a gradient running through ``stops`` (positions 0–1, sorted), its
    first and last colours extended to the ends."""
    points = [(0.0, stops[0][1]), *stops, (1.0, stops[-1][1])]
    total = [0.0, 0.0, 0.0]
    for (start, first), (end, last) in pairwise(points):
        share = max(0.0, end - start)
        for i, (a, b) in enumerate(zip(to_linear(first), to_linear(last), strict=True)):
            total[i] += share * (a + b) / 2
    return from_linear(*total)


def _status_colors(base: dict[str, RGB], grounds: tuple[RGB, ...], dark: bool) -> dict[str, RGB]:
    """The status palette ``base`` made graphics that read on ``grounds``, a dark background
    if ``dark``; going away from the background (lighter on a dark one), each colour is kept
    :data:`STATUS_SEPARATION` apart from the one before."""
    nearest_first = sorted(STATUS_KEYS, key=lambda k: relative_luminance(base[k]), reverse=not dark)
    colors: dict[str, RGB] = {}
    previous: RGB | None = None
    for key in nearest_first:
        color = ensure_contrast_on(base[key], grounds, AA_GRAPHICS)
        if previous is not None:
            color = ensure_contrast_towards(color, previous, STATUS_SEPARATION, lighter=dark)
        colors[key] = previous = color
    return {key: colors[key] for key in STATUS_KEYS}


# --- text colours -----------------------------------------------------------------------------


def _text_color(tx1: RGB, grounds: tuple[RGB, ...], base: RGB) -> RGB:
    """tx1 where it reads on the background and on the surface it tints; else black or white."""
    if worst_contrast(tx1, (*grounds, mix(base, tx1, SURFACE_BLEND))) >= AA_TEXT:
        return tx1
    return best_text_color_on(grounds)


def readable_color(color: RGB, grounds: tuple[RGB, ...]) -> RGB:
    """The template's text colour if readable on every one of ``grounds``; a failing grey
    becomes black or white, a failing hue is lightened or darkened until it reads."""
    if worst_contrast(color, grounds) >= AA_TEXT:
        return color
    if _chroma(color) < ACHROMATIC_CHROMA:
        return best_text_color_on(grounds)
    return ensure_contrast_on(color, grounds, AA_TEXT)


def _chroma(color: RGB) -> float:
    channels = (color.r, color.g, color.b)
    return (max(channels) - min(channels)) / 255


def _title_style_color(layout: SlideLayout, master: SlideMaster, ctx: ColorContext) -> RGB | None:
    """The title's colour: the layout title's own level-1 style, else the master title style."""
    fill_path = "a:lvl1pPr/a:defRPr/a:solidFill"
    fills = [
        ph.element.find(f"p:txBody/a:lstStyle/{fill_path}", NS)
        for ph in layout.placeholders
        if ph.placeholder_format.type in TITLE_TYPES
    ]
    fills.append(master.element.find(f"p:txStyles/p:titleStyle/{fill_path}", NS))
    fill = next((f for f in fills if f is not None), None)
    found = PaintReader(ctx, None).color(fill)
    return None if found is None else found[0]
