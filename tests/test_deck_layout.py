"""Long content continues on "(cont.)" slides: never cut, never shrunk below readable."""

from __future__ import annotations

from deck_support import open_deck, slide_text
from review_factory import small_review

from qbr_studio.deck import style
from qbr_studio.deck.fit import text_width, wrap
from qbr_studio.deck.plan import Table, TextBox
from qbr_studio.deck.produce import build_deck, plan_deck


def _words(text: str) -> list[str]:
    return text.split()


def test_wrap_keeps_every_word_and_respects_width():
    text = "The quick brown fox jumps over the lazy dog " * 5
    lines = wrap(text, 16, 200)
    assert " ".join(lines).split() == text.split()
    assert all(text_width(line, 16) <= 200 for line in lines)


def test_wrap_cuts_a_word_longer_than_the_line():
    lines = wrap("A" * 80, 16, 100)
    assert "".join(lines) == "A" * 80 and len(lines) > 1


def test_long_narrative_continues_without_losing_a_word(tmp_path):
    review = small_review(narrative_repeats=6)
    plan = plan_deck(review)
    conts = [s for s in plan.slides if s.title.endswith("(cont.)")]
    assert conts, "long deep-dive text must continue on a (cont.) slide"
    for s in plan.slides:
        for e in s.elements:
            if isinstance(e, TextBox):
                assert all(p.size >= style.BODY_MIN or p.color == "muted" for p in e.paragraphs)
    out = tmp_path / "long.pptx"
    build_deck(review, out)
    text = " ".join(slide_text(s) for s in open_deck(out).slides)
    words = text.split()
    story_words = _words(review.deep_dive.business_and_challenges)
    assert words.count("merger.") >= story_words.count("merger.") * 3


def test_many_action_items_paginate_with_header_repeated():
    review = small_review(actions=40)
    plan = plan_deck(review)
    tables = [
        e
        for s in plan.slides
        for e in s.elements
        if isinstance(e, Table) and e.name == "Action items"
    ]
    assert len(tables) >= 2
    assert sum(len(t.rows) for t in tables) == 40
    assert all(t.header[0].text == "Action" for t in tables)
    for t in tables:
        assert t.rect.bottom <= plan.footer_rect.y


def test_sections_without_content_are_left_out():
    review = small_review()
    review.achievements = []
    review.revenue.action_items = []
    plan = plan_deck(review)
    sections = {s.section for s in plan.slides}
    assert "Achievements" not in sections
    assert not any("to close" in s.title for s in plan.slides)
