"""Native, editable PowerPoint charts from a ChartSpec (python-pptx chart API).

No 3-D, no shadows, light gridlines, direct data labels, axis titles, the template's colours;
the chart area is transparent so a dark master shows through with light text on it.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Pt

from qbr_studio.charts.spec import ChartKind, ChartSpec
from qbr_studio.deck import style
from qbr_studio.deck.geometry import RGB
from qbr_studio.deck.plan import Chart, Palette

CHART_TYPES = {
    ChartKind.COLUMN: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartKind.STACKED_COLUMN: XL_CHART_TYPE.COLUMN_STACKED,
    ChartKind.PERCENT_STACKED_BAR: XL_CHART_TYPE.BAR_STACKED_100,
    ChartKind.BAR: XL_CHART_TYPE.BAR_CLUSTERED,
    ChartKind.LINE: XL_CHART_TYPE.LINE_MARKERS,
}
TITLE_SIZE = 14.0
GAP_WIDTH = 60
"""Space between bar groups as a percentage of a bar's width."""
LINE_WIDTH = Pt(2.5)
GRIDLINE_SHARE = 0.18
"""Gridlines are the text colour mixed this far into the background: visible, not loud."""


def _rgb(color: RGB) -> RGBColor:
    return RGBColor(color.r, color.g, color.b)


def _mix(a: RGB, b: RGB, share_of_b: float) -> RGB:
    return RGB(*(round(x + (y - x) * share_of_b) for x, y in ((a.r, b.r), (a.g, b.g), (a.b, b.b))))


def _ordered(spec: ChartSpec) -> ChartSpec:
    """Horizontal bar charts draw their first category at the bottom; reverse so the first
    category reads at the top, as in the table beside it."""
    if spec.kind is not ChartKind.BAR:
        return spec
    series = tuple(
        replace(
            s,
            values=tuple(reversed(s.values)),
            point_colors=tuple(reversed(s.point_colors)) if s.point_colors else None,
        )
        for s in spec.series
    )
    return replace(spec, categories=tuple(reversed(spec.categories)), series=series)


def add_chart(slide, element: Chart, palette: Palette):
    spec = _ordered(element.spec)
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    for s in spec.series:
        data.add_series(s.name, s.values)
    r = element.rect
    frame = slide.shapes.add_chart(CHART_TYPES[spec.kind], r.x, r.y, r.w, r.h, data)
    frame.name = element.name
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    chart = frame.chart
    _style_text(chart, palette)
    _title(chart, spec, palette)
    _axes(chart, spec, palette)
    _series(chart, spec, palette)
    _legend(chart, spec, palette)
    _transparent(chart)
    return frame


def _style_text(chart: PptxChart, palette: Palette) -> None:
    chart.font.size = Pt(style.CHART_SIZE)
    chart.font.color.rgb = _rgb(palette.text)


def _title(chart: PptxChart, spec: ChartSpec, palette: Palette) -> None:
    chart.has_title = True
    frame = chart.chart_title.text_frame
    frame.text = spec.title
    font = frame.paragraphs[0].runs[0].font
    font.size = Pt(TITLE_SIZE)
    font.bold = True
    font.color.rgb = _rgb(palette.text)


def _axes(chart: PptxChart, spec: ChartSpec, palette: Palette) -> None:
    grid = _mix(palette.background, palette.text, GRIDLINE_SHARE)
    value = chart.value_axis
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = _rgb(grid)
    value.major_gridlines.format.line.width = Pt(0.75)
    value.format.line.fill.background()
    value.tick_labels.number_format = spec.number_format
    value.tick_labels.number_format_is_linked = False
    value.tick_labels.font.size = Pt(style.CHART_SIZE)
    value.tick_labels.font.color.rgb = _rgb(palette.muted)
    value.minimum_scale = 0
    if spec.value_max is not None:
        value.maximum_scale = spec.value_max
    if spec.major_unit is not None:
        value.major_unit = spec.major_unit
    if spec.value_axis_title:
        value.has_title = True
        tf = value.axis_title.text_frame
        tf.text = spec.value_axis_title
        font = tf.paragraphs[0].runs[0].font
        font.size = Pt(style.CHART_SIZE)
        font.bold = False
        font.color.rgb = _rgb(palette.muted)
    category = chart.category_axis
    category.format.line.color.rgb = _rgb(grid)
    category.tick_labels.font.size = Pt(style.CHART_SIZE)
    category.tick_labels.font.color.rgb = _rgb(palette.text)
    category.has_major_gridlines = False


def _series(chart: PptxChart, spec: ChartSpec, palette: Palette) -> None:
    plot = chart.plots[0]
    plot.vary_by_categories = False
    if spec.kind is not ChartKind.LINE:
        plot.gap_width = GAP_WIDTH
        if spec.kind in (ChartKind.STACKED_COLUMN, ChartKind.PERCENT_STACKED_BAR):
            plot.overlap = 100
    for s, series in zip(spec.series, plot.series, strict=True):
        color = _rgb(palette.resolve(s.color))
        if spec.kind is ChartKind.LINE:
            series.format.line.color.rgb = color
            series.format.line.width = LINE_WIDTH
            series.smooth = False
            if s.dashed:
                series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = color
            series.marker.format.line.color.rgb = color
            series.marker.size = 5
            continue
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = color
        series.format.line.fill.background()
        for i, role in enumerate(s.point_colors or ()):
            point = series.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(palette.resolve(role))
            point.format.line.fill.background()
    if spec.data_labels and spec.kind is not ChartKind.LINE:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = spec.number_format
        labels.number_format_is_linked = False
        labels.font.size = Pt(style.CHART_SIZE)
        labels.font.color.rgb = _rgb(palette.text)
        if spec.kind in (ChartKind.COLUMN, ChartKind.BAR):
            labels.position = XL_LABEL_POSITION.OUTSIDE_END


def _legend(chart: PptxChart, spec: ChartSpec, palette: Palette) -> None:
    chart.has_legend = spec.legend
    if spec.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(style.CHART_SIZE)
        chart.legend.font.color.rgb = _rgb(palette.text)


def _transparent(chart: PptxChart) -> None:
    """No fill and no border on the chart area, so the slide's background shows through."""
    space = chart._chartSpace
    sp_pr = space.find(qn("c:spPr"))
    if sp_pr is None:
        sp_pr = etree.SubElement(space, qn("c:spPr"))
        space.find(qn("c:chart")).addnext(sp_pr)
    for child in list(sp_pr):
        sp_pr.remove(child)
    etree.SubElement(sp_pr, qn("a:noFill"))
    line = etree.SubElement(sp_pr, qn("a:ln"))
    etree.SubElement(line, qn("a:noFill"))
