"""Slides 8–10: renewals, growth, and the action items to close them."""

from __future__ import annotations

from qbr_studio.analytics.book import growth_pipeline
from qbr_studio.analytics.periods import quarter_of
from qbr_studio.analytics.risk import RiskSource
from qbr_studio.charts import catalog
from qbr_studio.charts.spec import ChartSpec
from qbr_studio.deck import style
from qbr_studio.deck.plan import Align, Cell, Element, SlidePlan
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.blocks import chart_block
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.overflow import APPENDIX_ROWS
from qbr_studio.deck.planning.renewal_risk import risk_label, risk_note
from qbr_studio.deck.planning.slides.common import content_slide, notes_text, top_rows_table
from qbr_studio.model import ActionItem, Health, Opportunity, Risk, Status
from qbr_studio.model.deck_kinds import DeckSection

SECTION = DeckSection.REVENUE
SHOWN = 7
"""Rows the renewals and growth tables show (the most at risk, the largest); the rest go to
the appendix."""
ACTIONS_SHOWN = 8
"""Action items the slide shows, overdue first; the rest go to the appendix."""
RISK_RANK: dict[Risk | None, int] = {Risk.LOW: 0, Risk.MEDIUM: 1, Risk.HIGH: 2}
RISK_ROLE: dict[Risk | None, str | None] = {Risk.HIGH: "alert"}
HEALTH_ROLE = {Health.RED: "alert"}


def _chart_and_table(
    ctx: Context,
    spec: ChartSpec | None,
    header: tuple[Cell, ...],
    rows: list[tuple[Cell, ...]],
    fractions: tuple[float, ...],
    table_name: str,
    what: str,
    total: int | None = None,
) -> list[Element]:
    """The chart on the left (it includes every row); on the right the top ``SHOWN`` rows of
    the table, the rest in the appendix (``what`` names them there: "Renewals")."""
    left, right = ctx.body.split_columns((0.42, 0.58), style.GUTTER)
    elements: list[Element] = chart_block(left, spec, spec.title, ctx.font) if spec else []
    table_r = right if spec else ctx.body
    return elements + top_rows_table(
        ctx,
        table_r,
        table_name,
        what,
        header,
        rows,
        fractions,
        limit=SHOWN,
        alt_text=f"{table_name}.",
        total=total,
    )


OVERDUE = "overdue — outcome?"
NOTED = 50
"""At most this many renewals are named in a list of the speaker notes (then "and N more")."""


def renewals_slides(ctx: Context) -> list[SlidePlan]:
    """Renewals still due from the meeting to the end of the next two quarters and those past
    their date with no outcome, overdue first, then by risk and ARR; one set of figures for the
    title, the table, the chart and the notes."""
    fig = ctx.figures
    due, overdue = fig.renewals_due, fig.renewals_overdue
    if not due and not overdue:
        return []

    risks = {o.id: ctx.renewal_risk(o) for o in (*due, *overdue)}

    def risk(o: Opportunity) -> Risk | None:
        return risks[o.id].risk

    spec = catalog.renewals_by_month(
        due,
        fig.renewal_months,
        ctx.money,
        ctx.symbol,
        ctx.source("opportunities", "accounts")
        + (f"; not shown: {fig.undated_note}" if fig.undated_note else ""),
        risk,
    )
    ranked = [
        *overdue,
        *sorted(due, key=lambda o: (-RISK_RANK.get(risk(o), -1), -o.amount, o.close_date)),
    ]
    rows = []
    late_ids = {id(o) for o in overdue}  # identity: a model's == compares every field
    for o in ranked[: SHOWN + APPENDIX_ROWS]:  # the rest is counted, never drawn
        score = fig.health.get(o.account_id)
        health = score.health if score else None
        level = risk(o)
        late = id(o) in late_ids
        rows.append(
            (
                Cell(ctx.account_name(o.account_id), bold=True),
                Cell(ctx.money(o.amount), align=Align.RIGHT),
                Cell(
                    f"{formatting.day(o.close_date)}, {OVERDUE}"
                    if late
                    else formatting.day(o.close_date),
                    bold=late,
                    color="alert" if late else None,
                ),
                Cell(health.label if health else "—", color=HEALTH_ROLE.get(health)),
                Cell(risk_label(risks[o.id]), color=RISK_ROLE.get(level)),
                Cell(o.next_step),
            )
        )
    elements = _chart_and_table(
        ctx,
        spec,
        (
            Cell("Account"),
            Cell("ARR", align=Align.RIGHT),
            Cell("Date"),
            Cell("Health"),
            Cell("Risk"),
            Cell("Next step"),
        ),
        rows,
        (0.22, 0.11, 0.14, 0.1, 0.16, 0.27),
        "Top renewals: account, ARR, date, health, risk and next step",
        "Renewals",
        len(ranked),
    )
    risky = [o for o in due if risk(o) in (Risk.MEDIUM, Risk.HIGH)]
    unknown = [o for o in due if risk(o) is None]
    signalled = [o for o in risky if risks[o.id].source is RiskSource.SIGNALS]
    title = _renewals_title(ctx, due, risky, unknown, overdue, len(signalled))
    notes = notes_text(
        ctx.review.revenue.renewals_story,
        f"{formatting.plural(len(due), 'renewal')} worth "
        f"{ctx.money(sum(o.amount for o in due))} due from the meeting to "
        f"{fig.renewal_months[-1]:%b %Y}"
        + (f" ({fig.undated_note}: no renewal date in the data)." if fig.undated_note else ".")
        if due and fig.renewal_months
        else "",
        "At risk: "
        + "; ".join(
            f"{ctx.account_name(o.account_id)} {ctx.money(o.amount)} ({risk_note(risks[o.id])})"
            for o in risky[:NOTED]
        )
        + (f"; and {len(risky) - NOTED:,} more" if len(risky) > NOTED else "")
        if risky
        else "",
        f"Risk unknown (no stated risk and no data to judge it): {len(unknown)}."
        if unknown
        else "",
        "Past their date with no outcome: "
        + "; ".join(
            f"{ctx.account_name(o.account_id)} ({formatting.day(o.close_date)})"
            for o in overdue[:NOTED]
        )
        + (f"; and {len(overdue) - NOTED:,} more" if len(overdue) > NOTED else "")
        if overdue
        else "",
    )
    return [content_slide(ctx, title, SECTION, elements, notes)]


def _renewals_title(
    ctx: Context,
    due: list[Opportunity],
    risky: list[Opportunity],
    unknown: list[Opportunity],
    overdue: list[Opportunity],
    signalled: int = 0,
) -> str:
    """E.g. "21 renewals worth $2.8M due Q4 2026–Q2 2027 — 9 at risk (4 from warning signs),
    1 overdue"; ``signalled`` of the ``risky`` have no stated risk, only warning signs."""
    parts = []
    if due:
        dates = sorted(o.close_date for o in due if o.close_date)
        first, last = quarter_of(dates[0]), quarter_of(dates[-1])
        span = first if first == last else f"{first}–{last}"
        amount = sum(o.amount for o in due)
        worth = f" worth {ctx.money(amount)}" if amount else ""
        parts.append(f"{formatting.plural(len(due), 'renewal')}{worth} due {span}")
        if not amount:
            return f"{parts[0]} — no ARR in the imported data to weigh them"
    if len(unknown) == len(due) and due:
        state = "risk unknown: no stated risk and no data to judge it"
    elif risky:
        signs = f" ({signalled} from warning signs)" if signalled else ""
        state = f"{len(risky)} at risk{signs}" + (f", {len(unknown)} unknown" if unknown else "")
    else:
        state = "none at risk" + (f", {len(unknown)} unknown" if unknown else "")
    if overdue:
        state += f", {len(overdue)} overdue" if due else f"{len(overdue)} overdue"
    if not due:
        return f"{formatting.plural(len(overdue), 'renewal')} past their date with no outcome"
    return f"{parts[0]} — {state}"


LATE_STAGES = ("Negotiation", "Commit")


def growth_slides(ctx: Context) -> list[SlidePlan]:
    pipeline = growth_pipeline(ctx.review.book)
    if not pipeline:
        return []
    spec = catalog.pipeline_by_stage(pipeline, ctx.money, ctx.symbol, ctx.source("opportunities"))
    rows = [
        (
            Cell(ctx.account_name(o.account_id), bold=True),
            Cell(o.name or o.kind.label),
            Cell(ctx.money(o.amount), align=Align.RIGHT),
            Cell(o.stage or "—"),
            Cell(formatting.day(o.close_date)),
        )
        for o in pipeline
    ]
    story = ctx.review.revenue.growth_story
    elements = _chart_and_table(
        ctx,
        spec,
        (
            Cell("Account"),
            Cell("Opportunity"),
            Cell("Amount", align=Align.RIGHT),
            Cell("Stage"),
            Cell("Close"),
        ),
        rows,
        (0.25, 0.3, 0.13, 0.15, 0.17),
        "Top growth opportunities: account, opportunity, amount, stage and close date",
        "Growth opportunities",
    )
    total = sum(o.amount for o in pipeline)
    late = sum(o.amount for o in pipeline if o.stage in LATE_STAGES)
    title = (
        f"{ctx.money(total)} expansion pipeline across "
        f"{formatting.plural(len(pipeline), 'opportunity', 'opportunities')}"
    )
    if late:
        title += f" — {ctx.money(late)} in negotiation or later"
    notes = notes_text(story, f"Pipeline {ctx.money(total)}; late stage {ctx.money(late)}.")
    return [content_slide(ctx, title, SECTION, elements, notes)]


ACTION_HEADER = (Cell("Action"), Cell("Account"), Cell("Owner"), Cell("Due"), Cell("Status"))
ACTION_FRACTIONS = (0.38, 0.2, 0.14, 0.12, 0.16)


def actions_slides(ctx: Context) -> list[SlidePlan]:
    """The open action items, overdue first then by due date; done ones leave "to close" for
    the appendix."""
    items = ctx.review.revenue.action_items
    if not items:
        return []
    on = ctx.review.overdue_on
    overdue = [a for a in items if a.is_overdue(on)]
    open_items = sorted(
        (a for a in items if a.status is not Status.DONE),
        key=lambda a: (a not in overdue, a.due or on, a.text),
    )
    done = [a for a in items if a.status is Status.DONE]

    def row(a: ActionItem) -> tuple[Cell, ...]:
        late = a in overdue
        return (
            Cell(a.text, bold=late),
            Cell(ctx.account_name(a.account_id) if a.account_id else "—"),
            Cell(a.owner or "—"),
            Cell(formatting.day(a.due), bold=late, color="alert" if late else None),
            Cell(
                f"Overdue — {a.status.label.lower()}" if late else a.status.label,
                bold=late or a.status is Status.BLOCKED,
                color="alert" if late or a.status is Status.BLOCKED else None,
            ),
        )

    elements = top_rows_table(
        ctx,
        ctx.body,
        "Action items",
        "Action items to close",
        ACTION_HEADER,
        [row(a) for a in open_items],
        ACTION_FRACTIONS,
        limit=ACTIONS_SHOWN,
        alt_text="Action items to close: action, account, owner, due date and status.",
        size=style.TABLE_ALONE_SIZE,
    )
    if done:
        ctx.overflow.table(
            "Action items done", ACTION_HEADER, [row(a) for a in done], 0, ACTION_FRACTIONS
        )
    title = f"{formatting.plural(len(open_items), 'action')} to close"
    title += f" — {len(overdue)} overdue" if overdue else " — all on schedule"
    notes = notes_text(
        "Overdue: "
        + "; ".join(f"{a.text} ({a.owner}, due {formatting.day(a.due)})" for a in overdue)
        if overdue
        else "Nothing is overdue.",
        f"Done and in the appendix: {formatting.plural(len(done), 'action')}." if done else "",
    )
    return [content_slide(ctx, title, SECTION, elements, notes)]
