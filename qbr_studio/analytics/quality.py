"""Data-quality problems in an imported book that no single import can see: renewals whose
date passed with no outcome, more active users than licensed, rows that name no account of the
book, usage on an account without ARR. Each names the first case, how many there are and the
file it came from, with the path of the first for the app to jump to.

``check`` and the app's checklist list them (see :func:`qbr_studio.checks.check_review`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from qbr_studio.analytics.book import renewals_overdue
from qbr_studio.model import Book, Review
from qbr_studio.wording import day, plural, verb


@dataclass(frozen=True)
class Problem:
    path: str
    """Where the first case is in the review (``book.usage[12].active_users``)."""
    message: str


def data_problems(review: Review, today: dt.date | None = None) -> list[Problem]:
    """``today`` (the system's date by default) separates the past from what is still due."""
    book = review.book
    return [
        *_overdue(review, today or dt.date.today()),
        *_over_licensed(book),
        *_without_account(book),
        *_usage_without_arr(book),
    ]


def _from(source: str) -> str:
    """``", from usage.xlsx › Sheet1"`` for a row an import brought, else ``""``."""
    _, _, title = source.partition(":")
    return f", from {title}" if title else ""


def _overdue(review: Review, today: dt.date) -> list[Problem]:
    """Renewals the deck calls overdue that are already past (the deck counts to the meeting
    day; before it, a renewal still ahead of today is no data problem yet)."""
    overdue = [o for o in renewals_overdue(review) if o.close_date and o.close_date < today]
    if not overdue:
        return []
    book = review.book
    first = overdue[0]
    position = next((i for i, o in enumerate(book.opportunities) if o is first), None)
    if position is not None:
        path, source = f"book.opportunities[{position}].stage", first.source
        fix = "record the outcome (won or lost) in the CRM and import it again"
    else:  # an account's own renewal date
        j = next(i for i, a in enumerate(book.accounts) if a.id == first.account_id)
        path, source = f"book.accounts[{j}].renewal_date", book.accounts[j].source
        fix = "import the renewal's outcome, or the account's next renewal date"
    name = first.name or first.account_id
    assert first.close_date is not None  # overdue renewals are dated
    n = len(overdue)
    return [
        Problem(
            path,
            f"{plural(n, 'renewal')} dated in the past {verb(n, 'has', 'have')} no outcome "
            f'("{name}", {day(first.close_date)}{_from(source)}): {fix}',
        )
    ]


def _over_licensed(book: Book) -> list[Problem]:
    over = [
        i
        for i, u in enumerate(book.usage)
        if u.licensed_users and u.active_users > u.licensed_users
    ]
    if not over:
        return []
    first = book.usage[over[0]]
    account = book.account(first.account_id)
    name = account.name if account is not None else first.account_id
    return [
        Problem(
            f"book.usage[{over[0]}].active_users",
            f"{plural(len(over), 'usage month')} {verb(len(over), 'counts', 'count')} more "
            "active than licensed users "
            f"({name}, {first.month:%b %Y}: {first.active_users:,} of "
            f"{first.licensed_users:,}{_from(first.source)}): utilization over 100% — check "
            "the licensed users",
        )
    ]


_TABLES = (
    ("usage", "usage month", "usage months"),
    ("opportunities", "opportunity", "opportunities"),
    ("stakeholders", "contact", "contacts"),
    ("tickets", "ticket", "tickets"),
    ("nps", "NPS response", "NPS responses"),
    ("engagement", "engagement record", "engagement records"),
)


def _without_account(book: Book) -> list[Problem]:
    """Rows of any table whose account is not in the book (blank, or an account removed)."""
    ids = {a.id for a in book.accounts}
    out = []
    for table, one, many in _TABLES:
        rows: Sequence = getattr(book, table)
        orphans = [i for i, row in enumerate(rows) if row.account_id not in ids]
        if orphans:
            first = rows[orphans[0]]
            n = len(orphans)
            if first.account_id:
                named = f'"{first.account_id}"'
                fix = f"import the {verb(n, 'account it belongs', 'accounts they belong')} to"
            else:
                named = "a blank account"
                fix = "import the file again with its account column"
            out.append(
                Problem(
                    f"book.{table}[{orphans[0]}].account_id",
                    f"{plural(n, one, many)} {verb(n, 'names', 'name')} no account of the book "
                    f"({named}{_from(first.source)}): {fix}, or remove "
                    f"{verb(n, 'it', 'them')}",
                )
            )
    return out


def _usage_without_arr(book: Book) -> list[Problem]:
    if not any(a.arr for a in book.accounts):
        return []  # "every account's ARR is zero" says it for the whole book
    used = {u.account_id for u in book.usage}
    zero = [i for i, a in enumerate(book.accounts) if not a.arr and a.id in used]
    if not zero:
        return []
    first = book.accounts[zero[0]]
    return [
        Problem(
            f"book.accounts[{zero[0]}].arr",
            f"{plural(len(zero), 'account')} with usage {verb(len(zero), 'has', 'have')} "
            f'an ARR of zero ("{first.name}"{_from(first.source)}): import their ARR',
        )
    ]
