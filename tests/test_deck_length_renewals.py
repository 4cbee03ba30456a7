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


def test_a_renewal_nothing_can_judge_is_of_unknown_risk_never_low():
    review = small_review()
    review.book.usage = []  # no data scores the accounts, none renews by its own date
    for account in review.book.accounts:
        account.renewal_date = None
    review.book.opportunities = [
        _renewal("unsaid", "acc-1", dt.date(2027, 2, 1), Risk.LOW),
        _renewal("unsaid-too", "acc-2", dt.date(2027, 3, 1), Risk.LOW),
    ]
    for o in review.book.opportunities:
        o.risk_stated = False  # the export had no risk column: its "Low" is only a default
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


def _red_book():
    """No opportunity states a risk; every account uses a twentieth of what it bought and
    renews within weeks of the meeting."""
    review = small_review()
    review.book.opportunities = []
    for usage in review.book.usage:
        usage.active_users = 5
    for i, account in enumerate(review.book.accounts):
        account.renewal_date = dt.date(2027, 1, 5 + i)
    return review


def test_a_red_book_without_stated_risks_has_renewals_at_risk_from_its_warning_signs():
    review = _red_book()
    slide = _renewals_slide(plan_deck(review))
    assert "none at risk" not in slide.title and "risk unknown" not in slide.title
    assert "10 at risk (10 from warning signs)" in slide.title
    table = next(e for e in slide.elements if isinstance(e, Table))
    assert {row[4].text for row in table.rows} == {"High (signals)"}
    assert {row[4].color for row in table.rows} == {"alert"}
    assert "5 of 100 licensed users active" in slide.notes
    chart = next(e for e in slide.elements if type(e).__name__ == "Chart")
    assert [s.name for s in chart.spec.series if any(s.values)] == ["High risk"]


def test_a_stated_risk_wins_over_the_warning_signs_and_an_unstated_one_is_judged():
    review = _red_book()
    review.book.opportunities = [
        _renewal("calm", "acc-0", dt.date(2027, 1, 20), Risk.LOW),
        _renewal("unsaid", "acc-1", dt.date(2027, 1, 20), Risk.LOW),
    ]
    review.book.opportunities[1].risk_stated = False  # the export had no risk column
    for account in review.book.accounts[2:]:
        account.renewal_date = None
    slide = _renewals_slide(plan_deck(review))
    table = next(e for e in slide.elements if isinstance(e, Table))
    cells = {row[0].text: row[4].text for row in table.rows}
    assert cells["Account 0 Holdings"] == "Low (stated)"
    assert cells["Account 1 Holdings"] == "High (signals)"
