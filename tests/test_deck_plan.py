"""The slide plan is the whole plan: each slide names its layout and carries its title,
subtitle and footer as elements; tables and charts carry their look; each writer is a
dispatch over the element types and draws what the plan says, nothing of its own."""

from __future__ import annotations

import io
import os
import typing
import zipfile
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from qbr_studio.deck.plan import (
    Chart,
    ChartLook,
    DeckPlan,
    Drawn,
    PlaceholderRole,
    PlaceholderText,
    Table,
    TableLook,
    TextBox,
)
from qbr_studio.deck.planning.furniture import SUBTITLE_SIZE
from qbr_studio.deck.produce import plan_deck
from qbr_studio.deck.reading.template import load_template
from qbr_studio.deck.writing.pptx_writer import WRITERS, write_pptx
from qbr_studio.model.deck_kinds import SlideKind
from qbr_studio.sample import build_sample_review


@pytest.fixture(scope="module")
def plan() -> DeckPlan:
    return plan_deck(build_sample_review())


def _written(plan: DeckPlan) -> zipfile.ZipFile:
    out = io.BytesIO()
    write_pptx(plan, out)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def test_every_slide_names_its_layout(plan: DeckPlan) -> None:
    info = load_template(None)
    assert plan.template == info.path
    for slide in plan.slides:
        expected = info.title_layout if slide.kind is SlideKind.TITLE else info.content_layout
        assert slide.layout == expected


def test_titles_subtitle_and_footer_are_elements_with_size_and_colour(plan: DeckPlan) -> None:
    first, *rest = plan.slides
    roles = {t.role: t.paragraph for t in first.placeholders}
    assert roles[PlaceholderRole.TITLE].text == first.title
    assert roles[PlaceholderRole.TITLE].size == first.title_size
    assert roles[PlaceholderRole.TITLE].color == "title"
    assert roles[PlaceholderRole.SUBTITLE].text == first.subtitle
    assert (roles[PlaceholderRole.SUBTITLE].size, roles[PlaceholderRole.SUBTITLE].color) == (
        SUBTITLE_SIZE,
        "subtitle",
    )
    assert first.footer_box is None
    for slide in rest:
        # The bundled content layout has footer and slide-number placeholders: both are used.
        title, footer, number = slide.placeholders
        assert [t.role for t in slide.placeholders] == [
            PlaceholderRole.TITLE,
            PlaceholderRole.FOOTER,
            PlaceholderRole.SLIDE_NUMBER,
        ]
        assert slide.footer.startswith(footer.paragraph.text)
        assert number.paragraph.text == str(slide.number)
        assert {footer.paragraph.color, number.paragraph.color} == {"footer"}
        assert slide.footer_box is None
        assert slide.drawn()[0] is title


def test_every_drawn_type_has_a_writer_and_a_painter() -> None:
    from qbr_studio.ui.slide_painter import PAINTERS

    kinds = set(typing.get_args(Drawn))
    assert {PlaceholderText, TextBox, Table, Chart} <= kinds
    assert set(WRITERS) == kinds
    assert set(PAINTERS) == kinds


def test_the_writer_writes_the_plans_words_not_its_own(plan: DeckPlan) -> None:
    """Change the plan's title text and size, its colour role and the footer's size; the
    .pptx follows."""
    slide = plan.slides[1]
    title_text, footer_text, number = slide.placeholders
    title = replace(
        title_text.paragraph,
        runs=(replace(title_text.paragraph.runs[0], text="Replaced title"),),
        size=31.0,
        color="status:red",
    )
    footer = replace(footer_text, paragraph=replace(footer_text.paragraph, size=7.0))
    edited = replace(slide, placeholders=(replace(title_text, paragraph=title), footer, number))
    deck = _written(replace(plan, slides=[plan.slides[0], edited]))
    xml = deck.read("ppt/slides/slide2.xml").decode()
    assert "Replaced title" in xml and slide.title not in xml
    assert 'sz="700"' in xml and 'sz="3100"' in xml
    assert plan.palette_for(slide).status["red"].hex in xml


def test_chart_look_reaches_the_chart_xml(plan: DeckPlan) -> None:
    look = ChartLook(marker_size=9, gap_width=120, gridline_width=1.5, title_size=20.0)
    slides = [
        replace(
            s, elements=[replace(e, look=look) if isinstance(e, Chart) else e for e in s.elements]
        )
        for s in plan.slides
    ]
    deck = _written(replace(plan, slides=slides))
    charts = [deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/charts/chart")]
    bars = [c for c in charts if "<c:barChart>" in c]
    lines = [c for c in charts if "<c:lineChart>" in c and "<c:barChart>" not in c]
    assert bars and lines  # (a stacked chart's totals are an unmarked line over its bars)
    assert all('<c:gapWidth val="120"/>' in c for c in bars)
    assert all('<c:size val="9"/>' in c for c in lines)
    assert all('<c:majorGridlines><c:spPr><a:ln w="19050">' in c for c in charts)
    assert all('sz="2000" b="1"' in c for c in charts)


def test_table_look_reaches_the_table_xml(plan: DeckPlan) -> None:
    slide = next(s for s in plan.slides if any(isinstance(e, Table) for e in s.elements))
    look = TableLook(header_fill="status:red", bands=("surface",))
    elements = [replace(e, look=look) if isinstance(e, Table) else e for e in slide.elements]
    deck = _written(replace(plan, slides=[replace(slide, elements=elements)]))
    xml = deck.read("ppt/slides/slide1.xml").decode()
    palette = plan.palette_for(slide)
    assert f'<a:srgbClr val="{palette.status["red"].hex}"/>' in xml
    assert f'<a:srgbClr val="{palette.background.hex}"/></a:solidFill></a:tcPr>' not in xml


@pytest.mark.qt
def test_the_painter_fills_tables_and_draws_titles_from_the_plan(qapp, plan: DeckPlan) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from qbr_studio.ui.slide_painter import paint_slide

    slide = next(s for s in plan.slides if any(isinstance(e, Table) for e in s.elements))
    table = next(e for e in slide.elements if isinstance(e, Table))
    look = TableLook(header_fill="status:red")
    elements = [replace(e, look=look) if e is table else e for e in slide.elements]
    edited = replace(plan, slides=[replace(slide, elements=elements, placeholders=())])
    width = 1200
    image = QImage(
        width, round(width * plan.slide_height / plan.slide_width), QImage.Format.Format_RGB32
    )
    painter = QPainter(image)
    paint_slide(painter, edited, 0, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    scale = width / plan.slide_width
    x = round((table.rect.x + table.col_widths[0] // 2) * scale)
    y = round((table.rect.y + table.row_heights[0] // 8) * scale)
    red = plan.palette_for(slide).status["red"]
    assert QColor(image.pixel(x, y)).getRgb()[:3] == (red.r, red.g, red.b)
