"""Random books for comparing the analysis with its recorded results: accounts with and without
usage, tickets, NPS, engagement or a renewal date; rows of unknown accounts, rows dated after
the review, shuffled months; overrides, renewal and growth opportunities, carried-forward
reviews (last quarter's reference), and random scorecards and risk rules as a team pack sets."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from qbr_studio.analytics.account import account_summary
from qbr_studio.analytics.analysis import analyze
from qbr_studio.analytics.carry import carry_forward
from qbr_studio.analytics.health import (
    DEFAULT_WEIGHTS,
    DriverKind,
    HealthScore,
    Scorecard,
    score_account,
    score_book,
)
from qbr_studio.analytics.health_view import health_views
from qbr_studio.analytics.patterns import suggest_patterns
from qbr_studio.analytics.risk import RiskRules, signals_of
from qbr_studio.model import (
    Account,
    Book,
    Engagement,
    Health,
    HealthOverride,
    Meta,
    NpsResponse,
    Opportunity,
    OpportunityKind,
    Review,
    Risk,
    Sentiment,
    Stakeholder,
    Ticket,
    UsageMonth,
)

AS_OF = dt.date(2026, 12, 31)
SUBJECTS = ("How do I export?", "Login fails", "onboarding", "", "Set up SSO", "crash")


def _day(rnd: random.Random, low: int, high: int) -> dt.date:
    return AS_OF - dt.timedelta(days=rnd.randint(low, high))


def random_book(rnd: random.Random) -> Book:
    n = rnd.randint(0, 12)
    ids = [f"A{i}" for i in range(n)] + ["GHOST"]  # GHOST: rows of an account not in the book
    accounts = [
        Account(
            id=ids[i],
            name=f"Acc {i}",
            industry=rnd.choice(["", "X", "Y"]),
            segment=rnd.choice(["", "S", "M"]),
            products=rnd.sample(["P", "Q", "R"], rnd.randint(0, 2)),
            arr=float(rnd.choice([0, 1000, 5e4, rnd.randint(0, 10**6)])),
            licensed_seats=rnd.choice([None, 0, 10, 100]),
            renewal_date=rnd.choice([None, _day(rnd, -500, 100)]),
            crm_health=rnd.choice([None, *Health]),
            customer_since=rnd.choice([None, _day(rnd, 0, 2000)]),
        )
        for i in range(n)
    ]
    usage = []
    for a in ids:
        if rnd.random() < 0.3:
            continue
        for k in range(rnd.randint(0, 14)):
            licensed = rnd.choice([0, 10, 50, 100])
            active = rnd.randint(0, max(licensed, 1) + 5)
            month = dt.date(2025 + (k + 2) // 12, (k + 2) % 12 + 1, 1)
            usage.append(
                UsageMonth(
                    account_id=a,
                    month=month if rnd.random() < 0.9 else dt.date(2026, rnd.randint(1, 12), 1),
                    active_users=active,
                    licensed_users=licensed,
                    key_feature_users=rnd.choice([None, active // 2, active + 3]),
                )
            )
    if rnd.random() < 0.5:
        rnd.shuffle(usage)
    tickets = [
        Ticket(
            account_id=rnd.choice(ids),
            id=f"T{k}",
            opened=_day(rnd, -10, 400),
            severity=rnd.randint(1, 4),
            subject=rnd.choice(SUBJECTS),
            category=rnd.choice(["", "training", "bug"]),
        )
        for k in range(rnd.choice([0, 0, rnd.randint(0, 60)]))
    ]
    nps = [
        NpsResponse(
            account_id=rnd.choice(ids),
            date=rnd.choice([AS_OF, _day(rnd, 1, 1), _day(rnd, 5, 5), _day(rnd, -5, 400)]),
            score=rnd.randint(0, 10),
            respondent=rnd.choice(["", "Ann", "Bob", f"R{k}"]),
        )
        for k in range(rnd.choice([0, rnd.randint(0, 40)]))
    ]
    engagement = []
    for a in ids:
        if rnd.random() < 0.7:
            sent = rnd.randint(0, 20)
            engagement.append(
                Engagement(
                    account_id=a,
                    last_contact=rnd.choice([None, _day(rnd, -3, 200)]),
                    emails_sent=sent,
                    emails_opened=rnd.randint(0, sent),
                    replies=rnd.randint(0, sent),
                )
            )
    stakeholders = [
        Stakeholder(
            account_id=rnd.choice(ids),
            name=f"P{k}",
            role=rnd.choice(["", "CIO"]),
            sentiment=rnd.choice(list(Sentiment)),
        )
        for k in range(rnd.randint(0, 15))
    ]
    opportunities = [
        Opportunity(
            id=f"O{k}",
            account_id=rnd.choice(ids),
            kind=rnd.choice(list(OpportunityKind)),
            amount=float(rnd.randint(0, 10**5)),
            close_date=rnd.choice([None, _day(rnd, -300, 200)]),
            stage=rnd.choice(["Discovery", "Closed Won", "Closed Lost", "Negotiation", ""]),
            risk_stated=rnd.random() < 0.3,
            risk=rnd.choice(list(Risk)),
        )
        for k in range(rnd.randint(0, 15))
    ]
    return Book(
        accounts=accounts,
        usage=usage,
        tickets=tickets,
        nps=nps,
        engagement=engagement,
        stakeholders=stakeholders,
        opportunities=opportunities,
    )


def random_review(rnd: random.Random) -> Review:
    book = random_book(rnd)
    ids = [a.id for a in book.accounts] + ["GHOST"]
    overrides = [
        HealthOverride(
            account_id=rnd.choice(ids), health=rnd.choice(list(Health)), reason=f"why {k}"
        )
        for k in range(rnd.randint(0, 4))
    ]
    review = Review(meta=Meta(csm="Dana", quarter="2026-Q4"), book=book)
    if rnd.random() < 0.3:
        last = Review(meta=Meta(csm="Dana", quarter="2026-Q3"), book=book.model_copy(deep=True))
        review = carry_forward(last, "q3.qbr")
        review.book = book
    review.health_overrides = overrides
    return review


def random_card(rnd: random.Random) -> Scorecard:
    if rnd.random() < 0.4:
        return Scorecard()
    weights = {k: rnd.choice([0.0, 0.05, 0.15, 0.3]) for k in DEFAULT_WEIGHTS}
    if not any(weights.values()):
        weights[DriverKind.NPS] = 1.0
    return Scorecard(
        weights=weights,
        lookback_days=rnd.choice([30, 90, 120]),
        nps_window_days=rnd.choice([30, 183, 365]),
        min_coverage=rnd.choice([0.0, 0.25, 0.6]),
        trend_months=rnd.choice([1, 3, 4]),
        green=rnd.choice([70, 80]),
        yellow=rnd.choice([40, 50]),
    )


def random_rules(rnd: random.Random) -> RiskRules:
    if rnd.random() < 0.5:
        return RiskRules()
    return RiskRules(
        lookback_days=rnd.choice([30, 90, 200]),
        immature_tickets=rnd.choice([1, 2]),
        mature_after_days=rnd.choice([0, 180]),
    )


def _score(s: HealthScore) -> str:
    drivers = [(d.kind, d.score, d.detail, d.name) for d in s.drivers]
    return repr((s, s.reason, s.confidence_text, drivers))


def results(review: Review, card: Scorecard, rules: RiskRules) -> list[str]:
    """Every public result of the analysis and of the entry points that score a book, each
    sentence read, as text (not the book figures of ``analytics/book.py``, which the deck's
    title slide owns and changes on its own)."""
    a = analyze(review, card, rules, gross_margin=0.7)
    out = [repr(a), repr(a.disagreements), repr(a.renewal_figures), repr(a.since_last)]
    out += [_score(s) for s in a.health.values()]
    out += [repr((v.shown, v.disagreement, v.title_word)) for v in a.views.values()]
    book = review.book
    out += [repr(account_summary(review, a, x.id, card)) for x in book.accounts]
    scored = score_book(book, review.as_of, card)
    out += [_score(s) for s in scored.values()]
    out += [_score(score_account(book, x, review.as_of, card=card)) for x in book.accounts[:3]]
    out.append(
        repr(signals_of(book, review.as_of, scored, last_quarter=review.last_quarter, rules=rules))
    )
    out.append(repr(signals_of(book, review.as_of)))
    out.append(repr(health_views(review, card)))
    out.append(repr(suggest_patterns(book, review.as_of)))
    return out


def digest(seed: int) -> str:
    rnd = random.Random(seed)
    review, card, rules = random_review(rnd), random_card(rnd), random_rules(rnd)
    return hashlib.sha256("\n".join(results(review, card, rules)).encode()).hexdigest()[:16]


def sample_digest(carried: bool) -> str:
    """The sample review's (or the review carried forward from it), by the product's scorecard
    and a team pack's."""
    from qbr_studio.sample import build_sample_review

    review = build_sample_review()
    review = carry_forward(review, "sample.qbr") if carried else review
    weights = dict(DEFAULT_WEIGHTS) | {DriverKind.NPS: 0.0, DriverKind.SUPPORT: 0.3}
    pack = Scorecard(weights=weights, lookback_days=60, green=75, source="Team pack, version 2")
    out = results(review, Scorecard(), RiskRules()) + results(review, pack, RiskRules(60))
    return hashlib.sha256("\n".join(out).encode()).hexdigest()[:16]


SEEDS = 200


def recorded() -> dict[str, str]:
    """What ``tests/reference/analytics_digests.txt`` records: name → digest."""
    found = {str(seed): digest(seed) for seed in range(SEEDS)}
    found["sample"] = sample_digest(carried=False)
    found["sample carried"] = sample_digest(carried=True)
    return found
