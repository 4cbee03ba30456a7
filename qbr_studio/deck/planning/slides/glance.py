"""Slide 3: the book at a glance — ARR by health and the renewals due by month."""

from __future__ import annotations

import datetime as dt

from qbr_studio.analytics.book import known_renewal_dates, renewal_window
from qbr_studio.charts import catalog
from qbr_studio.deck import style
from qbr_studio.deck.plan import Element, SlidePlan
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.blocks import chart_or_missing
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.slides.common import content_slide, notes_text
from qbr_studio.model import Health
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.wording import verb

NO_ARR = "No ARR in the imported data — import an accounts export with ARR."
NO_HEALTH = (
    "No account has a health score or CRM health yet — import usage, tickets or NPS, or an "
    "accounts export with health."
)
NO_RENEWALS = (
    "No renewal with an amount is due in the period — import an opportunities export, or "
    "accounts with renewal dates and ARR."
)


def _no_renewals(ctx: Context) -> str:
    """Why the renewals chart is empty: nothing in the data, or renewals that all close outside
    the meeting's window (an old export), named with their dates so none seems lost."""
    dates = known_renewal_dates(ctx.review.book)
    if not dates:
        return NO_RENEWALS
    start, end = renewal_window(ctx.review)
    last = end - dt.timedelta(days=1)
    closes = (
        f"closes on {formatting.day(dates[0])}"
        if dates[0] == dates[-1]
        else f"close between {formatting.day(dates[0])} and {formatting.day(dates[-1])}"
    )
    undated = ctx.figures.renewals_undated
    return (
        f"No renewal is due from {formatting.day(start)} to {formatting.day(last)}: the "
        f"{formatting.plural(len(dates), 'renewal')} in the data {closes}"
        + (f", and {_undated(undated)}" if undated else "")
        + " — import a current opportunities export."
    )


def _undated(count: int) -> str:
    return f"{formatting.plural(count, 'account')} {verb(count, 'has', 'have')} no renewal date"


def _title(ctx: Context) -> str:
    """E.g. "$4.1M ARR across 38 accounts — 18% of it red"; never a share of nothing."""
    fig = ctx.figures
    if not fig.accounts:
        return "No accounts imported yet — import a CRM accounts export"
    accounts = formatting.plural(fig.accounts, "account")
    if not fig.arr:
        return f"{accounts} in the book — no ARR in the imported data"
    title = f"{ctx.money(fig.arr)} ARR across {accounts}"
    if not any(fig.arr_by_health.get(h) for h in (Health.GREEN, Health.YELLOW, Health.RED)):
        return title + " — health not scored yet"
    red = formatting.percent(fig.red_share)
    unscored = fig.arr_by_health.get(None, 0.0) / fig.arr
    if not unscored:
        return title + (f" — {red} of it red" if fig.red_share else " — none of it red")
    # What could not be scored is never counted as "not red".
    unscored_part = f"{formatting.percent(unscored)} not scored"
    if fig.red_share:
        return f"{title} — {red} red, {unscored_part}"
    return f"{title} — {unscored_part}, none of the rest red"


def glance_slide(ctx: Context) -> SlidePlan:
    fig = ctx.figures
    left, right = ctx.body.split_columns((0.45, 0.55), style.GUTTER)
    health_source = ctx.source("accounts") + "; health scored from usage, support, NPS, engagement"
    elements: list[Element] = []
    elements += chart_or_missing(
        left,
        catalog.arr_by_health(fig.arr_by_health, ctx.money, ctx.symbol, health_source),
        "ARR by health",
        ctx.font,
        NO_ARR if not fig.arr else NO_HEALTH,
    )
    elements += chart_or_missing(
        right,
        catalog.renewals_by_month(
            fig.renewals_due,
            fig.renewal_months,
            ctx.money,
            ctx.symbol,
            ctx.source("opportunities", "accounts")
            + (f"; not shown: {_undated(fig.renewals_undated)}" if fig.renewals_undated else ""),
            lambda o: ctx.renewal_risk(o).risk,
        ),
        "Renewals by month",
        ctx.font,
        _no_renewals(ctx),
    )
    title = _title(ctx)
    counts = fig.accounts_by_health
    mix = ", ".join(
        f"{counts.get(h, 0)} {h.label.lower()}" for h in (Health.GREEN, Health.YELLOW, Health.RED)
    )
    if counts.get(None):
        mix += f", {counts[None]} not scored"
    notes = notes_text(
        f"The book holds {fig.accounts} accounts worth {ctx.money(fig.arr)}: {mix}.",
        f"{len(fig.renewals_due)} renewals worth {ctx.money(fig.renewals_due_arr)} are due "
        f"from the meeting to the end of the next {formatting.RENEWAL_HORIZON}"
        + (f"; {_undated(fig.renewals_undated)}." if fig.renewals_undated else "."),
    )
    return content_slide(ctx, title, DeckSection.GLANCE, elements, notes)
