"""ChartSpecs built from the review's data: one function per chart of the standard deck.

Each function takes data, not slides, and writes the chart's alt text as the sentence a
sighted reader would take away from it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable

from qbr_studio.analytics.health import HealthScore
from qbr_studio.analytics.periods import short_month
from qbr_studio.charts.spec import ChartKind, ChartSpec, Series
from qbr_studio.model import Achievement, Book, Health, Opportunity, Risk

STATUS_ROLE = {
    Health.GREEN: "status:green",
    Health.YELLOW: "status:yellow",
    Health.RED: "status:red",
}
NOT_SCORED = "Not scored"
"""The band of accounts whose health could not be scored (no CRM health, no data to score)."""


def health_label(health: Health | None) -> str:
    return NOT_SCORED if health is None else health.label


def health_role(health: Health | None) -> str:
    return "muted" if health is None else STATUS_ROLE[health]


RISK_ROLE = {Risk.LOW: "status:green", Risk.MEDIUM: "status:yellow", Risk.HIGH: "status:red"}
STAGES = ("Discovery", "Qualification", "Proposal", "Negotiation", "Commit")
"""Expansion pipeline stages in order; other stage names follow, alphabetically."""
PROGRESS_STEP = 0.5
"""Progress-to-goal axis steps: 0%, 50%, 100%… so the goal (100%) is always a gridline."""
UTILIZATION_BUCKETS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 10.0))


MAX_TICKS = 6
"""At most this many value-axis labels (DECK.md "Look")."""


def nice_step(largest: float, ticks: int = MAX_TICKS) -> float | None:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving at most ``ticks`` labels from 0 to
    ``largest``; ``None`` for an empty axis (the application chooses)."""
    if largest <= 0:
        return None
    raw = largest / (ticks - 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


TOTALS_HEADROOM = 0.15
"""Stacked columns with their totals above: the axis reaches at least this share above the
tallest column, so its total has room under the top of the plot."""


def totals_axis(tallest: float) -> tuple[float | None, float | None]:
    """(axis top, step) for stacked columns whose tallest is ``tallest`` and whose totals are
    written above them: round steps, at most :data:`MAX_TICKS` labels, room for the tallest
    column's total. ``(None, None)`` for an empty axis."""
    step = nice_step(tallest * (1 + TOTALS_HEADROOM))
    if step is None:
        return None, None
    return step * math.ceil(tallest * (1 + TOTALS_HEADROOM) / step - 1e-9), step


def money_format(largest: float, symbol: str = "$") -> str:
    """Excel number format that shows money in k or M, as the largest value needs."""
    if largest >= 1_000_000:
        return f'{symbol}#,##0.0,,"M"'
    return f'{symbol}#,##0,"k"'


def arr_by_health(
    arr: dict[Health | None, float], money: Callable[[float], str], symbol: str, source: str
) -> ChartSpec | None:
    """ARR per health band, and the ARR of accounts with no score as "Not scored" (never left
    out: the columns add up to the book); ``money`` writes an amount short (the deck's money
    format), ``symbol`` goes before the axis figures. ``None`` when no scored account has ARR:
    no chart is drawn from nothing."""
    bands = [h for h in (Health.GREEN, Health.YELLOW, Health.RED) if arr.get(h)]
    if not bands:
        return None
    shown: list[Health | None] = [*bands, None] if arr.get(None) else list(bands)
    total = sum(arr.values()) or 1.0
    values = tuple(arr.get(h, 0.0) for h in shown)
    parts = ", ".join(f"{health_label(h)} {money(arr[h])} ({arr[h] / total:.0%})" for h in shown)
    return ChartSpec(
        kind=ChartKind.COLUMN,
        title="ARR by health",
        categories=tuple(health_label(h) for h in shown),
        series=(Series("ARR", values, "series:0", tuple(health_role(h) for h in shown)),),
        alt_text=f"Column chart of ARR by account health: {parts}.",
        value_axis_title=f"ARR ({symbol})",
        number_format=money_format(max(values, default=0), symbol),
        major_unit=nice_step(max(values, default=0)),
        source=source,
    )


def renewals_by_month(
    renewals: list[Opportunity],
    months: list[dt.date],
    money: Callable[[float], str],
    symbol: str,
    source: str,
    risk_of: Callable[[Opportunity], Risk | None] = lambda o: o.risk,
) -> ChartSpec | None:
    """Stacked columns of renewal ARR per month, one series per risk level (``risk_of`` says a
    renewal's; ``None`` is "Risk unknown", drawn only when some renewal's risk is unknown).
    ``None`` when no renewal in ``months`` has an amount: no "$0k" axis."""
    if not any(o.amount for o in renewals):
        return None
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    series = []
    levels: tuple[Risk | None, ...] = (Risk.LOW, Risk.MEDIUM, Risk.HIGH, None)
    for risk in levels:
        values = [0.0] * len(months)
        for o in renewals:
            if risk_of(o) is risk and o.close_date:
                i = index.get((o.close_date.year, o.close_date.month))
                if i is not None:
                    values[i] += o.amount
        if risk is None and not any(values):
            continue
        name = "Risk unknown" if risk is None else f"{risk.label} risk"
        series.append(Series(name, tuple(values), "muted" if risk is None else RISK_ROLE[risk]))
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(months))]
    peak = max(range(len(months)), key=lambda i: totals[i]) if months else 0
    at_risk = sum(o.amount for o in renewals if risk_of(o) in (Risk.MEDIUM, Risk.HIGH))
    alt = (
        f"Stacked columns of renewal ARR by month for {short_month(months[0])}–"
        f"{short_month(months[-1])} {months[-1].year}, coloured by risk; the largest month is "
        f"{short_month(months[peak])} with {money(totals[peak])}, and "
        f"{money(at_risk)} is at medium or high risk."
        if months
        else "No renewals are due in the period."
    )
    top, step = totals_axis(max(totals, default=0))
    return ChartSpec(
        kind=ChartKind.STACKED_COLUMN,
        title="Renewals due by month",
        categories=tuple(short_month(m) for m in months),
        series=tuple(series),
        alt_text=alt,
        value_axis_title=f"Renewal ARR ({symbol})",
        number_format=money_format(max(totals, default=0), symbol),
        value_max=top,
        major_unit=step,
        totals=True,
        legend=True,
        source=source,
    )


def usage_trend(book: Book, account_id: str, name: str, source: str) -> ChartSpec | None:
    """Monthly active against licensed users over the last 12 months. Month names read
    level and whole under each point (the period with its years is in the title), so the
    labels never wrap or turn."""
    usage = book.usage_of(account_id)[-12:]
    if not usage:
        return None
    cats = tuple(short_month(u.month) for u in usage)
    initials = tuple(c[0] for c in cats)
    if len(set(cats)) < len(cats):  # months missing from the data: a name comes round again
        cats, initials = tuple(f"{short_month(u.month)} {u.month:%y}" for u in usage), ()
    start, end = usage[0].month, usage[-1].month
    period = f"{start:%b}–{end:%b %Y}" if start.year == end.year else f"{start:%b %Y}–{end:%b %Y}"
    active = tuple(float(u.active_users) for u in usage)
    licensed = tuple(float(u.licensed_users) for u in usage)
    first, last = usage[0], usage[-1]
    util = last.active_users / last.licensed_users if last.licensed_users else 0
    series = [
        Series("Active users", active, "series:0"),
        Series("Licensed users", licensed, "muted", dashed=True),
    ]
    alt = (
        f"Line chart of {name}'s monthly active users against licensed users, "
        f"{start:%b %Y} to {end:%b %Y}: active users went from {first.active_users} to "
        f"{last.active_users}, {util:.0%} of {last.licensed_users} licensed."
    )
    key = tuple(None if u.key_feature_users is None else float(u.key_feature_users) for u in usage)
    if any(v is not None for v in key):
        series.append(Series("Key-feature users", key, "series:1"))
        latest = next(u for u in reversed(usage) if u.key_feature_users is not None)
        alt += (
            f" {latest.key_feature_users} used a key feature in "
            f"{short_month(latest.month)} {latest.month:%y}."
        )
    return ChartSpec(
        kind=ChartKind.LINE,
        title=f"Active vs licensed users, {period}",
        categories=cats,
        short_categories=initials,
        series=tuple(series),
        alt_text=alt,
        value_axis_title="Users (people)",
        number_format="#,##0",
        major_unit=nice_step(max(licensed + active, default=0)),
        data_labels=False,
        legend=True,
        source=source,
    )


def health_drivers(score: HealthScore, name: str, source: str) -> ChartSpec | None:
    if not score.drivers:
        return None
    drivers = sorted(score.drivers, key=lambda d: (d.score, d.name))  # weakest first
    colors = tuple(STATUS_ROLE[score.card.band(d.score)] for d in drivers)
    weakest = min(drivers, key=lambda d: d.score)
    return ChartSpec(
        kind=ChartKind.BAR,
        title="Health drivers (score out of 100)",
        categories=tuple(d.name for d in drivers),
        series=(Series("Score", tuple(round(d.score) for d in drivers), "series:0", colors),),
        alt_text=(
            f"Bar chart of {name}'s health score drivers out of 100; the weakest is "
            f"{weakest.name.lower()} at {weakest.score:.0f} ({weakest.detail})."
        ),
        value_axis_title="Score (0–100)",
        number_format="0",
        value_max=100,
        source=f"{source}; {score.card.band_key}",
    )


def achievement_progress(achievements: list[Achievement], labels: list[str]) -> ChartSpec | None:
    """Horizontal bars: how far each achievement got from its baseline to its goal (100%)."""
    rows = [
        (label, a)
        for label, a in zip(labels, achievements, strict=True)
        if a.goal is not None
        and a.after is not None
        and a.before is not None
        and a.goal != a.before
    ]
    if not rows:
        return None
    progress = tuple(
        round(max(0.0, (a.after - a.before) / (a.goal - a.before)), 2)  # type: ignore[operator]
        for _, a in rows
    )
    colors = tuple(
        "status:green" if p >= 1 else "status:yellow" if p >= 0.5 else "status:red"
        for p in progress
    )
    met = sum(1 for p in progress if p >= 1)
    return ChartSpec(
        kind=ChartKind.BAR,
        title="Progress from baseline to goal",
        categories=tuple(label for label, _ in rows),
        series=(Series("Progress to goal", progress, "series:0", colors),),
        alt_text=(
            f"Bar chart of progress from baseline to goal for {len(rows)} achievements; "
            f"{met} reached or passed the goal (100%)."
        ),
        value_axis_title="Share of the way to goal (%)",
        number_format="0%",
        value_max=math.ceil(max(1.0, *progress) / PROGRESS_STEP) * PROGRESS_STEP,
        major_unit=PROGRESS_STEP,
        source="CSM's success plans; green: goal reached, amber: half-way or more, red: less",
    )


def utilization_distribution(utilization: dict[str, float], source: str) -> ChartSpec | None:
    if not utilization:
        return None
    counts: Counter[int] = Counter()
    for value in utilization.values():
        for i, (low, high) in enumerate(UTILIZATION_BUCKETS):
            if low <= value < high:
                counts[i] += 1
                break
    labels = ("Under 20%", "20–40%", "40–60%", "60–80%", "80% +")
    colors = ("status:red", "status:red", "status:yellow", "status:green", "status:green")
    values = tuple(float(counts[i]) for i in range(len(labels)))
    low = int(values[0] + values[1])
    return ChartSpec(
        kind=ChartKind.COLUMN,
        title="Accounts by license utilization",
        categories=labels,
        series=(Series("Accounts", values, "series:0", colors),),
        alt_text=(
            f"Column chart of {len(utilization)} accounts by license utilization (active ÷ "
            f"licensed users, last month); {low} accounts use under 40% of their licenses."
        ),
        value_axis_title="Accounts (count)",
        number_format="0",
        major_unit=max(1.0, nice_step(max(values)) or 1.0),
        source=f"{source}; red: under 40%, amber: 40–60%, green: 60% or more",
    )


def stage_order(stage: str) -> tuple[int, str]:
    return (STAGES.index(stage), "") if stage in STAGES else (len(STAGES), stage)


def pipeline_by_stage(
    opportunities: list[Opportunity], money: Callable[[float], str], symbol: str, source: str
) -> ChartSpec | None:
    if not opportunities:
        return None
    by_stage: dict[str, float] = {}
    for o in opportunities:
        by_stage[o.stage or "Unstaged"] = by_stage.get(o.stage or "Unstaged", 0.0) + o.amount
    stages = sorted(by_stage, key=stage_order)
    values = tuple(by_stage[s] for s in stages)
    top = max(stages, key=lambda s: by_stage[s])
    return ChartSpec(
        kind=ChartKind.BAR,  # stage names read whole across, never rotated
        title="Expansion pipeline by stage",
        categories=tuple(stages),
        series=(Series("Pipeline", values, "series:0"),),
        alt_text=(
            f"Column chart of expansion and cross-sell pipeline by stage, "
            f"{money(sum(values))} in all; the largest stage is {top} with "
            f"{money(by_stage[top])}."
        ),
        value_axis_title=f"Pipeline ({symbol})",
        number_format=money_format(max(values), symbol),
        major_unit=nice_step(max(values)),
        source=source,
    )
