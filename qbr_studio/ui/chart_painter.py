"""A :class:`~qbr_studio.charts.spec.ChartSpec` drawn with QPainter for the preview and the PDF.

It follows what :mod:`qbr_studio.deck.writing.chart_xml` asks PowerPoint to draw: title on top,
value axis from zero with light gridlines and labels in the spec's Excel number format,
category labels, direct data labels (not on lines), legend at the bottom, the template's
colours by role, horizontal bars with the first category at the top. It is meant to read the
same, not to be pixel-identical to PowerPoint's own chart layout.

Coordinates are the painter's: ``rect`` is where the chart goes and ``scale`` says how many
painter units make one point, so the same code draws a 200-pixel thumbnail and a PDF page.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from qbr_studio.charts.numbers import (
    MAX_INTERVALS,
    Axis,
    bar_lengths,
    format_number,
    largest_value,
    value_axis,
)
from qbr_studio.charts.spec import ChartKind, ChartSpec
from qbr_studio.deck.colors import mix
from qbr_studio.deck.fit import LINE_HEIGHT, FontFace, wrap
from qbr_studio.deck.geometry import RGB
from qbr_studio.deck.plan import ChartLook, Palette
from qbr_studio.ui.fonts import make_font

PAD = 4.0
"""Points of space inside the chart's rectangle and between its parts."""
LEGEND_KEY = 8.0
"""Points: side of a legend's colour square; a line series' key is twice as wide."""
TICK_SPACING = 1.6
"""Vertical value labels are at least this many label heights apart."""
MAX_CATEGORY_SHARE = 0.4
"""Horizontal bars: category labels take at most this share of the chart's width."""
HORIZONTAL_KINDS = (ChartKind.BAR, ChartKind.PERCENT_STACKED_BAR)
STACKED_KINDS = (ChartKind.STACKED_COLUMN, ChartKind.PERCENT_STACKED_BAR)


# Drawing context -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ink:
    """What every drawing helper needs: the painter, colours, units per point and the font."""

    painter: QPainter
    palette: Palette
    scale: float
    family: str
    look: ChartLook
    """Sizes, widths and dashes, as the plan gives them to every renderer."""

    def pt(self, points: float) -> float:
        return points * self.scale

    def font(self, size: float | None = None, *, bold: bool = False) -> QFont:
        return make_font(self.family, (size or self.look.label_size) * self.scale, bold=bold)

    def width(self, text: str, font: QFont) -> float:
        return QFontMetricsF(font).horizontalAdvance(text)

    def line(self, size: float | None = None) -> float:
        return self.pt((size or self.look.label_size) * LINE_HEIGHT)

    def wrap(
        self, text: str, width: float, size: float | None = None, bold: bool = False
    ) -> list[str]:
        face = FontFace(self.family, bold=bold)
        return wrap(text, size or self.look.label_size, max(1.0, width / self.scale), face)

    def color(self, role_or_rgb: str | RGB) -> QColor:
        rgb = role_or_rgb if isinstance(role_or_rgb, RGB) else self.palette.resolve(role_or_rgb)
        return QColor(rgb.r, rgb.g, rgb.b)

    @property
    def grid(self) -> QColor:
        return self.color(mix(self.palette.background, self.palette.text, self.look.gridline_share))

    def text(
        self, rect: QRectF, flags: Qt.AlignmentFlag, text: str, font: QFont, color: QColor
    ) -> None:
        self.painter.setFont(font)
        self.painter.setPen(color)
        self.painter.drawText(rect, int(flags), text)

    def fill(self, rect: QRectF, color: QColor) -> None:
        self.painter.fillRect(rect, color)


def paint_chart(
    painter: QPainter,
    spec: ChartSpec,
    rect: QRectF,
    palette: Palette,
    scale: float,
    font_family: str = "Calibri",
    *,
    look: ChartLook | None = None,
) -> None:
    """Draw ``spec`` inside ``rect`` (painter units); ``scale`` is painter units per point,
    ``font_family`` the plan's body font and ``look`` the chart's look from the plan (the
    default look when ``None``). Nothing is drawn outside ``rect``."""
    ink = _Ink(painter, palette, scale, font_family, look or ChartLook())
    painter.save()
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    area = rect.adjusted(ink.pt(PAD), ink.pt(PAD), -ink.pt(PAD), -ink.pt(PAD))
    area = _title(ink, spec, area)
    if spec.legend:
        area = _legend(ink, spec, area)
    if spec.categories and spec.series and area.width() > 0 and area.height() > 0:
        if spec.kind in HORIZONTAL_KINDS:
            _horizontal(ink, spec, area)
        else:
            _vertical(ink, spec, area)
    painter.restore()


def _title(ink: _Ink, spec: ChartSpec, area: QRectF) -> QRectF:
    if not spec.title:
        return area
    size = ink.look.title_size
    font = ink.font(size, bold=True)
    lines = ink.wrap(spec.title, area.width(), size, bold=True)
    height = ink.line(size) * len(lines)
    box = QRectF(area.left(), area.top(), area.width(), height)
    ink.text(
        box,
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        "\n".join(lines),
        font,
        ink.color("text"),
    )
    return area.adjusted(0, height + ink.pt(PAD), 0, 0)


# Legend --------------------------------------------------------------------------------------


def _legend_rows(ink: _Ink, spec: ChartSpec, width: float, font: QFont) -> list[list[int]]:
    """Series indexes per legend row, filling each row as far as ``width`` allows."""
    rows: list[list[int]] = [[]]
    used = 0.0
    for i, series in enumerate(spec.series):
        need = _legend_entry_width(ink, spec, series.name, font)
        if rows[-1] and used + need > width:
            rows.append([])
            used = 0.0
        rows[-1].append(i)
        used += need
    return rows


def _key_width(ink: _Ink, spec: ChartSpec) -> float:
    return ink.pt(LEGEND_KEY * (2 if spec.kind is ChartKind.LINE else 1))


def _legend_entry_width(ink: _Ink, spec: ChartSpec, name: str, font: QFont) -> float:
    return _key_width(ink, spec) + ink.pt(PAD) + ink.width(name, font) + ink.pt(3 * PAD)


def _legend(ink: _Ink, spec: ChartSpec, area: QRectF) -> QRectF:
    font = ink.font()
    rows = _legend_rows(ink, spec, area.width(), font)
    line = ink.line()
    top = area.bottom() - line * len(rows)
    for r, row in enumerate(rows):
        total = sum(_legend_entry_width(ink, spec, spec.series[i].name, font) for i in row)
        x = area.left() + max(0.0, (area.width() - total + ink.pt(3 * PAD)) / 2)
        y = top + r * line
        for i in row:
            series = spec.series[i]
            _legend_key(ink, spec, series.color, series.dashed, QPointF(x, y + line / 2))
            x += _key_width(ink, spec) + ink.pt(PAD)
            text_box = QRectF(x, y, min(area.right() - x, ink.width(series.name, font)), line)
            ink.text(
                text_box,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                series.name,
                font,
                ink.color("text"),
            )
            x += ink.width(series.name, font) + ink.pt(3 * PAD)
    return QRectF(area.left(), area.top(), area.width(), top - ink.pt(PAD) - area.top())


def _legend_key(ink: _Ink, spec: ChartSpec, role: str, dashed: bool, mid: QPointF) -> None:
    color = ink.color(role)
    if spec.kind is ChartKind.LINE:
        pen = _series_pen(ink, color, dashed)
        ink.painter.setPen(pen)
        ink.painter.drawLine(mid, QPointF(mid.x() + _key_width(ink, spec), mid.y()))
        return
    side = ink.pt(LEGEND_KEY)
    ink.fill(QRectF(mid.x(), mid.y() - side / 2, side, side), color)


def _series_pen(ink: _Ink, color: QColor, dashed: bool) -> QPen:
    pen = QPen(color, ink.pt(ink.look.line_width))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dashed:
        pen.setDashPattern(list(ink.look.dash_pattern))
    return pen


# Column and line charts ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Categories:
    lines: list[list[str]]
    rotated: bool
    height: float


def _column_labels(ink: _Ink, spec: ChartSpec, slot: float, font: QFont) -> _Categories:
    """Category labels under columns: on one line where all fit their slot; else each broken
    at its spaces (so "Jan 26" reads the same in every slot); slanted when a word is too wide
    or a label would take more than two lines."""
    room = slot - ink.pt(2)
    line = ink.line()
    words = [c.split() or [""] for c in spec.categories]
    too_wide = any(ink.width(w, font) > room for ws in words for w in ws)
    if not too_wide:
        if all(ink.width(c, font) <= room for c in spec.categories):
            return _Categories([[c] for c in spec.categories], False, line + ink.pt(PAD / 2))
        if max(len(ws) for ws in words) <= 2:
            height = line * max(len(ws) for ws in words) + ink.pt(PAD / 2)
            return _Categories(words, False, height)
    longest = max(ink.width(c, font) for c in spec.categories)
    return _Categories([[c] for c in spec.categories], True, longest * math.sqrt(0.5) + line)


def _value_labels(axis: Axis, spec: ChartSpec) -> list[str]:
    """Tick labels; a 100% stacked chart's axis runs 0–1 and reads as percentages, as Office
    shows it by default (the spec's format is for the data labels, which show values)."""
    code = "0%" if spec.kind is ChartKind.PERCENT_STACKED_BAR else spec.number_format
    return [format_number(t, code) for t in axis.ticks]


def _vertical(ink: _Ink, spec: ChartSpec, area: QRectF) -> None:
    font = ink.font()
    line = ink.line()
    max_intervals = int((area.height() - 2.5 * line) / (line * TICK_SPACING))
    axis = value_axis(largest_value(spec), spec, max_intervals)
    labels = _value_labels(axis, spec)
    title_w = line + ink.pt(PAD) if spec.value_axis_title else 0.0
    label_w = max(ink.width(t, font) for t in labels)
    left = area.left() + title_w + label_w + ink.pt(PAD)
    slot = (area.right() - left) / len(spec.categories)
    cats = _column_labels(ink, spec, slot, font)
    plot = QRectF(
        left,
        area.top() + line / 2,
        area.right() - left,
        area.height() - line / 2 - cats.height - ink.pt(PAD / 2),
    )
    if plot.height() <= 0 or plot.width() <= 0:
        return
    if spec.value_axis_title:
        _rotated_axis_title(ink, spec.value_axis_title, area.left(), plot, font)
    _horizontal_gridlines(ink, axis, labels, plot, font)
    _category_labels_below(ink, spec, cats, plot, font)
    if spec.kind is ChartKind.LINE:
        _lines(ink, spec, axis, plot)
    else:
        _columns(ink, spec, axis, plot, font)


def _y(axis: Axis, plot: QRectF, value: float) -> float:
    return plot.bottom() - plot.height() * min(max(value, 0.0), axis.top) / axis.top


def _horizontal_gridlines(
    ink: _Ink, axis: Axis, labels: list[str], plot: QRectF, font: QFont
) -> None:
    line = ink.line()
    ink.painter.setPen(QPen(ink.grid, ink.pt(ink.look.gridline_width)))
    for tick in axis.ticks:
        y = _y(axis, plot, tick)
        ink.painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    muted = ink.color("muted")
    for tick, text in zip(axis.ticks, labels, strict=True):
        y = _y(axis, plot, tick)
        box = QRectF(plot.left() - ink.pt(PAD) - 1e6, y - line / 2, 1e6, line)
        ink.text(
            box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text, font, muted
        )


def _rotated_axis_title(ink: _Ink, title: str, x: float, plot: QRectF, font: QFont) -> None:
    line = ink.line()
    painter = ink.painter
    painter.save()
    painter.translate(x, plot.center().y())
    painter.rotate(-90)
    box = QRectF(-plot.height() / 2, 0, plot.height(), line)
    text = QFontMetricsF(font).elidedText(title, Qt.TextElideMode.ElideRight, plot.height())
    ink.text(box, Qt.AlignmentFlag.AlignCenter, text, font, ink.color("muted"))
    painter.restore()


def _centred_line(
    ink: _Ink, text: str, centre: float, top: float, area: QRectF, font: QFont
) -> None:
    """One line of muted text centred on ``centre`` but kept inside ``area`` (shortened with
    an ellipsis when even the whole width is too narrow)."""
    metrics = QFontMetricsF(font)
    text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
    width = metrics.horizontalAdvance(text)
    left = min(max(centre - width / 2, area.left()), area.right() - width)
    box = QRectF(left, top, width + 1, ink.line())
    ink.text(
        box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text, font, ink.color("muted")
    )


def _category_labels_below(
    ink: _Ink, spec: ChartSpec, cats: _Categories, plot: QRectF, font: QFont
) -> None:
    slot = plot.width() / len(spec.categories)
    ink.painter.setPen(QPen(ink.grid, ink.pt(ink.look.gridline_width)))
    ink.painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    color = ink.color("text")
    top = plot.bottom() + ink.pt(PAD / 2)
    for i, lines in enumerate(cats.lines):
        centre = plot.left() + slot * (i + 0.5)
        if not cats.rotated:
            box = QRectF(centre - slot / 2, top, slot, ink.line() * len(lines))
            ink.text(
                box,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                "\n".join(lines),
                font,
                color,
            )
            continue
        ink.painter.save()
        ink.painter.translate(centre, top)
        ink.painter.rotate(-45)
        box = QRectF(-1e6, -ink.line() / 2, 1e6, ink.line())
        ink.text(
            box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, lines[0], font, color
        )
        ink.painter.restore()


def _point_color(ink: _Ink, spec: ChartSpec, s: int, i: int) -> QColor:
    series = spec.series[s]
    roles = series.point_colors
    return ink.color(roles[i] if roles and i < len(roles) else series.color)


def _bar_thickness(ink: _Ink, spec: ChartSpec, slot: float) -> tuple[float, float]:
    """(one bar's thickness, its group's) in a category's ``slot``: the gap between groups
    is the look's gap width, a percentage of one bar, as in Office; stacked series share one
    bar."""
    bars = 1 if spec.kind in STACKED_KINDS else len(spec.series)
    bar = slot / (bars + ink.look.gap_width / 100)
    return bar, bar * bars


def _segment_labelled(ink: _Ink, spec: ChartSpec, s: int, i: int) -> bool:
    """Whether stacked segment ``i`` of series ``s`` carries its label: the plan decided where
    labels fit (:mod:`qbr_studio.deck.planning.chart_labels`)."""
    mask = ink.look.segment_labels
    return spec.data_labels and s < len(mask) and i < len(mask[s]) and mask[s][i]


def _inside_label(ink: _Ink, spec: ChartSpec, s: int, box: QRectF, value: float) -> None:
    """A value label centred in its stacked segment, in the colour that reads on it."""
    font = ink.font(ink.look.segment_label_size)
    color = ink.color(ink.palette.text_on(spec.series[s].color))
    text = format_number(value, spec.number_format)
    ink.text(box, Qt.AlignmentFlag.AlignCenter, text, font, color)


def _columns(ink: _Ink, spec: ChartSpec, axis: Axis, plot: QRectF, font: QFont) -> None:
    slot = plot.width() / len(spec.categories)
    bar, group = _bar_thickness(ink, spec, slot)
    stacked = spec.kind in STACKED_KINDS
    above: list[tuple[QRectF, str]] = []
    inside: list[tuple[int, QRectF, float]] = []
    for i in range(len(spec.categories)):
        x0 = plot.left() + slot * i + (slot - group) / 2
        base = 0.0
        for s, series in enumerate(spec.series):
            value = series.values[i]
            if value is None:
                continue
            x = x0 if stacked else x0 + bar * s
            start = base if stacked else 0.0
            top, bottom = _y(axis, plot, start + value), _y(axis, plot, start)
            segment = QRectF(x, top, bar, bottom - top)
            ink.fill(segment, _point_color(ink, spec, s, i))
            if stacked and _segment_labelled(ink, spec, s, i):
                inside.append((s, segment, value))
            elif spec.data_labels and not stacked:
                box = QRectF(x - slot, top, bar + 2 * slot, bottom - top)
                above.append((box, format_number(value, spec.number_format)))
            if stacked:
                base += max(0.0, value)
        if stacked and spec.totals:
            box = QRectF(x0 - slot, _y(axis, plot, base), group + 2 * slot, 0)
            above.append((box, format_number(base, spec.number_format)))
    for s, segment, value in inside:
        _inside_label(ink, spec, s, segment, value)
    bold = ink.font(bold=True)
    for box, text in above:
        _label_above(ink, box, text, bold if stacked else font)


def _label_above(ink: _Ink, bar: QRectF, text: str, font: QFont) -> None:
    """A data label just above a column (outside end), or a stack's total above it."""
    line = ink.line()
    box = QRectF(bar.left(), bar.top() - line, bar.width(), line)
    color = ink.color("text")
    ink.text(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text, font, color)


def _lines(ink: _Ink, spec: ChartSpec, axis: Axis, plot: QRectF) -> None:
    slot = plot.width() / len(spec.categories)
    painter = ink.painter
    for series in spec.series:
        color = ink.color(series.color)
        points = [
            None if v is None else QPointF(plot.left() + slot * (i + 0.5), _y(axis, plot, v))
            for i, v in enumerate(series.values)
        ]
        painter.setPen(_series_pen(ink, color, series.dashed))
        for a, b in itertools.pairwise(points):
            if a is not None and b is not None:
                painter.drawLine(a, b)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(color))
        radius = ink.pt(ink.look.marker_size / 2)
        for p in points:
            if p is not None:
                painter.drawEllipse(p, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)


# Horizontal bar charts ----------------------------------------------------------------------


def _horizontal_axis(ink: _Ink, spec: ChartSpec, width: float, font: QFont) -> Axis:
    """The value axis with as many intervals as there is room for their labels side by side."""
    for intervals in range(MAX_INTERVALS, 0, -1):
        axis = value_axis(largest_value(spec), spec, intervals)
        labels = _value_labels(axis, spec)
        need = max(ink.width(t, font) for t in labels) + ink.pt(2 * PAD)
        if need * (len(labels) - 1) <= width:
            return axis
    return value_axis(largest_value(spec), spec, 1)


def _horizontal(ink: _Ink, spec: ChartSpec, area: QRectF) -> None:
    font = ink.font()
    line = ink.line()
    natural = max(ink.width(c, font) for c in spec.categories) + ink.pt(1)
    label_w = min(natural, area.width() * MAX_CATEGORY_SHARE)
    label_reserve = 0.0
    if spec.data_labels and spec.kind is ChartKind.BAR:
        texts = [
            format_number(v, spec.number_format)
            for s in spec.series
            for v in s.values
            if v is not None
        ]
        label_reserve = max((ink.width(t, font) for t in texts), default=0.0) + ink.pt(PAD)
    bottom_band = line + ink.pt(PAD / 2) + (line if spec.value_axis_title else 0.0)
    plot = QRectF(area.left() + label_w + ink.pt(PAD), area.top(), 0, 0)
    plot.setRight(area.right() - max(label_reserve, ink.pt(2 * PAD)))
    plot.setBottom(area.bottom() - bottom_band)
    if plot.height() <= 0 or plot.width() <= 0:
        return
    axis = _horizontal_axis(ink, spec, plot.width(), font)
    _vertical_gridlines(ink, spec, axis, plot, area, font)
    _category_labels_left(ink, spec, plot, label_w, font)
    _bars(ink, spec, axis, plot, font)
    if spec.value_axis_title:
        top = plot.bottom() + line + ink.pt(PAD / 2)
        _centred_line(ink, spec.value_axis_title, plot.center().x(), top, area, font)


def _x(axis: Axis, plot: QRectF, value: float) -> float:
    return plot.left() + plot.width() * min(max(value, 0.0), axis.top) / axis.top


def _vertical_gridlines(
    ink: _Ink, spec: ChartSpec, axis: Axis, plot: QRectF, area: QRectF, font: QFont
) -> None:
    ink.painter.setPen(QPen(ink.grid, ink.pt(ink.look.gridline_width)))
    for tick in axis.ticks:
        x = _x(axis, plot, tick)
        ink.painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
    top = plot.bottom() + ink.pt(PAD / 2)
    for tick, text in zip(axis.ticks, _value_labels(axis, spec), strict=True):
        _centred_line(ink, text, _x(axis, plot, tick), top, area, font)


def _category_labels_left(
    ink: _Ink, spec: ChartSpec, plot: QRectF, label_w: float, font: QFont
) -> None:
    slot = plot.height() / len(spec.categories)
    ink.painter.setPen(QPen(ink.grid, ink.pt(ink.look.gridline_width)))
    ink.painter.drawLine(plot.topLeft(), plot.bottomLeft())
    most_lines = max(1, int(slot // ink.line()))
    color = ink.color("text")
    for i, category in enumerate(spec.categories):
        lines = ink.wrap(category, label_w)
        if len(lines) > most_lines:  # say that something is cut rather than hide it
            lines = [*lines[: most_lines - 1], " ".join(lines[most_lines - 1 :])]
            lines[-1] = QFontMetricsF(font).elidedText(
                lines[-1], Qt.TextElideMode.ElideRight, label_w
            )
        box = QRectF(plot.left() - ink.pt(PAD) - label_w, plot.top() + slot * i, label_w, slot)
        ink.text(
            box,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            "\n".join(lines),
            font,
            color,
        )


def _bars(ink: _Ink, spec: ChartSpec, axis: Axis, plot: QRectF, font: QFont) -> None:
    slot = plot.height() / len(spec.categories)
    bar, group = _bar_thickness(ink, spec, slot)
    stacked = spec.kind in STACKED_KINDS
    lengths = bar_lengths(spec)
    color = ink.color("text")
    line = ink.line()
    for i in range(len(spec.categories)):
        y0 = plot.top() + slot * i + (slot - group) / 2
        base = 0.0
        for s, series in enumerate(spec.series):
            length, raw = lengths[s][i], series.values[i]
            if length is None or raw is None:
                continue
            y = y0 if stacked else y0 + bar * s
            left = _x(axis, plot, base if stacked else 0.0)
            right = _x(axis, plot, (base if stacked else 0.0) + length)
            box = QRectF(left, y, right - left, bar)
            ink.fill(box, _point_color(ink, spec, s, i))
            if spec.data_labels:
                text = format_number(raw, spec.number_format)
                if not stacked:
                    label = QRectF(right + ink.pt(PAD / 2), y + bar / 2 - line / 2, 1e6, line)
                    ink.text(
                        label,
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                        text,
                        font,
                        color,
                    )
                elif _segment_labelled(ink, spec, s, i):
                    _inside_label(ink, spec, s, box, raw)
            base += max(0.0, length)
