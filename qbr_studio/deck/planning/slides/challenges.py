"""Slide 7: adoption challenges across the territory — pattern, evidence, plan, who we talk to."""

from __future__ import annotations

from qbr_studio.analytics.book import utilization_by_account
from qbr_studio.charts import catalog
from qbr_studio.charts.spec import ChartSpec
from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import Cell, Element, Paragraph, SlidePlan, Table
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.blocks import chart_block
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.layout import fit_text, label_para, para
from qbr_studio.deck.planning.slides.common import (
    content_slide,
    continued_tables,
    continued_text,
    notes_text,
)
from qbr_studio.model import Status
from qbr_studio.model.deck_kinds import DeckSection

SECTION = DeckSection.CHALLENGES
LOW_UTILIZATION = 0.4
STATUS_ROLE = {Status.BLOCKED: "alert"}


def _paragraphs(ctx: Context) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    for i, c in enumerate(ctx.review.challenges):
        out.append(para(c.pattern, bold=True, space_before=style.PARAGRAPH_GAP * 2 if i else 0))
        if c.plan:
            out.append(label_para("Plan:", c.plan, space_before=2))
    return tuple(out)


def _comms_rows(ctx: Context) -> list[tuple[Cell, ...]]:
    today = ctx.review.meta.meeting_date or ctx.review.as_of
    rows = []
    for c in ctx.review.communications:
        late = c.when is not None and c.when < today and c.status is not Status.DONE
        status = f"Overdue — {c.status.label.lower()}" if late else c.status.label
        rows.append(
            (
                Cell(c.party, bold=True),
                Cell(c.topic),
                Cell(formatting.day(c.when)),
                Cell(status, bold=late, color="alert" if late else STATUS_ROLE.get(c.status)),
            )
        )
    return rows


def _comms_table(ctx: Context, rect: Rect) -> list[Table]:
    return ctx.table(
        rect,
        "Communication plan",
        (Cell("Who"), Cell("About"), Cell("When"), Cell("Status")),
        _comms_rows(ctx),
        (0.26, 0.44, 0.14, 0.16),
        alt_text="Communication with critical parties: who, about what, when, status.",
    )


def _pattern_title(ctx: Context, low: list[str]) -> str:
    if low:
        title = (
            f"{formatting.plural(len(low), 'account')} use under {LOW_UTILIZATION:.0%} of "
            "their licenses"
        )
    else:
        title = (
            f"Adoption is broad: every account uses {LOW_UTILIZATION:.0%} or more of its licenses"
        )
    if ctx.review.challenges:
        title += f" — {formatting.plural(len(ctx.review.challenges), 'plan')} in motion"
    return title


def _comms_title(ctx: Context) -> str:
    comms = ctx.review.communications
    done = sum(1 for c in comms if c.status is Status.DONE)
    late = sum(1 for row in _comms_rows(ctx) if row[3].bold)
    title = f"Talking to the critical parties: {done} of {len(comms)} conversations done"
    return title + (f", {late} overdue" if late else "")


def challenges_slides(ctx: Context) -> list[SlidePlan]:
    """The pattern, its evidence chart and the plans, with the communication table below them
    when all of it fits one slide; otherwise the communication gets a slide of its own."""
    book = ctx.review.book
    known = {a.id for a in book.accounts}
    utils = {k: u for k, u in utilization_by_account(book).items() if k in known}
    spec = catalog.utilization_distribution(utils, ctx.source("usage"))
    comms = ctx.review.communications
    if not ctx.review.challenges and not comms and spec is None:
        return []
    low = sorted(a for a, u in utils.items() if u < LOW_UTILIZATION)
    title = _pattern_title(ctx, low)
    notes = notes_text(
        *(f"{c.pattern}\nEvidence: {c.evidence}\nPlan: {c.plan}" for c in ctx.review.challenges),
        f"Low utilization: {', '.join(ctx.account_name(a) for a in low)}." if low else "",
    )
    if comms:
        top, bottom = ctx.body.split_rows((0.55, 0.45), style.GUTTER // 2)
        elements, rest = _pattern_block(ctx, spec, top)
        pages = _comms_table(ctx, bottom)
        if not rest and len(pages) == 1:
            return [content_slide(ctx, title, SECTION, [*elements, pages[0]], notes)]
    elements, rest = _pattern_block(ctx, spec, ctx.body)
    slides = [content_slide(ctx, title, SECTION, elements, notes)]
    slides += continued_text(ctx, title, SECTION, rest, "Challenges (cont.)", notes)
    if comms:
        pages = _comms_table(ctx, ctx.body)
        comms_title = _comms_title(ctx)
        comms_notes = notes_text(
            *(
                f"{c.party}: {c.topic} ({formatting.day(c.when)}, {c.status.label.lower()})"
                for c in comms
            )
        )
        slides.append(content_slide(ctx, comms_title, SECTION, [pages[0]], comms_notes))
        slides += continued_tables(ctx, comms_title, SECTION, pages[1:], comms_notes)
    return slides


def _pattern_block(
    ctx: Context, spec: ChartSpec | None, rect: Rect
) -> tuple[list[Element], tuple[Paragraph, ...]]:
    chart_r, text_r = rect.split_columns((0.42, 0.58), style.GUTTER) if spec else (None, rect)
    elements: list[Element] = []
    if spec and chart_r:
        elements += chart_block(chart_r, spec, "Utilization distribution", ctx.font)
    fitted = fit_text(text_r, _paragraphs(ctx), "Challenges and plans", ctx.font)
    if fitted.box:
        elements.append(fitted.box)
    return elements, fitted.rest
