"""Risk signals: the warning signs that come before a lost renewal, each with its evidence and
the date it appeared, and the renewal risk they give when the opportunity states none.

The signs (BRIEF.md): usage far below what was bought; tickets showing immature adoption
(how-to and onboarding questions late in the lifecycle); the customer not answering; the
customer not even opening our messages; a champion or sponsor who left or turned detractor;
a renewal close ahead with health not green, which puts its ARR at risk.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter

from qbr_studio.analytics.health import HealthScore, score_book
from qbr_studio.analytics.index import BookIndex
from qbr_studio.analytics.results import Result
from qbr_studio.model import (
    Account,
    Book,
    Health,
    LastQuarter,
    Opportunity,
    OpportunityKind,
    Review,
    Risk,
    Sentiment,
)


class SignalKind(str, Enum):
    LOW_USAGE = "low_usage"
    IMMATURE_ADOPTION = "immature_adoption"
    NOT_ANSWERING = "not_answering"
    NOT_OPENING = "not_opening"
    CHAMPION_LOST = "champion_lost"
    RENEWAL_AT_RISK = "renewal_at_risk"

    @property
    def label(self) -> str:
        return {
            "low_usage": "Usage far below what was bought",
            "immature_adoption": "Immature-adoption tickets",
            "not_answering": "Not answering",
            "not_opening": "Not opening our messages",
            "champion_lost": "Champion or sponsor lost",
            "renewal_at_risk": "Renewal near, health not green",
        }[self.value]


@dataclass(frozen=True)
class RiskRules:
    """Thresholds of the warning signs; a team pack may set its own."""

    low_utilization: float = 0.5
    """Active ÷ licensed users below this is 'far below what was bought'."""
    immature_tickets: int = 2
    """How-to/onboarding tickets in the lookback window that make a pattern…"""
    mature_after_days: int = 180
    """…when opened this long after the customer started."""
    how_to: re.Pattern[str] = re.compile(
        r"how[\s-]?to|how do|onboard|training|getting started|set ?up|where (?:is|do)", re.I
    )
    lookback_days: int = 90
    min_emails: int = 3
    """Reply and open rates are judged only from this many emails sent."""
    low_reply_rate: float = 0.1
    silent_after_days: int = 60
    """No contact for this long is 'not answering' whatever the emails say."""
    low_open_rate: float = 0.2
    renewal_windows: tuple[int, int] = (90, 180)
    """A renewal within the first is high risk when health is not green, within the second
    medium."""


DEFAULT_RULES = RiskRules()


class Signal(Result):
    """A warning sign of one account, its evidence in words and the day it appeared (a
    :class:`Result`: nothing outside analytics sets its attributes)."""

    __slots__ = ("account_id", "arr_at_risk", "evidence", "kind", "on")
    _fields = ("kind", "account_id", "evidence", "on", "arr_at_risk")

    def __init__(
        self,
        kind: SignalKind,
        account_id: str,
        evidence: str,
        on: dt.date,
        arr_at_risk: float = 0.0,
    ) -> None:
        self.kind = kind
        self.account_id = account_id
        self.evidence = evidence
        self.on = on
        """The day the signal appeared (the ticket, the month, the response, the renewal)."""
        self.arr_at_risk = arr_at_risk


_on = attrgetter("on")
_HEALTH_WORD = {h: h.label.lower() for h in Health}
# The members the signs name, looked up once (a member looked up on its class costs ~0.4 µs on
# Python 3.11, a few times per account).
_LOW_USAGE = SignalKind.LOW_USAGE
_IMMATURE = SignalKind.IMMATURE_ADOPTION
_NOT_ANSWERING = SignalKind.NOT_ANSWERING
_NOT_OPENING = SignalKind.NOT_OPENING
_CHAMPION_LOST = SignalKind.CHAMPION_LOST
_RENEWAL_AT_RISK = SignalKind.RENEWAL_AT_RISK
_DETRACTOR = Sentiment.DETRACTOR
_GREEN, _YELLOW, _RED = Health.GREEN, Health.YELLOW, Health.RED


class _Signs:
    """What finding the signs of the accounts of one book shares, worked out once: the book
    grouped by account, the lookback's first day, last quarter's accounts, and the texts met
    already (how-to or not; a month's name) — exports repeat a handful of subjects."""

    def __init__(
        self,
        index: BookIndex,
        as_of: dt.date,
        last_quarter: LastQuarter | None,
        rules: RiskRules,
    ) -> None:
        self.index, self.as_of, self.last_quarter, self.rules = index, as_of, last_quarter, rules
        self.since = as_of - dt.timedelta(days=rules.lookback_days)
        (self.tickets,) = index.tickets_in(self.since, as_of)
        """Each account's tickets of the lookback window, in table order (one pass)."""
        (self.answers,) = index.nps_in(self.since, as_of)
        """Each account's NPS responses of the lookback window, in table order."""
        self.last_accounts = {a.id: a for a in last_quarter.accounts} if last_quarter else {}
        self._how_to: dict[str, bool] = {}
        self._months: dict[dt.date, str] = {}

    def how_to(self, text: str) -> bool:
        """Whether a ticket's text is a how-to or onboarding question (``rules.how_to``)."""
        found = self._how_to.get(text)
        if found is None:
            found = self._how_to[text] = self.rules.how_to.search(text) is not None
        return found

    def month(self, day: dt.date) -> str:
        text = self._months.get(day)
        if text is None:
            text = self._months[day] = f"{day:%b %Y}"
        return text

    def of(self, account: Account, health: HealthScore) -> list[Signal]:
        """The account's signals, oldest first."""
        found: list[Signal] = []
        if (low := _low_usage(account, self)) is not None:
            found.append(low)
        if (immature := _immature(account, self)) is not None:
            found.append(immature)
        found += _engagement(account, self)
        found += _people(account, self)
        if (renewal := _renewal(account, health, self.as_of, self.rules)) is not None:
            found.append(renewal)
        if len(found) > 1:
            found.sort(key=_on)  # stable: the same day keeps the order above
        return found


def _low_usage(account: Account, signs: _Signs) -> Signal | None:
    usage = signs.index.usage.get(account.id)
    if not usage:
        return None
    last = usage[-1]
    licensed = last.licensed_users or account.licensed_seats or 0
    if not licensed or last.active_users / licensed >= signs.rules.low_utilization:
        return None
    ratio = last.active_users / licensed
    return Signal(
        _LOW_USAGE,
        account.id,
        f"{last.active_users} of {licensed} licensed users active ({ratio:.0%}) in "
        f"{signs.month(last.month)}",
        last.month,
    )


def _immature(account: Account, signs: _Signs) -> Signal | None:
    start = account.customer_since
    if start is None:
        return None
    rules = signs.rules
    late = [
        t
        for t in signs.tickets.get(account.id, ())
        if signs.how_to(f"{t.subject} {t.category}")
        and (t.opened - start).days >= rules.mature_after_days
    ]
    if len(late) < rules.immature_tickets:
        return None
    first = min(t.opened for t in late)
    months = (first - start).days // 30
    return Signal(
        _IMMATURE,
        account.id,
        f"{len(late)} how-to/onboarding tickets in {rules.lookback_days} days, "
        f"{months} months after they started",
        first,
    )


def _engagement(account: Account, signs: _Signs) -> list[Signal]:
    row = signs.index.engagement.get(account.id)
    if row is None:
        return []
    rules, as_of = signs.rules, signs.as_of
    found: list[Signal] = []
    on = row.last_contact or as_of
    gap = (as_of - row.last_contact).days if row.last_contact else None
    if row.emails_sent >= rules.min_emails and row.replies / row.emails_sent < rules.low_reply_rate:
        replies = f"{row.replies} repl{'y' if row.replies == 1 else 'ies'}"
        found.append(
            Signal(
                _NOT_ANSWERING,
                account.id,
                f"{replies} to {row.emails_sent} emails",
                on,
            )
        )
    elif gap is not None and gap > rules.silent_after_days:
        found.append(Signal(_NOT_ANSWERING, account.id, f"no contact for {gap} days", on))
    if (
        row.emails_sent >= rules.min_emails
        and row.emails_opened / row.emails_sent < rules.low_open_rate
    ):
        found.append(
            Signal(
                _NOT_OPENING,
                account.id,
                f"{row.emails_opened} of {row.emails_sent} emails opened",
                on,
            )
        )
    return found


def _people(account: Account, signs: _Signs) -> list[Signal]:
    index, as_of, last_quarter = signs.index, signs.as_of, signs.last_quarter
    aid = account.id
    people = index.stakeholders.get(aid, ())
    found = []
    for s in people:
        if s.sentiment is _DETRACTOR:
            role = f" ({s.role})" if s.role else ""
            found.append(Signal(_CHAMPION_LOST, aid, f"{s.name}{role} is a detractor", as_of))
    for r in signs.answers.get(aid, ()):  # table order: of() sorts the signs by date
        if r.respondent and r.score <= 6:
            found.append(
                Signal(_CHAMPION_LOST, aid, f"{r.respondent} answered NPS {r.score}", r.date)
            )
    before = signs.last_accounts.get(aid)
    if before is not None and last_quarter is not None and before.champions:
        now = {s.name for s in people}
        quarter = last_quarter.quarter
        for name in before.champions:
            if name not in now:
                text = f"{name}, a champion in {quarter}, is no longer listed"
                found.append(Signal(_CHAMPION_LOST, aid, text, as_of))
    return found


def _renewal(
    account: Account, health: HealthScore, as_of: dt.date, rules: RiskRules
) -> Signal | None:
    due = account.renewal_date
    if due is None or health.health is _GREEN:
        return None
    days = (due - as_of).days
    if not 0 <= days <= rules.renewal_windows[1]:
        return None
    word = _HEALTH_WORD[health.health] if health.health else "unscored"
    return Signal(
        _RENEWAL_AT_RISK,
        account.id,
        f"renewal in {days} days ({due.isoformat()}) with health {word}",
        due,
        account.arr,
    )


def signals_of(
    book: Book,
    as_of: dt.date,
    health: dict[str, HealthScore] | None = None,
    *,
    last_quarter: LastQuarter | None = None,
    rules: RiskRules = DEFAULT_RULES,
    index: BookIndex | None = None,
) -> dict[str, list[Signal]]:
    """Every account's signals, oldest first (accounts without any are left out)."""
    index = BookIndex.of(book) if index is None else index
    health = score_book(book, as_of) if health is None else health
    signs = _Signs(index, as_of, last_quarter, rules)
    found: dict[str, list[Signal]] = {}
    for account in book.accounts:
        signals = signs.of(account, health[account.id])
        if signals:
            found[account.id] = signals
    return found


class RiskSource(str, Enum):
    OPPORTUNITY = "opportunity"
    SIGNALS = "signals"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "opportunity": "as stated in the opportunity",
            "signals": "from the account's warning signs",
            "unknown": "unknown: no stated risk and no data to judge it",
        }[self.value]


@dataclass(frozen=True)
class RenewalRisk:
    risk: Risk | None
    """None when unknown."""
    source: RiskSource
    because: str

    @property
    def text(self) -> str:
        word = self.risk.label if self.risk else "Unknown"
        return f"{word} ({self.source.label}{': ' + self.because if self.because else ''})"


# Looked up once, as above: a book's renewals each name a few.
_STATED, _FROM_SIGNALS, _UNKNOWN = RiskSource.OPPORTUNITY, RiskSource.SIGNALS, RiskSource.UNKNOWN
_HIGH, _MEDIUM, _LOW = Risk.HIGH, Risk.MEDIUM, Risk.LOW


def renewal_risk(
    opportunity: Opportunity,
    signals: list[Signal],
    health: HealthScore | None,
    as_of: dt.date,
    rules: RiskRules = DEFAULT_RULES,
) -> RenewalRisk:
    """The renewal's risk: the opportunity's when it states one, else from the account's
    signals and health, else unknown — and which of these it is.

    From signals: high when the renewal is within the first window with health not green or
    with three or more signals, medium with any signal or a yellow health, low when the account
    is scored green with no signal; unknown when it has neither a score nor a signal.
    """
    if opportunity.risk_stated:
        return RenewalRisk(opportunity.risk, _STATED, "")
    band = health.health if health else None
    days = (opportunity.close_date - as_of).days if opportunity.close_date else None
    near = days is not None and 0 <= days <= rules.renewal_windows[0]
    because = "; ".join([s.evidence for s in signals[:3]])
    if health is not None and health.score is None and not signals:
        band = None
    if band is None and not signals:
        return RenewalRisk(None, _UNKNOWN, "")
    if len(signals) >= 3 or band is _RED or (near and band is not _GREEN):
        risk = _HIGH
    elif signals or band is _YELLOW:
        risk = _MEDIUM
    else:
        risk = _LOW
    if not because and band is not None:
        because = f"health {_HEALTH_WORD[band]}"
    return RenewalRisk(risk, _FROM_SIGNALS, because)


def renewal_risks(
    review: Review,
    renewals: list[Opportunity],
    health: dict[str, HealthScore] | None = None,
    signals: dict[str, list[Signal]] | None = None,
    rules: RiskRules = DEFAULT_RULES,
) -> dict[str, RenewalRisk]:
    """:func:`renewal_risk` of each renewal, by opportunity id (one scoring of the book unless
    the caller has the scores and signals already)."""
    book = review.book
    health = score_book(book, review.as_of) if health is None else health
    if signals is None:
        signals = signals_of(
            book, review.as_of, health, last_quarter=review.last_quarter, rules=rules
        )
    as_of = review.as_of
    return {
        o.id: renewal_risk(o, signals.get(o.account_id, []), health.get(o.account_id), as_of, rules)
        for o in renewals
        if o.kind is OpportunityKind.RENEWAL
    }
