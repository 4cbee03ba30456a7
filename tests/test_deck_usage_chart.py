"""The health slide's usage line chart is tall enough to read (issue 16): it takes all the
height the health story below it leaves (at least the share it had before, at most three
quarters of its column), nothing on the slide overflows, and its month labels read level and
whole — abbreviated to initials where a template's narrow slide has no room for "Sep"."""

from __future__ import annotations

import datetime as dt

import pytest
import template_factory as tf

from qbr_studio.charts import catalog
from qbr_studio.deck.fit import FontFace, text_width
from qbr_studio.deck.geometry import emu_to_pt
from qbr_studio.deck.plan import Chart, DeckPlan, SlidePlan, Table, TextBox
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.planning.chart_labels import LABEL_MARGIN, plot_size
from qbr_studio.deck.planning.compose import compose
from qbr_studio.deck.planning.slides.deep_dive import USAGE_HEIGHT, USAGE_WIDTH
from qbr_studio.deck.reading.template import load_template
from qbr_studio.model import Book, UsageMonth
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.sample import build_sample_review

TEMPLATES = {"16:9": None, "4:3": tf.decorated_four_by_three}


def _plan(tmp_path, template: str, story: str | None = None) -> tuple[DeckPlan, Canvas]:
    build = TEMPLATES[template]
    info = load_template(None if build is None else build(tmp_path))
    review = build_sample_review()
    if story is not None:
        review.deep_dive.health_story = story
    return compose(review, info), Canvas.of(info)


def _health(plan: DeckPlan) -> tuple[SlidePlan, Chart]:
    for slide in plan.slides:
        for e in slide.elements:
            if isinstance(e, Chart) and e.name == "Usage trend":
                return slide, e
    raise AssertionError("no usage chart in the deck")


def _texts(element) -> list[str]:
    if isinstance(element, TextBox):
        return [p.text for p in element.paragraphs]
    if isinstance(element, Table):
        return [c.text for row in element.rows for c in row]
    return []


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_the_usage_chart_takes_the_height_the_story_leaves_and_nothing_overflows(
    tmp_path, template
):
    plan, canvas = _plan(tmp_path, template)
    slide, usage = _health(plan)
    body = canvas.body_rect
    source = next(e for e in slide.elements if e.name == "Usage trend source")
    block = source.rect.bottom - usage.rect.y
    assert block > 0.62 * body.h, "the sample's short story leaves the chart more than before"
    assert block <= USAGE_HEIGHT[1] * body.h + 1
    assert usage.rect.w <= USAGE_WIDTH * body.w
    story = next(e for e in slide.elements if e.name == "Health story")
    assert story.rect.y >= source.rect.bottom, "the story sits under the chart's source line"
    for e in slide.elements:
        assert body.contains(e.rect, tolerance=1), f"{e.name} leaves the body"
    assert "the March merger" in " ".join(p.text for p in story.paragraphs)


def test_a_long_story_keeps_the_chart_its_least_height_and_goes_on_in_the_appendix(tmp_path):
    long_story = " ".join(
        f"Sentence number {i} says what happened at the account." for i in range(80)
    )
    plan, canvas = _plan(tmp_path, "16:9", long_story)
    slide, usage = _health(plan)
    body = canvas.body_rect
    source = next(e for e in slide.elements if e.name == "Usage trend source")
    assert source.rect.bottom - usage.rect.y >= USAGE_HEIGHT[0] * body.h - 1
    story = next(e for e in slide.elements if isinstance(e, TextBox) and e.name == "Health story")
    assert story.rect.bottom <= body.bottom
    appendix = " ".join(
        text
        for s in plan.slides
        if s.section is DeckSection.APPENDIX
        for e in s.elements
        for text in _texts(e)
    )
    assert "Sentence number 79" in appendix


def test_a_one_line_story_gives_the_chart_its_most_height(tmp_path):
    plan, canvas = _plan(tmp_path, "16:9", "Usage is back.")
    slide, usage = _health(plan)
    source = next(e for e in slide.elements if e.name == "Usage trend source")
    expected = USAGE_HEIGHT[1] * canvas.body_rect.h
    assert abs((source.rect.bottom - usage.rect.y) - expected) <= canvas.body_rect.h * 0.01


@pytest.mark.parametrize(("template", "first"), [("16:9", "Jan"), ("4:3", "J")])
def test_month_labels_fit_whole_under_their_points_or_take_initials(tmp_path, template, first):
    plan, _ = _plan(tmp_path, template)
    _, usage = _health(plan)
    spec, look = usage.spec, usage.look
    assert spec.categories[0] == first and len(spec.categories) == 12
    width, _ = plot_size(
        spec, emu_to_pt(usage.rect.w), emu_to_pt(usage.rect.h), look, plan.body_font
    )
    slot = width / len(spec.categories)
    face = FontFace(plan.body_font)
    for label in spec.categories:
        assert " " not in label
        assert text_width(label, look.label_size, face) + 2 * LABEL_MARGIN <= slot, label
    assert "Jan–Dec 2026" in spec.title


def test_the_usage_chart_names_its_period_and_keeps_years_when_months_repeat():
    months = [dt.date(2025, 11, 1), dt.date(2025, 12, 1)] + [
        dt.date(2026, m, 1) for m in range(1, 11)
    ]
    usage = [UsageMonth(account_id="a", month=m, active_users=5, licensed_users=10) for m in months]
    spec = catalog.usage_trend(Book(usage=usage), "a", "Acme", "usage")
    assert spec.title == "Active vs licensed users, Nov 2025–Oct 2026"
    assert spec.categories[0] == "Nov" and spec.short_categories[0] == "N"
    gap = (
        [dt.date(2025, 1, 1)] + [dt.date(2025, m, 1) for m in range(3, 13)] + [dt.date(2026, 1, 1)]
    )
    usage = [UsageMonth(account_id="a", month=m, active_users=5, licensed_users=10) for m in gap]
    spec = catalog.usage_trend(Book(usage=usage), "a", "Acme", "usage")
    assert spec.categories[0] == "Jan 25" and spec.categories[-1] == "Jan 26"
    assert spec.short_categories == ()  # initials would repeat "J" for two Januaries
