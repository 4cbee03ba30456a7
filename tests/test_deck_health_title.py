"""The deep dive's health title never calls an account one colour when the CRM, the data or
the CSM disagree without saying so (issue 10)."""

from __future__ import annotations

from qbr_studio.deck.produce import plan_deck
from qbr_studio.model import Health
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.sample import build_sample_review


def _health_slide(review):
    plan = plan_deck(review)
    name = next(a.name for a in review.book.accounts if a.id == review.deep_dive.account_id)
    return next(
        s
        for s in plan.slides
        if s.section == DeckSection.DEEP_DIVE and s.title.startswith(name + " is")
    )


def _account(review):
    return next(a for a in review.book.accounts if a.id == review.deep_dive.account_id)


def test_a_crm_that_disagrees_with_the_data_is_named_in_the_title_and_notes():
    review = build_sample_review()
    _account(review).crm_health = Health.YELLOW
    slide = _health_slide(review)
    assert "by the data (CRM: yellow)" in slide.title, slide.title
    assert "CRM says yellow, data says" in slide.notes


def test_when_everyone_agrees_the_title_names_one_colour_and_the_weak_spot():
    review = build_sample_review()
    slide = _health_slide(review)
    data_word = slide.title.split(" by the data")[0].rsplit(" ", 1)[-1]
    _account(review).crm_health = (
        Health(data_word) if data_word in {"green", "yellow", "red"} else None
    )
    slide = _health_slide(review)
    assert "CRM:" not in slide.title and "/100 — " in slide.title, slide.title
