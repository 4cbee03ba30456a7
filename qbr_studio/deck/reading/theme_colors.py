"""A template's theme colours: DrawingML colour elements and fills resolved to RGB.

:class:`ColorContext` turns ``a:srgbClr``, ``a:schemeClr`` (through the theme's colour scheme and
the master's or layout's colour map), ``a:sysClr`` and friends, with their lumMod/tint/shade
transforms, into :class:`~qbr_studio.deck.geometry.RGB`. The helpers below read a master's theme,
its colour map and the theme's fill styles. Both
:mod:`qbr_studio.deck.reading.backdrop_reader` (the template's own artwork and backgrounds)
and :mod:`qbr_studio.deck.reading.palettes` (the deck's readable colours) resolve colours
here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from qbr_studio.deck.colors import BLACK, WHITE, from_hls, from_linear, to_hls, to_linear
from qbr_studio.deck.geometry import RGB
from qbr_studio.deck.reading.namespaces import NS

if TYPE_CHECKING:
    from pptx.slide import SlideLayout, SlideMaster

BG_STYLE_FIRST_INDEX = 1001
"""``p:bgRef/@idx`` of the first theme background fill style; 1–999 index the fill styles."""

PERCENT_SCALE = 100_000
"""DrawingML percentages are in thousandths of a percent: 100000 is 100 %."""

HUE_SCALE = 60_000 * 360
"""DrawingML angles are in 60000ths of a degree; a full turn of hue."""

OFFICE_SCHEME: dict[str, RGB] = {
    "dk1": RGB.from_hex("000000"),
    "lt1": RGB.from_hex("FFFFFF"),
    "dk2": RGB.from_hex("44546A"),
    "lt2": RGB.from_hex("E7E6E6"),
    "accent1": RGB.from_hex("4472C4"),
    "accent2": RGB.from_hex("ED7D31"),
    "accent3": RGB.from_hex("A5A5A5"),
    "accent4": RGB.from_hex("FFC000"),
    "accent5": RGB.from_hex("5B9BD5"),
    "accent6": RGB.from_hex("70AD47"),
    "hlink": RGB.from_hex("0563C1"),
    "folHlink": RGB.from_hex("954F72"),
}
"""Office 2013+ theme colours, used for any slot the template's theme leaves out."""

DEFAULT_CLR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
"""The usual master colour mapping (light background), used when a master has no clrMap."""


def theme_element(master: SlideMaster) -> etree._Element | None:
    # python-pptx's, as ``master`` is: imported here so that reading colours needs none of it.
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    try:
        part = master.part.part_related_by(RT.THEME)
    except KeyError:
        return None
    try:
        return parse_xml(part.blob)
    except etree.XMLSyntaxError:
        return None


def color_scheme(theme: etree._Element | None) -> dict[str, RGB]:
    scheme = dict(OFFICE_SCHEME)
    if theme is None:
        return scheme
    ctx = ColorContext(OFFICE_SCHEME, DEFAULT_CLR_MAP)
    for slot in theme.iterfind("a:themeElements/a:clrScheme/*", NS):
        name = etree.QName(slot).localname
        color = next((ctx.color(child) for child in children(slot)), None)
        if name in scheme and color is not None:
            scheme[name] = color
    return scheme


def clr_map(master: SlideMaster, layout: SlideLayout) -> dict[str, str]:
    override = layout.element.find("p:clrMapOvr/a:overrideClrMapping", NS)
    source = override if override is not None else master.element.find("p:clrMap", NS)
    mapping = dict(DEFAULT_CLR_MAP)
    if source is not None:
        for key in mapping:
            mapping[key] = source.get(key, mapping[key])
    return mapping


class ColorContext:
    """Resolves DrawingML colour elements to RGB through a theme colour scheme and a clrMap."""

    def __init__(self, scheme: dict[str, RGB], clr_map: dict[str, str]) -> None:
        self._scheme = scheme
        self._clr_map = clr_map

    def scheme_color(self, name: str) -> RGB:
        """A theme slot (``accent1``) or a mapped name (``tx1``, ``bg1``) as RGB."""
        slot = self._clr_map.get(name, name)
        return self._scheme.get(slot, OFFICE_SCHEME.get(slot, BLACK))

    def color(self, element: etree._Element, placeholder: RGB | None = None) -> RGB | None:
        """The colour an ``a:*Clr`` element means, with its lumMod/lumOff/tint/shade applied.

        ``placeholder`` stands in for ``phClr`` (a theme style's colour slot).
        """
        base = self._base_color(element, placeholder)
        if base is None:
            return None
        for transform in children(element):
            base = _apply_transform(base, transform)
        return base

    def _base_color(self, element: etree._Element, placeholder: RGB | None) -> RGB | None:
        kind = etree.QName(element).localname
        if kind == "srgbClr":
            return _hex_or_none(element.get("val"))
        if kind == "sysClr":
            return _hex_or_none(element.get("lastClr")) or _SYSTEM_COLORS.get(element.get("val"))
        if kind == "schemeClr":
            name = element.get("val", "")
            return placeholder if name == "phClr" else self.scheme_color(name)
        if kind == "prstClr":
            return _PRESET_COLORS.get(element.get("val", ""))
        if kind == "scrgbClr":
            return _scrgb(element)
        if kind == "hslClr":
            return _hsl(element)
        return None


_SYSTEM_COLORS = {"windowText": BLACK, "window": WHITE, "btnText": BLACK, "btnFace": WHITE}
"""System colours a ``sysClr`` without ``lastClr`` most often names."""

_PRESET_COLORS = {"black": BLACK, "white": WHITE, "gray": RGB(128, 128, 128)}
"""The preset colours templates use in practice; others resolve to no colour."""


def children(parent: etree._Element) -> list[etree._Element]:
    """Child elements only (no comments or processing instructions)."""
    return [child for child in parent if isinstance(child.tag, str)]


def _hex_or_none(text: str | None) -> RGB | None:
    if not text or len(text) != 6:
        return None
    try:
        return RGB.from_hex(text)
    except ValueError:
        return None


def percent(element: etree._Element, attribute: str = "val") -> float:
    try:
        return int(element.get(attribute, "0")) / PERCENT_SCALE
    except ValueError:
        return 0.0


def _scrgb(element: etree._Element) -> RGB:
    return from_linear(*(percent(element, channel) for channel in ("r", "g", "b")))


def _hsl(element: etree._Element) -> RGB:
    try:
        hue = int(element.get("hue", "0")) / HUE_SCALE
    except ValueError:
        hue = 0.0
    return from_hls(hue % 1.0, percent(element, "lum"), percent(element, "sat"))


def _apply_transform(color: RGB, transform: etree._Element) -> RGB:
    """One colour transform. Tint and shade blend towards white or black in linear light, as
    PowerPoint (and LibreOffice) draw them; lumMod/lumOff work on HSL lightness."""
    kind = etree.QName(transform).localname
    amount = percent(transform)
    if kind == "tint":
        return from_linear(*(1 - (1 - c) * amount for c in to_linear(color)))
    if kind == "shade":
        return from_linear(*(c * amount for c in to_linear(color)))
    if kind in ("lumMod", "lumOff"):
        hue, lightness, saturation = to_hls(color)
        lightness = lightness * amount if kind == "lumMod" else lightness + amount
        return from_hls(hue, lightness, saturation)
    return color


# --- theme styles ----------------------------------------------------------------------------


def theme_fill_style(theme: etree._Element | None, idx: str) -> etree._Element | None:
    """The theme fill a ``bgRef`` index points at (1001+ background styles, 1–999 fills)."""
    if theme is None:
        return None
    try:
        number = int(idx)
    except ValueError:
        return None
    if number >= BG_STYLE_FIRST_INDEX:
        styles = theme.find("a:themeElements/a:fmtScheme/a:bgFillStyleLst", NS)
        position = number - BG_STYLE_FIRST_INDEX
    else:
        styles = theme.find("a:themeElements/a:fmtScheme/a:fillStyleLst", NS)
        position = number - 1
    fills = [] if styles is None else children(styles)
    return fills[position] if 0 <= position < len(fills) else None
