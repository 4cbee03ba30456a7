"""The appendix: data sources with their dates and the definitions of the metrics used."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from qbr_studio.analytics.definitions import definitions
from qbr_studio.analytics.health import DEFAULT_SCORECARD, Scorecard
from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect, pt_to_emu
from qbr_studio.deck.plan import Cell, Element, SlidePlan, TextBox
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.layout import (
    content_height,
    fit_text,
    label_para,
    paginate_table,
    para,
)
from qbr_studio.deck.planning.overflow import OverflowTable, OverflowText
from qbr_studio.deck.planning.slides.common import (
    CONT,
    below,
    content_slide,
    continued_boxes,
    continued_tables,
    notes_text,
)
from qbr_studio.errors import UserError
from qbr_studio.model.deck_kinds import DeckSection

SECTION = DeckSection.APPENDIX
SOURCE_KINDS = {"nps": "NPS", "csv": "CSV"}
"""How a data source's kind is written where capitalizing it would be wrong ("Nps")."""
DECK_TERMS = (
    ("ARR", "annual recurring revenue under contract at the end of the quarter."),
    (
        "Renewals due",
        f"renewals dated from the meeting to the end of the {formatting.RENEWAL_HORIZON} after "
        "the review quarter, and those past their date with no recorded outcome (overdue).",
    ),
)
"""The deck's own terms; how every computed figure is worked out is the analytics'
:func:`~qbr_studio.analytics.definitions.definitions` (one home, written from the rules)."""


def metric_definitions(card: Scorecard = DEFAULT_SCORECARD) -> list[tuple[str, str]]:
    """(term, definition) of the appendix, in its order; ``card``: the health scorecard in
    force (a team pack's weights and thresholds are defined as they are)."""
    return [*DECK_TERMS, *definitions(card)]


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
                Cell(SOURCE_KINDS.get(s.kind, s.kind.capitalize()), bold=True),
                Cell(s.file + (f" · {s.sheet}" if s.sheet else "")),
                Cell(formatting.number(s.rows) if s.rows else "—"),
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
    box, continued = _definitions(ctx, right)
    if box:
        elements.append(box)
    title = "Appendix: where the numbers come from and what they mean"
    notes = notes_text("Data sources and metric definitions, for questions after the meeting.")
    slides = [content_slide(ctx, title, SECTION, elements, notes)]
    more = [content_slide(ctx, title + CONT, SECTION, [b], notes) for b in continued]
    slides += [
        replace(slide, notes=f"Metric definitions, continued ({i} of {len(more)}).")
        for i, slide in enumerate(more, 1)
    ]
    slides += continued_tables(ctx, title, SECTION, pages[1:], notes)
    return overflow_slides(ctx) + slides


def _definitions(ctx: Context, right: Rect) -> tuple[TextBox | None, tuple[TextBox, ...]]:
    """The metric definitions' box in ``right`` and the boxes of their "(cont.)" slides:
    alike for every review on the canvas with the same scorecard and column, so fitted once
    per deck (a meeting deck's presenters share them)."""
    paragraphs = tuple(
        label_para(f"{term}:", text, style.BODY_MIN, space_before=4)
        for term, text in metric_definitions(ctx.content.card)
    )

    def fit() -> tuple[TextBox | None, tuple[TextBox, ...]]:
        fitted = fit_text(right, paragraphs, "Definitions", ctx.font, whole_labelled=True)
        return fitted.box, continued_boxes(ctx, fitted.rest, "Definitions (cont.)")

    return ctx.canvas.once(("definitions", right, paragraphs), fit)


APPENDIX_SIZE = style.APPENDIX_SIZE
HEADING_SIZE = style.TABLE_SIZE


MAX_TITLE_CHARS = 90


@dataclass
class _Page:
    """One appendix slide being filled."""

    elements: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def overflow_slides(ctx: Context) -> list[SlidePlan]:
    """What the main slides handed over, packed onto as few slides as hold it: each item under
    its heading, several items to a slide, a table or text continuing on the next slide only
    when it is longer than the room left."""
    pages: list[_Page] = []
    y = ctx.body.bottom  # no room yet: the first item opens a page
    for item in ctx.overflow.items:
        y = _place(ctx, item, pages, y)
    slides = []
    for page in pages:
        parts = list(dict.fromkeys(page.parts))
        title = "Appendix: " + "; ".join(parts)
        if len(title) > MAX_TITLE_CHARS:
            title = f"Appendix: {parts[0]} and {formatting.plural(len(parts) - 1, 'more part')}"
        slides.append(content_slide(ctx, title, SECTION, page.elements, notes_text(*page.notes)))
    return slides


def _heading(ctx: Context, text: str, y: int) -> TextBox:
    paragraphs = (para(text, HEADING_SIZE, bold=True),)
    h = content_height(paragraphs, ctx.body.w, ctx.font)
    return TextBox(Rect(ctx.body.x, y, ctx.body.w, h), paragraphs, f"{text} heading")


def _place(ctx: Context, item: OverflowTable | OverflowText, pages: list[_Page], y: int) -> int:
    """Place ``item`` from ``y`` on the last page (or a new one when too little is left);
    the ``y`` below it."""
    heading = _heading(ctx, item.name, y)
    if ctx.body.bottom - y < heading.rect.h + pt_to_emu(APPENDIX_SIZE * 1.22 * 3):
        pages.append(_Page())
        heading = _heading(ctx, item.name, ctx.body.y)
    if isinstance(item, OverflowTable):
        return _place_table(ctx, item, pages, heading)
    return _place_text(ctx, item, pages, heading)


def _place_table(ctx: Context, item: OverflowTable, pages: list[_Page], heading: TextBox) -> int:
    body = ctx.body
    tables = paginate_table(
        below(body, heading.rect.bottom),
        item.name,
        item.header,
        list(item.rows),
        item.fractions,
        ctx.font,
        size=APPENDIX_SIZE,
        next_page_height=body.h - heading.rect.h,
        alt_text=f"{item.name}: the rows the main slide has no room for.",
    )
    y = body.bottom
    for i, table in enumerate(tables):
        if i:
            pages.append(_Page())
            heading = _heading(ctx, item.name + CONT, body.y)
            top = heading.rect.bottom
            table = replace(table, rect=Rect(body.x, top, table.rect.w, table.rect.h))
        page = pages[-1]
        page.elements += [heading, table]
        page.parts.append(item.part)
        done = sum(len(t.rows) for t in tables[:i])
        said = [item.note(done + k) for k in range(len(table.rows))]
        page.notes.append(f"{item.name}:\n" + "\n".join(said))
        y = table.rect.bottom + style.GUTTER // 2
    return y


def _place_text(ctx: Context, item: OverflowText, pages: list[_Page], heading: TextBox) -> int:
    body = ctx.body
    paragraphs = tuple(para(p, APPENDIX_SIZE) for p in item.text.split("\n") if p.strip())
    rect = below(body, heading.rect.bottom)
    fresh = heading.rect.y == body.y
    while True:
        fitted = fit_text(rect, paragraphs, item.name, ctx.font, min_size=APPENDIX_SIZE)
        if fitted.box is None and fresh:
            raise UserError(
                f"{ctx.canvas.template} leaves no room for a slide's text between the title "
                "and the footer: give its title-only layout a taller title-to-footer gap."
            )
        if fitted.box is not None:
            page = pages[-1]
            page.elements += [heading, fitted.box]
            page.parts.append(item.part)
            first = " ".join(fitted.box.paragraphs[0].text.split()[:8])
            page.notes.append(f"{item.name}, in full on the slide, from: “{first} …”")
        if not fitted.rest:
            bottom = fitted.box.rect.bottom if fitted.box else heading.rect.bottom
            return bottom + style.GUTTER // 2
        paragraphs = fitted.rest
        pages.append(_Page())
        heading = _heading(ctx, item.name + CONT, body.y)
        rect = below(body, heading.rect.bottom)
        fresh = True
