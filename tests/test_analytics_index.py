"""The book grouped by account (analytics/index.py): each account's rows in date order, ties in
the order of the table, whatever order the export gave them in."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from qbr_studio.analytics.index import BookIndex
from qbr_studio.model import Book, NpsResponse, Ticket

DAY = dt.date(2026, 1, 1)


@given(st.lists(st.tuples(st.sampled_from("ABC"), st.integers(0, 6)), max_size=40))
def test_tickets_come_in_date_order_with_ties_in_table_order(rows):
    tickets = [
        Ticket(account_id=a, id=f"T{n}", opened=DAY + dt.timedelta(days=d))
        for n, (a, d) in enumerate(rows)
    ]
    index = BookIndex.of(Book(tickets=tickets))
    for account in "ABC":
        mine = [t for t in tickets if t.account_id == account]
        expected = sorted(mine, key=lambda t: t.opened)  # stable: ties keep table order
        assert [t.id for t in index.tickets.get(account, [])] == [t.id for t in expected]
        assert index.ticket_days.get(account, []) == [t.opened for t in expected]


def test_between_takes_the_days_after_the_first_up_to_the_second():
    answers = [
        NpsResponse(account_id="A", date=DAY + dt.timedelta(days=d), score=s, respondent=str(d))
        for d, s in ((5, 9), (1, 3), (3, 7), (3, 8))
    ]
    index = BookIndex.of(Book(nps=answers))
    got = index.nps_between("A", DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=3))
    assert [(r.respondent, r.score) for r in got] == [("3", 7), ("3", 8)]
    assert index.nps_between("B", DAY, DAY + dt.timedelta(days=9)) == []


@given(
    st.lists(st.tuples(st.sampled_from("AB"), st.integers(0, 30), st.integers(1, 4)), max_size=40),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_an_index_since_a_day_answers_every_window_after_it_as_the_whole_index(
    rows, since, after, until
):
    """The analysis leaves out what no window reaches; a window starting on or after that day
    must see exactly what the whole book's index sees."""
    book = Book(
        tickets=[
            Ticket(account_id=a, id=f"T{n}", opened=DAY + dt.timedelta(days=d), severity=s)
            for n, (a, d, s) in enumerate(rows)
        ],
        nps=[
            NpsResponse(account_id=a, date=DAY + dt.timedelta(days=d), score=s + 5)
            for a, d, s in rows
        ],
    )
    whole = BookIndex.of(book)
    trimmed = BookIndex.of(book, since=DAY + dt.timedelta(days=since))
    start = DAY + dt.timedelta(days=max(since, after))
    end = DAY + dt.timedelta(days=until)
    assert trimmed.has_tickets is whole.has_tickets
    for account in "ABC":
        for method in ("tickets_between", "severities_between", "nps_between"):
            got = getattr(trimmed, method)(account, start, end)
            assert got == getattr(whole, method)(account, start, end)
        assert trimmed.nps_scores_between(account, start, end) == whole.nps_scores_between(
            account, start, end
        )
    assert all(t.opened > trimmed.since for group in trimmed.tickets.values() for t in group)


@given(
    st.lists(st.tuples(st.sampled_from("AB"), st.integers(0, 30), st.integers(1, 4)), max_size=40),
    st.lists(st.integers(0, 30), min_size=2, max_size=4),
    st.sampled_from([None, 0, 5]),
)
def test_the_whole_books_periods_hold_what_filtering_the_table_finds(rows, bounds, since):
    """``tickets_in``/``nps_in``: for each period (bounds[i], bounds[i + 1]], each account's
    rows in it in table order — as filtering the table gives — whether the bounds are in date
    order or not, asked for at once or a period again."""
    days = [DAY + dt.timedelta(days=d) for d in bounds]
    book = Book(
        tickets=[
            Ticket(account_id=a, id=f"T{n}", opened=DAY + dt.timedelta(days=d), severity=s)
            for n, (a, d, s) in enumerate(rows)
        ],
        nps=[
            NpsResponse(account_id=a, date=DAY + dt.timedelta(days=d), score=s + 5)
            for a, d, s in rows
        ],
    )
    cut = None if since is None else DAY + dt.timedelta(days=since)
    index = BookIndex.of(book, since=cut)

    def expected(table, day, after, until):
        found = {}
        for row in table:
            if after < day(row) <= until and (cut is None or day(row) > cut):
                found.setdefault(row.account_id, []).append(row)
        return found

    tickets, answers = index.tickets_in(*days), index.nps_in(*days)
    assert len(tickets) == len(answers) == len(days) - 1
    for i, (after, until) in enumerate(pairwise(days)):
        assert tickets[i] == expected(book.tickets, lambda t: t.opened, after, until)
        assert answers[i] == expected(book.nps, lambda r: r.date, after, until)
        assert index.tickets_in(after, until) == [tickets[i]]  # a period asked for again
