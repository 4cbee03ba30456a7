"""Everything analytics knows about one review, computed once: the book grouped by account
once, each account scored once, its signals found once, and every figure built from those.

This is what the deck's content, the app's account view and ``check`` should take, rather
than each calling the scoring again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from qbr_studio.analytics.book import renewal_window
from qbr_studio.analytics.carry import SinceLast, since_last_review
from qbr_studio.analytics.health import DEFAULT_SCORECARD, HealthScore, Scorecard, score_accounts
from qbr_studio.analytics.health_view import HealthView, disagreements, health_views
from qbr_studio.analytics.index import BookIndex
from qbr_studio.analytics.patterns import Suggestion, suggest_patterns
from qbr_studio.analytics.revenue import (
    Metric,
    Pipeline,
    RenewalFigures,
    pipeline,
    renewal_figures,
    renewals_ahead,
    retention_since,
    simple_ltv,
)
from qbr_studio.analytics.risk import (
    DEFAULT_RULES,
    RenewalRisk,
    RiskRules,
    Signal,
    renewal_risks,
    signals_of,
)
from qbr_studio.gc_pause import gc_paused
from qbr_studio.model import Opportunity, Review


@dataclass(frozen=True)
class Analysis:
    health: dict[str, HealthScore]
    views: dict[str, HealthView]
    """CRM, data and CSM health side by side, by account id."""
    signals: dict[str, list[Signal]]
    renewals: list[Opportunity]
    """Renewals due in the deck's horizon, open ones."""
    renewal_risks: dict[str, RenewalRisk]
    """By opportunity id; each says where its risk comes from."""
    renewal_figures: RenewalFigures
    grr: Metric
    nrr: Metric
    ltv: Metric
    pipeline: Pipeline
    suggestions: list[Suggestion]
    since_last: SinceLast | None

    @cached_property
    def disagreements(self) -> list[tuple[str, str]]:
        """(account id, sentence) where CRM, data and CSM disagree: findings for ``check``.
        Made when first asked for: each sentence quotes drivers' details, which are made only
        when read (for the 1,000-account bench book, ~8 of the analysis's ~110 ms)."""
        return disagreements(self.views)


def analyze(
    review: Review,
    card: Scorecard = DEFAULT_SCORECARD,
    rules: RiskRules = DEFAULT_RULES,
    gross_margin: float | None = None,
) -> Analysis:
    with gc_paused():  # a few objects per account, none in a cycle
        return _analyze(review, card, rules, gross_margin)


def _longest_window(card: Scorecard, rules: RiskRules) -> int:
    """How many days back from the review's end the analysis ever looks at tickets or NPS
    responses: the support driver's two windows, the NPS driver's, the warning signs'."""
    return max(0, 2 * card.lookback_days, card.nps_window_days, rules.lookback_days)


def _analyze(
    review: Review, card: Scorecard, rules: RiskRules, gross_margin: float | None
) -> Analysis:
    book, as_of = review.book, review.as_of
    index = BookIndex.of(book, since=as_of - dt.timedelta(days=_longest_window(card, rules)))
    health = score_accounts(book.accounts, index, as_of, card)
    signals = signals_of(
        book, as_of, health, last_quarter=review.last_quarter, rules=rules, index=index
    )
    views = health_views(review, card, health, signals)
    renewals = renewals_ahead(book, *renewal_window(review))
    risks = renewal_risks(review, renewals, health, signals, rules)
    grr, nrr = retention_since(review.last_quarter, book)
    return Analysis(
        health=health,
        views=views,
        signals=signals,
        renewals=renewals,
        renewal_risks=risks,
        renewal_figures=renewal_figures(renewals, risks),
        grr=grr,
        nrr=nrr,
        ltv=simple_ltv(book, review.last_quarter, gross_margin),
        pipeline=pipeline(book),
        suggestions=suggest_patterns(book, as_of, signals, index=index),
        since_last=since_last_review(review, views),
    )
