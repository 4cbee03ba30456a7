"""Calendar arithmetic on months and quarters, the periods a review talks in."""

from __future__ import annotations

import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """First day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_label(month: dt.date) -> str:
    return month.strftime("%b %Y")


def short_month(month: dt.date) -> str:
    return month.strftime("%b")


def quarter_of(day: dt.date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def next_months(as_of: dt.date, count: int) -> list[dt.date]:
    """The first days of the ``count`` months after the month holding ``as_of``."""
    return [add_months(as_of, i) for i in range(1, count + 1)]
