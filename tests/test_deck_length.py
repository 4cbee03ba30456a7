"""A deck a VP accepts at any length: reviews 1×, 3× and 6× the sample's length, and single
fields of 600 to 10,000 words, give 8–12 main slides; nothing is dropped (every item is in the
deck's text), counts agree with the rows shown and the rows in the appendix, and each slide's
notes are its own."""

from __future__ import annotations

import re

import pytest
from deck_support import open_deck, slide_text
from review_factory import scaled_review

from qbr_studio.deck.plan import DeckPlan, SlidePlan, Table, TextBox
from qbr_studio.deck.produce import build_deck, plan_deck
from qbr_studio.model import OpportunityKind
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.model.word_budgets import WORD_BUDGETS, first_sentences, word_count
from qbr_studio.sample import build_sample_review

APPENDIX = DeckSection.APPENDIX


def _main(plan: DeckPlan) -> list[SlidePlan]:
    return [s for s in plan.slides if s.section is not APPENDIX]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module", params=[1, 3, 6])
def scaled(request, tmp_path_factory):
    review = scaled_review(request.param)
    out = tmp_path_factory.mktemp("length") / f"x{request.param}.pptx"
    plan = build_deck(review, out)
    text = [slide_text(s) for s in open_deck(out).slides]
    return review, plan, text


def test_any_length_gives_8_to_12_main_slides_without_cont(scaled):
    _, plan, _ = scaled
    main = _main(plan)
    assert 8 <= len(main) <= 12, [s.title for s in main]
    assert not [s.title for s in main if "(cont.)" in s.title]


def test_every_item_is_somewhere_in_the_deck(scaled):
    review, _, text = scaled
    deck = _flat("\n".join(text))
    book = review.book
    items = [
        *(a.title for a in review.achievements),
        *(c.pattern for c in review.challenges),
        *(f"{c.topic}" for c in review.communications),
        *(a.text for a in review.revenue.action_items),
        *(s.name for s in review.deep_dive.stakeholders),
        *(o.name for o in book.opportunities if o.kind is not OpportunityKind.RENEWAL),
    ]
    assert len(items) >= (20 if len(review.achievements) > 12 else 1)
    missing = [i for i in items if _flat(i) not in deck]
    assert not missing, missing[:10]


def _tables(plan: DeckPlan, prefix: str) -> list[tuple[SlidePlan, Table]]:
    return [
        (s, e)
        for s in plan.slides
        for e in s.elements
        if isinstance(e, Table) and e.name.startswith(prefix)
    ]


def _more(slide: SlidePlan) -> int:
    for e in slide.elements:
        if isinstance(e, TextBox):
            for p in e.paragraphs:
                found = re.fullmatch(r"\+ (\d+) more in the appendix", p.text)
                if found:
                    return int(found.group(1))
    return 0


@pytest.mark.parametrize(
    ("main_name", "appendix_name", "count"),
    [
        ("Top renewals", "Renewals", lambda r, plan: len(plan_renewals(r))),
        ("Achievements", "Achievements", lambda r, plan: len(r.achievements)),
        ("Top growth", "Growth opportunities", lambda r, plan: len(plan_growth(r))),
        ("Communication plan", "Communication plan", lambda r, plan: len(r.communications)),
    ],
)
def test_rows_shown_and_in_the_appendix_add_up_to_the_title(
    scaled, main_name, appendix_name, count
):
    review, plan, _ = scaled
    main = [(s, t) for s, t in _tables(plan, main_name) if s.section is not APPENDIX]
    assert len(main) == 1
    slide, table = main[0]
    rest = sum(
        len(t.rows)
        for s, t in _tables(plan, appendix_name)
        if s.section is APPENDIX and not t.name.startswith("Action items done")
    )
    total = count(review, plan)
    assert len(table.rows) + rest == total
    assert _more(slide) == rest
    numbers = [int(n) for n in re.findall(r"\b(\d+) ", slide.title)]
    if main_name != "Communication plan":
        assert total in numbers, slide.title


def plan_renewals(review):
    from qbr_studio.analytics.book import book_figures

    return book_figures(review).renewals_due


def plan_growth(review):
    from qbr_studio.analytics.book import growth_pipeline

    return growth_pipeline(review.book)


def test_each_slide_has_its_own_notes(scaled):
    _, plan, _ = scaled
    notes = [s.notes for s in plan.slides]
    repeated = {n[:60] for n in notes if notes.count(n) > 1}
    assert not repeated


def test_no_single_continued_row_and_no_orphaned_heading(scaled):
    _, plan, _ = scaled
    for s in plan.slides:
        for i, e in enumerate(s.elements):
            if isinstance(e, Table) and e.name.endswith("(cont.)"):
                assert len(e.rows) >= 2, s.title
            if isinstance(e, TextBox) and e.name.endswith("heading"):
                assert i + 1 < len(s.elements), f"heading alone at the end of {s.title!r}"
                nxt = s.elements[i + 1]
                assert isinstance(nxt, Table | TextBox) and not nxt.name.endswith("heading")
        tables = [e for e in s.elements if isinstance(e, Table)]
        if s.section is APPENDIX and len(tables) == 1 and "(cont.)" in _headings(s):
            assert len(tables[0].rows) >= 2, s.title


def _headings(slide: SlidePlan) -> str:
    return " ".join(
        p.text
        for e in slide.elements
        if isinstance(e, TextBox) and e.name.endswith("heading")
        for p in e.paragraphs
    )


def _box_text(slides: list[SlidePlan]) -> str:
    return " ".join(
        p.text for s in slides for e in s.elements if isinstance(e, TextBox) for p in e.paragraphs
    )


def _words(n: int) -> str:
    sentence = "The integration team is still behind on the scheduling feeds this month."
    return " ".join([sentence] * (n // word_count(sentence) + 1))


@pytest.mark.parametrize("words", [600, 2000, 10000])
@pytest.mark.parametrize("field", ["business_and_challenges", "why_they_bought", "health_story"])
def test_a_field_of_any_length_builds_within_its_budget(words, field):
    review = build_sample_review()
    text = _words(words)
    setattr(review.deep_dive, field, text)
    plan = plan_deck(review)
    assert 8 <= len(_main(plan)) <= 12
    shown = first_sentences(text, WORD_BUDGETS[f"deep_dive.{field}"])
    main_text = " ".join(
        p.text
        for s in _main(plan)
        for e in s.elements
        if isinstance(e, TextBox)
        for p in e.paragraphs
    )
    assert shown in main_text
    assert main_text.count("The integration team") <= WORD_BUDGETS[f"deep_dive.{field}"] // 12
    notes = " ".join(s.notes for s in _main(plan))
    assert _flat(text) in _flat(notes)
    appendix = _box_text([s for s in plan.slides if s.section is APPENDIX])
    assert _flat(appendix).count("The integration team") == text.count("The integration team")


def test_sixty_short_lines_in_the_business_text_build():
    review = build_sample_review()
    review.deep_dive.business_and_challenges = "\n".join(f"Line {i} of notes" for i in range(60))
    plan = plan_deck(review)
    assert 8 <= len(_main(plan)) <= 12
    deck = " ".join(
        p.text
        for s in plan.slides
        for e in s.elements
        if isinstance(e, TextBox)
        for p in e.paragraphs
    )
    assert all(f"Line {i} of notes" in deck for i in range(60))


def test_done_actions_leave_to_close_for_the_appendix():
    review = build_sample_review()
    done = [a for a in review.revenue.action_items if a.status.value == "done"]
    assert done, "the sample has a done action"
    plan = plan_deck(review)
    to_close = next(s for s in plan.slides if "to close" in s.title)
    shown = [r[0].text for _, t in _tables(plan, "Action items") for r in t.rows]
    on_slide = [r[0].text for e in to_close.elements if isinstance(e, Table) for r in e.rows]
    assert not {a.text for a in done} & set(on_slide)
    assert {a.text for a in done} <= set(shown)


def test_a_paginated_table_never_leaves_one_row_alone():
    from qbr_studio.deck.geometry import Rect, inches
    from qbr_studio.deck.plan import Cell
    from qbr_studio.deck.planning.layout import paginate_table

    rect = Rect(0, 0, inches(8), inches(2))
    rows = [(Cell(f"Row {i}"), Cell("some words here")) for i in range(40)]
    for n in range(3, 40):
        pages = paginate_table(
            rect, "t", (Cell("A"), Cell("B")), rows[:n], (0.5, 0.5), "Carlito", size=11
        )
        assert sum(len(p.rows) for p in pages) == n
        if len(pages) > 1:
            assert all(len(p.rows) >= 2 for p in pages), (n, [len(p.rows) for p in pages])
