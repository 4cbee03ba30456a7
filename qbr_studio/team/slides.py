"""The meeting deck's own slides: its title, the agenda with presenters and time slots, the
team roll-up, the reviews left out, and a divider before each presenter's part.

Each builder takes the slide :class:`~qbr_studio.deck.planning.context.Context` of the
meeting (the canvas, and the meeting's own content for the footer and currency) and the
:class:`~qbr_studio.team.meeting.Meeting` it presents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qbr_studio.analytics.book import undated_note
from qbr_studio.charts import catalog
from qbr_studio.deck import style
from qbr_studio.deck.plan import Align, Cell, Element, SlidePlan
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.blocks import chart_or_missing
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.slides.common import content_slide, continued_tables, notes_text
from qbr_studio.model.deck_kinds import DeckSection, SlideKind
from qbr_studio.team.charts import arr_at_risk_per_csm, arr_by_health_per_csm

if TYPE_CHECKING:
    from qbr_studio.team.meeting import Meeting


def _table_slides(
    ctx: Context,
    title: str,
    section: DeckSection,
    header: tuple[Cell, ...],
    rows: list[tuple[Cell, ...]],
    fractions: tuple[float, ...],
    alt_text: str,
    notes: str,
) -> list[SlidePlan]:
    """A table filling the body, continued on "(cont.)" slides as it needs."""
    pages = ctx.table(
        ctx.body, title, header, rows, fractions, size=style.TABLE_SIZE, alt_text=alt_text
    )
    return [
        content_slide(ctx, title, section, [pages[0]], notes),
        *continued_tables(ctx, title, section, pages[1:], notes),
    ]


def meeting_title(ctx: Context, meeting: Meeting) -> list[SlidePlan]:
    when = formatting.day(meeting.date) if meeting.date else ""
    subtitle = " · ".join(
        p
        for p in (
            meeting.team,
            f"Meeting {when}" if when else "",
            formatting.plural(len(meeting.slots), "presenter"),
        )
        if p
    )
    return [
        SlidePlan(
            kind=SlideKind.TITLE,
            title=f"{meeting.quarter_label} team review",
            subtitle=subtitle,
            section=DeckSection.TITLE,
            notes=notes_text(
                f"The {meeting.team} team's {meeting.quarter_label} peer review: "
                f"{formatting.plural(len(meeting.slots), 'presenter')}, "
                f"{ctx.money(meeting.figures.arr)} of ARR across their books."
            ),
            title_size=style.TITLE_SLIDE_SIZE,
        )
    ]


def meeting_agenda(ctx: Context, meeting: Meeting) -> list[SlidePlan]:
    header = (Cell("Time"), Cell("Presenter"), Cell("Deep dive"), Cell("Ready"))
    rows = [(Cell(meeting.opening_slot), Cell("Team roll-up", bold=True), Cell(""), Cell(""))]
    for slot in meeting.slots:
        entry = slot.entry
        review = entry.review
        dive = review.book.account(review.deep_dive.account_id) if review else None
        missing = len(entry.findings)
        rows.append(
            (
                Cell(slot.time),
                Cell(slot.csm, bold=True),
                Cell(dive.name if dive else "—"),
                Cell(
                    "complete" if not missing else f"{missing} missing",
                    color=None if not missing else "alert",
                ),
            )
        )
    title = f"Agenda: {formatting.plural(len(meeting.slots), 'presenter')}"
    notes = notes_text(
        f"Each presenter has {meeting.minutes} minutes, in this order.",
        "Ready means nothing is missing from the review (qbr-studio check).",
    )
    return _table_slides(
        ctx,
        title,
        DeckSection.AGENDA,
        header,
        rows,
        (0.18, 0.32, 0.32, 0.18),
        f"The meeting's agenda: the team roll-up, then {len(meeting.slots)} presenters.",
        notes,
    )


NO_TEAM_ARR = "No presenter's review has ARR in its data — each CSM imports an accounts export."
NO_TEAM_RISK = "No renewal due in the period is at medium or high risk in any presenter's review."


def rollup_charts(ctx: Context, meeting: Meeting) -> list[SlidePlan]:
    """The team's health and risk per CSM, and the team's renewals by month; a chart with
    nothing to draw is the sentence saying so (a team whose renewals all lie outside the window
    still gets its roll-up, never a chart of zeros)."""
    fig = meeting.figures
    left, right = ctx.body.split_columns((0.5, 0.5), style.GUTTER)
    has_arr = any(any(by.values()) for by in fig.arr_by_health.values())
    total_risk = sum(fig.arr_at_risk.values())
    elements: list[Element] = []
    elements += chart_or_missing(
        left,
        arr_by_health_per_csm(fig.arr_by_health, ctx.money, ctx.symbol) if has_arr else None,
        "Health",
        ctx.font,
        NO_TEAM_ARR,
    )
    elements += chart_or_missing(
        right,
        arr_at_risk_per_csm(fig.arr_at_risk, ctx.money, ctx.symbol) if total_risk else None,
        "At risk",
        ctx.font,
        NO_TEAM_RISK,
    )
    undated = undated_note(fig.undated)
    renewals = catalog.renewals_by_month(
        fig.renewals,
        fig.renewal_months,
        ctx.money,
        ctx.symbol,
        "each presenter's review"
        + (f"; not shown: {undated} (no renewal date in the data)" if undated else ""),
        fig.risk_of,
    )
    horizon = formatting.RENEWAL_HORIZON
    due = sum(o.amount for o in fig.renewals)
    no_renewals = (
        f"No renewal with an amount is due in the next {horizon} in any presenter's review"
        + (f"; {undated}: their renewals have no date in the data." if undated else ".")
    )
    return [
        content_slide(
            ctx,
            f"The team: {ctx.money(fig.arr)} ARR, {ctx.money(total_risk)} of renewals at risk",
            DeckSection.GLANCE,
            elements,
            notes_text(
                f"ARR by health for each of the {len(fig.csms)} presenters, and the renewal "
                f"ARR due in the next {horizon} at medium or high risk."
            ),
        ),
        content_slide(
            ctx,
            f"Renewals across the team: {ctx.money(due)} due in the next {horizon}"
            + (f" ({undated})" if undated else "")
            if renewals
            else (
                f"No dated renewal due across the team in the next {horizon} — {undated}"
                if undated
                else f"No renewals due across the team in the next {horizon}"
            ),
            DeckSection.GLANCE,
            chart_or_missing(ctx.body, renewals, "Team renewals", ctx.font, no_renewals),
            notes_text(renewals.alt_text if renewals else no_renewals),
        ),
    ]


def rollup_achievements(ctx: Context, meeting: Meeting) -> list[SlidePlan]:
    items = meeting.figures.celebrated
    if not items:
        return []
    header = (Cell("CSM"), Cell("Achievement"), Cell("Account"), Cell("Result", align=Align.RIGHT))
    rows = []
    for item in items:
        a = item.achievement
        progress = item.progress
        result = (
            f"{formatting.number(a.before, a.unit)} → {formatting.number(a.after, a.unit)}"
            if a.before is not None and a.after is not None
            else "—"
        )
        met = progress is not None and progress >= 1
        rows.append(
            (
                Cell(item.csm, bold=True),
                Cell(a.title),
                Cell(item.account or "—"),
                Cell(result + (" ✓ goal" if met else ""), align=Align.RIGHT),
            )
        )
    title = "Achievements worth celebrating"
    notes = notes_text("The achievements that went furthest towards their goal, one per CSM first.")
    return _table_slides(
        ctx,
        title,
        DeckSection.ACHIEVEMENTS,
        header,
        rows,
        (0.2, 0.4, 0.2, 0.2),
        "The achievements that went furthest towards their goal, across the team.",
        notes,
    )


def rollup_challenges(ctx: Context, meeting: Meeting) -> list[SlidePlan]:
    shared = meeting.figures.shared
    if not shared:
        return []
    header = (Cell("Challenge"), Cell("CSMs who see it"), Cell("Accounts", align=Align.RIGHT))
    rows = [
        (
            Cell(s.pattern, bold=True),
            Cell(", ".join(s.csms)),
            Cell(str(s.accounts), align=Align.RIGHT),
        )
        for s in shared
    ]
    title = f"Adoption challenges several CSMs share ({len(shared)})"
    notes = notes_text(
        *(
            f"{s.pattern}: "
            + "; ".join(f"{c}: {p}" for c, p in zip(s.csms, s.patterns, strict=True))
            for s in shared
        )
    )
    return _table_slides(
        ctx,
        title,
        DeckSection.CHALLENGES,
        header,
        rows,
        (0.5, 0.35, 0.15),
        "Adoption challenges that two or more CSMs describe in their reviews.",
        notes,
    )


def left_out(ctx: Context, meeting: Meeting) -> list[SlidePlan]:
    """The files of the team folder that are not in this deck, with the reason."""
    problems = meeting.left_out
    if not problems:
        return []
    header = (Cell("File"), Cell("Why it is not in this deck"))
    rows = [(Cell(e.name, bold=True), Cell(f"{e.kind.value}: {e.reason}")) for e in problems]
    title = f"Not in this deck: {formatting.plural(len(problems), 'file')} in the team folder"
    notes = notes_text("Fix these in the team folder and build the deck again.")
    return _table_slides(
        ctx,
        title,
        DeckSection.GLANCE,
        header,
        rows,
        (0.35, 0.65),
        "Files of the team folder that are not in this deck, and why.",
        notes,
    )


def divider(csm: str, time: str, team: str) -> SlidePlan:
    """The section divider before a presenter's part."""
    return SlidePlan(
        kind=SlideKind.TITLE,
        title=csm,
        subtitle=" · ".join(p for p in (team, time) if p),
        section=DeckSection.TITLE,
        notes=f"{csm} presents next ({time}).",
        title_size=style.TITLE_SLIDE_SIZE,
    )
