"""Slide 6: top customer achievements this quarter, measured against their goals."""

from __future__ import annotations

from qbr_studio.charts import catalog
from qbr_studio.deck import style
from qbr_studio.deck.plan import Cell, Element, SlidePlan, Table
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.blocks import chart_block
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.slides.common import content_slide, notes_text, top_rows_table
from qbr_studio.model import Achievement
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.model.word_budgets import first_sentences

SECTION = DeckSection.ACHIEVEMENTS
SHOWN = 5
"""Achievements the slide shows (DECK.md: 3–5), in the CSM's order; the rest go to the appendix."""
STORY_WORDS = 15
"""A story's words on the slide: one line each; the whole story is in the notes."""


def _result(a: Achievement) -> str:
    if a.before is None and a.after is None:
        return ""
    text = f"{formatting.number(a.before, a.unit)} → {formatting.number(a.after, a.unit)}"
    if a.goal is not None:
        text += f" (goal {formatting.number(a.goal, a.unit)})"
    return f"{a.metric}: {text}" if a.metric else text


def _met(a: Achievement) -> bool:
    if a.goal is None or a.after is None or a.before is None:
        return False
    return a.after >= a.goal if a.goal >= a.before else a.after <= a.goal


def _heading(ctx: Context, a: Achievement, notes: bool = False) -> str:
    """ "Title — Account" ("Title (Account)" in the notes); an achievement without an account
    is its title alone, never "Title — —"."""
    if not a.account_id:
        return a.title
    account = ctx.account_name(a.account_id)
    return f"{a.title} ({account})" if notes else f"{a.title} — {account}"


def achievements_slides(ctx: Context) -> list[SlidePlan]:
    items = ctx.review.achievements
    if not items:
        return []
    has_chart = catalog.achievement_progress(items[:SHOWN], _labels(ctx, items[:SHOWN]))
    if has_chart:
        chart_r, table_r = ctx.body.split_columns((0.36, 0.64), style.GUTTER)
    else:
        chart_r, table_r = None, ctx.body
    rows = [
        (
            Cell(_heading(ctx, a), bold=True),
            Cell(a.kind.label),
            Cell(_result(a)),
            Cell(first_sentences(a.story, STORY_WORDS)),
        )
        for a in items
    ]
    table = top_rows_table(
        ctx,
        table_r,
        "Achievements",
        "Achievements",
        (Cell("Achievement"), Cell("Kind"), Cell("Result vs goal"), Cell("Story")),
        rows,
        (0.27, 0.15, 0.26, 0.32),
        limit=SHOWN,
        row_notes=[_note(ctx, a) for a in items],
        alt_text="Achievements this quarter with their kind, result against goal and story.",
    )
    shown = items[: sum(len(t.rows) for t in table if isinstance(t, Table))]
    spec = catalog.achievement_progress(shown, _labels(ctx, shown)) if shown else None
    elements: list[Element] = []
    if spec and chart_r:
        elements += chart_block(chart_r, spec, "Progress to goal", ctx.font)
    elements += table
    measured = [a for a in items if a.goal is not None]
    met = sum(1 for a in measured if _met(a))
    title = f"{formatting.plural(len(items), 'customer achievement')} this quarter"
    if measured:
        title += f" — {met} of {len(measured)} goals met"
    rest = items[len(shown) :]
    notes = notes_text(
        *(_note(ctx, a) for a in shown),
        "In the appendix: " + "; ".join(_heading(ctx, a, notes=True) for a in rest) + "."
        if rest
        else "",
    )
    return [content_slide(ctx, title, SECTION, elements, notes)]


def _note(ctx: Context, a: Achievement) -> str:
    return f"{_heading(ctx, a, notes=True)}: {a.story} {_result(a)}"


def _labels(ctx: Context, items: list[Achievement]) -> list[str]:
    return [ctx.account_name(a.account_id) for a in items]
