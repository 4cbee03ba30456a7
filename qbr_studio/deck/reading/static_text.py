"""Static text of a template's artwork (a "Confidential" line, a badge's label) as a
:class:`~qbr_studio.deck.plan.TextBox` the preview draws.

Each run's size, weight, colour and font follow PowerPoint's inheritance for shapes that are not
placeholders: the run's own properties, then the paragraph's and the shape's list style, then
the colour of the shape style's font reference, then the master's ``p:otherStyle``. Colours
become literal ``#RRGGBB`` roles; a slide-number field shows
:data:`~qbr_studio.deck.backdrop.SLIDE_NUMBER` for the painter to replace. Vertical text is
left out; a box that does not wrap is widened to its longest line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from qbr_studio.deck import style as deck_style
from qbr_studio.deck.backdrop import SLIDE_NUMBER, Paint
from qbr_studio.deck.fit import FontFace, text_width
from qbr_studio.deck.geometry import RGB, Rect, pt_to_emu
from qbr_studio.deck.plan import Align, Paragraph, Run, TextBox
from qbr_studio.deck.reading.paints import PaintReader
from qbr_studio.deck.reading.theme_colors import NS, children, percent

if TYPE_CHECKING:
    from pptx.slide import SlideMaster

MEASURED_STYLES = ((False, False), (True, False))
"""(bold, italic): the styles a layout's own text is measured in, with the theme's fonts —
regular or bold, never italic. A kept description is valid while the files measuring these
are unchanged (:mod:`qbr_studio.deck.reading.kept_descriptions`)."""

DEFAULT_TEXT_SIZE = 18.0
"""Points: text whose size no run, list style or master text style gives (PowerPoint's)."""

ALIGNMENTS = {"l": Align.LEFT, "ctr": Align.CENTER, "r": Align.RIGHT, "dist": Align.CENTER}
"""DrawingML paragraph alignment → the plan's; justified text is drawn left-aligned."""

TRUE = frozenset({"1", "true"})
"""How OOXML writes a true boolean attribute."""

LEVELS = 9
"""Outline levels a list style describes (``a:lvl1pPr`` … ``a:lvl9pPr``)."""

ANCHORS = frozenset({"t", "ctr", "b"})
"""Vertical anchors the plan's text boxes know; others are drawn from the top."""


def read_text(
    shape: etree._Element,
    rect: Rect,
    paints: PaintReader,
    master: SlideMaster,
    fonts: tuple[str, str],
) -> TextBox | None:
    """The text of ``shape`` (a ``p:sp``) in ``rect``, or ``None`` when it has none to show.
    ``fonts`` are the theme's heading and body fonts."""
    body = shape.find("p:txBody", NS)
    if body is None:
        return None
    body_pr = body.find("a:bodyPr", NS)
    if body_pr is not None and body_pr.get("vert", "horz") not in ("horz", ""):
        return None
    style = shape.find("p:style", NS)
    font_ref = None if style is None else style.find("a:fontRef", NS)
    defaults = _TextDefaults(
        paints,
        master.element.find("p:txStyles/p:otherStyle", NS),
        fonts[0],
        body.find("a:lstStyle", NS),
        paints.color(font_ref),
        _font_scale(body_pr),
    )
    paragraphs = tuple(defaults.paragraph(p) for p in body.iterfind("a:p", NS))
    if not any(p.text.strip() for p in paragraphs):
        return None
    anchor = "t" if body_pr is None else body_pr.get("anchor", "t")
    if body_pr is not None and body_pr.get("wrap") == "none":
        rect = _unwrapped(rect, paragraphs, fonts)
    name = shape.find("./*[1]/p:cNvPr", NS)
    return TextBox(
        rect,
        paragraphs,
        "" if name is None else name.get("name", ""),
        anchor=anchor if anchor in ANCHORS else "t",
    )


def flag(chain: list[etree._Element], name: str) -> bool:
    """The boolean attribute ``name`` of the first element in ``chain`` that sets it."""
    value = next((c.get(name) for c in chain if c.get(name) is not None), "0")
    return value in TRUE


@dataclass(frozen=True)
class _TextDefaults:
    """What a run inherits, nearest first: its paragraph's properties and level in the shape's
    list style, then the colour of the shape style's font reference, then the master's text
    style for shapes that are not placeholders (``p:otherStyle``)."""

    paints: PaintReader
    other_style: etree._Element | None
    """The master's ``p:otherStyle``: text defaults of shapes that are not placeholders."""
    heading_font: str
    list_style: etree._Element | None
    font_color: tuple[RGB, float] | None
    """The colour of the shape style's ``a:fontRef``, if it has one."""
    scale: float

    def paragraph(self, p: etree._Element) -> Paragraph:
        """One ``a:p``: its runs and fields (a line break becomes ``\\n``), sized by its
        largest run, aligned as its properties or list styles say."""
        p_pr = p.find("a:pPr", NS)
        level = min(LEVELS, max(1, _int(None if p_pr is None else p_pr.get("lvl")) + 1))
        own: list[etree._Element | None] = [p_pr]
        if self.list_style is not None:
            own.append(self.list_style.find(f"a:lvl{level}pPr", NS))
        master = [
            None if self.other_style is None else self.other_style.find(f"a:lvl{level}pPr", NS)
        ]
        near, far = _run_defaults(own), _run_defaults(master)
        levels = [lvl for lvl in (*own, *master) if lvl is not None]
        align = next((lvl.get("algn") for lvl in levels if lvl.get("algn")), "l")
        runs: list[Run] = []
        sizes: list[float] = []
        heading = False
        for item in children(p):
            kind = etree.QName(item).localname
            if kind == "br":
                runs.append(Run("\n"))
            elif kind in ("r", "fld"):
                r_pr = item.find("a:rPr", NS)
                chain = ([] if r_pr is None else [r_pr]) + near
                runs.append(self._run(item, chain, far))
                sizes.append(_size(chain + far))
                heading = heading or self._is_heading(chain + far)
        size = (max(sizes) if sizes else DEFAULT_TEXT_SIZE) * self.scale
        return Paragraph(
            runs=tuple(runs) or (Run(""),),
            size=round(size, 1),
            color="#" + self._color(near, far).hex,
            align=ALIGNMENTS.get(align, Align.LEFT),
            heading_font=heading,
        )

    def _run(
        self, item: etree._Element, chain: list[etree._Element], far: list[etree._Element]
    ) -> Run:
        kind = etree.QName(item).localname
        text = (item.findtext("a:t", "", NS) if kind == "r" else _field_text(item)) or ""
        return Run(
            text.replace("\n", " "),
            bold=flag(chain + far, "b"),
            italic=flag(chain + far, "i"),
            color="#" + self._color(chain, far).hex,
        )

    def _color(self, near: list[etree._Element], far: list[etree._Element]) -> RGB:
        """The first fill along ``near``, else the style's font colour, else along ``far``,
        else tx1."""
        for element in near:
            found = self.paints.fill(element)
            if isinstance(found, Paint):
                return found.color
        if self.font_color is not None:
            return self.font_color[0]
        for element in far:
            found = self.paints.fill(element)
            if isinstance(found, Paint):
                return found.color
        return self.paints.ctx.scheme_color("tx1")

    def _is_heading(self, chain: list[etree._Element]) -> bool:
        for element in chain:
            latin = element.find("a:latin", NS)
            if latin is not None and latin.get("typeface"):
                face = latin.get("typeface", "")
                return face in ("+mj-lt", self.heading_font)
        return False


def _run_defaults(levels: list[etree._Element | None]) -> list[etree._Element]:
    """The ``a:defRPr`` of each paragraph-properties element present."""
    found = (None if lvl is None else lvl.find("a:defRPr", NS) for lvl in levels)
    return [d for d in found if d is not None]


def _size(chain: list[etree._Element]) -> float:
    """Points: the first size along ``chain`` (``sz`` is in hundredths of a point)."""
    return next((_int(c.get("sz")) / 100 for c in chain if c.get("sz")), 0) or DEFAULT_TEXT_SIZE


def _field_text(field: etree._Element) -> str:
    """A field's text; a slide-number field shows the slide's number."""
    if field.get("type") == "slidenum":
        return SLIDE_NUMBER
    text = field.find("a:t", NS)
    return "" if text is None or text.text is None else text.text


def _font_scale(body_pr: etree._Element | None) -> float:
    """``a:normAutofit fontScale``: PowerPoint's shrink-on-overflow, applied to every size."""
    fit = None if body_pr is None else body_pr.find("a:normAutofit", NS)
    if fit is None or not fit.get("fontScale"):
        return 1.0
    return max(0.1, percent(fit, "fontScale"))


def _unwrapped(rect: Rect, paragraphs: tuple[Paragraph, ...], fonts: tuple[str, str]) -> Rect:
    """A ``wrap="none"`` box widened to its longest line, around the same anchor point."""
    widest = 0.0
    for p in paragraphs:
        bold = all(r.bold for r in p.runs if r.text.strip())
        face = FontFace(fonts[0] if p.heading_font else fonts[1], bold=bold)
        for line in p.text.split("\n"):
            widest = max(widest, text_width(line, p.size, face))
    need = pt_to_emu(widest + 2 * deck_style.INSET_X) + 1
    if need <= rect.w:
        return rect
    align = paragraphs[0].align if paragraphs else Align.LEFT
    if align is Align.CENTER:
        return Rect(rect.x - (need - rect.w) // 2, rect.y, need, rect.h)
    if align is Align.RIGHT:
        return Rect(rect.right - need, rect.y, need, rect.h)
    return Rect(rect.x, rect.y, need, rect.h)


def _int(text: str | None) -> int:
    try:
        return int(text) if text else 0
    except ValueError:
        return 0
