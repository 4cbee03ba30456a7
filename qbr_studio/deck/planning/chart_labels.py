"""Which segments of a stacked chart carry their value label: the one home of the rule "a
label fits in its segment"; and whether a chart's category labels fit under their columns or
take their short form (:func:`fitted_categories`).

A label is written inside a segment only when the segment is both taller than one line of the
label and wider than the label's text, as the chart is drawn at its size on the slide; a
segment too small to hold its label gets none, so labels never overlap each other or spill
over a neighbour. The plot area is estimated from the chart's size the way the renderers lay
it out (title on top, legend and category labels below, value labels on the left) and then
made smaller by :data:`PLOT_SHARE`, because PowerPoint and LibreOffice leave wider margins
than any estimate can know: a label may be left out where it would just have fitted, never
drawn where it does not. The decision travels in the plan
(:attr:`~qbr_studio.deck.plan.ChartLook.segment_labels`) and every renderer follows it.
"""

from __future__ import annotations

import math
from dataclasses import replace

from qbr_studio.charts.catalog import nice_step
from qbr_studio.charts.number_format import format_number
from qbr_studio.charts.spec import ChartKind, ChartSpec
from qbr_studio.deck.fit import LINE_HEIGHT, FontFace, text_width, wrap
from qbr_studio.deck.geometry import Rect, emu_to_pt
from qbr_studio.deck.plan import ChartLook

STACKED = (ChartKind.STACKED_COLUMN, ChartKind.PERCENT_STACKED_BAR)
PAD = 4.0
"""Points of space the renderers keep inside the chart and between its parts."""
PLOT_SHARE = 0.88
"""The plot area is taken as this share of the estimate in each direction (see above)."""
LABEL_MARGIN = 2.0
"""Points of room a label keeps from its segment's edges, on each side."""


def label_fits(length: float, thickness: float, text: str, size: float, font: str) -> bool:
    """Whether a value label ``text`` at ``size`` points fits inside a segment ``length``
    points along the value axis and ``thickness`` points across (both as drawn)."""
    line = size * LINE_HEIGHT + 2 * LABEL_MARGIN
    width = text_width(text, size, FontFace(font)) + 2 * LABEL_MARGIN
    return length >= line and thickness >= width


def _line(size: float) -> float:
    return size * LINE_HEIGHT


def _axis_top(spec: ChartSpec, largest: float) -> float:
    """The value axis' top: the spec's, else one round step above the data (the most an
    application's own scaling adds), so segments are never taken as longer than drawn."""
    if spec.kind is ChartKind.PERCENT_STACKED_BAR:
        return 1.0
    if spec.value_max is not None:
        return spec.value_max
    step = spec.major_unit or nice_step(largest) or 1.0
    return step * (math.floor(largest / step) + 2)


def plot_size(
    spec: ChartSpec, width: float, height: float, look: ChartLook, font: str
) -> tuple[float, float]:
    """(width, height) in points of the plot area of ``spec`` drawn ``width`` × ``height``
    points, as planning counts on it: the estimate taken down to :data:`PLOT_SHARE`."""
    line = _line(look.label_size)
    face = FontFace(font)
    width -= 2 * PAD
    height -= 2 * PAD
    if spec.title:
        lines = wrap(spec.title, look.title_size, max(1.0, width), FontFace(font, bold=True))
        height -= len(lines) * _line(look.title_size) + PAD
    if spec.legend:
        height -= line + PAD
    axis_title = line + PAD if spec.value_axis_title else 0.0
    widest_category = max(
        (text_width(c, look.label_size, face) for c in spec.categories), default=0
    )
    if spec.kind is ChartKind.PERCENT_STACKED_BAR:  # categories on the left, values below
        width -= widest_category + PAD + 2 * PAD
        height -= line + PAD / 2 + axis_title
    else:
        top = spec.value_max or max(_totals(spec), default=0.0)
        widest_value = text_width(format_number(top, spec.number_format), look.label_size, face)
        width -= axis_title + widest_value + PAD
        slot = width / max(1, len(spec.categories))
        rows = 1 if widest_category <= slot else 2
        height -= line * rows + PAD + line / 2
    return max(0.0, width * PLOT_SHARE), max(0.0, height * PLOT_SHARE)


def _totals(spec: ChartSpec) -> list[float]:
    return [
        sum(max(0.0, s.values[i] or 0.0) for s in spec.series) for i in range(len(spec.categories))
    ]


VERTICAL = (ChartKind.COLUMN, ChartKind.STACKED_COLUMN, ChartKind.LINE)


def fitted_categories(spec: ChartSpec, rect: Rect, look: ChartLook, font: str) -> ChartSpec:
    """``spec`` with its short category labels when a word of its own would not fit under
    its column (drawn in ``rect``, EMU), rather than have the labels broken mid-word."""
    if spec.kind not in VERTICAL or not spec.short_categories or not spec.categories:
        return spec
    width, _ = plot_size(spec, emu_to_pt(rect.w), emu_to_pt(rect.h), look, font)
    slot = width / len(spec.categories)
    face = FontFace(font)
    widest = max(text_width(w, look.label_size, face) for c in spec.categories for w in c.split())
    if widest + 2 * LABEL_MARGIN <= slot:
        return spec
    return replace(spec, categories=spec.short_categories, short_categories=())


def segment_labels(spec: ChartSpec, rect: Rect, look: ChartLook, font: str) -> ChartLook:
    """``look`` with the segments of ``spec`` (drawn in ``rect``, EMU) that hold their label;
    ``look`` unchanged for a chart that is not stacked or has no data labels."""
    if spec.kind not in STACKED or not spec.data_labels or not spec.categories:
        return look
    plot_w, plot_h = plot_size(spec, emu_to_pt(rect.w), emu_to_pt(rect.h), look, font)
    totals = _totals(spec)
    horizontal = spec.kind is ChartKind.PERCENT_STACKED_BAR
    along, across = (plot_w, plot_h) if horizontal else (plot_h, plot_w)
    slot = across / len(spec.categories)
    bar = slot / (1 + look.gap_width / 100)
    top = _axis_top(spec, max(totals, default=0.0))
    mask = []
    for series in spec.series:
        row = []
        for i, value in enumerate(series.values):
            if not value or value <= 0 or not totals[i]:
                row.append(False)
                continue
            share = value / totals[i] if horizontal else value / top
            text = format_number(value, spec.number_format)
            row.append(label_fits(along * share, bar, text, look.segment_label_size, font))
        mask.append(tuple(row))
    return replace(look, segment_labels=tuple(mask))
