"""The health score: a weighted scorecard an account's team can explain.

Each driver scores 0–100 from the data the book holds; drivers without data are left out
and the weights of the others rescaled, so an account is never judged on data nobody has.
Score ≥ 70 is green, ≥ 50 yellow, below that red; the reason names the weakest driver.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from qbr_studio.model import Account, Book, Health, UsageMonth
from qbr_studio.model.health_band import health_band

FULL_UTILIZATION = 0.8
"""Utilization (active ÷ licensed users) at which the utilization driver scores 100."""
LOOKBACK_DAYS = 90
"""Tickets and contact gaps are judged over this many days before the review date."""

WEIGHTS = {
    "Utilization": 0.30,
    "Usage trend": 0.20,
    "Support": 0.15,
    "Sentiment (NPS)": 0.15,
    "Engagement": 0.20,
}


@dataclass(frozen=True)
class Driver:
    name: str
    score: float
    detail: str


@dataclass(frozen=True)
class HealthScore:
    account_id: str
    score: float | None
    health: Health | None
    drivers: tuple[Driver, ...]
    reason: str


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def _utilization(usage: list[UsageMonth]) -> Driver | None:
    if not usage or not usage[-1].licensed_users:
        return None
    last = usage[-1]
    ratio = last.active_users / last.licensed_users
    return Driver(
        "Utilization",
        _clamp(ratio / FULL_UTILIZATION * 100),
        f"{ratio:.0%} of {last.licensed_users} licensed users active",
    )


def _trend(usage: list[UsageMonth]) -> Driver | None:
    if len(usage) < 6:
        return None
    recent = sum(u.active_users for u in usage[-3:]) / 3
    before = sum(u.active_users for u in usage[-6:-3]) / 3
    if before <= 0:
        return None
    change = recent / before - 1
    return Driver(
        "Usage trend", _clamp(50 + change * 250), f"active users {change:+.0%} over 3 months"
    )


def _support(book: Book, account_id: str, as_of: dt.date) -> Driver | None:
    since = as_of - dt.timedelta(days=LOOKBACK_DAYS)
    tickets = [t for t in book.tickets if t.account_id == account_id and t.opened >= since]
    if not any(t.account_id == account_id for t in book.tickets):
        return None
    severe = sum(1 for t in tickets if t.severity <= 2)
    other = len(tickets) - severe
    return Driver(
        "Support",
        _clamp(100 - 25 * severe - 5 * other),
        f"{severe} severe and {other} other tickets in {LOOKBACK_DAYS} days",
    )


def _sentiment(book: Book, account_id: str, as_of: dt.date) -> Driver | None:
    since = as_of - dt.timedelta(days=183)
    scores = [r.score for r in book.nps if r.account_id == account_id and r.date >= since]
    if not scores:
        return None
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    nps = round((promoters - detractors) / len(scores) * 100)
    return Driver(
        "Sentiment (NPS)", _clamp(50 + nps / 2), f"NPS {nps:+d} from {len(scores)} responses"
    )


def _engagement(book: Book, account_id: str, as_of: dt.date) -> Driver | None:
    row = next((e for e in book.engagement if e.account_id == account_id), None)
    if row is None:
        return None
    parts: list[float] = []
    details: list[str] = []
    if row.last_contact is not None:
        gap = (as_of - row.last_contact).days
        parts.append(_clamp(100 - max(0, gap - 30) * (100 / 60)))
        details.append(f"last contact {gap} days ago")
    if row.emails_sent:
        reply_rate = row.replies / row.emails_sent
        parts.append(_clamp(reply_rate / 0.4 * 100))
        details.append(f"{reply_rate:.0%} of emails answered")
    if not parts:
        return None
    return Driver("Engagement", sum(parts) / len(parts), ", ".join(details))


def score_account(
    book: Book, account: Account, as_of: dt.date, usage: list[UsageMonth] | None = None
) -> HealthScore:
    """``usage``: the account's months in order, when the caller has them grouped already."""
    usage = book.usage_of(account.id) if usage is None else usage
    drivers = [
        d
        for d in (
            _utilization(usage),
            _trend(usage),
            _support(book, account.id, as_of),
            _sentiment(book, account.id, as_of),
            _engagement(book, account.id, as_of),
        )
        if d is not None
    ]
    if not drivers:
        health = account.crm_health
        reason = "health as recorded in the CRM" if health else "no data to score health"
        return HealthScore(account.id, None, health, (), reason)
    total_weight = sum(WEIGHTS[d.name] for d in drivers)
    score = sum(d.score * WEIGHTS[d.name] for d in drivers) / total_weight
    weakest = min(drivers, key=lambda d: d.score)
    return HealthScore(
        account.id, round(score, 1), health_band(score), tuple(drivers), weakest.detail
    )


def usage_by_account(book: Book) -> dict[str, list[UsageMonth]]:
    """Every account's usage months in order, grouped in one pass over the table."""
    grouped: dict[str, list[UsageMonth]] = defaultdict(list)
    for row in sorted(book.usage, key=lambda u: u.month):
        grouped[row.account_id].append(row)
    return grouped


def score_book(book: Book, as_of: dt.date) -> dict[str, HealthScore]:
    usage = usage_by_account(book)
    return {a.id: score_account(book, a, as_of, usage.get(a.id, [])) for a in book.accounts}
