"""Helpers every slide builder uses: a content slide with a fitted title, continuation."""

from __future__ import annotations

from dataclasses import replace

from qbr_studio.deck import style
from qbr_studio.deck.fit import FontFace, text_height, wrap
from qbr_studio.deck.geometry import Rect, emu_to_pt
from qbr_studio.deck.plan import Cell, Element, Paragraph, SlidePlan, Table, TextBox
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.layout import fit_text, para
from qbr_studio.errors import UserError
from qbr_studio.model.deck_kinds import DeckSection, SlideKind
from qbr_studio.model.word_budgets import WORD_BUDGETS, first_sentences

MAX_TITLE_LINES = 2
CONT = " (cont.)"


def title_size(ctx: Context, title: str, rect: Rect | None = None) -> float:
    """Largest size from 28 pt down to 24 pt at which ``title`` fits its placeholder in at most
    two lines. A title that fits at none is a bug of its builder (tests catch it)."""
    rect = rect or ctx.canvas.title_rect
    face = FontFace(ctx.canvas.heading_font, bold=True)  # most templates set titles bold
    width = emu_to_pt(rect.w) - 2 * style.INSET_X
    size = style.TITLE_SIZE
    while size > style.TITLE_MIN:
        lines = len(wrap(title, size, width, face))
        fits = text_height(lines, size) + 2 * style.INSET_Y <= emu_to_pt(rect.h)
        if lines <= MAX_TITLE_LINES and fits:
            break
        size -= 1
    return size


def content_slide(
    ctx: Context, title: str, section: DeckSection, elements: list[Element], notes: str
) -> SlidePlan:
    return SlidePlan(
        kind=SlideKind.CONTENT,
        title=title,
        section=section,
        elements=elements,
        notes=notes.strip(),
        title_size=title_size(ctx, title),
    )


def notes_text(*parts: str) -> str:
    """Speaker notes from the narrative and the figures behind the title, blank parts dropped."""
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def below(rect: Rect, y: int) -> Rect:
    """The part of ``rect`` below ``y``."""
    y = max(rect.y, min(y, rect.bottom))
    return Rect(rect.x, y, rect.w, rect.bottom - y)


def gap() -> int:
    return style.GUTTER


def continued_text(
    ctx: Context,
    title: str,
    section: DeckSection,
    paragraphs: tuple[Paragraph, ...],
    name: str,
    notes: str,
) -> list[SlidePlan]:
    """As many "(cont.)" slides as the paragraphs need, each filling the body."""
    return [
        content_slide(ctx, title + CONT, section, [box], notes)
        for box in continued_boxes(ctx, paragraphs, name)
    ]


def continued_boxes(
    ctx: Context, paragraphs: tuple[Paragraph, ...], name: str
) -> tuple[TextBox, ...]:
    """The boxes of :func:`continued_text`'s slides, each filling the body."""
    boxes: list[TextBox] = []
    rest = paragraphs
    while rest:
        fitted = fit_text(ctx.body, rest, name, ctx.font, whole_labelled=True)
        if fitted.box is None:  # the body cannot hold one line
            raise UserError(
                f"{ctx.canvas.template} leaves no room for a slide's text between the title and "
                "the footer: give its title-only layout a taller title-to-footer gap."
            )
        boxes.append(fitted.box)
        rest = fitted.rest
    return tuple(boxes)


def continued_tables(
    ctx: Context, title: str, section: DeckSection, pages: list[Table], notes: str
) -> list[SlidePlan]:
    """One "(cont.)" slide per further page of a paginated table, placed at the body's top."""
    return [
        content_slide(
            ctx,
            title + CONT,
            section,
            [replace(page, rect=Rect(ctx.body.x, ctx.body.y, page.rect.w, page.rect.h))],
            notes,
        )
        for page in pages
    ]


def top_rows_table(
    ctx: Context,
    rect: Rect,
    name: str,
    what: str,
    header: tuple[Cell, ...],
    rows: list[tuple[Cell, ...]],
    fractions: tuple[float, ...],
    *,
    limit: int,
    alt_text: str = "",
    row_notes: list[str] | None = None,
    size: float = style.TABLE_SIZE,
    total: int | None = None,
) -> list[Element]:
    """The first ``limit`` of ``rows`` (ranked by the caller) at the main slides' table size,
    fewer when the rect holds fewer; the rest go to the appendix under a caption saying how
    many ("+ 12 more in the appendix"). The count shown is the part's budget, not the
    placeholder's height, whenever the rect holds it. ``row_notes`` say each row in full for
    the appendix's speaker notes when the table shortens it; ``total`` is the list's length
    when ``rows`` are only its first (see ``Overflow.table``). A table that has the slide to
    itself may be set larger (``size``, down to ``TABLE_SIZE``): the largest size at which its
    budget of rows fits, so the size gives way before any row does."""
    room = Rect(rect.x, rect.y, rect.w, max(0, rect.h - style.CAPTION_H))
    want = min(limit, len(rows))
    while size > style.TABLE_SIZE:
        trial = room if len(rows) > limit else rect
        pages = ctx.table(trial, name, header, rows[:limit], fractions, size=size, min_size=size)
        if len(pages) == 1 and len(pages[0].rows) == want and pages[0].rect.h <= trial.h:
            break
        size -= 1
    pages = ctx.table(rect, name, header, rows[:limit], fractions, size=size, min_size=size)
    if len(pages) == 1 and (total if total is not None else len(rows)) <= limit:
        return [replace(pages[0], alt_text=alt_text)]
    first = ctx.table(room, name, header, rows[:limit], fractions, size=size, min_size=size)[0]
    if first.rect.h > room.h:  # not even one row fits beside the caption: all to the appendix
        caption = ctx.overflow.table(what, header, rows, 0, fractions, row_notes, total)
        return [_caption(Rect(rect.x, rect.y, rect.w, style.CAPTION_H), caption, name)]
    caption = ctx.overflow.table(what, header, rows, len(first.rows), fractions, row_notes, total)
    below_table = Rect(rect.x, first.rect.bottom, rect.w, style.CAPTION_H)
    return [replace(first, alt_text=alt_text), _caption(below_table, caption, name)]


def _caption(rect: Rect, text: str, name: str) -> TextBox:
    return TextBox(rect, (para(text, style.CAPTION_SIZE, color="muted"),), f"{name} more")


IN_FULL = "{} in full"


def budgeted(ctx: Context, section: DeckSection, path: str, name: str, text: str) -> str:
    """``text`` as its slide shows it: within the field's word budget; when cut, the whole
    text goes to the appendix (the notes hold it too)."""
    shown = first_sentences(text, WORD_BUDGETS[path])
    if shown != " ".join(text.split()):
        ctx.overflow.text(IN_FULL.format(section.value), name, text)
    return shown


def spill_text(
    ctx: Context, section: DeckSection, rest: tuple[Paragraph, ...], texts: list[tuple[str, str]]
) -> None:
    """When a main slide had no room for all its (budgeted) paragraphs, the whole of each
    text (``(name, text)``) goes to the appendix, never to a "(cont.)" slide."""
    if rest:
        for name, text in texts:
            ctx.overflow.text(IN_FULL.format(section.value), name, text)
