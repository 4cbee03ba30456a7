"""One account as the app's account view shows it: its three healths side by side, the
scorecard's drivers with their weights and reasons, what had no data, its warning signs with
their evidence and dates, and its renewals with where each risk comes from — all taken from
the review's one :class:`~qbr_studio.analytics.analysis.Analysis`, so the view and the deck
never disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qbr_studio.analytics.analysis import Analysis
from qbr_studio.analytics.health import DEFAULT_SCORECARD, Scorecard
from qbr_studio.analytics.risk import RenewalRisk, renewal_risk
from qbr_studio.model import Health, Opportunity, OpportunityKind, Review
from qbr_studio.model.health_band import health_band


@dataclass(frozen=True)
class DriverRow:
    name: str
    score: int
    band: Health
    weight: float
    """Share of the scorecard's whole weight (0–1)."""
    detail: str


@dataclass(frozen=True)
class SignalRow:
    name: str
    evidence: str
    on: dt.date


@dataclass(frozen=True)
class OpportunityRow:
    opportunity: Opportunity
    risk: RenewalRisk | None
    """A renewal's risk and where it comes from (as the deck states it); None for growth."""

    @property
    def name(self) -> str:
        o = self.opportunity
        return f"{o.name} ({o.kind.label})" if o.name else o.kind.label

    @property
    def risk_text(self) -> str:
        return self.risk.text if self.risk is not None else ""


@dataclass(frozen=True)
class AccountSummary:
    account_id: str
    name: str
    healths: tuple[tuple[str, str], ...]
    """(who, what they say): the data's score, the CRM's health, the CSM's override."""
    shown: Health | None
    """The health the review stands behind (override, else data, else CRM)."""
    health_words: str
    """How a title may name it: one colour when all agree, else e.g. "green by the data
    (CRM: yellow)" (:attr:`HealthView.title_word`)."""
    disagreement: str | None
    reason: str
    """Why the data's band is what it is (the drivers that made it so)."""
    confidence: str
    drivers: tuple[DriverRow, ...]
    signals: tuple[SignalRow, ...]
    opportunities: tuple[OpportunityRow, ...]


def account_summary(
    review: Review, analysis: Analysis, account_id: str, card: Scorecard = DEFAULT_SCORECARD
) -> AccountSummary | None:
    """The account view of ``account_id`` (None when the book has no such account)."""
    account = review.book.account(account_id)
    if account is None:
        return None
    view = analysis.views[account_id]
    score = view.computed
    total = sum(card.weights.values())
    if score.score is not None and score.health is not None:
        data = f"{score.health.label} at {score.score:.0f}/100"
    else:
        data = "not scored: " + score.reason
    override = view.override
    healths = (
        ("Data", data),
        ("CRM", account.crm_health.label if account.crm_health else "not recorded"),
        ("CSM", f"{override.health.label}: {override.reason}" if override else "no override"),
    )
    drivers = tuple(
        DriverRow(
            d.name,
            round(d.score),
            health_band(d.score),
            card.weights.get(d.kind, 0.0) / total,
            d.detail,
        )
        for d in sorted(score.drivers, key=lambda d: d.score)
    )
    signals = tuple(
        SignalRow(s.kind.label, s.evidence, s.on) for s in analysis.signals.get(account_id, [])
    )
    return AccountSummary(
        account_id=account_id,
        name=account.name,
        healths=healths,
        shown=view.shown,
        health_words=view.title_word,
        disagreement=view.disagreement,
        reason=score.reason,
        confidence=score.confidence_text,
        drivers=drivers,
        signals=signals,
        opportunities=tuple(
            _opportunity_row(review, o, analysis)
            for o in review.book.opportunities
            if o.account_id == account_id
        ),
    )


def _opportunity_row(review: Review, o: Opportunity, analysis: Analysis) -> OpportunityRow:
    """A renewal in the deck's window takes the analysis' risk; one outside it is judged by
    the same rule on the same scores and signals (as the deck's renewals table does)."""
    if o.kind is not OpportunityKind.RENEWAL:
        return OpportunityRow(o, None)
    risk = analysis.renewal_risks.get(o.id)
    if risk is None:
        account = o.account_id
        risk = renewal_risk(
            o, analysis.signals.get(account, []), analysis.health.get(account), review.as_of
        )
    return OpportunityRow(o, risk)
