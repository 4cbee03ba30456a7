"""The book grouped by account once, so every figure is one pass over each table."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cached_property
from itertools import groupby, islice, pairwise
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


class BookIndex:
    """Each table of a book grouped by account, each grouping made the first time it is asked
    for (a caller that needs the usage alone never groups the tickets).

    ``since``: leave out the tickets and NPS responses dated on or before this day — an
    analysis whose every window starts after it passes it, and the many old rows cost one
    date comparison each. ``*_between`` with ``after`` before ``since`` would then miss rows;
    the usage, engagement, stakeholder and opportunity groupings are whole either way.
    """

    def __init__(self, book: Book, since: dt.date | None = None) -> None:
        self._book = book
        self.since = since
        self.has_tickets = bool(book.tickets)
        """Whether the book holds any ticket data (no tickets at all means no data, not
        none), whatever ``since`` leaves out."""
        self._windows: dict[tuple[str, dt.date, dt.date], dict] = {}

    @classmethod
    def of(cls, book: Book, since: dt.date | None = None) -> BookIndex:
        return cls(book, since)

    @cached_property
    def usage(self) -> dict[str, list[UsageMonth]]:
        """Each account's months, oldest first (ties in table order)."""
        return _group_in_order(self._book.usage, _month)

    @cached_property
    def _tickets(self) -> tuple[dict[str, list[Ticket]], dict[str, list[dt.date]], dict]:
        return _group_by_day(self._book.tickets, _opened, _severity, self.since)

    @property
    def tickets(self) -> dict[str, list[Ticket]]:
        """Each account's tickets, oldest first."""
        return self._tickets[0]

    @property
    def ticket_days(self) -> dict[str, list[dt.date]]:
        return self._tickets[1]

    @property
    def ticket_severities(self) -> dict[str, list[int]]:
        """Each account's tickets' severities, in the order of ``tickets``."""
        return self._tickets[2]

    @cached_property
    def _nps(self) -> tuple[dict[str, list[NpsResponse]], dict[str, list[dt.date]], dict]:
        return _group_by_day(self._book.nps, _answered, _score, self.since)

    @property
    def nps(self) -> dict[str, list[NpsResponse]]:
        """Each account's responses, oldest first."""
        return self._nps[0]

    @property
    def nps_days(self) -> dict[str, list[dt.date]]:
        return self._nps[1]

    @property
    def nps_scores(self) -> dict[str, list[int]]:
        """Each account's responses' scores, in the order of ``nps``."""
        return self._nps[2]

    @cached_property
    def engagement(self) -> dict[str, Engagement]:
        return {e.account_id: e for e in self._book.engagement}

    @cached_property
    def stakeholders(self) -> dict[str, list[Stakeholder]]:
        return _group(self._book.stakeholders)

    @cached_property
    def opportunities(self) -> dict[str, list[Opportunity]]:
        return _group(self._book.opportunities)

    @cached_property
    def _kept_tickets(self) -> list[Ticket]:
        return _after(self._book.tickets, _opened, self.since)

    @cached_property
    def _kept_nps(self) -> list[NpsResponse]:
        return _after(self._book.nps, _answered, self.since)

    def tickets_in(self, *bounds: dt.date) -> list[dict[str, list[Ticket]]]:
        """For each period (``bounds[i]``, ``bounds[i + 1]``], each account's tickets opened
        in it, in table order (not date order): the whole book's periods in one pass over the
        tickets ``since`` keeps, for callers that count or total every account's. A period
        asked for again is not made again. A first bound before ``since`` would miss rows, as
        with ``*_between``."""
        return self._periods("tickets", self._kept_tickets, _opened, bounds)

    def nps_in(self, *bounds: dt.date) -> list[dict[str, list[NpsResponse]]]:
        """Each account's NPS responses dated in each period, as :meth:`tickets_in`."""
        return self._periods("nps", self._kept_nps, _answered, bounds)

    def _periods(
        self, table: str, rows: list[W], day: Callable[[W], dt.date], bounds: tuple[dt.date, ...]
    ) -> list[dict[str, list[W]]]:
        keys = [(table, after, until) for after, until in pairwise(bounds)]
        made = self._windows
        if not all(key in made for key in keys):
            if all(map(le, bounds, islice(bounds, 1, None))):
                periods = _in_periods(rows, day, bounds)
            else:  # a period that ends before it starts holds nothing
                periods = [
                    _in_periods(rows, day, (after, until))[0] if after <= until else {}
                    for after, until in pairwise(bounds)
                ]
            for key, grouped in zip(keys, periods, strict=True):
                made[key] = grouped
        return [made[key] for key in keys]

    def tickets_between(self, account_id: str, after: dt.date, until: dt.date) -> list[Ticket]:
        """The account's tickets opened in (after, until], oldest first."""
        tickets, days, _ = self._tickets
        return _between(tickets, days, account_id, after, until)

    def severities_between(self, account_id: str, after: dt.date, until: dt.date) -> list[int]:
        """The severities of :meth:`tickets_between`, in its order."""
        _, days, severities = self._tickets
        return _between(severities, days, account_id, after, until)

    def nps_between(self, account_id: str, after: dt.date, until: dt.date) -> list[NpsResponse]:
        """The account's NPS responses dated in (after, until], oldest first."""
        responses, days, _ = self._nps
        return _between(responses, days, account_id, after, until)

    def nps_scores_between(self, account_id: str, after: dt.date, until: dt.date) -> list[int]:
        """The scores of :meth:`nps_between`, in its order."""
        _, days, scores = self._nps
        return _between(scores, days, account_id, after, until)


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
W = TypeVar("W", Ticket, NpsResponse)
D = TypeVar("D", UsageMonth, Ticket, NpsResponse)
_account = attrgetter("account_id")


def _after(rows: list[W], day: Callable[[W], dt.date], since: dt.date | None) -> list[W]:
    """The rows dated after ``since`` (all when None), in table order."""
    if since is None:
        return rows
    return [row for row, when in zip(rows, map(day, rows), strict=True) if when > since]


def _in_periods(
    rows: list[W], day: Callable[[W], dt.date], bounds: tuple[dt.date, ...]
) -> list[dict[str, list[W]]]:
    """For each period (``bounds[i]``, ``bounds[i + 1]``], the rows dated in it grouped by
    account in table order: one pass, each row's period found by bisecting the bounds."""
    found: list[dict[str, list[W]]] = [{} for _ in bounds]
    last = len(bounds)
    for row, when in zip(rows, map(day, rows), strict=True):
        period = bisect_left(bounds, when)  # when in (bounds[p - 1], bounds[p]]
        if 0 < period < last:
            grouped = found[period]
            group = grouped.get(row.account_id)
            if group is None:
                grouped[row.account_id] = [row]
            else:
                group.append(row)
    return found[1:]


def _group_in_order(rows: list[D], day: Callable[[D], dt.date]) -> dict[str, list[D]]:
    """Each account's rows in ``day`` order, ties in table order: the runs of one account that
    exports give (a table sorted or grouped by account) are taken whole, and each group sorted
    once (a sorted group costs a check)."""
    grouped: dict[str, list[D]] = {}
    for account, run in groupby(rows, _account):
        group = grouped.get(account)
        if group is None:
            grouped[account] = list(run)
        else:
            group.extend(run)
    for group in grouped.values():
        group.sort(key=day)  # stable: ties keep the table's order
    return grouped


def _group(rows: list[T]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for row in rows:
        group = grouped.get(row.account_id)
        if group is None:
            grouped[row.account_id] = [row]
        else:
            group.append(row)
    return grouped


def _group_by_day(
    rows: list[D],
    day: Callable[[D], dt.date],
    value: Callable[[D], int] | None = None,
    since: dt.date | None = None,
) -> tuple[dict[str, list[D]], dict[str, list[dt.date]], dict[str, list[int]]]:
    """Each account's rows dated after ``since`` (all when None) in date order (ties in table
    order), their dates, and their ``value``s (when given).

    The rows are grouped in one pass in table order; each group's dates and values are then
    read in one go. A group is sorted by its list of dates, which exports usually give in
    order already, so most groups are only checked."""
    if since is None:
        grouped = _group(rows)
    else:
        grouped = {}
        for row, when in zip(rows, map(day, rows), strict=True):
            if when > since:
                group = grouped.get(row.account_id)
                if group is None:
                    grouped[row.account_id] = [row]
                else:
                    group.append(row)
    days: dict[str, list[dt.date]] = {}
    values: dict[str, list[int]] = {}
    for account, group in grouped.items():
        dates = days[account] = list(map(day, group))
        if not all(map(le, dates, islice(dates, 1, None))):
            group.sort(key=day)  # stable: ties keep the table's order
            dates.sort()
        if value is not None:
            values[account] = list(map(value, group))
    return grouped, days, values
