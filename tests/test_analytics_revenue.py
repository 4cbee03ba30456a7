"""Revenue metrics against hand-computed examples; what can't be computed says why."""

from __future__ import annotations

import datetime as dt

import pytest
from analytics_fixtures import AS_OF, account

from qbr_studio.analytics.book import renewal_window
from qbr_studio.analytics.revenue import (
    pipeline,
    renewal_figures,
    renewals_ahead,
    retention,
    retention_since,
    simple_ltv,
)
from qbr_studio.analytics.risk import RenewalRisk, RiskSource
from qbr_studio.model import (
    AccountSnapshot,
    Book,
    LastQuarter,
    Meta,
    Opportunity,
    OpportunityKind,
    Review,
    Risk,
)


def _renewal(i: str, amount: float, risk: Risk | None) -> tuple[Opportunity, RenewalRisk]:
    opp = Opportunity(id=i, account_id=i, kind=OpportunityKind.RENEWAL, amount=amount)
    source = RiskSource.OPPORTUNITY if risk else RiskSource.UNKNOWN
    return opp, RenewalRisk(risk, source, "")


def test_renewals_due_forecast_and_arr_at_risk_by_hand() -> None:
    pairs = [
        _renewal("A", 100_000, Risk.LOW),
        _renewal("B", 200_000, Risk.MEDIUM),
        _renewal("C", 50_000, Risk.HIGH),
        _renewal("D", 80_000, None),
    ]
    figures = renewal_figures([o for o, _ in pairs], {o.id: r for o, r in pairs})
    assert figures.due.value == 430_000
    # 100k × .95 + 200k × .75 + 50k × .40 = 95k + 150k + 20k = 265k (D unknown, left out)
    assert figures.forecast.value == pytest.approx(265_000)
    assert figures.forecast.reason == "1 renewal(s) of unknown risk left out"
    # medium + high: 200k + 50k
    assert figures.at_risk.value == 250_000
    assert [o.id for o in figures.unknown_risk] == ["D"]


def test_all_unknown_is_no_forecast_not_zero() -> None:
    opp, risk = _renewal("A", 100_000, None)
    figures = renewal_figures([opp], {"A": risk})
    assert figures.forecast.value is None and figures.at_risk.value is None
    assert figures.at_risk.reason == "no renewal has a known risk"


def test_grr_and_nrr_by_hand() -> None:
    # A expanded 100k → 130k, B contracted 200k → 150k, C was lost (100k), D is new (50k)
    start = {"A": 100_000.0, "B": 200_000.0, "C": 100_000.0}
    now = {"A": 130_000.0, "B": 150_000.0, "D": 50_000.0}
    grr, nrr = retention(start, now)
    # GRR = (min(130,100) + min(150,200) + 0) / 400 = 250 / 400 = 62.5%
    assert grr.value == pytest.approx(0.625)
    # NRR = (130 + 150 + 0) / 400 = 70% (D is a new customer, left out)
    assert nrr.value == pytest.approx(0.70)
    assert "Σ min(ARR now, ARR at start)" in grr.formula


def test_retention_without_last_quarter_says_how_to_get_it() -> None:
    grr, nrr = retention_since(None, Book(accounts=[account("A")]))
    assert grr.value is None and nrr.value is None
    assert "new --from" in grr.reason
    last = LastQuarter(quarter="2026-Q3", accounts=[AccountSnapshot(id="A", name="A", arr=80_000)])
    grr, nrr = retention_since(last, Book(accounts=[account("A", arr=100_000)]))
    assert (grr.value, nrr.value) == (1.0, 1.25)
    assert grr.reason == "since 2026-Q3"


def test_simple_ltv_by_hand_and_its_reasons() -> None:
    book = Book(accounts=[account("A", arr=120_000), account("B", arr=240_000)])
    last = LastQuarter(
        quarter="2026-Q3",
        accounts=[AccountSnapshot(id=i, name=i, arr=100_000) for i in ("A", "B", "C", "D")],
    )
    # churn: 2 of 4 lost over 3 months = 1/6 a month; ARPA = 360k / 2 / 12 = 15k a month
    # LTV = 15k × 0.8 / (1/6) = 72k
    assert simple_ltv(book, last, 0.8).value == pytest.approx(72_000)
    assert simple_ltv(book, last, None).reason == "gross margin is not set"
    assert simple_ltv(book, None, 0.8).value is None
    kept = LastQuarter(quarter="2026-Q3", accounts=last.accounts[:2])
    assert simple_ltv(book, kept, 0.8).reason == "no account lost since 2026-Q3"


def test_pipeline_by_stage_and_month_leaves_out_closed_and_renewals() -> None:
    def opp(i: str, kind: OpportunityKind, stage: str, amount: float, close: dt.date | None):
        return Opportunity(
            id=i, account_id="A", kind=kind, stage=stage, amount=amount, close_date=close
        )

    book = Book(
        opportunities=[
            opp("1", OpportunityKind.EXPANSION, "Discovery", 10_000, dt.date(2027, 1, 20)),
            opp("2", OpportunityKind.CROSS_SELL, "Proposal/Quote", 25_000, dt.date(2027, 1, 5)),
            opp("3", OpportunityKind.EXPANSION, "Discovery", 5_000, dt.date(2027, 3, 1)),
            opp("4", OpportunityKind.EXPANSION, "Closed Won", 99_000, dt.date(2026, 11, 1)),
            opp("5", OpportunityKind.RENEWAL, "Negotiation", 70_000, dt.date(2027, 2, 1)),
            opp("6", OpportunityKind.EXPANSION, "", 1_000, None),
        ]
    )
    p = pipeline(book)
    assert p.by_stage == {"Discovery": 15_000, "Proposal/Quote": 25_000, "No stage": 1_000}
    assert p.by_month == {dt.date(2027, 1, 1): 35_000, dt.date(2027, 3, 1): 5_000}
    assert [o.id for o in p.undated] == ["6"]
    assert p.total == 41_000


def test_renewals_ahead_is_the_decks_window_without_closed_ones() -> None:
    book = Book(
        accounts=[account("A", renewal_date=dt.date(2027, 6, 30))],
        opportunities=[
            Opportunity(
                id="won",
                account_id="B",
                kind=OpportunityKind.RENEWAL,
                stage="Closed Won",
                close_date=dt.date(2027, 1, 10),
            )
        ],
    )
    start, end = renewal_window(
        Review(meta=Meta(csm="A B", quarter="2026-Q4"))
    )  # the deck's window
    assert start > AS_OF
    assert [o.account_id for o in renewals_ahead(book, start, end)] == ["A"]
