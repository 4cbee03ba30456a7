"""Book-of-business figures: ARR by health, renewals ahead, utilization, pipeline."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from qbr_studio.analytics.health import HealthScore, score_book, usage_by_account
from qbr_studio.analytics.periods import add_months, next_months
from qbr_studio.model import Book, Health, Opportunity, OpportunityKind, Review

RENEWAL_HORIZON_QUARTERS = 2
"""'Renewals due' on the title and glance slides means the next this many quarters."""
RENEWAL_HORIZON_MONTHS = 3 * RENEWAL_HORIZON_QUARTERS


@dataclass(frozen=True)
class BookFigures:
    accounts: int
    arr: float
    arr_by_health: dict[Health | None, float]
    accounts_by_health: dict[Health | None, int]
    renewals_due: list[Opportunity]
    renewal_months: list[dt.date]
    health: dict[str, HealthScore]

    @property
    def green_share(self) -> float:
        return self.arr_by_health.get(Health.GREEN, 0.0) / self.arr if self.arr else 0.0

    @property
    def red_share(self) -> float:
        return self.arr_by_health.get(Health.RED, 0.0) / self.arr if self.arr else 0.0

    @property
    def renewals_due_arr(self) -> float:
        return sum(o.amount for o in self.renewals_due)


def renewals_between(book: Book, start: dt.date, end: dt.date) -> list[Opportunity]:
    """Renewal opportunities closing in [start, end), by date; accounts without one use their
    renewal date and ARR, so a book with no opportunity export still shows its renewals."""
    found = [
        o
        for o in book.opportunities
        if o.kind is OpportunityKind.RENEWAL and o.close_date and start <= o.close_date < end
    ]
    covered = {o.account_id for o in found}
    for account in book.accounts:
        due = account.renewal_date
        if account.id not in covered and due and start <= due < end:
            found.append(
                Opportunity(
                    id=f"renewal-{account.id}",
                    account_id=account.id,
                    kind=OpportunityKind.RENEWAL,
                    name=f"{account.name} renewal",
                    amount=account.arr,
                    close_date=due,
                    risk_stated=False,
                )
            )
    return sorted(found, key=lambda o: (o.close_date, -o.amount, o.account_id))


def renewal_window(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """[start, end) of 'renewals due': the horizon's months after the month holding ``as_of``."""
    months = next_months(as_of, RENEWAL_HORIZON_MONTHS)
    return months[0], add_months(months[-1], 1)


def book_figures(review: Review) -> BookFigures:
    book = review.book
    as_of = review.as_of
    health = score_book(book, as_of)
    arr_by: dict[Health | None, float] = defaultdict(float)
    count_by: dict[Health | None, int] = defaultdict(int)
    for account in book.accounts:
        h = health[account.id].health
        arr_by[h] += account.arr
        count_by[h] += 1
    months = next_months(as_of, RENEWAL_HORIZON_MONTHS)
    due = renewals_between(book, *renewal_window(as_of))
    return BookFigures(
        accounts=len(book.accounts),
        arr=sum(a.arr for a in book.accounts),
        arr_by_health=dict(arr_by),
        accounts_by_health=dict(count_by),
        renewals_due=due,
        renewal_months=months,
        health=health,
    )


def utilization_by_account(book: Book) -> dict[str, float]:
    """Active ÷ licensed users in each account's latest month, for accounts with usage."""
    return {
        account_id: months[-1].active_users / months[-1].licensed_users
        for account_id, months in usage_by_account(book).items()
        if months[-1].licensed_users
    }


def growth_pipeline(book: Book) -> list[Opportunity]:
    return sorted(
        (o for o in book.opportunities if o.kind is not OpportunityKind.RENEWAL),
        key=lambda o: (-o.amount, o.id),
    )
