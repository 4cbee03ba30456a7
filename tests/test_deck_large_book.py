"""A book of thousands of accounts builds a deck of a few appendix slides: each table shows
its top rows, the appendix the next ones up to a cap, and the caption says how many more
there are (issue 8: a 25,000-account book built in 77 s, one appendix row per account)."""

from __future__ import annotations

import datetime as dt
import re

from review_factory import small_review

from qbr_studio.deck.plan import Table, TextBox
from qbr_studio.deck.planning.overflow import APPENDIX_ROWS
from qbr_studio.deck.produce import plan_deck
from qbr_studio.model import Account
from qbr_studio.model.deck_kinds import DeckSection


def _big(accounts: int):
    review = small_review()
    review.book.accounts = [
        Account(
            id=f"ACC{i:05d}",
            name=f"Account {i:05d} Inc",
            arr=1_000 + 37 * i,
            renewal_date=dt.date(2027, 1, 1) + dt.timedelta(days=i % 150),
        )
        for i in range(accounts)
    ]
    review.book.usage, review.book.opportunities = [], []
    return review


def _renewal_rows(plan, section):
    return [
        e
        for s in plan.slides
        if (s.section is DeckSection.APPENDIX) == (section == "appendix")
        for e in s.elements
        if isinstance(e, Table) and e.name.startswith(("Top renewals", "Renewals"))
    ]


def test_a_large_book_shows_its_top_renewals_and_says_how_many_more():
    n = 1_500
    plan = plan_deck(_big(n))
    shown = sum(len(t.rows) for t in _renewal_rows(plan, "main"))
    appendix = sum(len(t.rows) for t in _renewal_rows(plan, "appendix"))
    assert appendix == APPENDIX_ROWS
    captions = [
        p.text
        for s in plan.slides
        for e in s.elements
        if isinstance(e, TextBox)
        for p in e.paragraphs
        if "more in the appendix" in p.text
    ]
    left = n - shown - APPENDIX_ROWS
    assert f"+ {APPENDIX_ROWS} more in the appendix; {left:,} further down the list not shown" in (
        captions
    )
    assert any(re.search(rf"\b{n:,} renewals\b", s.title) for s in plan.slides)
    assert len(plan.slides) < 30
