"""Revenue metrics for the book and the quarter: renewals due and forecast, ARR at risk,
gross and net revenue retention, expansion pipeline by stage and month, simple LTV.

Every figure is a :class:`Metric`: a value, or the reason it can't be computed — never a 0
that stands for "don't know". Each carries its formula for the appendix.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from qbr_studio.analytics.book import is_closed_stage, renewals_between
from qbr_studio.analytics.risk import RenewalRisk
from qbr_studio.model import Book, LastQuarter, Opportunity, OpportunityKind, Risk

KEEP_BY_RISK: Mapping[Risk, float] = MappingProxyType(
    {Risk.LOW: 0.95, Risk.MEDIUM: 0.75, Risk.HIGH: 0.4}
)
"""Share of a renewal's ARR the forecast expects to keep, by its risk."""

GRR_FORMULA = (
    "gross revenue retention = Σ min(ARR now, ARR at start) ÷ Σ ARR at start, over the accounts "
    "of the start (lost accounts count 0; expansion is not counted)"
)
NRR_FORMULA = (
    "net revenue retention = Σ ARR now ÷ Σ ARR at start, over the accounts of the start "
    "(new customers are left out; expansion counts)"
)
LTV_FORMULA = (
    "LTV = (average monthly revenue per customer × gross margin) ÷ monthly churn rate, "
    "churn being accounts lost ÷ accounts at start, per month of the period"
)
FORECAST_FORMULA = (
    "forecast = Σ renewal ARR × expected keep share by risk ("
    + ", ".join(f"{r.label.lower()} {k:.0%}" for r, k in KEEP_BY_RISK.items())
    + "); renewals of unknown risk are left out and counted"
)
AT_RISK_FORMULA = "ARR at risk = Σ ARR of renewals due whose risk is medium or high"


@dataclass(frozen=True)
class Metric:
    name: str
    value: float | None
    reason: str = ""
    """Why there is no value (or what the value leaves out)."""
    formula: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class RenewalFigures:
    due: Metric
    forecast: Metric
    at_risk: Metric
    unknown_risk: tuple[Opportunity, ...]


def renewal_figures(
    renewals: list[Opportunity],
    risks: Mapping[str, RenewalRisk],
    keep: Mapping[Risk, float] = KEEP_BY_RISK,
) -> RenewalFigures:
    """Renewals due, forecast and ARR at risk, given each renewal's risk (by opportunity id,
    from :func:`qbr_studio.analytics.risk.renewal_risks`)."""
    due = sum(o.amount for o in renewals)
    unknown = tuple(o for o in renewals if o.id not in risks or risks[o.id].risk is None)
    unknown_ids = {id(o) for o in unknown}  # identity: a model's == compares every field
    known = [o for o in renewals if id(o) not in unknown_ids]
    left_out = f"{len(unknown)} renewal(s) of unknown risk left out" if unknown else ""
    if renewals and not known:
        forecast = Metric("Forecast", None, "no renewal has a known risk", FORECAST_FORMULA)
        at_risk = Metric("ARR at risk", None, "no renewal has a known risk", AT_RISK_FORMULA)
    else:
        value = sum(o.amount * keep[risks[o.id].risk] for o in known)  # type: ignore[index]
        forecast = Metric("Forecast", value, left_out, FORECAST_FORMULA)
        risky = sum(o.amount for o in known if risks[o.id].risk in {Risk.MEDIUM, Risk.HIGH})
        at_risk = Metric("ARR at risk", risky, left_out, AT_RISK_FORMULA)
    return RenewalFigures(Metric("Renewals due", due), forecast, at_risk, unknown)


def retention(
    start: Mapping[str, float], now: Mapping[str, float], since: str = ""
) -> tuple[Metric, Metric]:
    """Gross and net revenue retention from ARR per account at the start and now.

    An account of the start missing from ``now`` was lost (0). ``since``: where the start ARR
    comes from, for the reason text.
    """
    base = sum(start.values())
    if not start or base <= 0:
        reason = "no ARR at the start of the period" + (f" ({since})" if since else "")
        return Metric("GRR", None, reason, GRR_FORMULA), Metric("NRR", None, reason, NRR_FORMULA)
    kept = sum(min(now.get(i, 0.0), arr) for i, arr in start.items())
    net = sum(now.get(i, 0.0) for i in start)
    return (
        Metric("GRR", kept / base, since, GRR_FORMULA),
        Metric("NRR", net / base, since, NRR_FORMULA),
    )


def retention_since(last: LastQuarter | None, book: Book) -> tuple[Metric, Metric]:
    """GRR and NRR against last quarter's review; without one, the reason says how to get it."""
    if last is None:
        reason = "no ARR from last quarter: start this review from it (new --from LAST.qbr)"
        return Metric("GRR", None, reason, GRR_FORMULA), Metric("NRR", None, reason, NRR_FORMULA)
    start = {a.id: a.arr for a in last.accounts}
    return retention(start, {a.id: a.arr for a in book.accounts}, f"since {last.quarter}")


def simple_ltv(
    book: Book, last: LastQuarter | None, gross_margin: float | None, months: int = 3
) -> Metric:
    """LTV in its simple form; churn from the accounts of last quarter's review lost since."""
    if gross_margin is None:
        return Metric("LTV", None, "gross margin is not set", LTV_FORMULA)
    if not book.accounts:
        return Metric("LTV", None, "no accounts", LTV_FORMULA)
    if last is None or not last.accounts:
        return Metric("LTV", None, "no churn rate: no accounts from last quarter", LTV_FORMULA)
    now = {a.id: a.arr for a in book.accounts}
    lost = sum(1 for a in last.accounts if now.get(a.id, 0.0) <= 0)
    if not lost:
        return Metric("LTV", None, f"no account lost since {last.quarter}", LTV_FORMULA)
    churn = lost / len(last.accounts) / months
    arpa = sum(now.values()) / len(book.accounts) / 12
    return Metric("LTV", arpa * gross_margin / churn, "", LTV_FORMULA)


def is_closed(opportunity: Opportunity) -> bool:
    return is_closed_stage(opportunity.stage)


@dataclass(frozen=True)
class Pipeline:
    by_stage: dict[str, float]
    """Open expansion and cross-sell ARR by stage, in the order stages first appear."""
    by_month: dict[dt.date, float]
    """The same by the first day of the close month, in date order."""
    undated: tuple[Opportunity, ...] = field(default=())
    """Open opportunities without a close date (in by_stage, not in by_month)."""

    @property
    def total(self) -> float:
        return sum(self.by_stage.values())


# Looked up once: a member looked up on its class costs ~0.4 µs on Python 3.11.
_RENEWAL = OpportunityKind.RENEWAL


def pipeline(book: Book) -> Pipeline:
    stages: dict[str, float] = defaultdict(float)
    months: dict[dt.date, float] = defaultdict(float)
    undated: list[Opportunity] = []
    month_of: dict[dt.date, dt.date] = {}  # each close date's month: replace() costs ~2 µs
    for o in book.opportunities:
        if o.kind is _RENEWAL or is_closed(o):
            continue
        stages[o.stage or "No stage"] += o.amount
        day = o.close_date
        if day is None:
            undated.append(o)
            continue
        month = month_of.get(day)
        if month is None:
            month = month_of[day] = day.replace(day=1)
        months[month] += o.amount
    return Pipeline(dict(stages), dict(sorted(months.items())), tuple(undated))


def renewals_ahead(book: Book, start: dt.date, end: dt.date) -> list[Opportunity]:
    """The open renewals due in [start, end): pass :func:`renewal_window` of the review, the
    deck's own window, so the analysis and the renewals slide count the same renewals."""
    return [o for o in renewals_between(book, start, end) if not is_closed(o)]
