"""The health score: a weighted scorecard an account's team can explain.

Each driver scores 0–100 from the data the book holds and says why in a sentence. A driver
without data is left out — never counted as 0 or 100 — the weights of the others are
rescaled, and the score's confidence (the share of the weight that had data) drops and says
which drivers were missing. The band is :func:`qbr_studio.model.health_band.health_band`.
Weights and thresholds are data (:class:`Scorecard`), keyed by :class:`DriverKind`, so a team
can set its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from operator import attrgetter, itemgetter, mul, neg
from types import MappingProxyType
from typing import Any

from qbr_studio.analytics.index import BookIndex
from qbr_studio.analytics.results import Result
from qbr_studio.model import Account, Book, Engagement, Health, UsageMonth
from qbr_studio.model.health_band import GREEN_FROM, YELLOW_FROM, health_band


class DriverKind(str, Enum):
    UTILIZATION = "utilization"
    ACTIVE_USER_TREND = "active_user_trend"
    KEY_FEATURE_ADOPTION = "key_feature_adoption"
    SUPPORT = "support"
    NPS = "nps"
    ENGAGEMENT = "engagement"
    RENEWAL_PROXIMITY = "renewal_proximity"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DriverKind.UTILIZATION: "Utilization",
    DriverKind.ACTIVE_USER_TREND: "Active-user trend",
    DriverKind.KEY_FEATURE_ADOPTION: "Key-feature adoption",
    DriverKind.SUPPORT: "Support tickets",
    DriverKind.NPS: "NPS",
    DriverKind.ENGAGEMENT: "Engagement",
    DriverKind.RENEWAL_PROXIMITY: "Renewal proximity",
}

# The members the scoring names, looked up once: ``DriverKind.NPS`` costs ~0.4 µs a time
# (Python 3.11), which scoring a book would pay dozens of times per account.
_UTILIZATION = DriverKind.UTILIZATION
_TREND = DriverKind.ACTIVE_USER_TREND
_ADOPTION = DriverKind.KEY_FEATURE_ADOPTION
_SUPPORT = DriverKind.SUPPORT
_NPS = DriverKind.NPS
_ENGAGEMENT = DriverKind.ENGAGEMENT
_RENEWAL = DriverKind.RENEWAL_PROXIMITY
_GREEN = Health.GREEN
_active = attrgetter("active_users")
_score_of = attrgetter("score")
_severity = attrgetter("severity")
_found_score = itemgetter(1)

DEFAULT_WEIGHTS: Mapping[DriverKind, float] = MappingProxyType(
    {
        DriverKind.UTILIZATION: 0.25,
        DriverKind.ACTIVE_USER_TREND: 0.15,
        DriverKind.KEY_FEATURE_ADOPTION: 0.10,
        DriverKind.SUPPORT: 0.15,
        DriverKind.NPS: 0.15,
        DriverKind.ENGAGEMENT: 0.15,
        DriverKind.RENEWAL_PROXIMITY: 0.05,
    }
)


@dataclass(frozen=True)
class Scorecard:
    """Weights and thresholds of the health score; a team pack may set its own."""

    weights: Mapping[DriverKind, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    full_utilization: float = 0.8
    """Active ÷ licensed users at which utilization scores 100 (linear from 0)."""
    trend_months: int = 3
    """Active-user trend: the last this many months' average against the ones before."""
    trend_slope: float = 250.0
    """Trend score = 50 + change × this (so −20% scores 0, +20% scores 100)."""
    full_adoption: float = 0.6
    """Key-feature users ÷ active users at which adoption scores 100."""
    lookback_days: int = 90
    """Tickets, contact gaps and utilization change are judged over this many days."""
    severe_severity: int = 2
    """Tickets of this severity or more critical (1 = P1) count as severe."""
    severe_ticket_points: float = 25.0
    other_ticket_points: float = 5.0
    rising_ticket_points: float = 5.0
    """Taken off per ticket more than in the previous lookback window."""
    nps_window_days: int = 183
    contact_grace_days: int = 30
    """A last contact within this many days scores 100; it falls to 0 over the next 60."""
    contact_zero_after_days: int = 90
    full_reply_rate: float = 0.4
    renewal_full_days: int = 365
    """A renewal this far away or more scores 100 on proximity, falling linearly to 0 at 0."""
    min_coverage: float = 0.25
    """Below this share of the weight with data, no score is computed: a clean ticket record
    alone is not health (the CRM's health is shown instead, with the drivers that had data)."""
    green: float = GREEN_FROM
    """The lowest score that is green."""
    yellow: float = YELLOW_FROM
    """The lowest score that is yellow; below it is red."""
    source: str = ""
    """Whose standard this is ("Enterprise team pack, version 3"); empty for the product's."""

    def __post_init__(self) -> None:
        bad = [k for k, w in self.weights.items() if w < 0]
        if bad:
            raise ValueError(f"health weight of {bad[0].label} must not be negative")
        if not any(w > 0 for w in self.weights.values()):
            raise ValueError("at least one health weight must be above 0")
        if not 0 <= self.yellow <= self.green <= 100:
            raise ValueError(
                f"health thresholds must be 0 ≤ yellow ≤ green ≤ 100, not yellow "
                f"{self.yellow:g} and green {self.green:g}"
            )

    def band(self, score: float) -> Health:
        """The colour of a 0–100 score by this scorecard's thresholds."""
        return health_band(score, self.green, self.yellow)

    @property
    def band_key(self) -> str:
        """The thresholds in words, for a chart's source line."""
        whole = float(self.green).is_integer()
        amber = f"{self.yellow:g}–{self.green - 1:g}" if whole else f"{self.yellow:g} to under"
        amber += "" if whole else f" {self.green:g}"
        return f"green: {self.green:g} or more, amber: {amber}, red: under {self.yellow:g}"


DEFAULT_SCORECARD = Scorecard()


class Confidence(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Driver(Result):
    """One driver's score and why, in words: ``detail``, one sentence fragment ("utilization
    31% (−12 pts in 90 days)").

    ``detail`` may be given as a function and its arguments instead of the sentence: it is then
    made when first read — scoring a book makes seven drivers per account, and only the few
    accounts shown in words ever need theirs (a :class:`Result`: nothing outside analytics
    sets its attributes).
    """

    __slots__ = ("_args", "_detail", "kind", "score")
    _fields = ("kind", "score", "detail")

    def __init__(
        self, kind: DriverKind, score: float, detail: str | Callable[..., str], *args: object
    ) -> None:
        self.kind = kind
        self.score = score
        self._detail = detail
        self._args = args

    @property
    def detail(self) -> str:
        detail = self._detail
        if not isinstance(detail, str):
            detail = self._detail = detail(*self._args)
            self._args = ()
        return detail

    @property
    def name(self) -> str:
        return self.kind.label


class HealthScore(Result):
    """An account's health by the scorecard: its score and band, the drivers that had data
    and those that had none, and ``reason`` in words.

    ``reason`` — the drivers that made the band what it is, as sentences joined by "; ", or why
    no score was computed — is made from the drivers when first read unless given. Compared and
    shown by its values but not ``card`` (a :class:`Result`: nothing outside analytics sets its
    attributes).
    """

    __slots__ = (
        "_drivers",
        "_found",
        "_reason",
        "account_id",
        "card",
        "coverage",
        "health",
        "missing",
        "score",
    )
    _fields = ("account_id", "score", "health", "drivers", "reason", "coverage", "missing")

    def __init__(
        self,
        account_id: str,
        score: float | None,
        health: Health | None,
        drivers: tuple[Driver, ...],
        reason: str | None = None,
        coverage: float = 0.0,
        missing: tuple[DriverKind, ...] = (),
        card: Scorecard = DEFAULT_SCORECARD,
    ) -> None:
        self.account_id = account_id
        self.score = score
        self.health = health
        self._drivers: tuple[Driver, ...] | None = drivers
        self._found: tuple[_Found, ...] = ()
        self._reason = reason
        self.coverage = coverage
        """Share (0–1) of the scorecard's weight that had data."""
        self.missing = missing
        self.card = card
        """The scorecard it was scored by: its thresholds colour the drivers too."""

    @classmethod
    def _of_found(
        cls,
        account_id: str,
        score: float | None,
        health: Health | None,
        found: tuple[_Found, ...],
        coverage: float,
        missing: tuple[DriverKind, ...],
        card: Scorecard,
    ) -> HealthScore:
        """A score whose drivers are made from ``found`` (each a :class:`Driver`'s arguments)
        when first read: scoring a book needs the drivers' scores, and only the few accounts
        shown with their drivers need the drivers themselves."""
        made = cls(account_id, score, health, None, None, coverage, missing, card)  # type: ignore[arg-type]
        made._found = found
        return made

    @property
    def drivers(self) -> tuple[Driver, ...]:
        drivers = self._drivers
        if drivers is None:
            drivers = self._drivers = tuple([Driver(*found) for found in self._found])
            self._found = ()
        return drivers

    @property
    def reason(self) -> str:
        reason = self._reason
        if reason is None:
            reason = self._reason = _reason_of(self)
        return reason

    @property
    def confidence(self) -> Confidence:
        if self.coverage >= 0.8:
            return Confidence.HIGH
        return Confidence.MEDIUM if self.coverage >= 0.5 else Confidence.LOW

    @property
    def confidence_text(self) -> str:
        text = f"confidence {self.confidence.value} ({self.coverage:.0%} of the weight had data"
        if self.missing:
            text += "; no data for " + ", ".join(k.label.lower() for k in self.missing)
        return text + ")"


_Found = tuple[Any, ...]
"""A driver as scoring finds it: the arguments of its :class:`Driver` (kind, score, the words'
function and their arguments)."""


def _clamp(value: float) -> float:
    """``value`` held to 0–100: ``max(0.0, min(100.0, value))``, without the two calls."""
    if value <= 0:
        return 0.0
    return value if value < 100 else 100.0


def _utilization(usage: list[UsageMonth], account: Account, card: Scorecard) -> _Found | None:
    if not usage:
        return None
    last = usage[-1]
    licensed = last.licensed_users or account.licensed_seats or 0
    if not licensed:
        return None
    ratio = last.active_users / licensed
    points = None
    back = card.lookback_days // 30
    if len(usage) > back:
        then = usage[-1 - back]
        licensed_then = then.licensed_users or account.licensed_seats or 0
        if licensed_then:
            points = round((ratio - then.active_users / licensed_then) * 100)
    score = _clamp(ratio / card.full_utilization * 100)
    return (_UTILIZATION, score, _utilization_words, ratio, points, card.lookback_days)


def _utilization_words(ratio: float, points: int | None, days: int) -> str:
    detail = f"utilization {ratio:.0%}"
    return detail if points is None else f"{detail} ({_signed(points)} pts in {days} days)"


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else f"−{-value}" if value < 0 else "±0"


def _trend(usage: list[UsageMonth], card: Scorecard) -> _Found | None:
    n = card.trend_months
    if len(usage) < 2 * n:
        return None
    recent = sum(map(_active, usage[-n:])) / n
    before = sum(map(_active, usage[-2 * n : -n])) / n
    if before <= 0:
        return None
    change = recent / before - 1
    return (_TREND, _clamp(50 + change * card.trend_slope), _trend_words, change, n)


def _trend_words(change: float, months: int) -> str:
    return f"active users {_signed(round(change * 100))}% over {months} months"


def _adoption(usage: list[UsageMonth], card: Scorecard) -> _Found | None:
    if not usage:
        return None
    last = usage[-1]
    key, active = last.key_feature_users, last.active_users
    if key is None or not active:
        return None
    share = min(1.0, key / active)
    return (_ADOPTION, _clamp(share / card.full_adoption * 100), _adoption_words, share)


def _adoption_words(share: float) -> str:
    return f"key features used by {share:.0%} of active users"


def _support(recent: list[int], earlier: int, card: Scorecard) -> _Found:
    """From the severities of the tickets of the last lookback window (in any order) and how
    many tickets the window before had."""
    severe = 0
    for sev in recent:
        if sev <= card.severe_severity:
            severe += 1
    other = len(recent) - severe
    rising = max(0, len(recent) - earlier)
    score = _clamp(
        100
        - card.severe_ticket_points * severe
        - card.other_ticket_points * other
        - card.rising_ticket_points * rising
    )
    return (_SUPPORT, score, _support_words, recent, earlier, card.lookback_days)


def _support_words(recent: list[int], earlier: int, days: int) -> str:
    """``recent``: the severities of the window's tickets; ``earlier``: how many the window
    before had."""
    if not recent:
        return f"no tickets in {days} days"
    parts = []
    for sev in (1, 2, 3, 4):
        if count := recent.count(sev):
            parts.append(f"{count} P{sev} ticket{'s' if count > 1 else ''}")
    trend = f"up from {earlier}" if len(recent) > earlier else f"{earlier} before"
    return f"{', '.join(parts)} in {days} days ({trend})"


def nps_of(scores: list[int]) -> int:
    """Net promoter score of responses: % promoters (9–10) minus % detractors (0–6)."""
    promoters = detractors = 0
    for s in scores:
        if s >= 9:
            promoters += 1
        elif s <= 6:
            detractors += 1
    return round((promoters - detractors) / len(scores) * 100)


def _nps(scores: list[int]) -> _Found | None:
    """From the scores of the responses of the NPS window (in any order)."""
    if not scores:
        return None
    nps = nps_of(scores)
    return (_NPS, _clamp(50 + nps / 2), _nps_words, nps, len(scores))


def _nps_words(nps: int, responses: int) -> str:
    plural = "s" if responses > 1 else ""
    return f"NPS {_signed(nps)} from {responses} response{plural}"


def _engagement(row: Engagement | None, as_of: dt.date, card: Scorecard) -> _Found | None:
    if row is None:
        return None
    parts: list[float] = []
    gap = reply_rate = None
    if row.last_contact is not None:
        gap = (as_of - row.last_contact).days
        span = card.contact_zero_after_days - card.contact_grace_days
        parts.append(_clamp(100 - max(0, gap - card.contact_grace_days) * 100 / span))
    if row.emails_sent:
        reply_rate = min(1.0, row.replies / row.emails_sent)
        parts.append(_clamp(reply_rate / card.full_reply_rate * 100))
    if not parts:
        return None
    return (_ENGAGEMENT, sum(parts) / len(parts), _engagement_words, gap, reply_rate)


def _engagement_words(gap: int | None, reply_rate: float | None) -> str:
    details = [] if gap is None else [f"last contact {gap} days ago"]
    if reply_rate is not None:
        details.append(f"{reply_rate:.0%} of emails answered")
    return ", ".join(details)


def _renewal(account: Account, as_of: dt.date, card: Scorecard) -> _Found | None:
    if account.renewal_date is None:
        return None
    days = (account.renewal_date - as_of).days
    return (_RENEWAL, _clamp(days / card.renewal_full_days * 100), _renewal_words, days)


def _renewal_words(days: int) -> str:
    return f"renewal in {days} days" if days >= 0 else f"renewal date passed {-days} days ago"


def combine(
    scores: Mapping[DriverKind, float | None], card: Scorecard = DEFAULT_SCORECARD
) -> tuple[float | None, float]:
    """The weighted score of the drivers that have one, and the share of weight they cover.

    A driver that is None (no data) or has no weight is left out; its weight is not counted.
    """
    present = [(k, s) for k, s in scores.items() if s is not None and card.weights.get(k, 0) > 0]
    return _weighted(present, card)


def _weighted(
    present: list[tuple[DriverKind, float]], card: Scorecard
) -> tuple[float | None, float]:
    """:func:`combine` of (driver, score) pairs that all have a score and a weight."""
    weights = [card.weights[k] for k, _ in present]
    return _weighted_mean(weights, [s for _, s in present], sum(card.weights.values()))


def _weighted_mean(
    weights: list[float], scores: list[float], total_weight: float
) -> tuple[float | None, float]:
    """The mean of ``scores`` by ``weights`` (in their order), and the share of
    ``total_weight`` they cover; (None, 0.0) without any weight."""
    weight = sum(weights)
    if not weight:
        return None, 0.0
    return sum(map(mul, weights, scores)) / weight, weight / total_weight


def _reason(
    drivers: list[Driver],
    scores: list[float],
    weights: list[float],
    health: Health,
    card: Scorecard,
) -> str:
    """The drivers that made the band: for green the strongest, else the ones pulling it down,
    by how much they cost (weighted shortfall from 100). ``scores`` and ``weights``: each
    driver's score and weight, in their order."""
    if health is _GREEN:
        ranked = drivers
        costs = list(map(mul, map(neg, scores), weights))  # -score × weight
    else:
        band = card.band
        ranked, costs = [], []
        for d, s, w in zip(drivers, scores, weights, strict=True):
            if band(s) is not _GREEN:
                ranked.append(d)
                costs.append(-(100 - s) * w)
    top = sorted(range(len(ranked)), key=costs.__getitem__)[:2]  # stable, as sorting drivers
    return "; ".join([ranked[i].detail for i in top])


def _reason_of(health: HealthScore) -> str:
    """:attr:`HealthScore.reason` of a score made by :class:`_Scoring`: why its band is what it
    is, or why there is no score."""
    drivers, card = health.drivers, health.card
    if health.score is None:
        if drivers:
            had = ", ".join(d.kind.label.lower() for d in drivers)
            return (
                f"too little data to score health: only {had} ({health.coverage:.0%} of the weight)"
            )
        return "health as recorded in the CRM" if health.health else "no data to score health"
    weights = [card.weights[d.kind] for d in drivers]
    return _reason(list(drivers), list(map(_score_of, drivers)), weights, health.health, card)


class _Scoring:
    """What scoring the accounts of one book by one scorecard shares, worked out once: the
    book grouped by account, the windows' tickets and responses of the whole book (one pass
    each), the weights in force."""

    def __init__(self, index: BookIndex, as_of: dt.date, card: Scorecard) -> None:
        self.index, self.as_of, self.card = index, as_of, card
        lookback = dt.timedelta(days=card.lookback_days)
        since = as_of - lookback
        self.earlier, self.recent = (
            index.tickets_in(since - lookback, since, as_of) if index.has_tickets else ({}, None)
        )
        """Each account's tickets of the window before and of the last lookback window, in
        table order (``recent`` None: the book has no ticket data)."""
        (self.answers,) = index.nps_in(as_of - dt.timedelta(days=card.nps_window_days), as_of)
        self.kinds = (_UTILIZATION, _TREND, _ADOPTION, _SUPPORT, _NPS, _ENGAGEMENT, _RENEWAL)
        """The drivers in the order :meth:`score` finds them."""
        self.weighted = frozenset(k for k, w in card.weights.items() if not w <= 0)
        self.weight_of = card.weights.__getitem__
        self.total_weight = sum(card.weights.values())

    def score(self, account: Account, usage: list[UsageMonth] | None = None) -> HealthScore:
        index, as_of, card = self.index, self.as_of, self.card
        aid = account.id
        usage = index.usage.get(aid, []) if usage is None else usage
        if self.recent is not None:
            recent = self.recent.get(aid)
            earlier = self.earlier.get(aid)
            severities = list(map(_severity, recent)) if recent else []
            support = _support(severities, len(earlier) if earlier else 0, card)
        else:
            support = None
        answers = self.answers.get(aid)
        found = (
            _utilization(usage, account, card),
            _trend(usage, card),
            _adoption(usage, card),
            support,
            _nps(list(map(_score_of, answers)) if answers else []),
            _engagement(index.engagement.get(aid), as_of, card),
            _renewal(account, as_of, card),
        )
        drivers: list[_Found] = []
        kinds: list[DriverKind] = []
        missing: list[DriverKind] = []
        for kind, driver in zip(self.kinds, found, strict=True):
            if kind not in self.weighted:
                continue
            if driver is None:
                missing.append(kind)
            else:
                drivers.append(driver)
                kinds.append(kind)
        weights = list(map(self.weight_of, kinds))
        scores = list(map(_found_score, drivers))
        score, coverage = _weighted_mean(weights, scores, self.total_weight)
        if score is None or coverage < card.min_coverage:
            crm = account.crm_health
            return HealthScore._of_found(
                aid, None, crm, tuple(drivers), coverage, tuple(missing), card
            )
        return HealthScore._of_found(
            aid,
            round(score, 1),
            card.band(score),
            tuple(drivers),  # the drivers are made when first read, the reason from them
            coverage,
            tuple(missing),
            card,
        )


def score_account(
    book: Book,
    account: Account,
    as_of: dt.date,
    usage: list[UsageMonth] | None = None,
    *,
    index: BookIndex | None = None,
    card: Scorecard = DEFAULT_SCORECARD,
) -> HealthScore:
    """``usage``/``index``: the account's months in order and the book grouped by account, when
    the caller has them already (scoring a whole book groups once: :func:`score_accounts`)."""
    index = BookIndex.of(book) if index is None else index
    return _Scoring(index, as_of, card).score(account, usage)


def score_accounts(
    accounts: list[Account], index: BookIndex, as_of: dt.date, card: Scorecard
) -> dict[str, HealthScore]:
    """Every account's score, by id, from the book's ``index``."""
    scoring = _Scoring(index, as_of, card)
    return {a.id: scoring.score(a) for a in accounts}


def usage_by_account(book: Book) -> dict[str, list[UsageMonth]]:
    """Every account's usage months in order, grouped in one pass over the table."""
    return BookIndex.of(book).usage


def score_book(
    book: Book, as_of: dt.date, card: Scorecard = DEFAULT_SCORECARD
) -> dict[str, HealthScore]:
    return score_accounts(book.accounts, BookIndex.of(book), as_of, card)
