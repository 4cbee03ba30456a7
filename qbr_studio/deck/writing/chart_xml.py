"""Native PowerPoint charts written as DrawingML chart XML in one pass, with their editable
data as a minimal embedded workbook.

The output mirrors what python-pptx's chart API produces and then styles (it was the model,
element for element), in the order ECMA-376 prescribes: ``c:ser`` is idx, order, tx, spPr,
(invertIfNegative | marker), dPt*, dLbls, cat, val, smooth; axes are axId, scaling, delete,
axPos, majorGridlines, title, numFmt, tick marks, tickLblPos, spPr, txPr, crossAx, crosses….
Writing it directly is several times faster than setting each property through the API.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from xml.sax.saxutils import escape

from qbr_studio.charts.spec import ChartKind, ChartSpec, Series
from qbr_studio.deck.colors import mix
from qbr_studio.deck.geometry import RGB, pt_to_emu
from qbr_studio.deck.plan import ChartLook, Palette
from qbr_studio.deck.writing.ooxml import attr, fill, text
from qbr_studio.sheet_refs import column_letter as letter

CAT_AX, VAL_AX = 2068027336, 2113994440
"""Axis ids; any pair of distinct numbers works, fixed ones keep builds identical."""
NS = (
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_BAR = {
    ChartKind.COLUMN: ("col", "clustered"),
    ChartKind.STACKED_COLUMN: ("col", "stacked"),
    ChartKind.PERCENT_STACKED_BAR: ("bar", "percentStacked"),
    ChartKind.BAR: ("bar", "clustered"),
}


def _sz(points: float) -> int:
    return round(points * 100)


def _txpr(size: float, color: RGB, rotation: int | None = None, *, bold: bool = False) -> str:
    """Text properties; ``rotation`` (degrees) fixes the labels' angle (``None``: the
    application's)."""
    body = (
        "<a:bodyPr/>" if rotation is None else f'<a:bodyPr rot="{rotation * 60000}" vert="horz"/>'
    )
    weight = ' b="1"' if bold else ""
    return (
        f'<c:txPr>{body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="{_sz(size)}"{weight}>'
        f'{fill(color)}</a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>'
    )


def _rich_title(value: str, size: float, color: RGB, bold: bool) -> str:
    return (
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r>"
        f'<a:rPr lang="en-US" sz="{_sz(size)}" b="{int(bold)}">{fill(color)}</a:rPr>'
        f'<a:t>{text(value)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
    )


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def _data_refs(spec: ChartSpec, i: int, s: Series) -> str:
    n = len(spec.categories)
    col = letter(i + 1)
    cats = "".join(
        f'<c:pt idx="{k}"><c:v>{text(c)}</c:v></c:pt>' for k, c in enumerate(spec.categories)
    )
    vals = "".join(
        f'<c:pt idx="{k}"><c:v>{_number(v)}</c:v></c:pt>'
        for k, v in enumerate(s.values)
        if v is not None
    )
    return (
        f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${n + 1}</c:f><c:strCache>"
        f'<c:ptCount val="{n}"/>{cats}</c:strCache></c:strRef></c:cat>'
        f"<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${n + 1}</c:f><c:numCache>"
        f"<c:formatCode>{escape(spec.number_format)}</c:formatCode>"
        f'<c:ptCount val="{n}"/>{vals}</c:numCache></c:numRef></c:val>'
    )


def _series_head(i: int, s: Series) -> str:
    return (
        f'<c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:strRef><c:f>Sheet1!${letter(i + 1)}$1'
        f'</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{text(s.name)}</c:v></c:pt>'
        "</c:strCache></c:strRef></c:tx>"
    )


TOTAL = "Total"
"""The name of the series that carries stacked columns' totals (a column of "Edit Data")."""
STACKED = (ChartKind.STACKED_COLUMN, ChartKind.PERCENT_STACKED_BAR)


def _totals(spec: ChartSpec) -> Series | None:
    """The totals written above stacked columns, as a series of their own (drawn as an
    invisible line whose labels sit above each column: PowerPoint and LibreOffice have no
    "total" label on a stack)."""
    if not spec.totals or spec.kind is not ChartKind.STACKED_COLUMN:
        return None
    totals = tuple(
        float(sum(s.values[k] or 0.0 for s in spec.series)) for k in range(len(spec.categories))
    )
    return Series(TOTAL, totals, "text")


def _all_series(spec: ChartSpec) -> tuple[Series, ...]:
    """The spec's series and, where it shows totals, the totals series after them."""
    total = _totals(spec)
    return spec.series if total is None else (*spec.series, total)


def _show(value: bool) -> str:
    return (
        f'<c:showLegendKey val="0"/><c:showVal val="{int(value)}"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
    )


def _label_group(spec: ChartSpec, size: float, color: RGB, position: str, bold: bool) -> str:
    """The settings shared by a series' (or a chart's) data labels, after any ``c:dLbl``."""
    at = f'<c:dLblPos val="{position}"/>' if position else ""
    return (
        f'<c:numFmt formatCode={attr(spec.number_format)} sourceLinked="0"/>'
        f"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        f"{_txpr(size, color, bold=bold)}{at}{_show(True)}"
    )


def _segment_labels(spec: ChartSpec, i: int, s: Series, palette: Palette, look: ChartLook) -> str:
    """A stacked series' value labels, centred in the segments the plan says they fit in; the
    others are deleted one by one, so no label is drawn where it would overlap."""
    if not spec.data_labels or spec.kind not in STACKED:
        return ""
    shown = look.segment_labels[i] if i < len(look.segment_labels) else ()
    if not any(shown):
        return ""
    hidden = "".join(
        f'<c:dLbl><c:idx val="{k}"/><c:delete val="1"/></c:dLbl>'
        for k in range(len(spec.categories))
        if k >= len(shown) or not shown[k]
    )
    color = palette.text_on(s.color)
    group = _label_group(spec, look.segment_label_size, color, "ctr", False)
    return f"<c:dLbls>{hidden}{group}</c:dLbls>"


def _bar_series(spec: ChartSpec, i: int, s: Series, palette: Palette, look: ChartLook) -> str:
    no_line = "<a:ln><a:noFill/></a:ln>"
    points = "".join(
        f'<c:dPt><c:idx val="{k}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>'
        f"<c:spPr>{fill(palette.resolve(role))}{no_line}</c:spPr></c:dPt>"
        for k, role in enumerate(s.point_colors or ())
    )
    labels = _segment_labels(spec, i, s, palette, look)
    return (
        f"<c:ser>{_series_head(i, s)}<c:spPr>{fill(palette.resolve(s.color))}{no_line}</c:spPr>"
        f'<c:invertIfNegative val="0"/>{points}{labels}{_data_refs(spec, i, s)}</c:ser>'
    )


def _totals_chart(spec: ChartSpec, palette: Palette, look: ChartLook, axes: str) -> str:
    """The totals above stacked columns: a line series on the columns' axes with no line and
    no markers, labelled above each point (its value is its column's total)."""
    total = _totals(spec)
    if total is None:
        return ""
    i = len(spec.series)
    labels = _label_group(spec, look.label_size, palette.text, "t", True)
    return (
        f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
        f"<c:ser>{_series_head(i, total)}<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>"
        f'<c:marker><c:symbol val="none"/></c:marker><c:dLbls>{labels}</c:dLbls>'
        f'{_data_refs(spec, i, total)}<c:smooth val="0"/></c:ser>'
        f'<c:marker val="1"/>{axes}</c:lineChart>'
    )


def _line_series(spec: ChartSpec, i: int, s: Series, palette: Palette, look: ChartLook) -> str:
    color = fill(palette.resolve(s.color))
    dash = f'<a:prstDash val="{look.dash}"/>' if s.dashed else ""
    width, marker = pt_to_emu(look.line_width), look.marker_size
    return (
        f'<c:ser>{_series_head(i, s)}<c:spPr><a:ln w="{width}">{color}{dash}</a:ln>'
        f'</c:spPr><c:marker><c:symbol val="circle"/><c:size val="{marker}"/><c:spPr>{color}'
        f"<a:ln>{color}</a:ln></c:spPr></c:marker>{_data_refs(spec, i, s)}"
        '<c:smooth val="0"/></c:ser>'
    )


def _data_labels(spec: ChartSpec, palette: Palette, look: ChartLook) -> str:
    """Labels above (or beyond) every bar of a column or bar chart; stacked series label
    their own segments (:func:`_segment_labels`)."""
    if not spec.data_labels or spec.kind not in (ChartKind.COLUMN, ChartKind.BAR):
        return ""
    return (
        f"<c:dLbls>{_label_group(spec, look.label_size, palette.text, 'outEnd', False)}</c:dLbls>"
    )


def _plot(spec: ChartSpec, palette: Palette, look: ChartLook) -> str:
    axes = f'<c:axId val="{CAT_AX}"/><c:axId val="{VAL_AX}"/>'
    if spec.kind is ChartKind.LINE:
        series = "".join(_line_series(spec, i, s, palette, look) for i, s in enumerate(spec.series))
        return (
            f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}'
            f'<c:marker val="1"/>{axes}</c:lineChart>'
        )
    direction, grouping = _BAR[spec.kind]
    series = "".join(_bar_series(spec, i, s, palette, look) for i, s in enumerate(spec.series))
    overlap = '<c:overlap val="100"/>' if grouping != "clustered" else ""
    return (
        f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="{grouping}"/>'
        f'<c:varyColors val="0"/>{series}{_data_labels(spec, palette, look)}'
        f'<c:gapWidth val="{look.gap_width}"/>{overlap}{axes}</c:barChart>'
        f"{_totals_chart(spec, palette, look, axes)}"
    )


def _axes(spec: ChartSpec, palette: Palette, look: ChartLook) -> str:
    grid = fill(mix(palette.background, palette.text, look.gridline_share))
    grid_width = pt_to_emu(look.gridline_width)
    horizontal = spec.kind in (ChartKind.BAR, ChartKind.PERCENT_STACKED_BAR)
    cat_pos, val_pos = ("l", "b") if horizontal else ("b", "l")
    scaling = ""
    if spec.value_max is not None:
        scaling += f'<c:max val="{_number(spec.value_max)}"/>'
    scaling += '<c:min val="0.0"/>'
    title = (
        _rich_title(spec.value_axis_title, look.label_size, palette.muted, False)
        if spec.value_axis_title
        else ""
    )
    unit = f'<c:majorUnit val="{_number(spec.major_unit)}"/>' if spec.major_unit else ""
    ticks = '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
    category = (
        f'<c:catAx><c:axId val="{CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{cat_pos}"/>{ticks}'
        f"<c:spPr><a:ln>{grid}</a:ln></c:spPr>"
        f"{_txpr(look.label_size, palette.text, look.category_label_rotation)}"
        f'<c:crossAx val="{VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        f'<c:tickLblSkip val="{look.category_label_skip}"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    value = (
        f'<c:valAx><c:axId val="{VAL_AX}"/><c:scaling><c:orientation val="minMax"/>{scaling}'
        f'</c:scaling><c:delete val="0"/><c:axPos val="{val_pos}"/>'
        f'<c:majorGridlines><c:spPr><a:ln w="{grid_width}">{grid}</a:ln></c:spPr>'
        "</c:majorGridlines>"
        f'{title}<c:numFmt formatCode={attr(spec.number_format)} sourceLinked="0"/>{ticks}'
        f"<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{_txpr(look.label_size, palette.muted)}"
        f'<c:crossAx val="{CAT_AX}"/><c:crosses val="autoZero"/>'
        f'<c:crossBetween val="between"/>{unit}</c:valAx>'
    )
    return category + value


def _legend(spec: ChartSpec, palette: Palette, look: ChartLook) -> str:
    if not spec.legend:
        return ""
    hidden = (
        f'<c:legendEntry><c:idx val="{len(spec.series)}"/><c:delete val="1"/></c:legendEntry>'
        if _totals(spec) is not None
        else ""
    )
    return (
        f'<c:legend><c:legendPos val="b"/>{hidden}<c:overlay val="0"/>'
        f"{_txpr(look.label_size, palette.text)}</c:legend>"
    )


def ordered(spec: ChartSpec) -> ChartSpec:
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


def chart_space(spec: ChartSpec, palette: Palette, look: ChartLook) -> bytes:
    """The whole ``c:chartSpace`` part for ``spec`` (already :func:`ordered`)."""
    xml = (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<c:chartSpace {NS}>"
        '<c:date1904 val="0"/><c:roundedCorners val="0"/><c:chart>'
        f"{_rich_title(spec.title, look.title_size, palette.text, True)}"
        f'<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>{_plot(spec, palette, look)}'
        f"{_axes(spec, palette, look)}</c:plotArea>{_legend(spec, palette, look)}"
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        f"{_txpr(look.label_size, palette.text)}</c:chartSpace>"
    )
    return xml.encode("utf-8")


# The embedded workbook ------------------------------------------------------------------

_XLSX_STATIC = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def _cell(ref: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{_number(value)}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{text(str(value))}</t></is></c>'


def workbook(spec: ChartSpec) -> bytes:
    """The chart's data as Sheet1 (categories in A, one series per column), the layout the
    chart's formulas point at, so "Edit Data" in PowerPoint opens the real numbers."""
    series = _all_series(spec)
    header = [""] + [s.name for s in series]
    rows = [header] + [
        [cat] + [s.values[k] for s in series] for k, cat in enumerate(spec.categories)
    ]
    body = "".join(
        f'<row r="{r + 1}">'
        + "".join(
            _cell(f"{letter(c)}{r + 1}", v) for c, v in enumerate(row) if v is not None and v != ""
        )
        + "</row>"
        for r, row in enumerate(rows)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in (*_XLSX_STATIC.items(), ("xl/worksheets/sheet1.xml", sheet)):
            zf.writestr(zipfile.ZipInfo(name, _FIXED_TIME), content)
    return out.getvalue()
