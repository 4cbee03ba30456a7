"""Read a slide layout's :class:`~qbr_studio.deck.backdrop.Backdrop` from the template.

:func:`read_backdrop` collects what PowerPoint draws on every slide of a layout besides the
slide's own shapes: the background (the layout's, else the master's), the master's artwork
unless the layout hides it (``showMasterSp="0"``), the layout's artwork, and the frames of the
title and subtitle placeholders the writer fills. Artwork is every shape that is not a
placeholder: rectangles and other auto-shapes, lines and connectors, freeforms, pictures with
their bytes, and static text (a footer written as a plain text box), inside groups too.

Static text is read by :mod:`qbr_studio.deck.reading.static_text`, outlines by
:mod:`qbr_studio.deck.reading.outlines`, fills and lines by
:mod:`qbr_studio.deck.reading.paints`. Left out,
because the preview cannot draw them faithfully: charts, tables and OLE objects on a master,
pictures in formats Qt cannot read without plugins (EMF, WMF, TIFF), vertical text.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.slide import SlideLayout, SlideMaster

from qbr_studio.deck.backdrop import (
    Art,
    Backdrop,
    Background,
    Figure,
    Paint,
    PathStep,
    TextFrame,
)
from qbr_studio.deck.geometry import RGB, Rect
from qbr_studio.deck.images import ART_FORMATS, inspect_image
from qbr_studio.deck.plan import Align, Picture
from qbr_studio.deck.reading.outlines import Box, Placement, bounds, custom_path, preset_path
from qbr_studio.deck.reading.paints import PaintReader
from qbr_studio.deck.reading.static_text import ALIGNMENTS, ANCHORS, flag, read_text
from qbr_studio.deck.reading.theme_colors import (
    NS,
    PERCENT_SCALE,
    ColorContext,
    children,
    clr_map,
    color_scheme,
    theme_fill_style,
)

TITLE_TYPES = (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE)
"""Placeholders the writer puts a slide's title into, preferred first."""

SUBTITLE_TYPES = (PP_PLACEHOLDER.SUBTITLE,)
"""Placeholders the writer puts the title slide's subtitle into."""

MASTER_TYPES = {
    PP_PLACEHOLDER.CENTER_TITLE: PP_PLACEHOLDER.TITLE,
    PP_PLACEHOLDER.TITLE: PP_PLACEHOLDER.TITLE,
    PP_PLACEHOLDER.SUBTITLE: PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.FOOTER: PP_PLACEHOLDER.FOOTER,
    PP_PLACEHOLDER.SLIDE_NUMBER: PP_PLACEHOLDER.SLIDE_NUMBER,
}
"""The master placeholder a layout's placeholder inherits from (as PowerPoint does)."""

OTHER_STYLE = "p:otherStyle"
"""The master's text style of placeholders other than title and body (footer, slide number)."""

R_EMBED = f"{{{NS['r']}}}embed"
"""The ``r:embed`` attribute: the relationship of an embedded picture."""


def read_backdrop(
    layout: SlideLayout,
    master: SlideMaster,
    theme: etree._Element | None,
    fonts: tuple[str, str],
) -> Backdrop:
    """Everything ``layout`` (on ``master``, with ``theme`` and its heading and body
    ``fonts``) draws under a slide's elements."""
    ctx = ColorContext(color_scheme(theme), clr_map(master, layout))
    reader = _ArtReader(PaintReader(ctx, theme), master, fonts)
    art: list[Art] = []
    if layout.element.get("showMasterSp", "1") not in ("0", "false"):
        art += reader.tree(master.element, master.part)
    art += reader.tree(layout.element, layout.part)
    title_types = _types_present(layout, TITLE_TYPES)
    return Backdrop(
        background=_background(layout, master, reader.paints),
        art=tuple(art),
        title=_text_frame(layout, master, title_types, "p:titleStyle", reader.paints),
        subtitle=_text_frame(layout, master, SUBTITLE_TYPES, "p:bodyStyle", reader.paints),
        footer=_text_frame(layout, master, (PP_PLACEHOLDER.FOOTER,), OTHER_STYLE, reader.paints),
        slide_number=_text_frame(
            layout, master, (PP_PLACEHOLDER.SLIDE_NUMBER,), OTHER_STYLE, reader.paints
        ),
    )


def _types_present(
    layout: SlideLayout, preferred: tuple[PP_PLACEHOLDER, ...]
) -> tuple[PP_PLACEHOLDER, ...]:
    """The first of ``preferred`` the layout has, as a one-tuple (``()`` if none)."""
    types = {ph.placeholder_format.type for ph in layout.placeholders}
    return next(((kind,) for kind in preferred if kind in types), ())


# --- background -----------------------------------------------------------------------------


def _background(layout: SlideLayout, master: SlideMaster, paints: PaintReader) -> Background:
    """The layout's own background if it has one, else the master's, else bg1."""
    for owner in (layout, master):
        bg = owner.element.find("p:cSld/p:bg", NS)
        found = None if bg is None else _read_bg(bg, owner.part, paints)
        if found is not None:
            return found
    return Background(Paint.solid(paints.ctx.scheme_color("bg1")))


def _read_bg(bg: etree._Element, part: Part, paints: PaintReader) -> Background | None:
    """A ``p:bg``: its own fill (``p:bgPr``) or a theme background style (``p:bgRef``)."""
    bg1 = Paint.solid(paints.ctx.scheme_color("bg1"))
    properties = bg.find("p:bgPr", NS)
    if properties is not None:
        fill = next(iter(children(properties)), None)
        if fill is None:
            return None
        return _bg_from_fill(fill, part, paints, None, bg1)
    reference = bg.find("p:bgRef", NS)
    if reference is None:
        return None
    slot = paints.color(reference)
    theme_style = theme_fill_style(paints.theme, reference.get("idx", "0"))
    if theme_style is None:
        return None if slot is None else Background(Paint.solid(slot[0]))
    placeholder = None if slot is None else slot[0]
    return _bg_from_fill(theme_style, _theme_part(part), paints, placeholder, bg1)


def _bg_from_fill(
    fill: etree._Element,
    part: Part | None,
    paints: PaintReader,
    placeholder: RGB | None,
    bg1: Paint,
) -> Background:
    """A picture fill keeps its bytes (drawn over bg1); other fills become a paint."""
    if etree.QName(fill).localname == "blipFill":
        data = _picture_bytes(fill.find("a:blip", NS), part)
        if data is not None and inspect_image(data, tuple(ART_FORMATS)) is None:
            data = None
        return Background(bg1, data)
    found = paints.one_fill(fill, placeholder)
    return Background(found if isinstance(found, Paint) else bg1)


def _theme_part(part: Part) -> Part | None:
    """The theme of the master ``part`` is (or that layout ``part`` uses): a theme background
    style's picture is related to the theme."""
    try:
        if part.partname.startswith("/ppt/slideLayouts/"):
            part = part.part_related_by(RT.SLIDE_MASTER)
        return part.part_related_by(RT.THEME)
    except KeyError:
        return None


# --- artwork --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ArtReader:
    paints: PaintReader
    master: SlideMaster
    fonts: tuple[str, str]
    """Heading and body font."""

    def tree(self, root: etree._Element, part: Part) -> list[Art]:
        """Artwork of a master's or layout's shape tree, bottom first."""
        tree = root.find("p:cSld/p:spTree", NS)
        return [] if tree is None else self._shapes(tree, part, Placement(), None)

    def _shapes(
        self, parent: etree._Element, part: Part, place: Placement, group: Paint | None
    ) -> list[Art]:
        out: list[Art] = []
        for shape in children(parent):
            kind = etree.QName(shape).localname
            if kind not in ("sp", "cxnSp", "pic", "grpSp") or _skipped(shape):
                continue
            if kind == "grpSp":
                out += self._group(shape, part, place, group)
            elif kind == "pic":
                out += self._picture(shape, part, place)
            else:
                out += self._shape(shape, place, group)
        return out

    def _group(
        self, shape: etree._Element, part: Part, place: Placement, group: Paint | None
    ) -> list[Art]:
        properties = shape.find("p:grpSpPr", NS)
        own = self.paints.fill(properties)
        if not isinstance(own, Paint):  # no fill of its own: its children's grpFill is ours
            own = group if own is None else None
        inner = place.inside_group(None if properties is None else properties.find("a:xfrm", NS))
        return self._shapes(shape, part, inner, own)

    def _shape(self, shape: etree._Element, place: Placement, group: Paint | None) -> list[Art]:
        sp_pr = shape.find("p:spPr", NS)
        box = Box.of(None if sp_pr is None else sp_pr.find("a:xfrm", NS))
        if box is None:
            return []
        style = shape.find("p:style", NS)
        path = _outline(sp_pr, box, place)
        line = self.paints.stroke(sp_pr, style)
        is_line = bool(path) and path[-1][0] != "Z"
        fill = None if is_line else self.paints.shape_fill(sp_pr, style, group)
        name = _name(shape)
        out: list[Art] = []
        if path and (fill is not None or line is not None):
            left, top, right, bottom = bounds(path)
            frame = Rect(round(left), round(top), round(right - left), round(bottom - top))
            out.append(Figure(name, frame, path, fill, line))
        text = read_text(shape, _unrotated(box, place), self.paints, self.master, self.fonts)
        if text is not None:
            out.append(text)
        return out

    def _picture(self, shape: etree._Element, part: Part, place: Placement) -> list[Art]:
        fill = shape.find("p:blipFill", NS)
        sp_pr = shape.find("p:spPr", NS)
        box = Box.of(None if sp_pr is None else sp_pr.find("a:xfrm", NS))
        data = None if fill is None else _picture_bytes(fill.find("a:blip", NS), part)
        info = None if data is None else inspect_image(data, tuple(ART_FORMATS))
        if box is None or data is None or info is None:
            return []
        return [
            Picture(
                _unrotated(box, place),
                _name(shape),
                data,
                info.content_type,
                _descr(shape),
                _crop(fill.find("a:srcRect", NS)),
            )
        ]


# --- title frames ---------------------------------------------------------------------------


def _text_frame(
    layout: SlideLayout,
    master: SlideMaster,
    types: tuple[PP_PLACEHOLDER, ...],
    text_style: str,
    paints: PaintReader,
) -> TextFrame | None:
    """Box, anchor, alignment, boldness and fill of the layout's placeholder of ``types``,
    each inherited from the master's placeholder (and its text style) where the layout is
    silent."""
    ph = next((p for p in layout.placeholders if p.placeholder_format.type in types), None)
    if ph is None or ph.left is None or ph.top is None or not ph.width or not ph.height:
        return None
    base_type = MASTER_TYPES.get(ph.placeholder_format.type)
    base = next((p for p in master.placeholders if p.placeholder_format.type == base_type), None)
    elements = [ph.element] + ([] if base is None else [base.element])
    anchor = _first(elements, "p:txBody/a:bodyPr", "anchor") or "t"
    levels = [e.find("p:txBody/a:lstStyle/a:lvl1pPr", NS) for e in elements]
    levels.append(master.element.find(f"p:txStyles/{text_style}/a:lvl1pPr", NS))
    levels = [lvl for lvl in levels if lvl is not None]
    align = next((lvl.get("algn") for lvl in levels if lvl.get("algn")), "l")
    defaults = [d for d in (lvl.find("a:defRPr", NS) for lvl in levels) if d is not None]
    size = next((int(d.get("sz")) / 100 for d in defaults if (d.get("sz") or "").isdigit()), None)
    color = next(
        (c[0] for d in defaults if (c := paints.color(d.find("a:solidFill", NS))) is not None),
        None,
    )
    fill = None
    for element in elements:
        found = paints.fill(element.find("p:spPr", NS))
        if found is not None:
            fill = found if isinstance(found, Paint) else None
            break
    return TextFrame(
        rect=Rect(int(ph.left), int(ph.top), int(ph.width), int(ph.height)),
        anchor=anchor if anchor in ANCHORS else "t",
        align=ALIGNMENTS.get(align, Align.LEFT),
        bold=flag(defaults, "b"),
        fill=fill,
        size=size,
        color=color,
    )


def _first(elements: list[etree._Element], path: str, attribute: str) -> str | None:
    for element in elements:
        found = element.find(path, NS)
        if found is not None and found.get(attribute):
            return found.get(attribute)
    return None


# --- small readers --------------------------------------------------------------------------


def _skipped(shape: etree._Element) -> bool:
    """Placeholders (the slide brings its own) and hidden shapes are not artwork."""
    properties = shape.find("./*[1]/p:cNvPr", NS)
    if properties is not None and properties.get("hidden") in ("1", "true"):
        return True
    return shape.find("./*[1]/p:nvPr/p:ph", NS) is not None


def _name(shape: etree._Element) -> str:
    properties = shape.find("./*[1]/p:cNvPr", NS)
    return "" if properties is None else properties.get("name", "")


def _descr(shape: etree._Element) -> str:
    properties = shape.find("./*[1]/p:cNvPr", NS)
    return "" if properties is None else properties.get("descr", "")


def _outline(sp_pr: etree._Element | None, box: Box, place: Placement) -> tuple[PathStep, ...]:
    """The shape's outline on the slide (empty when it has no geometry we can draw)."""
    if sp_pr is None:
        return ()
    preset = sp_pr.find("a:prstGeom", NS)
    custom = sp_pr.find("a:custGeom", NS)
    if preset is not None:
        local = preset_path(preset, box.w, box.h)
    elif custom is not None:
        local = custom_path(custom, box.w, box.h) or []
    else:
        return ()
    return box.on_slide(local, place)


def _unrotated(box: Box, place: Placement) -> Rect:
    """The shape's frame on the slide, ignoring rotation (for pictures and text)."""
    x0, y0 = place.point(box.x, box.y)
    x1, y1 = place.point(box.x + box.w, box.y + box.h)
    return Rect(round(min(x0, x1)), round(min(y0, y1)), round(abs(x1 - x0)), round(abs(y1 - y0)))


def _picture_bytes(blip: etree._Element | None, part: Part | None) -> bytes | None:
    """The bytes of the picture ``a:blip r:embed`` names, related to ``part``."""
    r_id = None if blip is None else blip.get(R_EMBED)
    if not r_id or part is None:
        return None
    try:
        return part.related_part(r_id).blob
    except (KeyError, AttributeError):
        return None


def _crop(source: etree._Element | None) -> tuple[float, float, float, float]:
    if source is None:
        return 0.0, 0.0, 0.0, 0.0
    left, top, right, bottom = (
        max(0.0, _int(source.get(side)) / PERCENT_SCALE) for side in ("l", "t", "r", "b")
    )
    return left, top, right, bottom


def _int(text: str | None) -> int:
    try:
        return int(text) if text else 0
    except ValueError:
        return 0
