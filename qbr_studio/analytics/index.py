"""The book grouped by account once, so every figure is one pass over each table."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
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
        usage: dict[str, list[UsageMonth]] = _group(book.usage)
        for rows in usage.values():
            rows.sort(key=_month)  # exports come in order: timsort then only checks it
        tickets = _group(book.tickets)
        for ticket_rows in tickets.values():
            ticket_rows.sort(key=_opened)
        nps = _group(book.nps)
        for responses in nps.values():
            responses.sort(key=_answered)
        return cls(
            usage=usage,
            tickets=tickets,
            ticket_days={k: [t.opened for t in v] for k, v in tickets.items()},
            nps=nps,
            nps_days={k: [r.date for r in v] for k, v in nps.items()},
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


def _month(row: UsageMonth) -> dt.date:
    return row.month


def _opened(row: Ticket) -> dt.date:
    return row.opened


def _answered(row: NpsResponse) -> dt.date:
    return row.date


T = TypeVar("T", UsageMonth, Ticket, NpsResponse, Stakeholder, Opportunity)


def _group(rows: list[T]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = defaultdict(list)
    for row in rows:
        grouped[row.account_id].append(row)
    return dict(grouped)
