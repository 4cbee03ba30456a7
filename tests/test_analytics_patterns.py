"""Territory patterns: suggestions with evidence and accounts, never written silently."""

from __future__ import annotations

import datetime as dt

import pytest
from analytics_fixtures import AS_OF, account, months

from qbr_studio.analytics.patterns import PatternKind, accept, suggest_patterns
from qbr_studio.model import Book, Engagement


def _book() -> Book:
    """Retail uses 80% and 90%; Healthcare 40% and 50% → book mean 65%, Healthcare 45%."""
    accounts = [
        account("R1", name="Retail One", industry="Retail", segment="SMB"),
        account("R2", name="Retail Two", industry="Retail", segment="SMB"),
        account("H1", name="Health One", industry="Healthcare", segment="SMB"),
        account("H2", name="Health Two", industry="Healthcare", segment="SMB"),
    ]
    usage = (
        months("R1", [80], key=[40])
        + months("R2", [90], key=[45])
        + months("H1", [40], key=[4])
        + months("H2", [50], key=[5])
    )
    return Book(accounts=accounts, usage=usage)


def test_lagging_industry_with_its_evidence_and_chart() -> None:
    found = {s.key: s for s in suggest_patterns(_book(), AS_OF)}
    lag = found["industry_lags:Healthcare"]
    assert lag.kind is PatternKind.INDUSTRY_LAGS
    # (40 + 50) / 2 = 45% against (80 + 90 + 40 + 50) / 4 = 65%: 20 points ≥ 15
    assert lag.evidence == (
        "Healthcare (2 accounts) averages 45% of licensed users active, against 65% across the book"
    )
    assert lag.account_ids == ("H1", "H2")
    assert lag.chart == (("Healthcare", pytest.approx(0.45)), ("Retail", pytest.approx(0.85)))
    # one segment only: nothing to compare, no suggestion
    assert not any(s.kind is PatternKind.SEGMENT_LAGS for s in found.values())
    assert "industry_lags:Retail" not in found


def test_key_feature_lag() -> None:
    found = {s.key: s for s in suggest_patterns(_book(), AS_OF)}
    feature = found["feature_lags:key_features"]
    # shares 50%, 50%, 10%, 10% → mean 30%; below half of it (15%): H1 and H2
    assert feature.account_ids == ("H1", "H2")
    assert "Health One 10%, Health Two 10% (book average 30%)" in feature.evidence


def test_accounts_sharing_a_warning_sign() -> None:
    book = _book()
    book.engagement = [
        Engagement(account_id=i, last_contact=dt.date(2026, 12, 1), emails_sent=10, emails_opened=1)
        for i in ("R1", "H2")
    ]
    found = {s.key: s for s in suggest_patterns(book, AS_OF)}
    shared = found["shared_signal:not_opening"]
    assert shared.account_ids == ("R1", "H2")
    assert shared.title == "2 accounts share a warning sign: not opening our messages"
    assert "Retail One: 1 of 10 emails opened" in shared.evidence


def test_accepting_makes_a_challenge_and_nothing_is_written_silently() -> None:
    book = _book()
    before = book.model_dump()
    (lag,) = [s for s in suggest_patterns(book, AS_OF) if s.kind is PatternKind.INDUSTRY_LAGS]
    assert book.model_dump() == before
    challenge = accept(lag)
    assert (challenge.pattern, challenge.account_ids) == (
        "Healthcare lags on utilization",
        ["H1", "H2"],
    )
    assert challenge.evidence == lag.evidence and challenge.plan == ""


def test_an_even_book_suggests_nothing() -> None:
    book = _book()
    book.usage = [
        u.model_copy(update={"active_users": 70, "key_feature_users": 35}) for u in book.usage
    ]
    assert suggest_patterns(book, AS_OF) == []
