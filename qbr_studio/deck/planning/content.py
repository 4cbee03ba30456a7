"""The content side of a deck: one review, its pictures and its figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from qbr_studio.analytics.analysis import Analysis, analyze
from qbr_studio.analytics.book import BookFigures, book_figures
from qbr_studio.analytics.health import Scorecard
from qbr_studio.deck.planning.standard import PRODUCT_STANDARD, DeckStandard
from qbr_studio.model import Account, Review

CONFIDENTIAL = "Confidential"
"""The last word of every footer."""


@dataclass(eq=False)
class ReviewContent:
    """The content side of a deck from one review: the review, its pictures (name → bytes, as
    ``ReviewFile.media``) and its figures, computed once."""

    review: Review
    media: Mapping[str, bytes] = field(default_factory=dict)
    standard: DeckStandard = PRODUCT_STANDARD
    """The team pack's health scorecard and slide budgets when the review follows one, else
    the product's."""

    @property
    def card(self) -> Scorecard:
        return self.standard.card

    @cached_property
    def figures(self) -> BookFigures:
        return book_figures(self.review, self.card, self.analysis.health)  # scored once

    @cached_property
    def analysis(self) -> Analysis:
        """Health, signals and renewal risks of the whole book, computed once per review."""
        return analyze(self.review, self.card)

    @cached_property
    def accounts_by_id(self) -> dict[str, Account]:
        """The book's accounts by id (the first of a repeated id, as ``Book.account``): one
        look-up per table row, not a scan of the book."""
        out: dict[str, Account] = {}
        for account in self.review.book.accounts:
            out.setdefault(account.id, account)
        return out

    @property
    def footer(self) -> str:
        """``CSM · quarter · Confidential``, leaving out what the review doesn't say."""
        meta = self.review.meta
        return " · ".join(p for p in (meta.csm, meta.quarter_label, CONFIDENTIAL) if p)
