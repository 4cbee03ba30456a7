"""The appendix: data sources with their dates and the definitions of the metrics used."""

from __future__ import annotations

from qbr_studio.analytics import health
from qbr_studio.deck import style
from qbr_studio.deck.plan import Cell, Element, SlidePlan
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.layout import fit_text, label_para
from qbr_studio.deck.planning.slides.common import (
    content_slide,
    continued_tables,
    continued_text,
    notes_text,
)
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.model.health_band import GREEN_FROM, YELLOW_FROM

SECTION = DeckSection.APPENDIX
DEFINITIONS = (
    ("ARR:", "annual recurring revenue under contract at the end of the quarter."),
    ("Utilization:", "active users in the last month divided by licensed users."),
    (
        "Health:",
        "a 0–100 score weighting "
        + ", ".join(f"{name.lower()} {weight:.0%}" for name, weight in health.WEIGHTS.items())
        + f"; green from {GREEN_FROM:.0f}, yellow from {YELLOW_FROM:.0f}, red below.",
    ),
    (
        "Renewals due:",
        f"renewals closing in the {formatting.RENEWAL_HORIZON} after the review quarter.",
    ),
    ("NPS:", "share of promoters (9–10) minus share of detractors (0–6), last six months."),
)


def appendix_slides(ctx: Context) -> list[SlidePlan]:
    sources = ctx.review.book.sources
    left, right = (
        ctx.body.split_columns((0.55, 0.45), style.GUTTER) if sources else (None, ctx.body)
    )
    elements: list[Element] = []
    pages = []
    if sources and left:
        rows = [
            (
                Cell(s.kind.capitalize(), bold=True),
                Cell(s.file + (f" · {s.sheet}" if s.sheet else "")),
                Cell(str(s.rows) if s.rows else "—"),
                Cell(formatting.day(s.imported_on)),
            )
            for s in sources
        ]
        pages = ctx.table(
            left,
            "Data sources",
            (Cell("Data"), Cell("File"), Cell("Rows"), Cell("As of")),
            rows,
            (0.2, 0.5, 0.12, 0.18),
            alt_text="Data sources of this review with their row counts and dates.",
        )
        elements.append(pages[0])
    paragraphs = tuple(
        label_para(term, text, style.BODY_MIN, space_before=4) for term, text in DEFINITIONS
    )
    fitted = fit_text(right, paragraphs, "Definitions", ctx.font)
    if fitted.box:
        elements.append(fitted.box)
    title = "Appendix: where the numbers come from and what they mean"
    notes = notes_text("Data sources and metric definitions, for questions after the meeting.")
    slides = [content_slide(ctx, title, SECTION, elements, notes)]
    slides += continued_text(ctx, title, SECTION, fitted.rest, "Definitions (cont.)", notes)
    return slides + continued_tables(ctx, title, SECTION, pages[1:], notes)
