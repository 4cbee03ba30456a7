"""Slide 3: the book at a glance — ARR by health and the renewals due by month."""

from __future__ import annotations

from qbr_studio.charts import catalog
from qbr_studio.deck import style
from qbr_studio.deck.plan import Element, SlidePlan
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.blocks import chart_block
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.renewal_risk import renewal_risk
from qbr_studio.deck.planning.slides.common import content_slide, notes_text
from qbr_studio.model import Health
from qbr_studio.model.deck_kinds import DeckSection


def glance_slide(ctx: Context) -> SlidePlan:
    fig = ctx.figures
    left, right = ctx.body.split_columns((0.45, 0.55), style.GUTTER)
    health_source = ctx.source("accounts") + "; health scored from usage, support, NPS, engagement"
    elements: list[Element] = []
    elements += chart_block(
        left,
        catalog.arr_by_health(fig.arr_by_health, ctx.money, ctx.symbol, health_source),
        "ARR by health",
        ctx.font,
    )
    elements += chart_block(
        right,
        catalog.renewals_by_month(
            fig.renewals_due,
            fig.renewal_months,
            ctx.money,
            ctx.symbol,
            ctx.source("opportunities", "accounts"),
            lambda o: renewal_risk(ctx.review, o),
        ),
        "Renewals by month",
        ctx.font,
    )
    red = formatting.percent(fig.red_share)
    title = f"{ctx.money(fig.arr)} ARR across {formatting.plural(fig.accounts, 'account')}"
    title += f" — {red} of it red" if fig.red_share else " — none of it red"
    counts = fig.accounts_by_health
    mix = ", ".join(
        f"{counts.get(h, 0)} {h.label.lower()}" for h in (Health.GREEN, Health.YELLOW, Health.RED)
    )
    notes = notes_text(
        f"The book holds {fig.accounts} accounts worth {ctx.money(fig.arr)}: {mix}.",
        f"{len(fig.renewals_due)} renewals worth {ctx.money(fig.renewals_due_arr)} are due "
        f"from the meeting to the end of the next {formatting.RENEWAL_HORIZON}.",
    )
    return content_slide(ctx, title, DeckSection.GLANCE, elements, notes)
