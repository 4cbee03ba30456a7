"""Slides 1–2: the title with the book's four headline figures, and the agenda."""

from __future__ import annotations

from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect, inches
from qbr_studio.deck.plan import Element, SlidePlan
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.blocks import figure_tile
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.layout import fit_text, label_para
from qbr_studio.deck.planning.slides.common import content_slide, notes_text
from qbr_studio.model.deck_kinds import DeckSection, SlideKind

FIGURE_STRIP_H = inches(1.3)


def _green_tile(ctx: Context) -> tuple[str, str]:
    """The share of ARR that is green, or a dash saying why there is none (never 0% of $0)."""
    fig = ctx.figures
    if not fig.arr:
        return "—", "of ARR green: no ARR in the data"
    if not fig.arr_by_health or set(fig.arr_by_health) == {None}:
        return "—", "of ARR green: health not scored yet"
    return formatting.percent(fig.green_share), "of ARR with green health"


def _renewals_tile(ctx: Context) -> tuple[str, str]:
    """The ARR of renewals due and what it counts; a dash when the data dates no renewal."""
    fig = ctx.figures
    value = ctx.money(fig.renewals_due_arr) if fig.renewals_due_known else "—"
    return value, fig.renewals_due_caption()


def title_slide(ctx: Context) -> SlidePlan:
    meta = ctx.review.meta
    fig = ctx.figures
    subtitle = " · ".join(
        part
        for part in (
            meta.company,
            meta.csm,
            meta.team,
            f"Meeting {formatting.day(meta.meeting_date)}" if meta.meeting_date else "",
        )
        if part
    )
    strip = ctx.canvas.content_area(  # clear of the title layout's artwork (a logo)
        SlideKind.TITLE,
        Rect(
            ctx.body.x,
            ctx.canvas.footer_rect.y - style.GUTTER - FIGURE_STRIP_H,
            ctx.body.w,
            FIGURE_STRIP_H,
        ),
    )
    tiles = strip.split_columns((0.25, 0.25, 0.25, 0.25), style.GUTTER // 2)
    figures = [
        (str(fig.accounts), "accounts in the book"),
        (ctx.money(fig.arr), "annual recurring revenue"),
        _renewals_tile(ctx),
        _green_tile(ctx),
    ]
    elements: list[Element] = []
    for i, (rect, (value, label)) in enumerate(zip(tiles, figures, strict=True)):
        elements += figure_tile(rect, value, label, f"Figure {i + 1}", ctx.font)
    notes = notes_text(
        f"{meta.csm} presents the {meta.quarter_label} review of a book of {fig.accounts} "
        f"accounts worth {ctx.money(fig.arr)} in ARR.",
        (
            f"{len(fig.renewals_due)} renewals worth {ctx.money(fig.renewals_due_arr)} are due "
            f"from the meeting to the end of the next {formatting.RENEWAL_HORIZON}"
            + (f" ({fig.undated_note})" if fig.undated_note else "")
            if fig.renewals_due_known
            else "The data dates no renewal, so what is due is not known"
        )
        + "; "
        + (f"{_green_tile(ctx)[0]} of ARR is green." if fig.arr else "the book has no ARR yet."),
    )
    return SlidePlan(
        kind=SlideKind.TITLE,
        title=f"{meta.quarter_label} customer success review",
        subtitle=subtitle,
        section=DeckSection.TITLE,
        elements=elements,
        notes=notes,
        title_size=style.TITLE_SLIDE_SIZE,
    )


AGENDA = (
    ("Deep dive", "their business, why they bought, and their health"),
    ("Top achievements", "measurable progress, adoption and innovation this quarter"),
    ("Adoption challenges", "patterns across the territory, the plan, who we are talking to"),
    ("Revenue", "renewals and growth, and the actions to close them"),
)


def agenda_slide(ctx: Context) -> SlidePlan:
    deep = ctx.account_name(ctx.review.deep_dive.account_id)
    has_dive = ctx.review.deep_dive.account_id is not None
    items = []
    for i, (part, what) in enumerate(AGENDA, start=1):
        if part == DeckSection.DEEP_DIVE and has_dive:
            part = f"Deep dive: {deep}"
        items.append(label_para(f"{i}. {part} —", what, style.BODY_SIZE + 4, space_before=14))
    fitted = fit_text(ctx.body, tuple(items), "Agenda", ctx.font)
    title = f"Agenda: four parts, with a deep dive into {deep}" if has_dive else "Agenda"
    return content_slide(
        ctx,
        title,
        DeckSection.AGENDA,
        [fitted.box] if fitted.box else [],
        notes_text(
            "Four parts, as every review in the team: the deep dive, achievements, adoption "
            "challenges and revenue.",
            f"The deep dive is {deep}." if has_dive else "",
        ),
    )
