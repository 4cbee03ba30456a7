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
    nps: dict[str, list[NpsResponse]]
    """Each account's responses, oldest first."""
    nps_days: dict[str, list[dt.date]]
    engagement: dict[str, Engagement]
    stakeholders: dict[str, list[Stakeholder]]
    opportunities: dict[str, list[Opportunity]]
    has_tickets: bool
    """Whether the book holds any ticket data (no tickets at all means no data, not none)."""

    @classmethod
    def of(cls, book: Book) -> BookIndex:
        usage, _ = _group_by_day(book.usage, _month)
        tickets, ticket_days = _group_by_day(book.tickets, _opened)
        nps, nps_days = _group_by_day(book.nps, _answered)
        return cls(
            usage=usage,
            tickets=tickets,
            ticket_days=ticket_days,
            nps=nps,
            nps_days=nps_days,
            engagement={e.account_id: e for e in book.engagement},
            stakeholders=_group(book.stakeholders),
            opportunities=_group(book.opportunities),
            has_tickets=bool(book.tickets),
        )

    def tickets_between(self, account_id: str, after: dt.date, until: dt.date) -> list[Ticket]:
        """The account's tickets opened in (after, until], oldest first."""
        days = self.ticket_days.get(account_id)
        if not days:
            return []
        rows = self.tickets[account_id]
        return rows[bisect_right(days, after) : bisect_right(days, until)]

    def nps_between(self, account_id: str, after: dt.date, until: dt.date) -> list[NpsResponse]:
        """The account's NPS responses dated in (after, until], oldest first."""
        days = self.nps_days.get(account_id)
        if not days:
            return []
        rows = self.nps[account_id]
        return rows[bisect_right(days, after) : bisect_right(days, until)]


_month = attrgetter("month")
_opened = attrgetter("opened")
_answered = attrgetter("date")


T = TypeVar("T", UsageMonth, Ticket, NpsResponse, Stakeholder, Opportunity)


def _group(rows: list[T]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = defaultdict(list)
    for row in rows:
        grouped[row.account_id].append(row)
    return dict(grouped)


D = TypeVar("D", UsageMonth, Ticket, NpsResponse)


def _group_by_day(
    rows: list[D], day: Callable[[D], dt.date]
) -> tuple[dict[str, list[D]], dict[str, list[dt.date]]]:
    """Each account's rows in date order (ties in table order), and their dates.

    Each row's date is read once (reading a model's field costs more than comparing two
    dates): the group is sorted by its list of dates, which exports usually give in order
    already, so most groups are only checked."""
    grouped: dict[str, list[D]] = _group(rows)  # type: ignore[arg-type]
    days: dict[str, list[dt.date]] = {}
    for account, group in grouped.items():
        dates = list(map(day, group))
        if not all(map(le, dates, islice(dates, 1, None))):
            order = sorted(range(len(dates)), key=dates.__getitem__)  # stable: ties keep order
            group[:] = [group[i] for i in order]
            dates = [dates[i] for i in order]
        days[account] = dates
    return grouped, days
