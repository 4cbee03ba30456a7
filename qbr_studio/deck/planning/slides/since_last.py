"""The "since last review" slide: what happened to last quarter's commitments and accounts.

Shown only when the review was started from last quarter's (``qbr-studio new --from``);
the figures are :func:`qbr_studio.analytics.carry.since_last_review`, from the review's
analysis (computed once).
"""

from __future__ import annotations

from qbr_studio.analytics.carry import Change, SinceLast
from qbr_studio.deck.plan import Cell, SlidePlan
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.slides.common import content_slide, continued_tables, notes_text
from qbr_studio.model import quarter_end
from qbr_studio.model.deck_kinds import DeckSection

SECTION = DeckSection.GLANCE


def _amounts(ctx: Context, c: Change) -> str:
    before = ctx.money(c.before) if c.before is not None else ""
    after = ctx.money(c.after) if c.after is not None else ""
    return f"{before} → {after}" if before and after else before or after


def _rows(ctx: Context, since: SinceLast) -> list[tuple[Cell, ...]]:
    groups: tuple[tuple[str, tuple[Change, ...], str | None], ...] = (
        ("Action closed", since.actions_closed, "status:green"),
        ("Action slipped", since.actions_slipped, "alert"),
        ("Action: status?", since.actions_unconfirmed, None),
        ("Renewal won", since.renewals_won, "status:green"),
        ("Renewal lost", since.renewals_lost, "alert"),
        ("Health", since.health_changes, None),
        ("ARR", since.arr_changes, None),
    )
    rows = []
    for label, changes, color in groups:
        for c in changes:
            money = _amounts(ctx, c)
            what = "; ".join(part for part in (c.text, money) if part)
            rows.append((Cell(label, bold=True, color=color), Cell(c.name or "—"), Cell(what)))
    return rows


def _title(ctx: Context, since: SinceLast) -> str:
    parts = []
    closed, slipped = len(since.actions_closed), len(since.actions_slipped)
    if closed or slipped:
        parts.append(f"{closed} of {closed + slipped} checked actions closed")
    if since.renewals_won or since.renewals_lost:
        parts.append(
            f"{formatting.plural(len(since.renewals_won), 'renewal')} won, "
            f"{len(since.renewals_lost)} lost"
        )
    parts.append(f"ARR {ctx.money(since.arr_before)} → {ctx.money(since.arr_now)}")
    day = formatting.day(quarter_end(since.quarter))
    return f"Since {day}: " + "; ".join(parts)


def since_last_slides(ctx: Context) -> list[SlidePlan]:
    since = ctx.content.analysis.since_last
    if since is None or since.empty:
        return []
    title = _title(ctx, since)
    pages = ctx.table(
        ctx.body,
        "Since last review",
        (Cell("What"), Cell("Account"), Cell("Change")),
        _rows(ctx, since),
        (0.2, 0.3, 0.5),
        alt_text=(
            f"Changes since the {since.quarter} review: action items closed or slipped, "
            "renewals won or lost, health and ARR changes, by account."
        ),
    )
    unconfirmed = len(since.actions_unconfirmed)
    notes = notes_text(
        f"Compared with the {since.quarter} review.",
        f"{formatting.plural(unconfirmed, 'carried action item')} still to confirm."
        if unconfirmed
        else "",
    )
    first = content_slide(ctx, title, SECTION, [pages[0]], notes)
    return [first, *continued_tables(ctx, title, SECTION, pages[1:], notes)]
