"""DrawingML fills and outlines of a template's shapes as :class:`Paint` and :class:`Stroke`.

A shape's ``p:spPr`` says how it is filled and outlined; where it says nothing, its ``p:style``
points at the theme's fill and line styles (``a:fillRef``/``a:lnRef``) with the colour to put in
their ``phClr`` slot. :class:`PaintReader` resolves both through the layout's
:class:`~qbr_studio.deck.reading.theme_colors.ColorContext`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from qbr_studio.deck.backdrop import Paint, Stroke
from qbr_studio.deck.colors import mix
from qbr_studio.deck.geometry import RGB
from qbr_studio.deck.reading.theme_colors import (
    NS,
    ColorContext,
    children,
    percent,
    theme_fill_style,
)

DEFAULT_LINE_WIDTH = 9_525
"""EMU: an outline whose ``a:ln`` gives no width is 0.75 pt wide."""

ANGLE_UNIT = 60_000
"""DrawingML angles are in 60000ths of a degree."""

DASH_PRESETS: dict[str, tuple[float, ...]] = {
    "solid": (),
    "dot": (1, 3),
    "dash": (4, 3),
    "lgDash": (8, 3),
    "dashDot": (4, 3, 1, 3),
    "lgDashDot": (8, 3, 1, 3),
    "lgDashDotDot": (8, 3, 1, 3, 1, 3),
    "sysDash": (3, 1),
    "sysDot": (1, 1),
    "sysDashDot": (3, 1, 1, 1),
    "sysDashDotDot": (3, 1, 1, 1, 1, 1),
}
"""``a:prstDash`` values → dash and gap lengths in line widths, as PowerPoint draws them."""

NO_PAINT = "none"
"""What :meth:`PaintReader.fill` returns for an explicit ``a:noFill`` (as opposed to no fill
element at all, when the shape's style decides)."""


@dataclass(frozen=True)
class PaintReader:
    """Reads fills and outlines through one layout's colours and the master's theme."""

    ctx: ColorContext
    theme: etree._Element | None

    # --- colours ------------------------------------------------------------------------

    def color(
        self, parent: etree._Element | None, placeholder: RGB | None = None
    ) -> tuple[RGB, float] | None:
        """The first colour element under ``parent`` and its opacity (``a:alpha``, 0–1)."""
        if parent is None:
            return None
        for child in children(parent):
            rgb = self.ctx.color(child, placeholder)
            if rgb is not None:
                alpha = child.find("a:alpha", NS)
                return rgb, (1.0 if alpha is None else percent(alpha))
        return None

    # --- fills --------------------------------------------------------------------------

    def fill(
        self, element: etree._Element | None, placeholder: RGB | None = None
    ) -> Paint | str | None:
        """The fill among ``element``'s children: a :class:`Paint`, :data:`NO_PAINT` for
        ``a:noFill`` (and fills the preview cannot draw, such as a picture), ``None`` when
        there is no fill element (or ``a:grpFill``: the group decides)."""
        if element is None:
            return None
        for child in children(element):
            found = self.one_fill(child, placeholder)
            if found is not None:
                return found
        return None

    def one_fill(self, fill: etree._Element, placeholder: RGB | None = None) -> Paint | str | None:
        """The fill element ``fill`` as :meth:`fill` describes; ``None`` if it is no fill."""
        kind = etree.QName(fill).localname
        if kind in ("noFill", "blipFill"):
            return NO_PAINT
        if kind == "solidFill":
            found = self.color(fill, placeholder)
            return NO_PAINT if found is None else Paint.solid(*found)
        if kind == "gradFill":
            return self._gradient(fill, placeholder) or NO_PAINT
        if kind == "pattFill":
            return self._pattern(fill, placeholder) or NO_PAINT
        return None

    def shape_fill(
        self, sp_pr: etree._Element | None, style: etree._Element | None, group: Paint | None
    ) -> Paint | None:
        """A shape's fill: its own, else the group's (``a:grpFill``), else its style's."""
        own = self.fill(sp_pr)
        if isinstance(own, Paint):
            return own
        if own == NO_PAINT:
            return None
        if sp_pr is not None and sp_pr.find("a:grpFill", NS) is not None:
            return group
        return self._style_fill(style)

    def _style_fill(self, style: etree._Element | None) -> Paint | None:
        reference = None if style is None else style.find("a:fillRef", NS)
        if reference is None or reference.get("idx", "0") == "0":
            return None
        slot = self.color(reference)
        theme_style = theme_fill_style(self.theme, reference.get("idx", "0"))
        if theme_style is None:
            return None if slot is None else Paint.solid(*slot)
        found = self.one_fill(theme_style, None if slot is None else slot[0])
        return found if isinstance(found, Paint) else None

    def _gradient(self, grad: etree._Element, placeholder: RGB | None) -> Paint | None:
        stops: list[tuple[float, RGB]] = []
        alphas: list[float] = []
        for gs in sorted(grad.iterfind("a:gsLst/a:gs", NS), key=lambda g: percent(g, "pos")):
            found = self.color(gs, placeholder)
            if found is not None:
                stops.append((min(1.0, max(0.0, percent(gs, "pos"))), found[0]))
                alphas.append(found[1])
        if not stops:
            return None
        linear = grad.find("a:lin", NS)
        angle = 0.0 if linear is None else _int(linear.get("ang")) / ANGLE_UNIT
        return Paint(tuple(stops), angle, min(alphas))

    def _pattern(self, pattern: etree._Element, placeholder: RGB | None) -> Paint | None:
        fg = self.color(pattern.find("a:fgClr", NS), placeholder)
        bg = self.color(pattern.find("a:bgClr", NS), placeholder)
        if fg and bg:
            return Paint.solid(mix(fg[0], bg[0], 0.5), min(fg[1], bg[1]))
        found = fg or bg
        return None if found is None else Paint.solid(*found)

    # --- outlines -----------------------------------------------------------------------

    def stroke(self, sp_pr: etree._Element | None, style: etree._Element | None) -> Stroke | None:
        """A shape's outline: its own ``a:ln``, with what it leaves open from its style."""
        line = None if sp_pr is None else sp_pr.find("a:ln", NS)
        reference = None if style is None else style.find("a:lnRef", NS)
        styled = self._style_line(reference)
        own = self.fill(line)
        if own == NO_PAINT:
            return None
        if isinstance(own, Paint):
            color, alpha = own.color, own.alpha
        elif styled is not None and reference is not None:
            slot = self.color(reference)
            found = self.fill(styled, None if slot is None else slot[0])
            if not isinstance(found, Paint):
                return None
            color, alpha = found.color, found.alpha
        else:
            return None
        width = _int(line.get("w")) if line is not None else 0
        if not width and styled is not None:
            width = _int(styled.get("w"))
        return Stroke(color, width or DEFAULT_LINE_WIDTH, _dashes(line, styled), alpha)

    def _style_line(self, reference: etree._Element | None) -> etree._Element | None:
        """The theme line style ``a:lnRef`` points at (1-based; 0 is no line)."""
        if reference is None or self.theme is None:
            return None
        index = _int(reference.get("idx")) - 1
        styles = self.theme.find("a:themeElements/a:fmtScheme/a:lnStyleLst", NS)
        lines = [] if styles is None else children(styles)
        return lines[index] if 0 <= index < len(lines) else None


def _dashes(line: etree._Element | None, styled: etree._Element | None) -> tuple[float, ...]:
    """The dash pattern of the shape's own line, else of its style's line; solid if neither
    says."""
    for source in (line, styled):
        if source is None:
            continue
        preset = source.find("a:prstDash", NS)
        if preset is not None:
            return DASH_PRESETS.get(preset.get("val", "solid"), DASH_PRESETS["dash"])
        custom = source.findall("a:custDash/a:ds", NS)
        if custom:
            return tuple(max(0.01, percent(ds, key)) for ds in custom for key in ("d", "sp"))
    return ()


def _int(text: str | None) -> int:
    try:
        return int(text) if text else 0
    except ValueError:
        return 0
