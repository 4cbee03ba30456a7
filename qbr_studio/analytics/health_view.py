"""An account's health three ways — the CRM's, the data's (the scorecard) and the CSM's
override with its reason — side by side, and a disagreement between them as a finding.

A title may only call an account by one colour when the others agree; :attr:`HealthView.title_word`
is the one word a slide may use, and it names the disagreement when there is one.
"""

from __future__ import annotations

from operator import attrgetter

from qbr_studio.analytics.health import DEFAULT_SCORECARD, HealthScore, Scorecard, score_book
from qbr_studio.analytics.results import Result
from qbr_studio.analytics.risk import Signal, SignalKind, signals_of
from qbr_studio.model import Health, HealthOverride, Review

_RANK = {Health.RED: 0, Health.YELLOW: 1, Health.GREEN: 2}
# Looked up once: on Python 3.11 a member looked up on its class, or its ``value``, costs
# ~0.4 µs, and the views of a book ask for them a few times per account.
_WORD = {h: h.value for h in Health}
_score = attrgetter("score")
_RED = Health.RED
_CHAMPION_LOST = SignalKind.CHAMPION_LOST
_NONE = frozenset({None})


class HealthView(Result):
    """One account's CRM health, the data's (``computed``) and the CSM's override, with its
    warning signs (a :class:`Result`: nothing outside analytics sets its attributes)."""

    __slots__ = ("account_id", "account_name", "computed", "crm", "override", "signals")
    _fields = ("account_id", "account_name", "crm", "computed", "override", "signals")

    def __init__(
        self,
        account_id: str,
        account_name: str,
        crm: Health | None,
        computed: HealthScore,
        override: HealthOverride | None,
        signals: tuple[Signal, ...] = (),
    ) -> None:
        self.account_id = account_id
        self.account_name = account_name
        self.crm = crm
        self.computed = computed
        self.override = override
        self.signals = signals

    @property
    def shown(self) -> Health | None:
        """The health the review stands behind: the CSM's override, else the data's, else
        the CRM's."""
        if self.override is not None:
            return self.override.health
        return self.computed.health if self.computed.score is not None else self.crm

    @property
    def disagreement(self) -> str | None:
        """One sentence when the CRM, the data or the CSM disagree, else None.

        "CRM says yellow, data says green: utilization 66% (+9 pts in 90 days), but Gordon Pike
        (CIO) is a detractor"."""
        data = self.computed.health if self.computed.score is not None else None
        csm = self.override.health if self.override else None
        if len({self.crm, data, csm} - _NONE) < 2:  # fewer than two healths said
            return None
        said = [
            (who, h)
            for who, h in (("CRM", self.crm), ("data", data), ("CSM", csm))
            if h is not None
        ]
        text = ", ".join([f"{who} says {_WORD[h]}" for who, h in said])
        why = self._why(data)
        if self.override is not None:
            why.append(f"CSM: {self.override.reason}")
        return text + (": " + ", but ".join(why) if why else "")

    def _why(self, data: Health | None) -> list[str]:
        """The data's case, and what speaks against it."""
        if data is None:
            return []
        drivers, band = self.computed.drivers, self.computed.card.band
        bands = [band(d.score) for d in drivers]
        agreeing = [d for d, b in zip(drivers, bands, strict=True) if b is data]
        # people speak loudest against a good score: a detractor or a champion gone comes first
        people = [s.evidence for s in self.signals if s.kind is _CHAMPION_LOST]
        rank = _RANK[data]
        weak = sorted(
            [d for d, b in zip(drivers, bands, strict=True) if _RANK[b] < rank],
            key=_score,
        )
        against = (people if data is not _RED else []) + [d.detail for d in weak]
        best = max(agreeing, key=lambda d: d.score, default=None)
        why = [best.detail] if best else []
        return why + against[:1]

    @property
    def title_word(self) -> str:
        """How a title may name this account's health: one colour when all agree, else e.g.
        "green by the data (CRM: yellow)"."""
        shown = self.shown
        if shown is None:
            return "unscored"
        if self.disagreement is None:
            return _WORD[shown]
        others = []
        if self.crm is not None and self.crm is not shown:
            others.append(f"CRM: {_WORD[self.crm]}")
        data = self.computed.health if self.computed.score is not None else None
        if self.override is not None and data is not None and data is not shown:
            others.append(f"data: {_WORD[data]}")
        source = "the CSM" if self.override is not None else "the data"
        return f"{_WORD[shown]} by {source} ({'; '.join(others)})"


def health_views(
    review: Review,
    card: Scorecard = DEFAULT_SCORECARD,
    health: dict[str, HealthScore] | None = None,
    signals: dict[str, list[Signal]] | None = None,
) -> dict[str, HealthView]:
    """Every account's three healths, by account id."""
    book = review.book
    health = score_book(book, review.as_of, card) if health is None else health
    if signals is None:
        signals = signals_of(book, review.as_of, health, last_quarter=review.last_quarter)
    overrides = _overrides(review)
    return {
        a.id: HealthView(
            a.id,
            a.name,
            a.crm_health,
            health[a.id],
            overrides.get(a.id),
            tuple(signals.get(a.id, ())),
        )
        for a in book.accounts
    }


def _overrides(review: Review) -> dict[str, HealthOverride]:
    """:meth:`Review.override_of` of every account at once: the first override of each."""
    found: dict[str, HealthOverride] = {}
    for override in review.health_overrides:
        found.setdefault(override.account_id, override)
    return found


def disagreements(views: dict[str, HealthView]) -> list[tuple[str, str]]:
    """(account id, sentence) for each account whose healths disagree, in book order."""
    return [(v.account_id, text) for v in views.values() if (text := v.disagreement)]
