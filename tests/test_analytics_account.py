"""The account view's content (issue 10): one account's three healths, its drivers with their
weights, its warning signs, its renewals with where each risk comes from, and its tickets,
NPS and opportunity charts — hand-computed on books built in code."""

from __future__ import annotations

import datetime as dt

from analytics_fixtures import AS_OF, account, months, review

from qbr_studio.analytics.account import account_summary
from qbr_studio.analytics.analysis import analyze
from qbr_studio.analytics.health import DEFAULT_WEIGHTS, Scorecard
from qbr_studio.analytics.risk import RiskSource
from qbr_studio.charts.account import nps_by_month, opportunities_chart, tickets_by_month
from qbr_studio.charts.spec import ChartKind
from qbr_studio.model import (
    Book,
    Health,
    HealthOverride,
    NpsResponse,
    Opportunity,
    OpportunityKind,
    Risk,
    Ticket,
)


def low_usage_review():
    """A: 24 of 100 users active (utilization 24% scores 24/0.8 = 30 → red), recorded
    green in the CRM; a renewal 400 days out with no stated risk and an expansion."""
    book = Book(
        accounts=[
            account("A", crm_health=Health.GREEN, renewal_date=AS_OF + dt.timedelta(days=400)),
            account("B", crm_health=Health.YELLOW),
        ],
        usage=months("A", [24] * 6) + months("B", [90] * 6),
        opportunities=[
            Opportunity(
                id="R1",
                account_id="A",
                kind=OpportunityKind.RENEWAL,
                amount=100_000,
                close_date=AS_OF + dt.timedelta(days=400),
                risk_stated=False,
            ),
            Opportunity(
                id="E1",
                account_id="A",
                kind=OpportunityKind.EXPANSION,
                name="Flow add-on",
                amount=20_000,
                close_date=AS_OF + dt.timedelta(days=30),
            ),
        ],
    )
    return review(book)


def test_the_three_healths_side_by_side_and_the_disagreement():
    r = low_usage_review()
    summary = account_summary(r, analyze(r), "A")
    assert summary is not None
    healths = dict(summary.healths)
    # usage drivers: utilization 30, trend 50 (flat), renewal proximity 100 (400 ≥ 365 days)
    # weights .25, .15, .05 → (30×.25 + 50×.15 + 100×.05) / .45 = 44.4 → red
    assert healths["Data"] == "Red at 44/100"
    assert healths["CRM"] == "Green"
    assert healths["CSM"] == "no override"
    assert summary.shown is Health.RED
    assert summary.health_words == "red by the data (CRM: green)"  # never just "red"
    assert summary.disagreement is not None
    assert summary.disagreement.startswith("CRM says green, data says red")
    assert "no data for" in summary.confidence


def test_drivers_weakest_first_with_their_share_of_the_weight():
    r = low_usage_review()
    summary = account_summary(r, analyze(r), "A")
    assert summary is not None
    rows = [(d.name, d.score, d.band, round(d.weight, 2)) for d in summary.drivers]
    assert rows == [
        ("Utilization", 30, Health.RED, 0.25),
        ("Active-user trend", 50, Health.YELLOW, 0.15),
        ("Renewal proximity", 100, Health.GREEN, 0.05),
    ]
    assert summary.drivers[0].detail == "utilization 24% (±0 pts in 90 days)"
    doubled = Scorecard(weights={k: 2 * w for k, w in DEFAULT_WEIGHTS.items()})
    same = account_summary(r, analyze(r, doubled), "A", doubled)
    assert same is not None
    assert [round(d.weight, 2) for d in same.drivers] == [0.25, 0.15, 0.05]  # shares, not weights


def test_a_renewal_outside_the_decks_window_is_judged_by_the_same_rule():
    r = low_usage_review()
    analysis = analyze(r)
    assert "R1" not in analysis.renewal_risks  # 400 days out: not due in the deck's window
    summary = account_summary(r, analysis, "A")
    assert summary is not None
    rows = {row.opportunity.id: row for row in summary.opportunities}
    renewal = rows["R1"].risk
    assert renewal is not None
    assert renewal.source is RiskSource.SIGNALS  # no stated risk: never the default "Low"
    assert renewal.risk is Risk.HIGH  # red health
    assert "24 of 100 licensed users active" in rows["R1"].risk_text
    assert rows["E1"].risk is None and rows["E1"].risk_text == ""
    assert rows["E1"].name == "Flow add-on (Expansion)"
    assert [s.name for s in summary.signals] == ["Usage far below what was bought"]


def test_the_csms_override_shows_with_its_reason():
    r = low_usage_review()
    r.health_overrides.append(
        HealthOverride(account_id="A", health=Health.YELLOW, reason="exec sponsor re-engaged")
    )
    summary = account_summary(r, analyze(r), "A")
    assert summary is not None
    assert dict(summary.healths)["CSM"] == "Yellow: exec sponsor re-engaged"
    assert summary.shown is Health.YELLOW


def test_an_unknown_account_has_no_summary():
    r = low_usage_review()
    assert account_summary(r, analyze(r), "nobody") is None


def test_tickets_by_month_count_each_severity_in_the_last_twelve_months():
    tickets = [
        Ticket(account_id="A", opened=dt.date(2026, 12, 5), severity=1),
        Ticket(account_id="A", opened=dt.date(2026, 12, 20), severity=2),
        Ticket(account_id="A", opened=dt.date(2026, 11, 3), severity=3),
        Ticket(account_id="A", opened=dt.date(2025, 12, 31), severity=1),  # before Jan 26
        Ticket(account_id="A", opened=dt.date(2027, 1, 2), severity=1),  # after the review
    ]
    spec = tickets_by_month(tickets, AS_OF, "A Corp", "tickets.csv")
    assert spec is not None and spec.kind is ChartKind.STACKED_COLUMN
    assert spec.categories[0] == "Jan 26" and spec.categories[-1] == "Dec 26"
    series = {s.name: s.values for s in spec.series}
    assert set(series) == {"P1", "P2", "P3"}  # no P4 ticket: no P4 series
    assert series["P1"][-1] == 1 and sum(series["P1"]) == 1
    assert series["P2"][-1] == 1
    assert series["P3"][-2] == 1
    assert "3 tickets, 2 of them P1 or P2; the most in Dec 26 (2)" in spec.alt_text
    assert tickets_by_month(tickets[3:], AS_OF, "A Corp", "") is None  # none in the period


def test_nps_by_month_groups_answers_and_states_the_periods_nps():
    answers = [
        NpsResponse(account_id="A", date=dt.date(2026, 3, 1), score=10),
        NpsResponse(account_id="A", date=dt.date(2026, 3, 9), score=9),
        NpsResponse(account_id="A", date=dt.date(2026, 9, 1), score=3),
        NpsResponse(account_id="A", date=dt.date(2026, 10, 1), score=7),
    ]
    spec = nps_by_month(answers, AS_OF, "A Corp", "nps.csv")
    assert spec is not None
    series = {s.name: s.values for s in spec.series}
    assert series["Promoters (9–10)"][2] == 2  # March
    assert series["Detractors (0–6)"][8] == 1  # September
    assert series["Passives (7–8)"][9] == 1  # October
    # (2 promoters − 1 detractor) / 4 answers = +25
    assert "4 answers, 2 promoters and 1 detractors, NPS +25" in spec.alt_text
    assert nps_by_month([], AS_OF, "A Corp", "") is None


def test_opportunities_chart_colours_renewals_by_risk_soonest_first():
    def opportunity(oid: str, kind: OpportunityKind, amount: float, close=None, name=""):
        return Opportunity(
            id=oid, account_id="A", kind=kind, amount=amount, close_date=close, name=name
        )

    renewal, expansion = OpportunityKind.RENEWAL, OpportunityKind.EXPANSION
    opps = [
        opportunity("R1", renewal, 100_000, dt.date(2027, 6, 1)),
        opportunity("R2", renewal, 50_000, dt.date(2027, 2, 1)),
        opportunity("E1", expansion, 20_000, dt.date(2027, 1, 15), "Flow"),
        opportunity("Z", expansion, 0),
    ]
    risks = {"R1": Risk.HIGH, "R2": None}
    spec = opportunities_chart(
        opps, lambda o: risks.get(o.id), "A Corp", lambda v: f"${v / 1000:.0f}k", "$", "crm"
    )
    assert spec is not None and spec.kind is ChartKind.BAR
    assert spec.categories == ("Flow (Jan 27)", "Renewal (Feb 27)", "Renewal (Jun 27)")
    assert spec.series[0].values == (20_000, 50_000, 100_000)
    assert spec.series[0].point_colors == ("series:1", "muted", "status:red")
    assert "$150k up for renewal and $20k of expansion or cross-sell" in spec.alt_text
    assert opportunities_chart(opps[3:], lambda o: None, "A", str, "$", "") is None
