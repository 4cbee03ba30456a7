"""Small books built in code for the analytics tests, shaped like the real exports: many usage
rows per account, tickets with P1–P4 severities and free-text subjects, blanks left blank."""

from __future__ import annotations

import datetime as dt

from qbr_studio.analytics.periods import add_months
from qbr_studio.model import Account, Book, Meta, Review, UsageMonth

AS_OF_QUARTER = "2026-Q4"
AS_OF = dt.date(2026, 12, 31)


def account(i: str, **fields: object) -> Account:
    base: dict[str, object] = {"id": i, "name": f"{i} Corp", "arr": 100_000.0}
    base.update(fields)
    return Account.model_validate(base)


def months(
    account_id: str,
    active: list[int],
    licensed: int = 100,
    *,
    last=dt.date(2026, 12, 1),
    key: list[int | None] | None = None,
) -> list[UsageMonth]:
    """One row per month ending at ``last``, oldest first."""
    first = add_months(last, -(len(active) - 1))
    return [
        UsageMonth(
            account_id=account_id,
            month=add_months(first, i),
            active_users=a,
            licensed_users=licensed,
            key_feature_users=key[i] if key else None,
        )
        for i, a in enumerate(active)
    ]


def review(book: Book, quarter: str = AS_OF_QUARTER) -> Review:
    return Review(meta=Meta(csm="Dana Reyes", quarter=quarter), book=book)
