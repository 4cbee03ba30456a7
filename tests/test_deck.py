"""The sample review's deck, reopened with python-pptx: structure, charts, notes, titles."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from deck_support import alt_text, charts, open_deck, pretty_part, slide_text, xml_diff
from pptx.enum.chart import XL_CHART_TYPE

from qbr_studio.deck import style
from qbr_studio.deck.colors import contrast_ratio
from qbr_studio.deck.fit import FontFace, wrap
from qbr_studio.deck.geometry import emu_to_pt
from qbr_studio.deck.plan import Chart, Shape, Table, TextBox
from qbr_studio.deck.produce import build_deck
from qbr_studio.model.deck_kinds import DeckSection, SlideKind
from qbr_studio.sample import build_sample_review

REFERENCE = Path(__file__).parent / "reference"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    review = build_sample_review()
    out = tmp_path_factory.mktemp("deck") / "sample.pptx"
    plan = build_deck(review, out)
    return review, plan, out


def test_complete_review_gives_8_to_12_slides_in_standard_order(built):
    _, plan, out = built
    prs = open_deck(out)
    main = [s for s in plan.slides if s.section is not DeckSection.APPENDIX]
    assert 8 <= len(main) <= 12
    assert len(prs.slides) == len(plan.slides)
    sections = [s.section for s in plan.slides]
    order = [
        "Title",
        "Agenda",
        "Book at a glance",
        "Deep dive",
        "Achievements",
        "Adoption challenges",
        "Revenue",
        "Appendix",
    ]
    firsts = [sections.index(name) for name in order]
    assert firsts == sorted(firsts)


def test_native_charts_with_titles_and_alt_text(built):
    _, _, out = built
    prs = open_deck(out)
    found = [c for slide in prs.slides for c in charts(slide)]
    assert len(found) >= 7
    types = {c.chart.chart_type for c in found}
    assert {
        XL_CHART_TYPE.LINE_MARKERS,
        XL_CHART_TYPE.COLUMN_STACKED,
        XL_CHART_TYPE.BAR_CLUSTERED,
        XL_CHART_TYPE.COLUMN_CLUSTERED,
    } <= types
    for c in found:
        assert c.chart.has_title and c.chart.chart_title.text_frame.text
        assert len(alt_text(c)) > 40, c.name
    with zipfile.ZipFile(out) as zf:
        chart_parts = [n for n in zf.namelist() if re.match(r"ppt/charts/chart\d+\.xml", n)]
        embedded = [n for n in zf.namelist() if n.startswith("ppt/embeddings/")]
    assert len(chart_parts) == len(found)
    assert len(embedded) == len(found), "each native chart carries its editable workbook"


def test_every_content_slide_has_speaker_notes(built):
    _, _, out = built
    for i, slide in enumerate(open_deck(out).slides, start=1):
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), i


def test_titles_state_takeaways_from_the_data(built):
    review, plan, _ = built
    by_section = {}
    for s in plan.slides:
        by_section.setdefault(s.section, s.title)
    assert re.search(r"\$[\d.]+[kM] ARR across \d+ accounts", by_section["Book at a glance"])
    assert re.search(r"\d+ renewals? worth \$[\d.]+[kM] due Q", by_section["Revenue"])
    dive = review.book.account(review.deep_dive.account_id)
    assert dive.name in by_section["Deep dive"]
    assert re.search(r"\d+ of \d+ goals met", by_section["Achievements"])
    actions = next(s.title for s in plan.slides if "to close" in s.title)
    assert re.search(r"\d+ actions? to close — \d+ overdue", actions)


def test_titles_fit_two_lines_at_24_to_32_points(built):
    _, plan, _ = built
    face = FontFace(plan.heading_font, bold=True)
    width = emu_to_pt(plan.title_rect.w) - 2 * style.INSET_X
    content = [s for s in plan.slides if s.kind is SlideKind.CONTENT]
    assert content
    for s in content:  # the cover's title is the layout's own, larger
        assert 24 <= s.title_size <= 32, s.title
        assert len(wrap(s.title, s.title_size, width, face)) <= 2, s.title


def test_nothing_leaves_the_slide_or_enters_the_footer(built):
    _, plan, _ = built
    for s in plan.slides:
        for e in s.elements:
            assert e.rect.x >= 0 and e.rect.y >= 0
            assert e.rect.right <= plan.slide_width and e.rect.bottom <= plan.slide_height
            assert e.rect.bottom <= plan.footer_rect.y, (s.title, e.name)


def test_elements_do_not_overlap(built):
    _, plan, _ = built
    for s in plan.slides:
        boxes = [e for e in s.elements if not isinstance(e, Shape)]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                overlap_w = min(a.rect.right, b.rect.right) - max(a.rect.x, b.rect.x)
                overlap_h = min(a.rect.bottom, b.rect.bottom) - max(a.rect.y, b.rect.y)
                assert overlap_w <= 0 or overlap_h <= 0, (s.title, a.name, b.name)


def test_type_never_below_readable_sizes(built):
    _, plan, _ = built
    for s in plan.slides:
        appendix = s.section is DeckSection.APPENDIX
        for e in s.elements:
            if isinstance(e, TextBox):
                for p in e.paragraphs:
                    floor = style.CAPTION_SIZE if p.color == "muted" else style.BODY_MIN
                    floor = style.APPENDIX_SIZE if appendix and p.color != "muted" else floor
                    assert p.size >= floor, (s.title, e.name, p.text[:30])
            elif isinstance(e, Table):
                assert e.font_size >= (style.TABLE_MIN if appendix else style.TABLE_SIZE)
            elif isinstance(e, Chart):
                assert e.look.label_size >= style.TABLE_MIN, (s.title, e.name)


def test_text_colours_keep_aa_contrast(built):
    _, plan, _ = built
    pal = plan.palette
    for role in ("text", "muted", "title", "alert", "accent_text"):
        assert contrast_ratio(pal.resolve(role), pal.background) >= 4.5, role
        assert contrast_ratio(pal.resolve(role), pal.surface) >= 4.5 or role == "title", role
    assert contrast_ratio(pal.on_accent, pal.series[0]) >= 4.5


def test_same_review_same_deck(built, tmp_path):
    review, _, out = built
    again = tmp_path / "again.pptx"
    build_deck(review, again)
    with zipfile.ZipFile(out) as a, zipfile.ZipFile(again) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():  # embedded workbooks too: their save time is fixed
            assert a.read(name) == b.read(name), name


@pytest.mark.parametrize("slide_no", [2, 11])
def test_reference_xml(built, slide_no):
    """Slides whose XML is kept under tests/reference; QBR_UPDATE_REFERENCE=1 rewrites them."""
    _, _, out = built
    actual = pretty_part(out.read_bytes(), f"ppt/slides/slide{slide_no}.xml")
    ref = REFERENCE / f"sample_slide{slide_no}.xml"
    if os.environ.get("QBR_UPDATE_REFERENCE"):
        REFERENCE.mkdir(exist_ok=True)
        ref.write_text(actual, encoding="utf-8")
    assert ref.exists(), f"{ref} is missing: run with QBR_UPDATE_REFERENCE=1 and review it"
    expected = ref.read_text(encoding="utf-8")
    assert actual == expected, "\n" + xml_diff(expected, actual, ref.name)


def test_deck_text_carries_the_narrative(built):
    review, _, out = built
    text = "\n".join(slide_text(s) for s in open_deck(out).slides)
    assert review.deep_dive.why_they_bought.split(".")[0] in text.replace("\n", " ")
    for a in review.achievements:
        assert a.title in text


def test_writes_no_macros_and_opens_cleanly(built):
    _, _, out = built
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
        assert not any("vbaProject" in n for n in zf.namelist())
        types = zf.read("[Content_Types].xml").decode()
    assert "presentation.main+xml" in types
    from pptx import Presentation

    Presentation(io.BytesIO(out.read_bytes()))


def test_chart_data_is_editable_and_matches_the_plan(built):
    """Each chart's cached values, its series colours and its embedded workbook agree with
    the plan, so "Edit Data" in PowerPoint opens the numbers the chart shows."""
    import openpyxl

    _, plan, out = built
    specs = [e.spec for s in plan.slides for e in s.elements if isinstance(e, Chart)]
    shapes = [c for slide in open_deck(out).slides for c in charts(slide)]
    assert len(specs) == len(shapes)
    for spec, shape in zip(specs, shapes, strict=True):
        chart = shape.chart
        plot = chart.plots[0]
        categories = list(plot.categories)
        if spec.kind.value == "bar":  # drawn bottom-up, so written in reverse
            categories.reverse()
        assert categories == list(spec.categories)
        assert [s.name for s in plot.series] == [s.name for s in spec.series]
        for ours, theirs in zip(spec.series, plot.series, strict=True):
            values = list(theirs.values)
            if spec.kind.value == "bar":
                values.reverse()
            assert values == [v if v is None else float(v) for v in ours.values]
        names = [s.name for s in spec.series]
        if spec.totals:  # a second plot (an invisible line) carries each column's total
            totals = [
                float(sum(s.values[k] or 0 for s in spec.series))
                for k in range(len(spec.categories))
            ]
            (total,) = chart.plots[1].series
            assert (total.name, list(total.values)) == ("Total", totals)
            names.append("Total")
        else:
            assert len(chart.plots) == 1
        blob = chart.part.chart_workbook.xlsx_part.blob
        sheet = openpyxl.load_workbook(io.BytesIO(blob)).active
        assert [c.value for c in sheet[1]][1:] == names
        assert sheet.max_row == len(spec.categories) + 1


def test_shape_ids_are_unique_on_every_slide(built):
    _, _, out = built
    for number, slide in enumerate(open_deck(out).slides, start=1):
        ids = [int(i) for i in slide.shapes._spTree.xpath(".//p:cNvPr/@id")]
        assert len(ids) == len(set(ids)), f"slide {number}: {ids}"
