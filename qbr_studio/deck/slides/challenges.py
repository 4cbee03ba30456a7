"""Slide 7: adoption challenges across the territory — pattern, evidence, plan, who we talk to."""

from __future__ import annotations

from qbr_studio.analytics.book import utilization
from qbr_studio.charts import build
from qbr_studio.deck import formatting, style
from qbr_studio.deck.blocks import chart_block
from qbr_studio.deck.context import Context
from qbr_studio.deck.layout import fit_text, label_para, paginate_table, para
from qbr_studio.deck.plan import Cell, Element, Paragraph, SlidePlan
from qbr_studio.deck.slides.common import (
    content_slide,
    continued_tables,
    continued_text,
    notes_text,
)
from qbr_studio.model import Status

SECTION = "Adoption challenges"
LOW_UTILIZATION = 0.4
STATUS_ROLE = {Status.BLOCKED: "alert"}


def _paragraphs(ctx: Context) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    for i, c in enumerate(ctx.review.challenges):
        out.append(para(c.pattern, bold=True, space_before=style.PARAGRAPH_GAP * 2 if i else 0))
        if c.plan:
            out.append(label_para("Plan:", c.plan, space_before=2))
    return tuple(out)


def challenges_slides(ctx: Context) -> list[SlidePlan]:
    book = ctx.review.book
    utils = {a.id: u for a in book.accounts if (u := utilization(book, a.id)) is not None}
    spec = build.utilization_distribution(utils, ctx.source("usage"))
    comms = ctx.review.communications
    if not ctx.review.challenges and not comms and spec is None:
        return []
    top, bottom = (
        ctx.body.split_rows((0.55, 0.45), style.GUTTER // 2) if comms else (ctx.body, None)
    )
    chart_r, text_r = top.split_columns((0.42, 0.58), style.GUTTER) if spec else (None, top)
    elements: list[Element] = []
    if spec and chart_r:
        elements += chart_block(chart_r, spec, "Utilization distribution")
    fitted = fit_text(text_r, _paragraphs(ctx), "Challenges and plans", ctx.font)
    if fitted.box:
        elements.append(fitted.box)
    pages = []
    if comms and bottom:
        rows = [
            (
                Cell(c.party, bold=True),
                Cell(c.topic),
                Cell(formatting.day(c.when)),
                Cell(c.status.label, color=STATUS_ROLE.get(c.status)),
            )
            for c in comms
        ]
        pages = paginate_table(
            bottom,
            "Communication plan",
            (Cell("Who"), Cell("About"), Cell("When"), Cell("Status")),
            rows,
            (0.24, 0.46, 0.14, 0.16),
            ctx.font,
            size=style.TABLE_MIN + 1,
            alt_text="Communication with critical parties: who, about what, when, status.",
        )
        elements.append(pages[0])
    low = sorted(a for a, u in utils.items() if u < LOW_UTILIZATION)
    if low:
        title = (
            f"{formatting.plural(len(low), 'account')} use under {LOW_UTILIZATION:.0%} of "
            "their licenses"
        )
    else:
        title = "Adoption is broad: every account uses 40% or more of its licenses"
    if ctx.review.challenges:
        title += f" — {formatting.plural(len(ctx.review.challenges), 'plan')} in motion"
    notes = notes_text(
        *(f"{c.pattern}\nEvidence: {c.evidence}\nPlan: {c.plan}" for c in ctx.review.challenges),
        f"Low utilization: {', '.join(ctx.account_name(a) for a in low)}." if low else "",
    )
    slides = [content_slide(ctx, title, SECTION, elements, notes)]
    slides += continued_text(ctx, title, SECTION, fitted.rest, "Challenges (cont.)", notes)
    return slides + continued_tables(ctx, title, SECTION, pages[1:], notes)
