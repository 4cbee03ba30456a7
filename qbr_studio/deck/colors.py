"""Colour arithmetic for readable decks: WCAG 2.x contrast and deterministic adjustment.

Contrast follows WCAG 2.2 (relative luminance of sRGB, ratio ``(L1 + 0.05) / (L2 + 0.05)``).
:func:`ensure_contrast` keeps a colour's hue and saturation and moves only its HLS lightness, by
bisection, so the same inputs always give the same output. The ``…_on`` variants do the same
against several backgrounds at once (the stops of a gradient): a colour lighter or darker than
all of them reads on every colour between them too.
"""

from __future__ import annotations

import colorsys
from collections.abc import Sequence

from qbr_studio.deck.geometry import RGB

BLACK = RGB(0, 0, 0)
"""Pure black, the darkest text colour."""

WHITE = RGB(255, 255, 255)
"""Pure white, the lightest text colour."""

AA_TEXT = 4.5
"""WCAG AA minimum contrast for normal-size text."""

AA_GRAPHICS = 3.0
"""WCAG AA minimum contrast for large text and graphical objects (chart marks, icons)."""

DARK_LUMINANCE = 0.2
"""A background whose relative luminance is below this is dark (light text on it)."""

_SRGB_LINEAR_THRESHOLD = 0.04045
"""Below this sRGB channel value the transfer curve is linear (WCAG relative luminance)."""

_SRGB_LINEAR_SLOPE = 12.92
"""Slope of the linear part of the sRGB transfer curve."""

_SRGB_GAMMA = 2.4
"""Exponent of the curved part of the sRGB transfer curve."""

_LUMA_WEIGHTS = (0.2126, 0.7152, 0.0722)
"""Weights of linear R, G, B in relative luminance (ITU-R BT.709, as in WCAG)."""

_FLARE = 0.05
"""Viewing-flare term added to both luminances in the WCAG contrast ratio."""

_BISECTION_STEPS = 24
"""Halvings of the lightness interval in :func:`ensure_contrast`; 2**-24 is far below 1/255."""


def _channel_to_linear(value: int) -> float:
    c = value / 255
    if c <= _SRGB_LINEAR_THRESHOLD:
        return c / _SRGB_LINEAR_SLOPE
    return ((c + 0.055) / 1.055) ** _SRGB_GAMMA


def relative_luminance(color: RGB) -> float:
    """WCAG relative luminance, 0.0 for black to 1.0 for white."""
    wr, wg, wb = _LUMA_WEIGHTS
    return (
        wr * _channel_to_linear(color.r)
        + wg * _channel_to_linear(color.g)
        + wb * _channel_to_linear(color.b)
    )


def is_dark_background(color: RGB) -> bool:
    """Whether ``color`` is a dark background (light text reads on it)."""
    return relative_luminance(color) < DARK_LUMINANCE


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio between two colours, from 1.0 (same) to 21.0 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + _FLARE) / (darker + _FLARE)


def worst_contrast(color: RGB, backgrounds: Sequence[RGB]) -> float:
    """The lowest contrast ratio of ``color`` on any of ``backgrounds``."""
    return min(contrast_ratio(color, background) for background in backgrounds)


def best_text_color(background: RGB, candidates: Sequence[RGB] = (BLACK, WHITE)) -> RGB:
    """The candidate with the highest contrast on ``background``; the first one wins a tie."""
    return best_text_color_on((background,), candidates)


def best_text_color_on(
    backgrounds: Sequence[RGB], candidates: Sequence[RGB] = (BLACK, WHITE)
) -> RGB:
    """The candidate whose lowest contrast on ``backgrounds`` is highest; the first one wins a
    tie."""
    if not candidates:
        raise ValueError("best_text_color needs at least one candidate")
    best = candidates[0]
    for candidate in candidates[1:]:
        if worst_contrast(candidate, backgrounds) > worst_contrast(best, backgrounds):
            best = candidate
    return best


def mix(a: RGB, b: RGB, weight_b: float) -> RGB:
    """Linear blend in sRGB: ``weight_b`` 0.0 gives ``a``, 1.0 gives ``b``."""
    t = min(1.0, max(0.0, weight_b))
    return RGB(
        round(a.r + (b.r - a.r) * t),
        round(a.g + (b.g - a.g) * t),
        round(a.b + (b.b - a.b) * t),
    )


def to_hls(color: RGB) -> tuple[float, float, float]:
    """Hue, lightness, saturation, each 0.0–1.0."""
    return colorsys.rgb_to_hls(color.r / 255, color.g / 255, color.b / 255)


def from_hls(hue: float, lightness: float, saturation: float) -> RGB:
    r, g, b = colorsys.hls_to_rgb(hue, min(1.0, max(0.0, lightness)), saturation)
    return RGB(round(r * 255), round(g * 255), round(b * 255))


def _with_lightness(color: RGB, lightness: float) -> RGB:
    hue, _, saturation = to_hls(color)
    return from_hls(hue, lightness, saturation)


def _search_lightness(color: RGB, background: RGB, minimum: float, target: float) -> RGB | None:
    """Nearest lightness between the colour's own and ``target`` (0 or 1) reaching ``minimum``.

    Returns ``None`` when even the extreme does not reach it.
    """
    if contrast_ratio(_with_lightness(color, target), background) < minimum:
        return None
    _, start, _ = to_hls(color)
    failing, passing = start, target
    for _ in range(_BISECTION_STEPS):
        middle = (failing + passing) / 2
        if contrast_ratio(_with_lightness(color, middle), background) >= minimum:
            passing = middle
        else:
            failing = middle
    return _with_lightness(color, passing)


def ensure_contrast(color: RGB, background: RGB, minimum: float) -> RGB:
    """``color`` itself if it already has ``minimum`` contrast on ``background``, else the least
    lightness change (in HLS, keeping hue and saturation) that reaches it.

    It darkens first on a background where black contrasts better than white, else lightens; if
    that direction cannot reach the ratio it tries the other; if neither can, it returns black or
    white, whichever contrasts better.
    """
    return ensure_contrast_on(color, (background,), minimum)


def ensure_contrast_on(color: RGB, backgrounds: Sequence[RGB], minimum: float) -> RGB:
    """:func:`ensure_contrast` on every one of ``backgrounds`` at once: darkening is measured
    against the darkest of them, lightening against the lightest. Where no lightness of the
    colour reads on all of them, black or white, whichever reads better on the worst one."""
    if worst_contrast(color, backgrounds) >= minimum:
        return color
    darkest = min(backgrounds, key=relative_luminance)
    lightest = max(backgrounds, key=relative_luminance)
    searches = ((0.0, darkest), (1.0, lightest))
    if best_text_color_on(backgrounds) != BLACK:
        searches = searches[::-1]
    for target, limit in searches:
        found = _search_lightness(color, limit, minimum, target)
        if found is not None and worst_contrast(found, backgrounds) >= minimum:
            return found
    return best_text_color_on(backgrounds)


def ensure_contrast_towards(color: RGB, other: RGB, minimum: float, *, lighter: bool) -> RGB:
    """``color`` itself if it has ``minimum`` contrast with ``other``, else the least lightness
    change towards white (``lighter``) or black that reaches it; white or black if none does.
    Used to keep colours of one set apart from each other in a given direction."""
    if contrast_ratio(color, other) >= minimum:
        return color
    target = 1.0 if lighter else 0.0
    found = _search_lightness(color, other, minimum, target)
    return found if found is not None else _with_lightness(color, target)


def _linear_to_channel(linear: float) -> int:
    c = min(1.0, max(0.0, linear))
    if c <= _SRGB_LINEAR_THRESHOLD / _SRGB_LINEAR_SLOPE:
        encoded = c * _SRGB_LINEAR_SLOPE
    else:
        encoded = 1.055 * c ** (1 / _SRGB_GAMMA) - 0.055
    return round(encoded * 255)


def to_linear(color: RGB) -> tuple[float, float, float]:
    """Linear-light channels 0.0–1.0 of an sRGB colour."""
    return (
        _channel_to_linear(color.r),
        _channel_to_linear(color.g),
        _channel_to_linear(color.b),
    )


def from_linear(r: float, g: float, b: float) -> RGB:
    """sRGB colour from linear-light channels 0.0–1.0 (DrawingML ``scrgbClr``)."""
    return RGB(_linear_to_channel(r), _linear_to_channel(g), _linear_to_channel(b))
