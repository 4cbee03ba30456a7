"""The book grouped by account once, so every figure is one pass over each table."""

from __future__ import annotations

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
    nps: dict[str, list[NpsResponse]]
    engagement: dict[str, Engagement]
    stakeholders: dict[str, list[Stakeholder]]
    opportunities: dict[str, list[Opportunity]]
    has_tickets: bool
    """Whether the book holds any ticket data (no tickets at all means no data, not none)."""

    @classmethod
    def of(cls, book: Book) -> BookIndex:
        usage: dict[str, list[UsageMonth]] = defaultdict(list)
        for month in sorted(book.usage, key=lambda u: u.month):
            usage[month.account_id].append(month)
        return cls(
            usage=dict(usage),
            tickets=_group(book.tickets),
            nps=_group(book.nps),
            engagement={e.account_id: e for e in book.engagement},
            stakeholders=_group(book.stakeholders),
            opportunities=_group(book.opportunities),
            has_tickets=bool(book.tickets),
        )


T = TypeVar("T", Ticket, NpsResponse, Stakeholder, Opportunity)


def _group(rows: list[T]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = defaultdict(list)
    for row in rows:
        grouped[row.account_id].append(row)
    return dict(grouped)
