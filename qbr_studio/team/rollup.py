"""The team's figures, from each presenter's own figures (computed once per review): renewals
across the team, ARR by health and ARR at risk per CSM, achievements worth celebrating, and
adoption challenges that several CSMs share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from qbr_studio.deck.planning.content import ReviewContent
from qbr_studio.deck.planning.renewal_risk import renewal_risk
from qbr_studio.model import Achievement, Health, Opportunity, Risk

SHARED_SIMILARITY = 0.34
"""Two challenge patterns are the same challenge when this share of their words agree."""
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "not",
        "no",
        "their",
        "they",
        "our",
        "its",
        "it",
        "this",
        "that",
        "from",
        "as",
        "into",
        "than",
        "more",
        "less",
        "very",
        "much",
        "many",
        "who",
        "what",
        "when",
        "how",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")
STEM = 5
"""Words compare by their first letters, so "adoption" and "adopting" agree."""


@dataclass(frozen=True)
class Celebrated:
    csm: str
    account: str
    achievement: Achievement

    @property
    def progress(self) -> float | None:
        """Share of the way from before to goal that was reached (1.0 = goal met)."""
        a = self.achievement
        if a.before is None or a.after is None or a.goal is None or a.goal == a.before:
            return None
        return (a.after - a.before) / (a.goal - a.before)


@dataclass(frozen=True)
class SharedChallenge:
    pattern: str
    """The pattern as the first CSM wrote it."""
    csms: tuple[str, ...]
    patterns: tuple[str, ...]
    """Each CSM's own words, in the order of :attr:`csms`."""
    accounts: int


@dataclass(frozen=True)
class TeamFigures:
    csms: tuple[str, ...]
    arr_by_health: dict[str, dict[Health | None, float]]
    arr_at_risk: dict[str, float]
    renewals: list[Opportunity]
    renewal_months: list[dt.date]
    celebrated: list[Celebrated]
    shared: list[SharedChallenge]
    renewal_risks: dict[int, Risk | None] = field(default_factory=dict)
    """Each of ``renewals``' risk as its own review's deck states it, by ``id()`` of the
    opportunity (ids repeat across reviews)."""
    undated: int = 0
    """Accounts with ARR whose renewal no presenter's data dates (not in ``renewals``)."""

    def risk_of(self, renewal: Opportunity) -> Risk | None:
        return self.renewal_risks.get(id(renewal))

    @property
    def arr(self) -> float:
        return sum(sum(by.values()) for by in self.arr_by_health.values())


def at_risk(content: ReviewContent) -> float:
    """Renewal ARR at medium or high risk (stated, else from warning signs, as the review's
    own deck says): what the renewals chart colours as at risk."""
    return sum(o.amount for o in content.figures.renewals_due if _risk(content, o) in AT_RISK)


AT_RISK = (Risk.MEDIUM, Risk.HIGH)


def _risk(content: ReviewContent, renewal: Opportunity) -> Risk | None:
    return renewal_risk(content.review, content.analysis, renewal).risk


def team_figures(contents: Sequence[ReviewContent], celebrate: int = 6) -> TeamFigures:
    """The team's figures from ``contents`` (one per presenter, in agenda order)."""
    csms = tuple(c.review.meta.csm for c in contents)
    months = sorted({m for c in contents for m in c.figures.renewal_months})
    renewals = [o for c in contents for o in c.figures.renewals_due]
    return TeamFigures(
        csms=csms,
        arr_by_health={c.review.meta.csm: dict(c.figures.arr_by_health) for c in contents},
        arr_at_risk={c.review.meta.csm: at_risk(c) for c in contents},
        renewals=renewals,
        renewal_months=months,
        celebrated=celebrated(contents, celebrate),
        shared=shared_challenges(contents),
        renewal_risks={id(o): _risk(c, o) for c in contents for o in c.figures.renewals_due},
        undated=sum(c.figures.renewals_undated for c in contents),
    )


def celebrated(contents: Sequence[ReviewContent], limit: int) -> list[Celebrated]:
    """The achievements that went furthest towards their goal (goal met first), at most one
    per CSM until every CSM has one, then the next best; unmeasured ones come last."""
    found = []
    for c in contents:
        for a in c.review.achievements:
            if a.title:
                account = c.review.book.account(a.account_id)
                found.append(Celebrated(c.review.meta.csm, account.name if account else "", a))

    def rank(item: Celebrated) -> tuple[int, float]:
        p = item.progress
        return (1, 0.0) if p is None else (0, -p)

    ordered = sorted(found, key=rank)
    first, rest, seen = [], [], set()
    for item in ordered:
        (rest if item.csm in seen else first).append(item)
        seen.add(item.csm)
    return (first + rest)[:limit]


def _words(text: str) -> frozenset[str]:
    return frozenset(w[:STEM] for w in _WORD.findall(text.casefold()) if w not in _STOP)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= SHARED_SIMILARITY


def shared_challenges(contents: Sequence[ReviewContent]) -> list[SharedChallenge]:
    """Adoption challenges whose patterns agree across two or more CSMs, most CSMs first."""
    groups: list[tuple[frozenset[str], list[tuple[str, str, int]]]] = []
    for c in contents:
        for ch in c.review.challenges:
            words = _words(ch.pattern)
            if not words:
                continue
            item = (c.review.meta.csm, ch.pattern.strip(), len(ch.account_ids))
            for key, members in groups:
                if _similar(key, words):
                    members.append(item)
                    break
            else:
                groups.append((words, [item]))
    shared = []
    for _, members in groups:
        by_csm: dict[str, tuple[str, int]] = {}
        for csm, pattern, accounts in members:
            prior = by_csm.get(csm, (pattern, 0))
            by_csm[csm] = (prior[0], prior[1] + accounts)
        if len(by_csm) >= 2:
            shared.append(
                SharedChallenge(
                    pattern=members[0][1],
                    csms=tuple(by_csm),
                    patterns=tuple(p for p, _ in by_csm.values()),
                    accounts=sum(n for _, n in by_csm.values()),
                )
            )
    return sorted(shared, key=lambda s: (-len(s.csms), -s.accounts, s.pattern))
