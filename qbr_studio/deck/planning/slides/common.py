"""Helpers every slide builder uses: a content slide with a fitted title, continuation."""

from __future__ import annotations

from dataclasses import replace

from qbr_studio.deck import style
from qbr_studio.deck.fit import FontFace, text_height, wrap
from qbr_studio.deck.geometry import Rect, emu_to_pt
from qbr_studio.deck.plan import Element, Paragraph, SlidePlan, Table
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.layout import fit_text
from qbr_studio.errors import UserError
from qbr_studio.model.deck_kinds import DeckSection, SlideKind

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
    slides: list[SlidePlan] = []
    rest = paragraphs
    while rest:
        fitted = fit_text(ctx.body, rest, name, ctx.font)
        if fitted.box is None:  # the body cannot hold one line
            raise UserError(
                f"{ctx.canvas.template} leaves no room for a slide's text between the title and "
                "the footer: give its title-only layout a taller title-to-footer gap."
            )
        slides.append(content_slide(ctx, title + CONT, section, [fitted.box], notes))
        rest = fitted.rest
    return slides


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
