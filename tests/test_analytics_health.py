"""The health scorecard against hand-computed examples, and its properties."""

from __future__ import annotations

import datetime as dt

import pytest
from analytics_fixtures import AS_OF, account, months, review
from hypothesis import given
from hypothesis import strategies as st

from qbr_studio.analytics.health import (
    DEFAULT_SCORECARD,
    Confidence,
    DriverKind,
    Scorecard,
    combine,
    score_account,
    score_book,
)
from qbr_studio.analytics.health_view import disagreements, health_views
from qbr_studio.model import (
    Book,
    Engagement,
    Health,
    HealthOverride,
    NpsResponse,
    Sentiment,
    Stakeholder,
    Ticket,
)


def _slipping_book() -> Book:
    """Utilization 43% → 31% in three months, three P1 tickets, renewal in 180 days; no NPS,
    no engagement, no key-feature column."""
    acc = account("A1", renewal_date=AS_OF + dt.timedelta(days=180))
    tickets = [
        Ticket(account_id="A1", id=f"T{i}", opened=dt.date(2026, 12, 1 + i), severity=1)
        for i in range(3)
    ]
    return Book(accounts=[acc], usage=months("A1", [40, 40, 43, 40, 35, 31]), tickets=tickets)


def test_scorecard_by_hand() -> None:
    book = _slipping_book()
    score = score_account(book, book.accounts[0], AS_OF)

    by = {d.kind: d for d in score.drivers}
    # utilization 31/100 = 31%, scored against 80% full: 31 / 80 × 100 = 38.75
    assert by[DriverKind.UTILIZATION].score == pytest.approx(38.75)
    assert by[DriverKind.UTILIZATION].detail == "utilization 31% (−12 pts in 90 days)"
    # trend: last three months (40+35+31)/3 = 35.33 vs (40+40+43)/3 = 41 → −13.82%;
    # 50 + (−0.13821 × 250) = 15.447
    assert by[DriverKind.ACTIVE_USER_TREND].score == pytest.approx(15.447, abs=0.001)
    # support: 100 − 3 P1 × 25 − 0 other × 5 − 3 more than the 0 before × 5 = 10
    assert by[DriverKind.SUPPORT].score == 10
    assert by[DriverKind.SUPPORT].detail == "3 P1 tickets in 90 days (up from 0)"
    # renewal 180 days away: 180 / 365 × 100 = 49.315
    assert by[DriverKind.RENEWAL_PROXIMITY].score == pytest.approx(49.315, abs=0.001)
    # weights present .25 + .15 + .15 + .05 = .60 of 1.00
    # (.25×38.75 + .15×15.447 + .15×10 + .05×49.315) / .60 = 15.970 / .60 = 26.62
    assert score.score == 26.6
    assert score.health is Health.RED
    assert score.coverage == pytest.approx(0.60)
    assert score.confidence is Confidence.MEDIUM
    assert set(score.missing) == {
        DriverKind.KEY_FEATURE_ADOPTION,
        DriverKind.NPS,
        DriverKind.ENGAGEMENT,
    }
    # the two drivers costing most: utilization (61.25 × .25 = 15.3), support (90 × .15 = 13.5)
    assert score.reason == (
        "utilization 31% (−12 pts in 90 days); 3 P1 tickets in 90 days (up from 0)"
    )
    assert "no data for key-feature adoption, nps, engagement" in score.confidence_text


def test_nps_engagement_and_adoption_by_hand() -> None:
    acc = account("B1")
    book = Book(
        accounts=[acc],
        usage=months("B1", [50], key=[20]),
        nps=[
            NpsResponse(account_id="B1", date=dt.date(2026, 11, 1), score=s) for s in (10, 9, 3, 7)
        ],
        engagement=[
            Engagement(
                account_id="B1",
                last_contact=AS_OF - dt.timedelta(days=60),
                emails_sent=10,
                replies=2,
            )
        ],
    )
    by = {d.kind: d for d in score_account(book, acc, AS_OF).drivers}
    # 2 promoters, 1 detractor of 4 → NPS +25 → 50 + 25/2 = 62.5
    assert by[DriverKind.NPS].score == 62.5
    assert by[DriverKind.NPS].detail == "NPS +25 from 4 responses"
    # 20 key-feature users of 50 active = 40%, of a full 60% → 66.67
    assert by[DriverKind.KEY_FEATURE_ADOPTION].score == pytest.approx(66.667, abs=0.001)
    # contact 60 days ago: 100 − (60 − 30) × 100/60 = 50; replies 2/10 = 20% of 40% → 50
    assert by[DriverKind.ENGAGEMENT].score == 50
    # no ticket data in the book at all: support is missing, not a perfect 100
    assert DriverKind.SUPPORT not in by


def test_no_tickets_for_one_account_in_a_book_with_tickets_is_a_clean_record() -> None:
    book = Book(
        accounts=[account("C1"), account("C2")],
        tickets=[Ticket(account_id="C2", opened=dt.date(2026, 12, 1), severity=3)],
    )
    scores = score_book(book, AS_OF)
    assert scores["C1"].drivers[0].detail == "no tickets in 90 days"
    assert scores["C1"].drivers[0].score == 100


def test_too_little_data_is_no_score_not_a_confident_green() -> None:
    """A clean ticket record alone (15% of the weight, under the 25% minimum) is not health."""
    book = Book(
        accounts=[account("C1", crm_health=Health.YELLOW)],
        tickets=[Ticket(account_id="C2", opened=dt.date(2026, 12, 1))],
    )
    score = score_book(book, AS_OF)["C1"]
    assert (score.score, score.health) == (None, Health.YELLOW)
    assert (
        score.reason == "too little data to score health: only support tickets (15% of the weight)"
    )
    assert [d.kind for d in score.drivers] == [DriverKind.SUPPORT]
    assert health_views(review(book))["C1"].disagreement is None


def test_team_weights_are_data() -> None:
    book = _slipping_book()
    card = Scorecard(weights={DriverKind.SUPPORT: 1.0})
    score = score_account(book, book.accounts[0], AS_OF, card=card)
    assert [d.kind for d in score.drivers] == [DriverKind.SUPPORT]
    assert score.score == 10
    with pytest.raises(ValueError, match="Utilization must not be negative"):
        Scorecard(weights={DriverKind.UTILIZATION: -1})


def test_no_data_falls_back_to_the_crm_and_says_so() -> None:
    book = Book(accounts=[account("D1", crm_health=Health.YELLOW)])
    score = score_account(book, book.accounts[0], AS_OF)
    assert (score.score, score.health, score.reason) == (
        None,
        Health.YELLOW,
        "health as recorded in the CRM",
    )
    assert score.confidence is Confidence.LOW


_scores = st.floats(min_value=0, max_value=100, allow_nan=False)
_maybe = st.one_of(st.none(), _scores)
_drivers = st.fixed_dictionaries({k: _maybe for k in DriverKind})


@given(_drivers)
def test_score_stays_in_range(scores: dict[DriverKind, float | None]) -> None:
    total, coverage = combine(scores)
    assert 0 <= coverage <= 1 + 1e-9
    if total is None:
        assert all(s is None for s in scores.values())
    else:
        assert -1e-9 <= total <= 100 + 1e-9


@given(_drivers, st.sampled_from(list(DriverKind)), _scores)
def test_score_is_monotonic_in_each_driver(
    scores: dict[DriverKind, float | None], kind: DriverKind, higher: float
) -> None:
    low = dict(scores)
    low[kind] = min(higher, scores[kind] if scores[kind] is not None else higher)
    high = dict(scores)
    high[kind] = higher
    assert combine(high)[0] >= combine(low)[0] - 1e-9  # type: ignore[operator]


@given(_drivers, st.sampled_from(list(DriverKind)))
def test_missing_driver_is_ignored_not_zero_or_hundred(
    scores: dict[DriverKind, float | None], kind: DriverKind
) -> None:
    missing = dict(scores)
    missing[kind] = None
    without = {k: s for k, s in scores.items() if k is not kind}
    assert combine(missing)[0] == combine(without)[0]
    rest = [(DEFAULT_SCORECARD.weights[k], s) for k, s in without.items() if s is not None]
    if rest:
        expected = sum(w * s for w, s in rest) / sum(w for w, _ in rest)
        assert combine(missing)[0] == pytest.approx(expected)


def _riverbend_like() -> Book:
    """The CRM says yellow, usage says green, the CIO is a detractor."""
    acc = account("R1", crm_health=Health.YELLOW)
    return Book(
        accounts=[acc],
        usage=months("R1", [70, 70, 70, 76, 78, 80], key=[None] * 5 + [50]),
        stakeholders=[
            Stakeholder(
                account_id="R1", name="Gordon Pike", role="CIO", sentiment=Sentiment.DETRACTOR
            )
        ],
    )


def test_crm_data_and_csm_side_by_side_with_the_disagreement_as_a_finding() -> None:
    rev = review(_riverbend_like())
    view = health_views(rev)["R1"]
    assert (view.crm, view.computed.health, view.override) == (Health.YELLOW, Health.GREEN, None)
    assert view.disagreement == (
        "CRM says yellow, data says green: utilization 80% (+10 pts in 90 days), "
        "but Gordon Pike (CIO) is a detractor"
    )
    assert view.title_word == "green by the data (CRM: yellow)"
    assert disagreements(health_views(rev)) == [("R1", view.disagreement)]

    rev.health_overrides.append(
        HealthOverride(account_id="R1", health=Health.YELLOW, reason="CIO wants fewer vendors")
    )
    view = health_views(rev)["R1"]
    assert view.shown is Health.YELLOW
    assert view.disagreement is not None
    assert view.disagreement.startswith("CRM says yellow, data says green, CSM says yellow:")
    assert view.disagreement.endswith("CSM: CIO wants fewer vendors")
    assert view.title_word == "yellow by the CSM (data: green)"


def test_agreement_is_no_finding() -> None:
    book = _riverbend_like()
    book.accounts[0].crm_health = Health.GREEN
    view = health_views(review(book))["R1"]
    assert view.disagreement is None
    assert view.title_word == "green"
