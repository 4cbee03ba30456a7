"""The book grouped by account once, so every figure is one pass over each table."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter, le
from typing import TypeVar

from qbr_studio.model import (
    Book,
    Engagement,
    NpsResponse,
    Opportunity,
    Stakeholder,
    Ticket,
    UsageMonth,
)


@dataclass(frozen=True)
class BookIndex:
    usage: dict[str, list[UsageMonth]]
    """Each account's months, oldest first."""
    tickets: dict[str, list[Ticket]]
    """Each account's tickets, oldest first."""
    ticket_days: dict[str, list[dt.date]]
    ticket_severities: dict[str, list[int]]
    """Each account's tickets' severities, in the order of ``tickets``."""
    nps: dict[str, list[NpsResponse]]
    """Each account's responses, oldest first."""
    nps_days: dict[str, list[dt.date]]
    nps_scores: dict[str, list[int]]
    """Each account's responses' scores, in the order of ``nps``."""
    engagement: dict[str, Engagement]
    stakeholders: dict[str, list[Stakeholder]]
    opportunities: dict[str, list[Opportunity]]
    has_tickets: bool
    """Whether the book holds any ticket data (no tickets at all means no data, not none)."""

    @classmethod
    def of(cls, book: Book) -> BookIndex:
        usage, _, _ = _group_by_day(book.usage, _month)
        tickets, ticket_days, severities = _group_by_day(book.tickets, _opened, _severity)
        nps, nps_days, scores = _group_by_day(book.nps, _answered, _score)
        return cls(
            usage=usage,
            tickets=tickets,
            ticket_days=ticket_days,
            ticket_severities=severities,
            nps=nps,
            nps_days=nps_days,
            nps_scores=scores,
            engagement={e.account_id: e for e in book.engagement},
            stakeholders=_group(book.stakeholders),
            opportunities=_group(book.opportunities),
            has_tickets=bool(book.tickets),
        )

    def tickets_between(self, account_id: str, after: dt.date, until: dt.date) -> list[Ticket]:
        """The account's tickets opened in (after, until], oldest first."""
        return _between(self.tickets, self.ticket_days, account_id, after, until)

    def severities_between(self, account_id: str, after: dt.date, until: dt.date) -> list[int]:
        """The severities of :meth:`tickets_between`, in its order."""
        return _between(self.ticket_severities, self.ticket_days, account_id, after, until)

    def nps_between(self, account_id: str, after: dt.date, until: dt.date) -> list[NpsResponse]:
        """The account's NPS responses dated in (after, until], oldest first."""
        return _between(self.nps, self.nps_days, account_id, after, until)

    def nps_scores_between(self, account_id: str, after: dt.date, until: dt.date) -> list[int]:
        """The scores of :meth:`nps_between`, in its order."""
        return _between(self.nps_scores, self.nps_days, account_id, after, until)


_month = attrgetter("month")
_opened = attrgetter("opened")
_answered = attrgetter("date")
_severity = attrgetter("severity")
_score = attrgetter("score")


V = TypeVar("V")


def _between(
    values: dict[str, list[V]],
    days: dict[str, list[dt.date]],
    account_id: str,
    after: dt.date,
    until: dt.date,
) -> list[V]:
    """The account's values whose day is in (after, until]."""
    dates = days.get(account_id)
    if not dates:
        return []
    return values[account_id][bisect_right(dates, after) : bisect_right(dates, until)]


T = TypeVar("T", UsageMonth, Ticket, NpsResponse, Stakeholder, Opportunity)


def _group(rows: list[T]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = defaultdict(list)
    for row in rows:
        grouped[row.account_id].append(row)
    return dict(grouped)


D = TypeVar("D", UsageMonth, Ticket, NpsResponse)


def _group_by_day(
    rows: list[D], day: Callable[[D], dt.date], value: Callable[[D], int] | None = None
) -> tuple[dict[str, list[D]], dict[str, list[dt.date]], dict[str, list[int]]]:
    """Each account's rows in date order (ties in table order), their dates, and their
    ``value``s (when given).

    The rows' fields are read in one pass in table order — where the rows lie in memory one
    after the other; reading them again account by account jumps all over it, and costs
    several times more. A group is sorted by its list of dates, which exports usually give
    in order already, so most groups are only checked."""
    grouped: dict[str, list[D]] = defaultdict(list)
    days: dict[str, list[dt.date]] = defaultdict(list)
    values: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        account = row.account_id
        grouped[account].append(row)
        days[account].append(day(row))
        if value is not None:
            values[account].append(value(row))
    for account, dates in days.items():
        if all(map(le, dates, islice(dates, 1, None))):
            continue
        order = sorted(range(len(dates)), key=dates.__getitem__)  # stable: ties keep order
        group = grouped[account]
        group[:] = [group[i] for i in order]
        dates[:] = [dates[i] for i in order]
        if value is not None:
            column = values[account]
            column[:] = [column[i] for i in order]
    return dict(grouped), dict(days), dict(values)
