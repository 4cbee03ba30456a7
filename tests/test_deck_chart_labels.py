"""Stacked columns show each column's total above it and a value label inside each segment
that can hold it, none where a segment is too small (issue 16): the rule decided once by
planning (``deck/planning/chart_labels.py``), written as chart XML that LibreOffice renders,
and drawn the same by the app's painter."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from lxml import etree
from render_support import can_render, to_pdf, words_by_page

from qbr_studio.charts import catalog
from qbr_studio.charts.number_format import format_number
from qbr_studio.charts.spec import ChartKind, ChartSpec, Series
from qbr_studio.deck.fit import LINE_HEIGHT
from qbr_studio.deck.geometry import Rect, inches
from qbr_studio.deck.plan import Chart, ChartLook
from qbr_studio.deck.planning.blocks import chart as chart_element
from qbr_studio.deck.planning.chart_labels import label_fits, segment_labels
from qbr_studio.deck.produce import build_deck
from qbr_studio.deck.reading.template import load_template
from qbr_studio.deck.writing.chart_xml import chart_space, workbook
from qbr_studio.model import Opportunity, OpportunityKind, Risk
from qbr_studio.sample import build_sample_review

C = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
MONTHS = [dt.date(2027, m, 1) for m in (1, 2, 3)]


def _renewal(n: int, month: int, amount: float, risk: Risk) -> Opportunity:
    return Opportunity(
        id=f"o{n}",
        account_id=f"a{n}",
        kind=OpportunityKind.RENEWAL,
        amount=amount,
        close_date=dt.date(2027, month, 15),
        risk=risk,
    )


def _spec() -> ChartSpec:
    """Three months: January's high-risk sliver ($4k on $400k) cannot hold its label."""
    renewals = [
        _renewal(1, 1, 396_000, Risk.LOW),
        _renewal(2, 1, 4_000, Risk.HIGH),
        _renewal(3, 2, 150_000, Risk.LOW),
        _renewal(4, 2, 150_000, Risk.MEDIUM),
        _renewal(5, 3, 220_000, Risk.HIGH),
    ]
    spec = catalog.renewals_by_month(
        renewals, MONTHS, lambda v: f"${v / 1000:.0f}k", "$", "CRM", lambda o: o.risk
    )
    assert spec is not None
    return spec


WIDE = Rect(0, 0, inches(6), inches(4.5))


def _look(spec: ChartSpec, rect: Rect = WIDE) -> ChartLook:
    return segment_labels(spec, rect, ChartLook(), "Calibri")


def test_the_renewals_chart_asks_for_totals_and_segment_labels_with_room_above():
    spec = _spec()
    assert spec.kind is ChartKind.STACKED_COLUMN and spec.totals and spec.data_labels
    tallest = 400_000
    assert spec.value_max is not None and spec.major_unit is not None
    assert spec.value_max >= tallest * (1 + catalog.TOTALS_HEADROOM)
    assert spec.value_max / spec.major_unit <= catalog.MAX_TICKS - 1


def test_a_segment_gets_its_label_only_where_the_label_fits():
    spec = _spec()
    low, medium, high = (s.name for s in spec.series)
    assert (low, medium, high) == ("Low risk", "Medium risk", "High risk")
    mask = dict(zip((low, medium, high), _look(spec).segment_labels, strict=True))
    assert mask[low] == (True, True, False)  # March has no low-risk renewal
    assert mask[medium] == (False, True, False)
    assert mask[high] == (False, False, True)  # January's $4k sliver is too small


def test_a_chart_too_narrow_for_its_labels_gets_none_and_other_charts_are_left_alone():
    spec = _spec()
    narrow = Rect(0, 0, inches(1.6), inches(4.5))
    assert not any(any(row) for row in _look(spec, narrow).segment_labels)
    column = ChartSpec(ChartKind.COLUMN, "t", ("a",), (Series("s", (1.0,), "series:0"),), "alt")
    assert _look(column) == ChartLook()


def test_label_fits_needs_a_line_of_height_and_the_text_width():
    size = 10.0
    line = size * LINE_HEIGHT
    assert label_fits(line + 5, 60, "$92k", size, "Calibri")
    assert not label_fits(line - 1, 60, "$92k", size, "Calibri")
    assert not label_fits(line + 5, 15, "$92k", size, "Calibri")


# --- the .pptx chart part ----------------------------------------------------------------


def _chart_xml(spec: ChartSpec, look: ChartLook) -> etree._Element:
    palette = load_template(None).palettes["content"]
    return etree.fromstring(chart_space(spec, palette, look))


def test_the_chart_part_writes_totals_as_a_labelled_invisible_line_left_out_of_the_legend():
    spec = _spec()
    xml = _chart_xml(spec, _look(spec))
    (line,) = xml.findall(".//c:lineChart/c:ser", C)
    values = [float(v.text) for v in line.findall("c:val//c:pt/c:v", C)]
    assert values == [400_000.0, 300_000.0, 220_000.0]
    assert line.find("c:spPr/a:ln/a:noFill", C) is not None
    assert line.find("c:marker/c:symbol", C).get("val") == "none"
    assert line.find("c:dLbls/c:dLblPos", C).get("val") == "t"
    assert line.find("c:dLbls/c:showVal", C).get("val") == "1"
    axes = [a.get("val") for a in xml.findall(".//c:lineChart/c:axId", C)]
    assert axes == [a.get("val") for a in xml.findall(".//c:barChart/c:axId", C)]
    hidden = xml.find(".//c:legend/c:legendEntry", C)
    assert hidden.find("c:idx", C).get("val") == str(len(spec.series))
    assert hidden.find("c:delete", C).get("val") == "1"
    assert b"Total" in workbook(spec)


def test_the_chart_part_deletes_exactly_the_labels_that_do_not_fit():
    spec = _spec()
    look = _look(spec)
    xml = _chart_xml(spec, look)
    for shown, ser in zip(look.segment_labels, xml.findall(".//c:barChart/c:ser", C), strict=True):
        labels = ser.find("c:dLbls", C)
        if not any(shown):
            assert labels is None
            continue
        deleted = {int(d.find("c:idx", C).get("val")) for d in labels.findall("c:dLbl", C)}
        assert deleted == {k for k, on in enumerate(shown) if not on}
        assert labels.find("c:dLblPos", C).get("val") == "ctr"


def test_a_chart_without_totals_writes_one_plot():
    spec = catalog.pipeline_by_stage(
        [
            Opportunity(
                id="g", account_id="a", kind=OpportunityKind.EXPANSION, amount=5.0, stage="Proposal"
            )
        ],
        str,
        "$",
        "",
    )
    xml = _chart_xml(spec, ChartLook())
    assert xml.find(".//c:lineChart", C) is None and xml.find(".//c:legendEntry", C) is None


# --- the app's painter ---------------------------------------------------------------------


def _painted(qapp, spec: ChartSpec, look: ChartLook, size: tuple[int, int]):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from qbr_studio.ui.chart_painter import paint_chart

    class Recorder(QPainter):
        def __init__(self, device):
            super().__init__(device)
            self.drawn: list[tuple[str, QRectF, bool]] = []

        def drawText(self, *args):
            self.drawn.append((str(args[-1]), QRectF(args[0]), self.font().bold()))

    image = QImage(*size, QImage.Format.Format_RGB32)
    painter = Recorder(image)
    palette = load_template(None).palettes["content"]
    paint_chart(painter, spec, QRectF(0, 0, *size), palette, 1.0, look=look)
    painter.end()
    return painter.drawn


def test_the_painter_draws_the_totals_and_only_the_labels_the_plan_fitted(qapp):
    spec = _spec()
    look = _look(spec)
    drawn = _painted(qapp, spec, look, (432, 324))  # 6 × 4.5 in at one unit per point
    bold = [text for text, _, is_bold in drawn if is_bold and text != spec.title]
    assert bold == ["$400k", "$300k", "$220k"]
    expected = {
        format_number(v, spec.number_format)
        for s, shown in zip(spec.series, look.segment_labels, strict=True)
        for v, on in zip(s.values, shown, strict=True)
        if on
    }
    inside = {text for text, _, is_bold in drawn if not is_bold} & {
        format_number(v, spec.number_format) for s in spec.series for v in s.values if v
    }
    assert inside == expected and "$4k" not in inside
    line = look.segment_label_size * LINE_HEIGHT
    for text, box, is_bold in drawn:  # each label's segment really holds a line
        if text in expected and not is_bold:
            assert box.height() >= line, (text, box.height())


# --- LibreOffice ------------------------------------------------------------------------------


@pytest.mark.render
@pytest.mark.skipif(not can_render(), reason="needs LibreOffice (soffice) and poppler")
def test_libreoffice_draws_the_totals_and_fitted_labels_without_overlap(tmp_path):
    deck = tmp_path / "sample.pptx"
    plan = build_deck(build_sample_review(), deck)
    number, chart = next(
        (n, e)
        for n, s in enumerate(plan.slides)
        for e in s.elements
        if isinstance(e, Chart) and e.spec.totals and any(any(r) for r in e.look.segment_labels)
    )
    spec = chart.spec
    totals = [sum(s.values[k] or 0 for s in spec.series) for k in range(len(spec.categories))]
    wanted = [format_number(t, spec.number_format) for t in totals] + [
        format_number(v, spec.number_format)
        for s, shown in zip(spec.series, chart.look.segment_labels, strict=True)
        for v, on in zip(s.values, shown, strict=True)
        if on
    ]
    possible = {format_number(v, spec.number_format) for s in spec.series for v in s.values if v}
    words = words_by_page(to_pdf(deck, tmp_path))[number]
    labels = [w for w in words if w.text in possible | set(wanted)]
    assert sorted(w.text for w in labels) == sorted(wanted)
    assert "Total" not in {w.text for w in words}  # the totals series has no legend entry
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            apart = a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0
            assert apart, f"{a.text} overlaps {b.text}"


def test_every_planned_chart_carries_its_fitted_look():
    plan_chart = chart_element(WIDE, _spec(), "Renewals", "Calibri")
    assert plan_chart.look == _look(_spec())
