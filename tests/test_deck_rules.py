"""Rules with one home, each checked where the deck uses it: the health band of a 0–100
score, the short money format, the 'renewals due' horizon in words, column letters, what is
overdue, an account's facts."""

from __future__ import annotations

import datetime as dt

import pytest

from qbr_studio.analytics.book import RENEWAL_HORIZON_MONTHS, RENEWAL_HORIZON_QUARTERS
from qbr_studio.analytics.health import score_book
from qbr_studio.charts import catalog
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.facts import account_facts, profile_facts
from qbr_studio.deck.produce import plan_deck
from qbr_studio.model import Health, Opportunity, OpportunityKind, Risk, Status
from qbr_studio.model.deck_kinds import DeckSection, SlideKind
from qbr_studio.model.health_band import GREEN_FROM, YELLOW_FROM, health_band
from qbr_studio.model.review import is_overdue
from qbr_studio.sample import build_sample_review
from qbr_studio.sheet_refs import column_letter


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100, Health.GREEN),
        (70, Health.GREEN),
        (69.9, Health.YELLOW),
        (50, Health.YELLOW),
        (49.9, Health.RED),
        (0, Health.RED),
    ],
)
def test_health_band_is_green_from_70_and_yellow_from_50(score: float, band: Health) -> None:
    assert (GREEN_FROM, YELLOW_FROM) == (70, 50)
    assert health_band(score) is band


def test_the_scorecard_bands_its_scores_with_the_one_rule() -> None:
    review = build_sample_review()
    scores = [s for s in score_book(review.book, review.as_of).values() if s.score]
    assert scores
    assert all(s.health is health_band(s.score) for s in scores)


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (1_000_000, "USD", "$1M"),
        (1_250_000, "EUR", "€1.2M"),
        (340_000, "USD", "$340k"),
        (750, "USD", "$750"),
        (340_000, "CHF", "340k CHF"),
    ],
)
def test_chart_alt_text_writes_money_as_the_slides_do(amount, currency, text) -> None:
    def money(value: float) -> str:
        return formatting.money(value, currency)

    assert money(amount) == text
    spec = catalog.arr_by_health({Health.GREEN: amount}, money, "$", "CRM")
    assert f"Green {text} (100%)" in spec.alt_text
    deal = Opportunity(
        id="o1", account_id="a1", name="Deal", kind=OpportunityKind.EXPANSION,
        amount=amount, stage="Proposal", risk=Risk.LOW,
    )  # fmt: skip
    pipeline = catalog.pipeline_by_stage([deal], money, "$", "CRM")
    assert f"{text} in all" in pipeline.alt_text


def test_renewal_horizon_words_follow_the_constant() -> None:
    assert RENEWAL_HORIZON_MONTHS == 3 * RENEWAL_HORIZON_QUARTERS
    assert formatting.quarters(1) == "quarter"
    assert formatting.quarters(2) == "two quarters"
    assert formatting.quarters(12) == "12 quarters"
    assert formatting.quarters(RENEWAL_HORIZON_QUARTERS) == formatting.RENEWAL_HORIZON
    plan = plan_deck(build_sample_review())
    words = " ".join(
        p.text
        for slide in plan.slides
        for e in slide.elements
        for p in getattr(e, "paragraphs", ())
    )
    assert f"end of the {formatting.RENEWAL_HORIZON} after the review quarter" in words


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_slides_carry_their_kind_and_section_as_types_in_deck_order() -> None:
    plan = plan_deck(build_sample_review())
    assert all(isinstance(s.kind, SlideKind) for s in plan.slides)
    assert all(isinstance(s.section, DeckSection) for s in plan.slides)
    order = list(DeckSection)
    positions = [order.index(s.section) for s in plan.slides]
    assert positions == sorted(positions)
    assert set(plan.palettes) <= set(SlideKind)
    assert plan.slides[0].kind is SlideKind.TITLE


def test_overdue_is_due_before_the_meeting_and_not_done() -> None:
    on = dt.date(2026, 12, 10)
    assert is_overdue(dt.date(2026, 12, 9), Status.IN_PROGRESS, on)
    assert not is_overdue(dt.date(2026, 12, 10), Status.IN_PROGRESS, on), "due that day: not yet"
    assert not is_overdue(dt.date(2026, 12, 9), Status.DONE, on)
    assert not is_overdue(None, Status.NOT_STARTED, on)
    review = build_sample_review()
    assert review.overdue_on == review.meta.meeting_date
    review.meta.meeting_date = None
    assert review.overdue_on == review.as_of


def test_the_deck_counts_overdue_items_and_conversations_by_the_one_rule() -> None:
    review = build_sample_review()
    on = review.overdue_on
    late = [c for c in review.communications if c.status is not Status.DONE][:2]
    for c in late:
        c.when = on - dt.timedelta(days=3)
    actions = sum(a.is_overdue(on) for a in review.revenue.action_items)
    talks = sum(c.is_overdue(on) for c in review.communications)
    assert actions and talks == len(late) == 2
    titles = [s.title for s in plan_deck(review).slides]
    assert any(t.endswith(f"to close — {actions} overdue") for t in titles), titles
    assert any(t.endswith(f"conversations done, {talks} overdue") for t in titles), titles


def test_the_profile_slide_and_the_app_word_account_facts_alike() -> None:
    review = build_sample_review()
    account = review.book.account(review.deep_dive.account_id)
    plan = plan_deck(review)
    table = next(
        e for s in plan.slides for e in s.elements if getattr(e, "name", "") == "Account facts"
    )
    rows = [(label.text, text.text) for label, text in table.rows]
    assert rows == profile_facts(review, account)
    everything = account_facts(review, account)
    assert all(everything[label] == text for label, text in rows)
    assert {"Renewal", "Our team", "Health score"} <= set(everything)
    assert everything["ARR"] == formatting.money(account.arr, review.meta.currency)


def test_the_deck_asks_the_model_what_is_overdue(monkeypatch: pytest.MonkeyPatch) -> None:
    """No slide keeps its own overdue test: change the model's rule and every count follows."""
    review = build_sample_review()
    for c in review.communications[:2]:
        c.when, c.status = review.overdue_on - dt.timedelta(days=3), Status.IN_PROGRESS
    titles = [s.title for s in plan_deck(review).slides]
    assert any("overdue" in t and "conversations" in t for t in titles), titles
    assert any("to close — " in t and "overdue" in t for t in titles), titles
    monkeypatch.setattr("qbr_studio.model.review.is_overdue", lambda due, status, on: False)
    plan = plan_deck(review)
    titles = [s.title for s in plan.slides]
    assert not any("overdue" in t for t in titles if "conversations" in t or "to close" in t)
    cells = [
        c.text for s in plan.slides for e in s.elements for r in getattr(e, "rows", ()) for c in r
    ]
    assert not any(t.startswith("Overdue — ") for t in cells)


def test_an_account_without_arr_has_no_arr_fact() -> None:
    review = build_sample_review()
    account = review.book.account(review.deep_dive.account_id)
    assert account is not None
    account.arr = 0
    assert "ARR" not in dict(profile_facts(review, account))


def test_the_appendix_defines_the_metrics_as_analytics_computes_them() -> None:
    """The appendix's definitions are analytics' own, written from the rules in force."""
    from qbr_studio.analytics.definitions import definitions

    plan = plan_deck(build_sample_review())
    text = " ".join(
        p.text
        for s in plan.slides
        if s.section is DeckSection.APPENDIX
        for e in s.elements
        if getattr(e, "name", "").startswith("Definitions")
        for p in e.paragraphs
    )
    for term, definition in definitions():
        assert f"{term}: {definition}" in text, term
