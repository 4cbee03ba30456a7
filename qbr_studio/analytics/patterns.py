"""Territory patterns for the "adoption challenges" part, offered as suggestions.

Which segment, industry or product lags on utilization, where key features are not adopted,
which accounts share a warning sign. Each :class:`Suggestion` carries its evidence, its
accounts and the figures for its chart; the CSM accepts one (:func:`accept` makes it a
:class:`~qbr_studio.model.Challenge`) or dismisses it — nothing here writes to the review.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import Enum
from math import fsum

from qbr_studio.analytics.index import BookIndex
from qbr_studio.analytics.risk import Signal, SignalKind, signals_of
from qbr_studio.model import Account, Book, Challenge


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean (statistics.mean is exact with fractions, and 20× slower)."""
    items = list(values)
    return fsum(items) / len(items)


class PatternKind(str, Enum):
    SEGMENT_LAGS = "segment_lags"
    INDUSTRY_LAGS = "industry_lags"
    PRODUCT_LAGS = "product_lags"
    FEATURE_LAGS = "feature_lags"
    SHARED_SIGNAL = "shared_signal"


@dataclass(frozen=True)
class PatternRules:
    lag_points: float = 0.15
    """A group lags when its mean utilization is this far (0.15 = 15 points) below the book's."""
    min_accounts: int = 2
    """A pattern needs at least this many accounts."""
    low_adoption_share: float = 0.5
    """Key-feature adoption below this share of the book's mean is lagging."""


DEFAULT_PATTERN_RULES = PatternRules()
_SHARED_SIGNAL = PatternKind.SHARED_SIGNAL  # looked up once: ~0.4 µs a time on Python 3.11


@dataclass(frozen=True)
class Suggestion:
    kind: PatternKind
    key: str
    """Stable id ("industry_lags:Healthcare"), so a dismissal can be remembered."""
    title: str
    evidence: str
    account_ids: tuple[str, ...]
    chart: tuple[tuple[str, float], ...]
    """(label, value) bars for the chart that shows it; values are shares 0–1."""


def _latest(index: BookIndex, account: Account) -> tuple[float | None, float | None]:
    """(utilization, key-feature share of active users) in the account's latest month."""
    usage = index.usage.get(account.id)
    if not usage:
        return None, None
    last = usage[-1]
    licensed = last.licensed_users or account.licensed_seats or 0
    util = last.active_users / licensed if licensed else None
    key = (
        last.key_feature_users / last.active_users
        if last.key_feature_users is not None and last.active_users
        else None
    )
    return util, key


def _groups(
    accounts: list[Account], util: dict[str, float], rules: PatternRules, kind: PatternKind
) -> list[Suggestion]:
    word = {
        PatternKind.SEGMENT_LAGS: "segment",
        PatternKind.INDUSTRY_LAGS: "industry",
        PatternKind.PRODUCT_LAGS: "product",
    }[kind]
    groups: dict[str, list[Account]] = defaultdict(list)
    products = kind is PatternKind.PRODUCT_LAGS
    for a in accounts:
        if a.id not in util:
            continue
        for value in a.products if products else (getattr(a, word),):
            if value:
                groups[value].append(a)
    if len(groups) < 2:
        return []
    book_mean = mean(util.values())
    means = {g: mean(util[a.id] for a in members) for g, members in groups.items()}
    chart = tuple(sorted(means.items(), key=lambda kv: kv[1]))
    found = []
    for group, members in groups.items():
        if len(members) < rules.min_accounts or means[group] > book_mean - rules.lag_points:
            continue
        behind = tuple(a.id for a in members if util[a.id] < book_mean)
        found.append(
            Suggestion(
                kind,
                f"{kind.value}:{group}",
                f"{group} lags on utilization",
                f"{group} ({len(members)} accounts) averages {means[group]:.0%} of licensed "
                f"users active, against {book_mean:.0%} across the book",
                behind,
                chart,
            )
        )
    return found


def _features(
    accounts: list[Account], key: dict[str, float], rules: PatternRules
) -> list[Suggestion]:
    if len(key) < rules.min_accounts + 1:
        return []
    book_mean = mean(key.values())
    low = [a for a in accounts if a.id in key and key[a.id] < book_mean * rules.low_adoption_share]
    if len(low) < rules.min_accounts:
        return []
    names = ", ".join(f"{a.name} {key[a.id]:.0%}" for a in low)
    return [
        Suggestion(
            PatternKind.FEATURE_LAGS,
            "feature_lags:key_features",
            "Key features are not adopted",
            f"key features used by few active users at {names} (book average {book_mean:.0%})",
            tuple(a.id for a in low),
            tuple(sorted(((a.name, key[a.id]) for a in accounts if a.id in key), key=_value)),
        )
    ]


def _value(item: tuple[str, float]) -> float:
    return item[1]


def _shared(
    accounts: list[Account], signals: dict[str, list[Signal]], rules: PatternRules
) -> list[Suggestion]:
    by_kind: dict[SignalKind, list[tuple[Account, str]]] = defaultdict(list)
    for a in accounts:
        first: dict[SignalKind, str] = {}  # each kind's first evidence, kinds in order met
        for s in signals.get(a.id, ()):
            if s.kind not in first:
                first[s.kind] = s.evidence
        for kind, evidence in first.items():
            by_kind[kind].append((a, evidence))
    total = len(accounts)
    return [
        Suggestion(
            _SHARED_SIGNAL,
            f"shared_signal:{kind.value}",
            f"{len(members)} accounts share a warning sign: {kind.label.lower()}",
            "; ".join([f"{a.name}: {evidence}" for a, evidence in members]),
            tuple([a.id for a, _ in members]),
            ((kind.label, len(members) / total),),
        )
        for kind, members in by_kind.items()
        if len(members) >= rules.min_accounts
    ]


def suggest_patterns(
    book: Book,
    as_of: dt.date,
    signals: dict[str, list[Signal]] | None = None,
    rules: PatternRules = DEFAULT_PATTERN_RULES,
    index: BookIndex | None = None,
) -> list[Suggestion]:
    """Every pattern the book shows, lagging groups first, then shared warning signs."""
    index = BookIndex.of(book) if index is None else index
    util: dict[str, float] = {}
    key: dict[str, float] = {}
    for a in book.accounts:
        u, k = _latest(index, a)
        if u is not None:
            util[a.id] = u
        if k is not None:
            key[a.id] = k
    signals = signals_of(book, as_of, index=index) if signals is None else signals
    found: list[Suggestion] = []
    for kind in (PatternKind.SEGMENT_LAGS, PatternKind.INDUSTRY_LAGS, PatternKind.PRODUCT_LAGS):
        found += _groups(book.accounts, util, rules, kind)
    return found + _features(book.accounts, key, rules) + _shared(book.accounts, signals, rules)


def accept(suggestion: Suggestion) -> Challenge:
    """The challenge a suggestion becomes when the CSM accepts it (the plan is theirs)."""
    return Challenge(
        pattern=suggestion.title,
        evidence=suggestion.evidence,
        account_ids=list(suggestion.account_ids),
    )


def pending(
    suggestions: list[Suggestion], challenges: list[Challenge], dismissed: Collection[str]
) -> list[Suggestion]:
    """The suggestions still to decide: not dismissed, and not already a challenge of the
    review (accepting one makes a challenge of its title, so undoing it offers it again)."""
    taken = {c.pattern.strip().lower() for c in challenges}
    return [
        s for s in suggestions if s.key not in dismissed and s.title.strip().lower() not in taken
    ]
