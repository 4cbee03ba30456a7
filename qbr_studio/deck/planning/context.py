"""What every slide builder needs: the canvas (the template's grid, fonts and colours) and the
content (the review, its computed figures and its pictures)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from qbr_studio.analytics.book import BookFigures
from qbr_studio.analytics.risk import RenewalRisk
from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.images import ImageInfo
from qbr_studio.deck.plan import Cell, Table
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.planning.content import ReviewContent
from qbr_studio.deck.planning.layout import paginate_table
from qbr_studio.deck.planning.overflow import Overflow
from qbr_studio.deck.planning.renewal_risk import renewal_risk
from qbr_studio.model import Account, Book, Opportunity, Review
from qbr_studio.storage.pictures import logo_info


@dataclass(frozen=True)
class Context:
    canvas: Canvas
    content: ReviewContent
    overflow: Overflow = field(default_factory=Overflow, compare=False)
    """What this review's main slides hand to its appendix."""

    @property
    def review(self) -> Review:
        return self.content.review

    @property
    def media(self) -> Mapping[str, bytes]:
        """The review's pictures by ``MediaRef`` name (the bytes stored in the .qbr)."""
        return self.content.media

    @property
    def figures(self) -> BookFigures:
        return self.content.figures

    @property
    def body(self) -> Rect:
        return self.canvas.body_rect

    @property
    def font(self) -> str:
        return self.canvas.body_font

    def renewal_risk(self, renewal: Opportunity) -> RenewalRisk:
        """Stated, else from the account's warning signs, else unknown (one analysis per
        review)."""
        return renewal_risk(self.review, self.content.analysis, renewal)

    def money(self, amount: float) -> str:
        return formatting.money(amount, self.review.meta.currency)

    def account(self, account_id: str | None) -> Account | None:
        return self.content.accounts_by_id.get(account_id) if account_id is not None else None

    def account_name(self, account_id: str | None) -> str:
        account = self.account(account_id)
        return account.name if account else (account_id or "—")

    def picture(self, name: str | None) -> tuple[bytes, ImageInfo] | None:
        """The bytes and size of the review's picture ``name`` if its bytes are at hand and
        make a usable logo (:func:`~qbr_studio.storage.pictures.logo_problem`); else ``None``
        (``qbr-studio check`` names the problem, by the same rule)."""
        data = self.media.get(name) if name else None
        info = None if data is None else logo_info(data)
        return None if data is None or info is None else (data, info)

    def source(self, *kinds: str) -> str:
        """The data sources of these kinds, for a chart's source line."""
        return source_line(self.review.book, *kinds)

    @property
    def symbol(self) -> str:
        return formatting.symbol(self.review.meta.currency)

    def table(
        self,
        rect: Rect,
        name: str,
        header: tuple[Cell, ...],
        rows: list[tuple[Cell, ...]],
        fractions: tuple[float, ...],
        *,
        size: float = style.TABLE_MIN + 1,
        min_size: float = style.TABLE_MIN,
        alt_text: str = "",
    ) -> list[Table]:
        """A measured table in ``rect``, shrunk down to ``min_size`` to fit, else paginated;
        further pages are sized for a whole slide body."""
        return paginate_table(
            rect,
            name,
            header,
            rows,
            fractions,
            self.font,
            size=size,
            min_size=min_size,
            next_page_height=self.body.h,
            alt_text=alt_text,
        )


def source_line(book: Book, *kinds: str) -> str:
    """The data sources of these kinds, for a chart's source line: each file with the day it
    was imported ("data entered in QBR Studio" when none was)."""
    found = [s for s in book.sources if s.kind in kinds]
    if not found:
        return "data entered in QBR Studio"
    parts = [
        f"{s.file}" + (f" ({formatting.day(s.imported_on)})" if s.imported_on else "")
        for s in found
    ]
    return "; ".join(parts)
