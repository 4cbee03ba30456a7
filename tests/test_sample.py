"""The sample review that ``qbr-studio demo`` ships: deterministic, consistent, deck-sized."""

from __future__ import annotations

import datetime as dt

import pytest

from qbr_studio.model import Health, OpportunityKind, Review, Status
from qbr_studio.sample import build_sample_review
from qbr_studio.sample.generate import Calendar, add_months


@pytest.fixture(scope="module")
def review() -> Review:
    return build_sample_review()


def _words(text: str) -> int:
    return len(text.split())


def _utilization(review: Review, account_id: str) -> float:
    last = review.book.usage_of(account_id)[-1]
    return last.active_users / last.licensed_users


def _referenced_account_ids(review: Review) -> list[str | None]:
    book = review.book
    ids: list[str | None] = [review.deep_dive.account_id]
    for table in (book.usage, book.opportunities, book.stakeholders, book.tickets, book.nps):
        ids.extend(row.account_id for row in table)
    ids.extend(e.account_id for e in book.engagement)
    ids.extend(a.account_id for a in review.achievements)
    ids.extend(i for c in review.challenges for i in c.account_ids)
    ids.extend(a.account_id for a in review.revenue.action_items)
    return ids


def test_same_call_gives_identical_review() -> None:
    first = build_sample_review("2026-Q4").model_dump(mode="json")
    second = build_sample_review("2026-Q4").model_dump(mode="json")
    assert first == second


@pytest.mark.parametrize("quarter", ["2026-Q4", "2027-Q1", "2025-Q2"])
def test_review_round_trips_through_json(quarter: str) -> None:
    review = build_sample_review(quarter)
    again = Review.model_validate(review.model_dump(mode="json"))
    assert again == review
    assert review.meta.quarter == quarter


def test_bad_quarter_is_refused() -> None:
    with pytest.raises(ValueError):
        build_sample_review("2026-Q5")


def test_meta_describes_the_csm_and_a_meeting_in_the_quarters_last_month(review: Review) -> None:
    meta = review.meta
    assert meta.csm and meta.team and meta.company
    assert meta.currency == "USD"
    assert meta.meeting_date == dt.date(2026, 12, 10)
    assert meta.meeting_date.weekday() == 3


def test_book_has_about_forty_accounts_with_unique_ids(review: Review) -> None:
    accounts = review.book.accounts
    assert 35 <= len(accounts) <= 45
    assert len({a.id for a in accounts}) == len(accounts)
    assert len({a.name for a in accounts}) == len(accounts)
    assert 2_000_000 <= sum(a.arr for a in accounts) <= 9_000_000
    assert all(20_000 <= a.arr <= 650_000 for a in accounts)
    assert len({a.industry for a in accounts}) >= 8
    assert all(a.csm == review.meta.csm and a.account_manager for a in accounts)
    assert all(1 <= len(a.key_contacts) <= 3 for a in accounts)
    assert any(a.partners for a in accounts)


@pytest.mark.parametrize("quarter", ["2026-Q4", "2027-Q1"])
def test_eighteen_months_of_usage_end_with_the_quarters_last_month(quarter: str) -> None:
    review = build_sample_review(quarter)
    last_month = add_months(review.as_of, 0)
    expected = [add_months(last_month, i - 17) for i in range(18)]
    for account in review.book.accounts:
        usage = review.book.usage_of(account.id)
        assert [u.month for u in usage] == expected, account.name
        assert all(u.active_users <= u.licensed_users for u in usage)
        assert usage[-1].licensed_users == account.licensed_seats
        assert account.customer_since is not None and account.customer_since < expected[0]


def test_every_referenced_account_exists(review: Review) -> None:
    known = {a.id for a in review.book.accounts}
    referenced = _referenced_account_ids(review)
    assert {i for i in referenced if i is not None} <= known
    assert review.book.account(review.deep_dive.account_id) is not None


def test_health_agrees_with_usage(review: Review) -> None:
    accounts = review.book.accounts
    red = [_utilization(review, a.id) for a in accounts if a.crm_health is Health.RED]
    green = [_utilization(review, a.id) for a in accounts if a.crm_health is Health.GREEN]
    assert 3 <= len(red) <= 8
    assert len(green) > len(accounts) / 2
    assert max(red) < 0.4 < 0.75 < min(green)


def test_some_accounts_renew_in_the_next_two_quarters_with_an_opportunity(
    review: Review,
) -> None:
    cal = Calendar.of(review.meta.quarter)
    next_start = add_months(cal.last_month, 1)
    due = [
        a
        for a in review.book.accounts
        if a.renewal_date and next_start <= a.renewal_date <= cal.horizon_end
    ]
    assert len(due) >= 5
    renewals = {
        o.account_id: o for o in review.book.opportunities if o.kind is OpportunityKind.RENEWAL
    }
    for account in due:
        opportunity = renewals[account.id]
        assert opportunity.close_date == account.renewal_date
        assert 0.95 * account.arr <= opportunity.amount <= 1.06 * account.arr
    for account in review.book.accounts:
        assert account.renewal_date is not None
        assert review.meta.meeting_date < account.renewal_date
        assert account.renewal_date <= add_months(cal.start, 14)


def test_pipeline_has_about_ten_expansion_or_cross_sell_opportunities(review: Review) -> None:
    stages = {"Discovery", "Qualification", "Proposal", "Negotiation", "Commit"}
    growth = [o for o in review.book.opportunities if o.kind is not OpportunityKind.RENEWAL]
    assert 8 <= len(growth) <= 12
    assert {o.stage for o in growth} == stages
    assert len({o.id for o in review.book.opportunities}) == len(review.book.opportunities)


def test_activity_tables_stay_before_the_data_cut_off(review: Review) -> None:
    meeting = review.meta.meeting_date
    book = review.book
    assert book.tickets and book.nps and len(book.engagement) == len(book.accounts)
    assert all(
        t.opened < meeting and (t.closed is None or t.closed < meeting) for t in book.tickets
    )
    assert all(r.date < meeting for r in book.nps)
    assert all(
        e.emails_opened <= e.emails_sent and e.replies <= e.emails_opened for e in book.engagement
    )
    assert all(s.imported_on and s.imported_on < meeting for s in book.sources)
    assert {s.kind for s in book.sources} >= {"accounts", "usage", "opportunities"}


def test_every_account_has_two_to_four_stakeholders(review: Review) -> None:
    for account in review.book.accounts:
        assert 2 <= len(review.book.stakeholders_of(account.id)) <= 4, account.name


def test_deep_dive_texts_fit_and_stakeholders_match_the_book(review: Review) -> None:
    dive = review.deep_dive
    for text in (dive.business_and_challenges, dive.why_they_bought, dive.health_story):
        assert 50 <= _words(text) <= 90, text
    people = review.book.stakeholders_of(dive.account_id or "")
    assert 4 <= len(dive.stakeholders) <= 5
    assert [(s.name, s.role, s.sentiment) for s in dive.stakeholders] == [
        (p.name, p.role, p.sentiment) for p in people
    ]


def test_deep_dive_story_quotes_the_accounts_own_figures(review: Review) -> None:
    usage = review.book.usage_of(review.deep_dive.account_id or "")
    now = usage[-1]
    assert f"{now.active_users:,} of {now.licensed_users:,}" in review.deep_dive.health_story


def test_achievements_cover_every_kind_with_short_stories(review: Review) -> None:
    items = review.achievements
    assert len(items) == 4
    assert {a.kind.value for a in items} == {"business_outcome", "adoption", "innovation"}
    for item in items:
        assert item.metric and item.unit and item.title
        assert None not in (item.before, item.after, item.goal)
        assert _words(item.story) <= 30


def test_challenges_and_communications(review: Review) -> None:
    assert 2 <= len(review.challenges) <= 3
    assert all(c.pattern and c.evidence and c.plan and c.account_ids for c in review.challenges)
    assert 4 <= len(review.communications) <= 6
    assert all(c.party and c.topic and c.when for c in review.communications)


def test_revenue_stories_and_action_items(review: Review) -> None:
    revenue = review.revenue
    assert 40 <= _words(revenue.renewals_story) <= 70
    assert 40 <= _words(revenue.growth_story) <= 70
    assert 6 <= len(revenue.action_items) <= 8
    assert all(_words(a.text) <= 12 and a.owner and a.due for a in revenue.action_items)
    meeting = review.meta.meeting_date
    assert meeting is not None
    overdue = [
        a for a in revenue.action_items if a.due and a.due < meeting and a.status is not Status.DONE
    ]
    assert overdue


def test_ids_are_fixed_not_random(review: Review) -> None:
    ids = [a.id for a in review.achievements] + [c.id for c in review.challenges]
    ids += [c.id for c in review.communications] + [a.id for a in review.revenue.action_items]
    assert ids == [i for i in ids if "-" in i]
    assert len(set(ids)) == len(ids)
