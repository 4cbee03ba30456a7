"""Risk signals, each with its evidence and date, and where a renewal's risk comes from."""

from __future__ import annotations

import datetime as dt

from analytics_fixtures import AS_OF, account, months, review

from qbr_studio.analytics.book import renewals_between
from qbr_studio.analytics.risk import (
    RiskSource,
    SignalKind,
    renewal_risk,
    renewal_risks,
    signals_of,
)
from qbr_studio.model import (
    AccountSnapshot,
    Book,
    Engagement,
    Health,
    LastQuarter,
    NpsResponse,
    Opportunity,
    OpportunityKind,
    Risk,
    Sentiment,
    Stakeholder,
    Ticket,
)


def _kinds(signals: list) -> list[SignalKind]:
    return [s.kind for s in signals]


def test_usage_far_below_bought() -> None:
    book = Book(accounts=[account("A")], usage=months("A", [60, 45], licensed=200))
    (signal,) = signals_of(book, AS_OF)["A"]
    # 45 of 200 = 22.5% < 50%
    assert signal.kind is SignalKind.LOW_USAGE
    assert signal.evidence == "45 of 200 licensed users active (22%) in Dec 2026"
    assert signal.on == dt.date(2026, 12, 1)


def test_how_to_tickets_late_in_the_lifecycle_are_immature_adoption() -> None:
    tickets = [
        Ticket(account_id="A", opened=dt.date(2026, 11, 3), subject="How do I export a report?"),
        Ticket(account_id="A", opened=dt.date(2026, 12, 2), category="Onboarding"),
        Ticket(account_id="A", opened=dt.date(2026, 12, 5), subject="Login fails"),
    ]
    late = account("A", customer_since=dt.date(2024, 11, 1))
    (signal,) = signals_of(Book(accounts=[late], tickets=tickets), AS_OF)["A"]
    assert signal.kind is SignalKind.IMMATURE_ADOPTION
    # first how-to ticket 2026-11-03 is 732 days after 2024-11-01 → 24 months
    assert signal.evidence == "2 how-to/onboarding tickets in 90 days, 24 months after they started"
    assert signal.on == dt.date(2026, 11, 3)
    # the same tickets in the first months are a customer learning, not a warning
    new = account("A", customer_since=dt.date(2026, 9, 1))
    assert signals_of(Book(accounts=[new], tickets=tickets), AS_OF) == {}


def test_not_answering_and_not_opening() -> None:
    book = Book(
        accounts=[account("A"), account("B")],
        engagement=[
            Engagement(
                account_id="A",
                last_contact=dt.date(2026, 12, 10),
                emails_sent=20,
                emails_opened=3,
                replies=1,
            ),
            Engagement(account_id="B", last_contact=dt.date(2026, 10, 1)),
        ],
    )
    found = signals_of(book, AS_OF)
    # A: 1/20 = 5% replies < 10%; 3/20 = 15% opened < 20%
    assert [(s.kind, s.evidence) for s in found["A"]] == [
        (SignalKind.NOT_ANSWERING, "1 reply to 20 emails"),
        (SignalKind.NOT_OPENING, "3 of 20 emails opened"),
    ]
    # B: last contact 2026-10-01 is 91 days before 2026-12-31 (> 60)
    assert [(s.kind, s.evidence, s.on) for s in found["B"]] == [
        (SignalKind.NOT_ANSWERING, "no contact for 91 days", dt.date(2026, 10, 1))
    ]


def test_champion_left_or_turned_detractor() -> None:
    book = Book(
        accounts=[account("A")],
        stakeholders=[
            Stakeholder(
                account_id="A", name="Gordon Pike", role="CIO", sentiment=Sentiment.DETRACTOR
            )
        ],
        nps=[NpsResponse(account_id="A", date=dt.date(2026, 11, 20), score=4, respondent="Ann Li")],
    )
    last = LastQuarter(
        quarter="2026-Q3",
        accounts=[AccountSnapshot(id="A", name="A Corp", champions=["Dr. Alana Whitcombe"])],
    )
    evidence = [(s.evidence, s.on) for s in signals_of(book, AS_OF, last_quarter=last)["A"]]
    assert evidence == [
        ("Ann Li answered NPS 4", dt.date(2026, 11, 20)),
        ("Gordon Pike (CIO) is a detractor", AS_OF),
        ("Dr. Alana Whitcombe, a champion in 2026-Q3, is no longer listed", AS_OF),
    ]


def test_renewal_near_with_health_not_green_puts_arr_at_risk() -> None:
    due = AS_OF + dt.timedelta(days=75)
    book = Book(
        accounts=[account("A", arr=120_000, renewal_date=due)],
        usage=months("A", [20]),
    )
    found = signals_of(book, AS_OF)["A"]
    assert _kinds(found) == [SignalKind.LOW_USAGE, SignalKind.RENEWAL_AT_RISK]
    assert found[1].evidence == "renewal in 75 days (2027-03-16) with health red"
    assert found[1].arr_at_risk == 120_000
    assert found[1].on == due


def test_renewal_risk_stated_by_the_opportunity_wins_and_says_so() -> None:
    opp = Opportunity(id="O", account_id="A", kind=OpportunityKind.RENEWAL, risk=Risk.MEDIUM)
    risk = renewal_risk(opp, [], None, AS_OF)
    assert (risk.risk, risk.source) == (Risk.MEDIUM, RiskSource.OPPORTUNITY)
    assert risk.text == "Medium (as stated in the opportunity)"


def test_unstated_and_no_data_is_unknown_not_low() -> None:
    opp = Opportunity(id="O", account_id="A", kind=OpportunityKind.RENEWAL, risk_stated=False)
    risk = renewal_risk(opp, [], None, AS_OF)
    assert (risk.risk, risk.source) == (None, RiskSource.UNKNOWN)
    assert risk.text.startswith("Unknown (unknown")


def test_book_without_opportunities_gets_risks_from_signals() -> None:
    soon = AS_OF + dt.timedelta(days=40)
    later = AS_OF + dt.timedelta(days=150)
    book = Book(
        accounts=[
            account("RED", renewal_date=soon),
            account("GREEN", renewal_date=later),
        ],
        usage=months("RED", [15]) + months("GREEN", [90]),
    )
    rev = review(book)
    due = renewals_between(book, dt.date(2027, 1, 1), dt.date(2027, 7, 1))
    assert [o.account_id for o in due] == ["RED", "GREEN"]
    risks = renewal_risks(rev, due)
    red, green = (risks[o.id] for o in due)
    # RED: 15% used (low usage), renewal in 40 days with health red → high, from signals
    assert (red.risk, red.source) == (Risk.HIGH, RiskSource.SIGNALS)
    assert "15 of 100 licensed users active" in red.because
    # GREEN: 90% used, no signal, scored green → low, and from the signals, not a default
    assert (green.risk, green.source) == (Risk.LOW, RiskSource.SIGNALS)


def test_a_red_book_is_never_none_at_risk() -> None:
    accounts = [
        account(f"A{i}", renewal_date=AS_OF + dt.timedelta(days=30 * (i + 1))) for i in range(6)
    ]
    usage = [u for a in accounts for u in months(a.id, [10, 10, 10, 8, 6, 5])]
    rev = review(Book(accounts=accounts, usage=usage))
    due = renewals_between(rev.book, dt.date(2027, 1, 1), dt.date(2027, 7, 1))
    risks = renewal_risks(rev, due)
    assert len(risks) == 6
    assert all(r.risk is Risk.HIGH for r in risks.values())
    at_risk = sum(s.arr_at_risk for ss in signals_of(rev.book, AS_OF).values() for s in ss)
    assert at_risk == 6 * 100_000


def test_analysis_of_a_red_book_with_no_opportunities_has_arr_at_risk() -> None:
    from qbr_studio.analytics.analysis import analyze

    accounts = [
        account(f"A{i}", crm_health=Health.RED, renewal_date=dt.date(2027, 2, 1 + i))
        for i in range(4)
    ]
    usage = [u for a in accounts for u in months(a.id, [20])]
    result = analyze(review(Book(accounts=accounts, usage=usage)))
    assert len(result.renewals) == 4
    assert {r.source for r in result.renewal_risks.values()} == {RiskSource.SIGNALS}
    assert result.renewal_figures.at_risk.value == 400_000
    assert result.renewal_figures.due.value == 400_000
