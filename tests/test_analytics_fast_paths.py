"""The analysis's fast paths give what the straightforward computation gives, on random books:
the ticket and NPS drivers from the index's columns (against filtering the whole table), the
weighted score (against :func:`combine`), each account's override (against
``Review.override_of``) and the renewals made from accounts (against ``model_construct``)."""

from __future__ import annotations

import datetime as dt

from analytics_fixtures import AS_OF, account, review
from hypothesis import given, settings
from hypothesis import strategies as st

from qbr_studio.analytics.analysis import analyze
from qbr_studio.analytics.book import renewals_between
from qbr_studio.analytics.health import (
    DEFAULT_WEIGHTS,
    Driver,
    DriverKind,
    HealthScore,
    Scorecard,
    combine,
    nps_of,
)
from qbr_studio.model import (
    Book,
    Engagement,
    Health,
    HealthOverride,
    NpsResponse,
    Opportunity,
    OpportunityKind,
    Ticket,
)

ACCOUNTS = ("A", "B", "C", "D")
days_back = st.integers(0, 400)
tickets = st.lists(st.tuples(st.sampled_from(ACCOUNTS), days_back, st.integers(1, 4)), max_size=40)
answers = st.lists(st.tuples(st.sampled_from(ACCOUNTS), days_back, st.integers(0, 10)), max_size=30)
overrides = st.lists(
    st.tuples(st.sampled_from(ACCOUNTS), st.sampled_from(list(Health))), max_size=6
)
weights = st.fixed_dictionaries(
    {k: st.sampled_from([0.0, 0.05, 0.15, 0.3]) for k in DEFAULT_WEIGHTS}
).filter(lambda w: any(w.values()))


def reference_support(book: Book, account_id: str, card: Scorecard) -> Driver | None:
    """The support driver by filtering the whole ticket table."""
    if not book.tickets:
        return None
    since = AS_OF - dt.timedelta(days=card.lookback_days)
    before = since - dt.timedelta(days=card.lookback_days)
    mine = [t for t in book.tickets if t.account_id == account_id]
    recent = [t for t in mine if since < t.opened <= AS_OF]
    earlier = len([t for t in mine if before < t.opened <= since])
    severe = len([t for t in recent if t.severity <= card.severe_severity])
    rising = max(0, len(recent) - earlier)
    score = 100 - 25.0 * severe - 5.0 * (len(recent) - severe) - 5.0 * rising
    score = max(0.0, min(100.0, score))
    if not recent:
        return Driver(DriverKind.SUPPORT, score, f"no tickets in {card.lookback_days} days")
    parts = []
    for sev in (1, 2, 3, 4):
        count = len([t for t in recent if t.severity == sev])
        if count:
            parts.append(f"{count} P{sev} ticket{'s' if count > 1 else ''}")
    trend = f"up from {earlier}" if rising else f"{earlier} before"
    return Driver(
        DriverKind.SUPPORT, score, f"{', '.join(parts)} in {card.lookback_days} days ({trend})"
    )


def reference_nps(book: Book, account_id: str, card: Scorecard) -> Driver | None:
    since = AS_OF - dt.timedelta(days=card.nps_window_days)
    scores = [r.score for r in book.nps if r.account_id == account_id and since < r.date <= AS_OF]
    if not scores:
        return None
    nps = nps_of(scores)
    signed = f"+{nps}" if nps > 0 else f"−{-nps}" if nps < 0 else "±0"
    plural = "s" if len(scores) > 1 else ""
    return Driver(
        DriverKind.NPS,
        max(0.0, min(100.0, 50 + nps / 2)),
        f"NPS {signed} from {len(scores)} response{plural}",
    )


def driver(score: HealthScore, kind: DriverKind) -> Driver | None:
    return next((d for d in score.drivers if d.kind is kind), None)


@settings(max_examples=60, deadline=None)
@given(tickets, answers, overrides, weights, st.booleans())
def test_the_fast_paths_agree_with_the_straightforward_computation(
    ticket_rows, answer_rows, override_rows, weight_of, engaged
):
    book = Book(
        accounts=[
            account(a, renewal_date=AS_OF + dt.timedelta(days=40 * n) if n % 2 else None)
            for n, a in enumerate(ACCOUNTS)
        ],
        tickets=[
            Ticket(account_id=a, id=f"T{n}", opened=AS_OF - dt.timedelta(days=d), severity=s)
            for n, (a, d, s) in enumerate(ticket_rows)
        ],
        nps=[
            NpsResponse(account_id=a, date=AS_OF - dt.timedelta(days=d), score=s)
            for a, d, s in answer_rows
        ],
        engagement=[Engagement(account_id="A", emails_sent=10, replies=3)] if engaged else [],
    )
    r = review(book)
    r.health_overrides = [
        HealthOverride(account_id=a, health=h, reason=f"reason {n}")
        for n, (a, h) in enumerate(override_rows)
    ]
    card = Scorecard(weights=weight_of)
    analysis = analyze(r, card)

    for a in ACCOUNTS:
        score = analysis.health[a]
        if weight_of[DriverKind.SUPPORT]:
            assert driver(score, DriverKind.SUPPORT) == reference_support(book, a, card)
        if weight_of[DriverKind.NPS]:
            assert driver(score, DriverKind.NPS) == reference_nps(book, a, card)
        weighted = {k for k, w in weight_of.items() if w > 0}
        found = [d.kind for d in score.drivers]
        assert set(found) | set(score.missing) == weighted
        assert not set(found) & set(score.missing)
        assert found == [k for k in DriverKind if k in found]  # the scorecard's order
        expected, coverage = combine({d.kind: d.score for d in score.drivers}, card)
        assert score.coverage == coverage
        if score.score is not None:
            assert score.score == round(expected, 1)
        assert analysis.views[a].override == r.override_of(a)


@given(st.lists(st.tuples(st.integers(0, 300), st.floats(0, 1e6)), max_size=8))
def test_renewals_made_from_accounts_are_what_model_construct_makes(rows):
    book = Book(
        accounts=[
            account(f"X{n}", arr=arr, renewal_date=AS_OF + dt.timedelta(days=d))
            for n, (d, arr) in enumerate(rows)
        ]
    )
    made = renewals_between(book, AS_OF, AS_OF + dt.timedelta(days=400))
    for o in made:
        a = next(a for a in book.accounts if f"renewal-{a.id}" == o.id)
        expected = Opportunity.model_construct(
            id=f"renewal-{a.id}",
            account_id=a.id,
            kind=OpportunityKind.RENEWAL,
            name=f"{a.name} renewal",
            amount=a.arr,
            close_date=a.renewal_date,
            risk_stated=False,
        )
        assert o == expected
        assert o.model_fields_set == expected.model_fields_set
        assert o.model_dump(exclude_unset=True) == expected.model_dump(exclude_unset=True)
    assert len(made) == len(rows)
