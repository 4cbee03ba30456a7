"""Long content: main slides show their budget, the rest goes to the appendix; never cut,
never shrunk below readable."""

from __future__ import annotations

from deck_support import open_deck, slide_text
from review_factory import small_review

from qbr_studio.deck import style
from qbr_studio.deck.fit import text_width, wrap
from qbr_studio.deck.plan import Table, TextBox
from qbr_studio.deck.planning.slides.revenue import ACTIONS_SHOWN
from qbr_studio.deck.produce import build_deck, plan_deck
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.model.word_budgets import WORD_BUDGETS


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


def test_long_narrative_shows_its_budget_and_goes_whole_to_the_appendix(tmp_path):
    review = small_review(narrative_repeats=6)
    plan = plan_deck(review)
    main = [s for s in plan.slides if s.section is not DeckSection.APPENDIX]
    assert not [s for s in main if s.title.endswith("(cont.)")], "no (cont.) main slides"
    for s in plan.slides:
        for e in s.elements:
            if isinstance(e, TextBox) and s.section is not DeckSection.APPENDIX:
                assert all(p.size >= style.BODY_MIN or p.color == "muted" for p in e.paragraphs)
    story = review.deep_dive.business_and_challenges
    profile = next(s for s in main if s.title.startswith("Deep dive:"))
    shown = " ".join(
        p.text for e in profile.elements if isinstance(e, TextBox) for p in e.paragraphs
    )
    budget = WORD_BUDGETS["deep_dive.business_and_challenges"]
    said = shown.split("Why they bought:")[0].removeprefix("Their business and challenges:")
    assert 0 < len(said.split()) <= budget
    assert story.strip() in profile.notes
    out = tmp_path / "long.pptx"
    build_deck(review, out)
    appendix = [
        slide_text(s)
        for s, p in zip(open_deck(out).slides, plan.slides, strict=True)
        if p.section is DeckSection.APPENDIX
    ]
    assert " ".join(story.split()) in " ".join(" ".join(appendix).split())


def test_many_action_items_show_their_budget_and_the_rest_in_the_appendix():
    review = small_review(actions=40)
    plan = plan_deck(review)
    tables = [
        (s, e)
        for s in plan.slides
        for e in s.elements
        if isinstance(e, Table) and e.name.startswith("Action items")
    ]
    main = [t for s, t in tables if s.section is not DeckSection.APPENDIX]
    assert len(main) == 1 and len(main[0].rows) == ACTIONS_SHOWN
    assert sum(len(t.rows) for _, t in tables) == 40
    assert all(t.header[0].text == "Action" for _, t in tables)
    for _, t in tables:
        assert t.rect.bottom <= plan.footer_rect.y
    actions = next(s for s in plan.slides if "to close" in s.title)
    caption = [p.text for e in actions.elements if isinstance(e, TextBox) for p in e.paragraphs]
    assert f"+ {40 - ACTIONS_SHOWN} more in the appendix" in caption


def test_sections_without_content_are_left_out():
    review = small_review()
    review.achievements = []
    review.revenue.action_items = []
    plan = plan_deck(review)
    sections = {s.section for s in plan.slides}
    assert "Achievements" not in sections
    assert not any("to close" in s.title for s in plan.slides)


def _fitting_case(label: bool):
    """A box that holds one long paragraph and a bit, then a second paragraph of the same
    length: the second does not fit below the first, but fits an empty box."""
    from qbr_studio.deck.geometry import Rect
    from qbr_studio.deck.planning.layout import content_height, fit_text, label_para, para

    text = "Each sentence says one thing about the metric. " * 6
    make = (
        (lambda t: label_para("Utilization:", t, style.BODY_MIN))
        if label
        else (lambda t: para(t, style.BODY_MIN))
    )
    first, second = make(text.strip()), make(text.strip())
    width = 400 * 12700
    one = content_height((first,), width, "Calibri")
    rect = Rect(0, 0, width, int(one * 1.5))
    return fit_text(rect, (first, second), "Definitions", "Calibri", whole_labelled=True), second


def test_a_labelled_paragraph_moves_whole_to_the_next_box_rather_than_lose_its_label():
    fitted, second = _fitting_case(label=True)
    assert fitted.box is not None and len(fitted.box.paragraphs) == 1
    assert fitted.rest == (second,), "the definition continues whole, label first"


def test_prose_still_fills_the_box_after_its_last_whole_sentence():
    fitted, second = _fitting_case(label=False)
    assert fitted.box is not None and len(fitted.box.paragraphs) == 2
    head, tail = fitted.box.paragraphs[1].text, fitted.rest[0].text
    assert head.endswith(".") and tail and f"{head} {tail}" == second.text


def test_the_appendix_counts_source_rows_with_thousands_separators():
    import datetime as dt

    from qbr_studio.model.book import DataSource

    review = small_review()
    review.book.sources = [
        DataSource(kind="usage", file="events.csv", rows=25000, imported_on=dt.date(2026, 12, 1))
    ]
    appendix = [s for s in plan_deck(review).slides if s.section is DeckSection.APPENDIX]
    cells = [
        c.text
        for s in appendix
        for e in s.elements
        if isinstance(e, Table)
        for row in e.rows
        for c in row
    ]
    assert "25,000" in cells and "25000" not in cells
