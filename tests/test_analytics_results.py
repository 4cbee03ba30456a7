"""The per-account results compare, hash and show by their values, as the frozen dataclasses
they replaced did, whether a sentence was given or is made when first read."""

from __future__ import annotations

from analytics_fixtures import account, months, review

from qbr_studio.analytics.analysis import analyze
from qbr_studio.analytics.health import Driver, DriverKind, HealthScore, Scorecard
from qbr_studio.model import Book, Engagement, Health


def _words(share: float) -> str:
    return f"key features used by {share:.0%} of active users"


def test_a_driver_made_from_its_numbers_is_the_driver_given_its_sentence() -> None:
    lazy = Driver(DriverKind.KEY_FEATURE_ADOPTION, 50.0, _words, 0.3)
    given = Driver(
        DriverKind.KEY_FEATURE_ADOPTION, 50.0, "key features used by 30% of active users"
    )
    assert lazy == given and hash(lazy) == hash(given)
    assert (
        repr(lazy)
        == repr(given)
        == (
            "Driver(kind=<DriverKind.KEY_FEATURE_ADOPTION: 'key_feature_adoption'>, score=50.0, "
            "detail='key features used by 30% of active users')"
        )
    )
    assert lazy != Driver(DriverKind.KEY_FEATURE_ADOPTION, 50.0, _words, 0.4)
    assert lazy != (DriverKind.KEY_FEATURE_ADOPTION, 50.0, lazy.detail)


def test_a_score_compares_by_its_values_and_its_reason_but_not_its_scorecard() -> None:
    book = Book(
        accounts=[account("A", crm_health=Health.YELLOW)],
        usage=months("A", [30, 30, 30, 40, 50, 60], key=[None] * 5 + [10]),
        engagement=[Engagement(account_id="A", emails_sent=10, replies=1)],
    )
    score = analyze(review(book)).health["A"]
    again = analyze(review(book), Scorecard(source="another pack")).health["A"]
    assert score.card is not again.card
    assert score == again and hash(score) == hash(again) and repr(score) == repr(again)
    given = HealthScore(
        score.account_id,
        score.score,
        score.health,
        score.drivers,
        score.reason,
        score.coverage,
        score.missing,
    )
    assert given == score
    assert given != HealthScore(
        score.account_id,
        score.score,
        score.health,
        score.drivers,
        "another reason",
        score.coverage,
        score.missing,
    )
    assert repr(score).startswith("HealthScore(account_id='A', score=")
    assert f"reason={score.reason!r}, coverage={score.coverage!r}, missing=" in repr(score)


def test_a_score_makes_its_drivers_once_when_first_read_and_they_are_the_drivers_found() -> None:
    book = Book(
        accounts=[account("A", crm_health=Health.YELLOW)],
        usage=months("A", [30, 30, 30, 40, 50, 60], key=[None] * 5 + [10]),
        engagement=[Engagement(account_id="A", emails_sent=10, replies=1)],
    )
    score = analyze(review(book)).health["A"]
    drivers = score.drivers
    assert score.drivers is drivers  # made once
    assert [d.kind for d in drivers] == [
        DriverKind.UTILIZATION,
        DriverKind.ACTIVE_USER_TREND,
        DriverKind.KEY_FEATURE_ADOPTION,
        DriverKind.ENGAGEMENT,
    ]
    assert all(isinstance(d, Driver) for d in drivers)
    assert [d.detail for d in drivers] == [
        "utilization 60% (+30 pts in 90 days)",
        "active users +67% over 3 months",
        "key features used by 17% of active users",
        "10% of emails answered",
    ]
    # scored without reading the drivers first, the same score compares equal
    assert analyze(review(book)).health["A"] == score
