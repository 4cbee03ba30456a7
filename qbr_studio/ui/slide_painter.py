"""One slide of a :class:`~qbr_studio.deck.plan.DeckPlan` drawn with QPainter.

The preview, its thumbnails and the PDF export all call :func:`paint_slide`, and it draws what
:mod:`qbr_studio.deck.writing.pptx_writer` writes: the same boxes at the same EMU positions,
text broken into exactly the lines the plan measured
(:func:`~qbr_studio.deck.planning.layout.paragraph_lines`), the same insets, cell margins,
fills, pictures and colours (those of the slide's layout: :meth:`DeckPlan.palette_for
<qbr_studio.deck.plan.DeckPlan.palette_for>`). Under them it draws what PowerPoint takes from
the slide's layout — the plan's :class:`~qbr_studio.deck.backdrop.Backdrop`: background, the
master's and layout's artwork, the title placeholders' boxes, anchors and alignment. What the
CSM sees is the deck.

Drawing happens in *slide units* of 1/100 point (:data:`UNITS_PER_PT`): the painter is scaled
once so one slide unit maps onto the target, and every font is sized in whole slide units. That
keeps fractional point sizes exact at any zoom (Qt only takes whole pixel sizes) and lets Qt
lay text out with the font's design widths, which is what the plan measured.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

from qbr_studio.deck import style
from qbr_studio.deck.backdrop import SLIDE_NUMBER, Backdrop, Figure, Paint, TextFrame
from qbr_studio.deck.fit import LINE_HEIGHT, FontFace, wrap
from qbr_studio.deck.geometry import EMU_PER_PT, RGB, Rect
from qbr_studio.deck.plan import (
    Align,
    Cell,
    Chart,
    DeckPlan,
    Drawn,
    Palette,
    Paragraph,
    Picture,
    PlaceholderRole,
    PlaceholderText,
    Run,
    Shape,
    SlidePlan,
    Table,
    TableLook,
    TextBox,
)
from qbr_studio.deck.planning.layout import paragraph_lines
from qbr_studio.ui.chart_painter import paint_chart
from qbr_studio.ui.fonts import make_font

UNITS_PER_PT = 100.0
"""Slide units per point: the painter draws in hundredths of a point."""
ASCENT = 1950 / 2048
"""Carlito's (and Calibri's) winAscent over units per em: baseline below a line's top, per
point of font size. With :data:`~qbr_studio.deck.fit.LINE_HEIGHT` it places lines as
PowerPoint does at single spacing."""
FALLBACK_TITLE = "b"
"""Anchor of a title in a plan that carries no backdrop (built by hand, e.g. in a test): the
bottom of ``plan.title_rect``, bold, left-aligned, as the bundled template sets titles."""
TITLE_WRAP_SLACK = 0.5
"""Points a title line may exceed its box before it wraps: a line that bold type makes a
fraction of a point too wide stays whole in PowerPoint and LibreOffice too."""
_ALIGN = {
    Align.LEFT: Qt.AlignmentFlag.AlignLeft,
    Align.CENTER: Qt.AlignmentFlag.AlignHCenter,
    Align.RIGHT: Qt.AlignmentFlag.AlignRight,
}


def units(emu: float) -> float:
    """EMU → slide units."""
    return emu / EMU_PER_PT * UNITS_PER_PT


def qrect(rect: Rect) -> QRectF:
    """A plan rectangle (EMU) in slide units."""
    return QRectF(units(rect.x), units(rect.y), units(rect.w), units(rect.h))


def slide_frame(plan: DeckPlan, target: QRectF) -> QRectF:
    """The largest rectangle of the slide's aspect ratio centred in ``target``."""
    aspect = plan.slide_width / plan.slide_height
    width = min(target.width(), target.height() * aspect)
    height = width / aspect
    x = target.left() + (target.width() - width) / 2
    y = target.top() + (target.height() - height) / 2
    return QRectF(x, y, width, height)


def paint_slide(painter: QPainter, plan: DeckPlan, index: int, target: QRectF) -> None:
    """Draw slide ``index`` of ``plan`` into ``target`` (painter coordinates), keeping the
    slide's aspect ratio and centring it. The painter's state is restored afterwards; an
    ``index`` outside the deck raises ``IndexError``."""
    slide = plan.slides[index]
    frame = slide_frame(plan, target)
    painter.save()
    painter.setClipRect(frame, Qt.ClipOperation.IntersectClip)
    painter.translate(frame.topLeft())
    factor = frame.width() / units(plan.slide_width)
    painter.scale(factor, factor)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing, True
    )
    try:
        ink = _Ink(painter, plan, plan.palette_for(slide), plan.backdrop(slide))
        _paint(ink, plan, slide)
    finally:
        painter.restore()


def _paint(ink: _Ink, plan: DeckPlan, slide: SlidePlan) -> None:
    """Backdrop (background, layout artwork), then everything the plan draws, in its order:
    the placeholders' text, the elements (later ones on top), the footer."""
    backdrop = plan.backdrop(slide)
    whole = QRectF(0, 0, units(plan.slide_width), units(plan.slide_height))
    if backdrop is None:
        ink.painter.fillRect(whole, ink.color(ink.palette.background))
    else:
        _backdrop(ink, backdrop, whole, slide.number)
    for element in slide.drawn():
        PAINTERS[type(element)](ink, element)


@dataclass(frozen=True)
class _Ink:
    painter: QPainter
    plan: DeckPlan
    palette: Palette
    """The colours of the slide being painted."""
    backdrop: Backdrop | None = None
    """What the slide's layout draws under it: where its placeholders put their text."""

    def color(self, value: str | RGB) -> QColor:
        rgb = value if isinstance(value, RGB) else self.palette.resolve(value)
        return QColor(rgb.r, rgb.g, rgb.b)

    def font(
        self, size: float, *, bold: bool, italic: bool = False, heading: bool = False
    ) -> QFont:
        family = self.plan.heading_font if heading else self.plan.body_font
        return make_font(family, size * UNITS_PER_PT, bold=bold, italic=italic)


def _shape(ink: _Ink, shape: Shape) -> None:
    ink.painter.fillRect(qrect(shape.rect), ink.color(shape.fill))


def _chart(ink: _Ink, chart: Chart) -> None:
    paint_chart(
        ink.painter,
        chart.spec,
        qrect(chart.rect),
        ink.palette,
        UNITS_PER_PT,
        ink.plan.body_font,
        look=chart.look,
    )


# Placeholders --------------------------------------------------------------------------------


def _frame_of(ink: _Ink, role: PlaceholderRole) -> TextFrame | None:
    """Where the slide's layout puts ``role``'s text; without a backdrop (a plan built by
    hand), the title goes to the bottom of the plan's title box."""
    backdrop = ink.backdrop
    if backdrop is not None:
        return getattr(backdrop, role.value)  # the backdrop's frame of each role is its name
    if role is PlaceholderRole.TITLE and ink.plan.title_rect is not None:
        return TextFrame(ink.plan.title_rect, FALLBACK_TITLE, Align.LEFT, True)
    return None


def _placeholder_text(ink: _Ink, text: PlaceholderText) -> None:
    """The text the plan gives for one of the layout's placeholders, at the plan's size and
    colour, placed, aligned and weighted as the layout's placeholder says (as PowerPoint
    does with what the writer puts there)."""
    frame = _frame_of(ink, text.role)
    if frame is None:
        return
    paragraph = replace(
        text.paragraph,
        runs=tuple(replace(r, bold=frame.bold) for r in text.paragraph.runs),
        align=frame.align,
    )
    if frame.fill is not None:
        _fill_path(ink, _rect_path(qrect(frame.rect)), frame.fill, qrect(frame.rect))
    _text_box(ink, TextBox(frame.rect, (paragraph,), text.role.value, anchor=frame.anchor))


# Backdrop and pictures -------------------------------------------------------------------------


def _backdrop(ink: _Ink, backdrop: Backdrop, whole: QRectF, number: int) -> None:
    """The layout's background, then its (and its master's) artwork, bottom first."""
    background = backdrop.background
    _fill_path(ink, _rect_path(whole), background.paint, whole)
    image = None if background.picture is None else _image(background.picture)
    if image is not None:
        ink.painter.drawImage(whole, image, QRectF(image.rect()))
    for art in backdrop.art:
        if isinstance(art, Figure):
            _figure(ink, art)
        elif isinstance(art, Picture):
            _picture(ink, art)
        else:
            _text_box(ink, _numbered(art, number))


def _figure(ink: _Ink, figure: Figure) -> None:
    path = QPainterPath()
    for op, values in figure.path:
        points = [units(v) for v in values]
        if op == "M":
            path.moveTo(*points)
        elif op == "L":
            path.lineTo(*points)
        elif op == "C":
            path.cubicTo(*points)
        else:
            path.closeSubpath()
    if figure.fill is not None:
        _fill_path(ink, path, figure.fill, qrect(figure.bounds))
    if figure.line is not None:
        color = ink.color(figure.line.color)
        color.setAlphaF(figure.line.alpha)
        pen = QPen(color, units(figure.line.width))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if figure.line.dashes:
            pen.setDashPattern(list(figure.line.dashes))
        ink.painter.strokePath(path, pen)


def _rect_path(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    path.addRect(rect)
    return path


def _fill_path(ink: _Ink, path: QPainterPath, paint: Paint, area: QRectF) -> None:
    """Fill ``path`` with a colour or a linear gradient laid across ``area`` at the paint's
    angle, as DrawingML lays ``a:lin`` across a shape's box."""
    if not paint.is_gradient:
        color = ink.color(paint.color)
        color.setAlphaF(paint.alpha)
        ink.painter.fillPath(path, color)
        return
    angle = math.radians(paint.angle)
    dx, dy = math.cos(angle), math.sin(angle)
    reach = (abs(dx) * area.width() + abs(dy) * area.height()) / 2
    centre = area.center()
    gradient = QLinearGradient(centre - QPointF(dx, dy) * reach, centre + QPointF(dx, dy) * reach)
    for position, rgb in paint.stops:
        color = ink.color(rgb)
        color.setAlphaF(paint.alpha)
        gradient.setColorAt(position, color)
    ink.painter.fillPath(path, QBrush(gradient))


def _picture(ink: _Ink, picture: Picture) -> None:
    """The picture stretched to its rect, after its crop; one that Qt cannot read is left out
    (the plan only carries pictures Pillow decoded, so this is a safety net)."""
    image = _image(picture.image)
    if image is None:
        return
    left, top, right, bottom = picture.crop
    w, h = image.width(), image.height()
    source = QRectF(left * w, top * h, w * (1 - left - right), h * (1 - top - bottom))
    ink.painter.save()
    ink.painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    ink.painter.drawImage(qrect(picture.rect), image, source)
    ink.painter.restore()


@lru_cache(maxsize=32)
def _image(data: bytes) -> QImage | None:
    """The decoded picture, kept: the preview repaints the same logo on every edit."""
    image = QImage.fromData(data)
    return None if image.isNull() else image


def _numbered(box: TextBox, number: int) -> TextBox:
    """``box`` with a slide-number field showing ``number``."""
    if not any(SLIDE_NUMBER in p.text for p in box.paragraphs):
        return box
    paragraphs = tuple(
        replace(
            p,
            runs=tuple(replace(r, text=r.text.replace(SLIDE_NUMBER, str(number))) for r in p.runs),
        )
        for p in box.paragraphs
    )
    return replace(box, paragraphs=paragraphs)


# Text boxes ----------------------------------------------------------------------------------


def _lines(paragraph: Paragraph, width_pt: float, plan: DeckPlan) -> list[str]:
    """The paragraph's lines as the plan measured them. Headings (titles) are measured with the
    heading font, bold where all their runs are, since that is how they are drawn."""
    if not paragraph.heading_font:
        return paragraph_lines(paragraph, width_pt, plan.body_font)
    bold = all(r.bold for r in paragraph.runs if r.text.strip())
    usable = width_pt - 2 * style.INSET_X - (style.BULLET_INDENT if paragraph.bullet else 0)
    face = FontFace(plan.heading_font, bold=bold)
    return wrap(paragraph.text, paragraph.size, usable + TITLE_WRAP_SLACK, face)


def _paragraph_height(paragraph: Paragraph, lines: list[str]) -> float:
    """Slide units the paragraph takes: space before plus its lines at single spacing."""
    return (paragraph.space_before + len(lines) * paragraph.size * LINE_HEIGHT) * UNITS_PER_PT


def _text_box(ink: _Ink, box: TextBox) -> None:
    rect = qrect(box.rect)
    if box.fill:
        ink.painter.fillRect(rect, ink.color(box.fill))
    width_pt = box.rect.w / EMU_PER_PT
    # PowerPoint (and LibreOffice) open no space above a text body's first paragraph.
    first = [replace(p, space_before=0.0) if i == 0 else p for i, p in enumerate(box.paragraphs)]
    laid = [(p, _lines(p, width_pt, ink.plan)) for p in first]
    content = sum(_paragraph_height(p, lines) for p, lines in laid)
    inset_y = style.INSET_Y * UNITS_PER_PT
    if box.anchor == "ctr":
        y = rect.top() + (rect.height() - content) / 2
    elif box.anchor == "b":
        y = rect.bottom() - inset_y - content
    else:
        y = rect.top() + inset_y
    inset_x = style.INSET_X * UNITS_PER_PT
    inner = rect.adjusted(inset_x, 0, -inset_x, 0)
    for paragraph, lines in laid:
        y += paragraph.space_before * UNITS_PER_PT
        y = _paragraph(ink, paragraph, lines, inner, y)


def _paragraph(ink: _Ink, paragraph: Paragraph, lines: list[str], inner: QRectF, y: float) -> float:
    """Draw ``lines`` from ``y`` down; returns the ``y`` below the last line."""
    line_h = paragraph.size * LINE_HEIGHT * UNITS_PER_PT
    ascent = paragraph.size * ASCENT * UNITS_PER_PT
    indent = style.BULLET_INDENT * UNITS_PER_PT if paragraph.bullet else 0.0
    pieces = _line_runs(paragraph, lines)
    for n, segments in enumerate(pieces):
        baseline = y + ascent
        if paragraph.bullet and n == 0:
            _draw_segment(ink, paragraph, Run("•"), QPointF(inner.left(), baseline))
        widths = [_segment_width(ink, paragraph, run) for run in segments]
        room = inner.width() - indent
        x = inner.left() + indent
        if paragraph.align is Align.CENTER:
            x += (room - sum(widths)) / 2
        elif paragraph.align is Align.RIGHT:
            x += room - sum(widths)
        for run, width in zip(segments, widths, strict=True):
            _draw_segment(ink, paragraph, run, QPointF(x, baseline))
            x += width
        y += line_h
    return y


def _run_font(ink: _Ink, paragraph: Paragraph, run: Run) -> QFont:
    return ink.font(
        paragraph.size, bold=run.bold, italic=run.italic, heading=paragraph.heading_font
    )


def _segment_width(ink: _Ink, paragraph: Paragraph, run: Run) -> float:
    return QFontMetricsF(_run_font(ink, paragraph, run)).horizontalAdvance(run.text)


def _draw_segment(ink: _Ink, paragraph: Paragraph, run: Run, at: QPointF) -> None:
    ink.painter.setFont(_run_font(ink, paragraph, run))
    ink.painter.setPen(ink.color(run.color or paragraph.color))
    ink.painter.drawText(at, run.text)


def _line_runs(paragraph: Paragraph, lines: list[str]) -> list[list[Run]]:
    """Each line cut into pieces of the runs its characters came from, so bold labels and
    coloured words keep their style across the plan's line breaks."""
    owner: list[int] = []
    for i, run in enumerate(paragraph.runs):
        owner += [i] * len(run.text)
    text = paragraph.text
    pos = 0
    out: list[list[Run]] = []
    for line in lines:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        chars: list[int] = []
        for char in line:
            if char == " ":
                while pos < len(text) and text[pos].isspace():
                    pos += 1
                chars.append(-1)
                continue
            if pos >= len(text) or text[pos] != char:  # not from this text: draw it plainly
                return [[Run(ln, bold=paragraph.runs[0].bold)] for ln in lines]
            chars.append(owner[pos])
            pos += 1
        out.append(_group(paragraph, line, chars))
    return out


def _group(paragraph: Paragraph, line: str, chars: list[int]) -> list[Run]:
    """Consecutive characters of one run become one piece; a space joins the piece before it."""
    pieces: list[Run] = []
    current = -2
    text = ""
    for char, index in zip(line, chars, strict=True):
        if index == -1:
            index = current if current >= 0 else 0
        if index != current and text:
            pieces.append(_piece(paragraph.runs[current], text))
            text = ""
        current = index
        text += char
    if text:
        pieces.append(_piece(paragraph.runs[max(current, 0)], text))
    return pieces


def _piece(run: Run, text: str) -> Run:
    return Run(text, bold=run.bold, italic=run.italic, color=run.color)


# Tables --------------------------------------------------------------------------------------


def _table(ink: _Ink, table: Table) -> None:
    """Header row and banded body rows filled as the table's look says, text wrapped inside
    its cell margins as the plan measured the row heights."""
    look = table.look
    x0, y = units(table.rect.x), units(table.rect.y)
    rows = [(table.header, True), *((row, False) for row in table.rows)]
    edges = [x0]
    for width in table.col_widths:
        edges.append(edges[-1] + units(width))
    for r, ((cells, header), height_emu) in enumerate(zip(rows, table.row_heights, strict=False)):
        height = units(height_emu)
        fill = look.header_fill if header else look.band(r - 1)
        for c, cell in enumerate(cells):
            box = QRectF(edges[c], y, edges[c + 1] - edges[c], height)
            ink.painter.fillRect(box, ink.color(fill))
            _cell(ink, cell, box, table.font_size, header, look)
        y += height
    _cell_rules(ink, table, edges, y)


def _cell(ink: _Ink, cell: Cell, box: QRectF, size: float, header: bool, look: TableLook) -> None:
    bold = header or cell.bold
    margin_x = look.margin_x * UNITS_PER_PT
    usable = box.width() / UNITS_PER_PT - 2 * look.margin_x
    lines = wrap(cell.text, size, usable, FontFace(ink.plan.body_font, bold=bold))
    font = ink.font(size, bold=bold)
    color = ink.color(look.header_text if header else (cell.color or look.text))
    ink.painter.setFont(font)
    ink.painter.setPen(color)
    metrics = QFontMetricsF(font)
    left, right = box.left() + margin_x, box.right() - margin_x
    baseline = box.top() + (look.margin_y + size * ASCENT) * UNITS_PER_PT
    for line in lines:
        width = metrics.horizontalAdvance(line)
        x = left
        if cell.align is Align.CENTER:
            x = (left + right - width) / 2
        elif cell.align is Align.RIGHT:
            x = right - width
        ink.painter.drawText(QPointF(x, baseline), line)
        baseline += size * LINE_HEIGHT * UNITS_PER_PT


def _cell_rules(ink: _Ink, table: Table, edges: list[float], bottom: float) -> None:
    """Thin background-coloured lines between cells, as PowerPoint's default table style."""
    pen = QPen(ink.color(table.look.rule), table.look.rule_width * UNITS_PER_PT)
    ink.painter.setPen(pen)
    top = units(table.rect.y)
    for x in edges[1:-1]:
        ink.painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    y = top
    for height in table.row_heights[:-1]:
        y += units(height)
        ink.painter.drawLine(QPointF(edges[0], y), QPointF(edges[-1], y))


PAINTERS: dict[type, Callable[[_Ink, Drawn], None]] = {
    PlaceholderText: _placeholder_text,
    TextBox: _text_box,
    Table: _table,
    Shape: _shape,
    Picture: _picture,
    Chart: _chart,
}
"""How each kind of plan element is drawn (the preview's side of the writer's dispatch)."""
