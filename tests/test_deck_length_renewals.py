"""Renewals that matter: what is still due in the review quarter after the meeting, the next
two quarters, and past dates with no outcome; risk as stated, else unknown — never "Low"."""

from __future__ import annotations

import datetime as dt

from review_factory import small_review

from qbr_studio.analytics.book import book_figures
from qbr_studio.deck.plan import Table
from qbr_studio.deck.produce import plan_deck
from qbr_studio.model import Opportunity, OpportunityKind, Risk


def _renewal(id_: str, account: str, day: dt.date, risk: Risk, stage: str = "Proposal"):
    return Opportunity(
        id=id_,
        account_id=account,
        kind=OpportunityKind.RENEWAL,
        amount=100_000,
        close_date=day,
        risk=risk,
        stage=stage,
    )


def _review():
    review = small_review()  # meeting 10 Dec 2026, accounts renew Jan–Jun 2027
    review.book.opportunities += [
        _renewal("soon", "acc-0", dt.date(2026, 12, 15), Risk.HIGH),  # 5 days after the meeting
        _renewal("late", "acc-2", dt.date(2026, 11, 20), Risk.MEDIUM),  # past, no outcome
        _renewal("won", "acc-4", dt.date(2026, 11, 5), Risk.LOW, stage="Closed Won"),
    ]
    return review


def _renewals_slide(plan):
    return next(s for s in plan.slides if "renewal" in s.title and s.section.value == "Revenue")


def test_the_window_runs_from_the_meeting_and_past_dates_without_outcome_are_overdue():
    review = _review()
    fig = book_figures(review)
    assert "soon" in {o.id for o in fig.renewals_due}
    assert fig.renewal_months[0] == dt.date(2026, 12, 1)
    assert [o.id for o in fig.renewals_overdue] == ["late"]
    slide = _renewals_slide(plan_deck(review))
    assert "1 overdue" in slide.title
    table = next(e for e in slide.elements if isinstance(e, Table))
    first = table.rows[0]
    assert first[2].text.endswith("overdue — outcome?") and first[2].color == "alert"


def test_a_renewal_no_opportunity_states_is_of_unknown_risk_never_low():
    review = small_review()
    review.book.opportunities = []
    plan = plan_deck(review)
    slide = _renewals_slide(plan)
    assert "risk unknown" in slide.title and "none at risk" not in slide.title
    table = next(e for e in slide.elements if isinstance(e, Table))
    assert {row[4].text for row in table.rows} == {"Unknown"}
    chart = next(e for e in slide.elements if type(e).__name__ == "Chart")
    assert [s.name for s in chart.spec.series if any(s.values)] == ["Risk unknown"]


def test_title_notes_and_table_count_the_same_renewals():
    review = _review()
    fig = book_figures(review)
    slide = _renewals_slide(plan_deck(review))
    due = len(fig.renewals_due)
    assert slide.title.startswith(f"{due} renewals worth")
    assert f"{due} renewals worth" in slide.notes
