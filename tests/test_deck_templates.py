"""The deck on company templates: layouts found by placeholder type, 4:3, dark masters."""

from __future__ import annotations

import pytest
import template_factory as tf
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from render_support import can_render, to_pdf, words_outside_boxes

from qbr_studio.deck.colors import contrast_ratio
from qbr_studio.deck.produce import build_deck
from qbr_studio.sample import build_sample_review


@pytest.fixture(scope="module")
def review():
    return build_sample_review()


def _title_placeholders(prs):
    return [
        s.shapes.title
        for s in prs.slides
        if s.shapes.title is not None
        and s.shapes.title.placeholder_format.type
        in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    ]


def test_german_named_layouts(review, tmp_path):
    template = tf.german(tmp_path)
    out = tmp_path / "deck.pptx"
    plan = build_deck(review, out, template)
    prs = Presentation(str(out))
    assert len(prs.slides) == len(plan.slides)
    assert len(_title_placeholders(prs)) == len(prs.slides)
    names = {s.slide_layout.name for s in prs.slides}
    assert names <= set(tf.GERMAN_NAMES.values())
    assert prs.slides[0].slide_layout.name == tf.GERMAN_NAMES["title"]


def test_four_by_three_template_keeps_everything_on_the_slide(review, tmp_path):
    template = tf.python_pptx_default(tmp_path)
    out = tmp_path / "deck43.pptx"
    plan = build_deck(review, out, template)
    assert plan.slide_width * 3 == plan.slide_height * 4
    for slide in plan.slides:
        for e in slide.elements:
            assert e.rect.right <= plan.slide_width and e.rect.bottom <= plan.footer_rect.y


def test_potx_template(review, tmp_path):
    out = tmp_path / "deck.pptx"
    build_deck(review, out, tf.potx(tmp_path))
    assert len(Presentation(str(out)).slides) >= 8


def test_dark_master_gives_light_text_and_readable_charts(review, tmp_path):
    out = tmp_path / "dark.pptx"
    plan = build_deck(review, out, tf.dark_navy_master(tmp_path))
    pal = plan.palette
    for role in ("text", "muted", "title", "alert"):
        assert contrast_ratio(pal.resolve(role), pal.background) >= 4.5, role
    for color in (*pal.series, *pal.status.values()):
        assert contrast_ratio(color, pal.background) >= 3.0
    prs = Presentation(str(out))
    chart = next(s for slide in prs.slides for s in slide.shapes if s.has_chart).chart
    rgb = chart.font.color.rgb
    assert str(rgb) == pal.text.hex


@pytest.mark.render
@pytest.mark.skipif(not can_render(), reason="needs LibreOffice (soffice) and poppler")
def test_four_by_three_render_has_no_overflow(review, tmp_path):
    out = tmp_path / "deck43.pptx"
    build_deck(review, out, tf.python_pptx_default(tmp_path))
    problems = words_outside_boxes(out, to_pdf(out, tmp_path))
    assert not problems, "\n".join(problems[:30])
