"""ChartSpecs the app shows beside the deck's own (:mod:`qbr_studio.charts.catalog`): one
account's support tickets and NPS answers month by month and its open opportunities, for the
account view, and the chart of a territory-pattern suggestion. Like every ChartSpec, each
states its takeaway in its alt text, and none is drawn from nothing (``None`` when there is no
data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from qbr_studio.analytics.health import nps_of
from qbr_studio.analytics.patterns import PatternKind, Suggestion
from qbr_studio.analytics.periods import add_months, short_month
from qbr_studio.charts.catalog import RISK_ROLE, money_format, nice_step
from qbr_studio.charts.spec import ChartKind, ChartSpec, Series
from qbr_studio.model import NpsResponse, Opportunity, OpportunityKind, Risk, Ticket

MONTHS = 12
"""Months shown, ending with the review's month."""
SEVERITY_ROLES = ("status:red", "status:yellow", "series:0", "muted")
"""P1 … P4."""


def months_to(as_of: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The first days of the ``count`` months ending with ``as_of``'s month."""
    return [add_months(as_of, k) for k in range(1 - count, 1)]


def _label(month: dt.date) -> str:
    return f"{short_month(month)} {month:%y}"


def _monthly(
    dated: list[tuple[dt.date, int]], as_of: dt.date, groups: int
) -> tuple[list[dt.date], list[list[float]]]:
    """The months shown and, per group, how many (day, group) pairs fall in each month."""
    months = months_to(as_of)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    counts = [[0.0] * len(months) for _ in range(groups)]
    for day, group in dated:
        i = index.get((day.year, day.month))
        if i is not None and day <= as_of:
            counts[group][i] += 1
    return months, counts


def _count_columns(
    title: str,
    months: list[dt.date],
    groups: list[tuple[str, str, list[float]]],
    alt_text: str,
    axis_title: str,
    source: str,
) -> ChartSpec:
    """Stacked columns of counts per month, one series per (name, role, counts) group that
    has any."""
    per_month = [sum(c[i] for _, _, c in groups) for i in range(len(months))]
    return ChartSpec(
        kind=ChartKind.STACKED_COLUMN,
        title=title,
        categories=tuple(_label(m) for m in months),
        series=tuple(Series(n, tuple(c), role) for n, role, c in groups if any(c)),
        alt_text=alt_text,
        value_axis_title=axis_title,
        number_format="0",
        major_unit=max(1.0, nice_step(max(per_month)) or 1.0),
        data_labels=False,
        legend=True,
        source=source,
    )


def tickets_by_month(
    tickets: list[Ticket], as_of: dt.date, name: str, source: str
) -> ChartSpec | None:
    """Stacked columns: the account's tickets opened each month by severity (P1 on the
    bottom). ``None`` when it opened none in the period (or the book has no ticket data)."""
    months, counts = _monthly([(t.opened, t.severity - 1) for t in tickets], as_of, 4)
    total = sum(sum(row) for row in counts)
    if not total:
        return None
    per_month = [sum(row[i] for row in counts) for i in range(len(months))]
    peak = max(range(len(months)), key=lambda i: per_month[i])
    severe = int(sum(counts[0]) + sum(counts[1]))
    return _count_columns(
        "Support tickets by month",
        months,
        [(f"P{sev + 1}", SEVERITY_ROLES[sev], counts[sev]) for sev in range(4)],
        f"Stacked columns of {name}'s support tickets per month by severity, "
        f"{_label(months[0])} to {_label(months[-1])}: {int(total)} tickets, {severe} of "
        f"them P1 or P2; the most in {_label(months[peak])} ({int(per_month[peak])}).",
        "Tickets (count)",
        source,
    )


NPS_GROUPS = (
    ("Detractors (0–6)", "status:red"),
    ("Passives (7–8)", "status:yellow"),
    ("Promoters (9–10)", "status:green"),
)


def nps_by_month(
    responses: list[NpsResponse], as_of: dt.date, name: str, source: str
) -> ChartSpec | None:
    """Stacked columns: detractors (0–6), passives (7–8) and promoters (9–10) answering each
    month, and the NPS of the period in the alt text. ``None`` when nobody answered."""
    months, counts = _monthly(
        [(r.date, 0 if r.score <= 6 else 1 if r.score <= 8 else 2) for r in responses], as_of, 3
    )
    scores = [r.score for r in responses if months[0] <= r.date <= as_of]
    if not scores:
        return None
    return _count_columns(
        "NPS answers by month",
        months,
        [(n, role, c) for (n, role), c in zip(NPS_GROUPS, counts, strict=True)],
        f"Stacked columns of {name}'s NPS answers per month, {_label(months[0])} to "
        f"{_label(months[-1])}: {len(scores)} answers, {int(sum(counts[2]))} promoters and "
        f"{int(sum(counts[0]))} detractors, NPS {nps_of(scores):+d} over the period.",
        "Answers (count)",
        source,
    )


def opportunities_chart(
    opportunities: list[Opportunity],
    risk_of: Callable[[Opportunity], Risk | None],
    name: str,
    money: Callable[[float], str],
    symbol: str,
    source: str,
) -> ChartSpec | None:
    """Horizontal bars: each open opportunity's amount, renewals coloured by their risk
    (``risk_of``; grey when unknown), expansions and cross-sells in the series colour.
    ``None`` when the account has no opportunity with an amount."""
    rows = [o for o in opportunities if o.amount > 0]
    if not rows:
        return None
    rows.sort(key=lambda o: (o.close_date or dt.date.max, o.id))

    def role(o: Opportunity) -> str:
        if o.kind is not OpportunityKind.RENEWAL:
            return "series:1"
        risk = risk_of(o)
        return RISK_ROLE[risk] if risk is not None else "muted"

    labels = tuple(
        f"{o.name or o.kind.label}"
        + (f" ({short_month(o.close_date)} {o.close_date:%y})" if o.close_date else "")
        for o in rows
    )
    values = tuple(o.amount for o in rows)
    renewals = sum(o.amount for o in rows if o.kind is OpportunityKind.RENEWAL)
    growth = sum(values) - renewals
    return ChartSpec(
        kind=ChartKind.BAR,
        title="Renewals and opportunities",
        categories=labels,
        series=(Series("Amount", values, "series:0", tuple(role(o) for o in rows)),),
        alt_text=(
            f"Bar chart of {name}'s {len(rows)} opportunities by amount, soonest first: "
            f"{money(renewals)} up for renewal and {money(growth)} of expansion or cross-sell."
        ),
        value_axis_title=f"Amount ({symbol})",
        number_format=money_format(max(values), symbol),
        major_unit=nice_step(max(values)),
        source=f"{source}; renewals coloured by their risk (grey: unknown)",
    )


def suggestion_chart(suggestion: Suggestion, names: Mapping[str, str]) -> ChartSpec:
    """Horizontal bars of what a pattern suggestion compares (utilization by group, key-feature
    share by account, the share of accounts with a warning sign), what lags in red. ``names``:
    account names by id (the key-feature bars are named by account)."""
    labels = tuple(label for label, _ in suggestion.chart)
    values = tuple(value for _, value in suggestion.chart)
    if suggestion.kind is PatternKind.FEATURE_LAGS:
        lagging = {names.get(a, a) for a in suggestion.account_ids}
    elif suggestion.kind is PatternKind.SHARED_SIGNAL:
        lagging = set(labels)
    else:
        lagging = {suggestion.key.split(":", 1)[1]}
    what = {
        PatternKind.FEATURE_LAGS: "Key-feature users ÷ active users",
        PatternKind.SHARED_SIGNAL: "Share of the book's accounts",
    }.get(suggestion.kind, "Mean utilization (active ÷ licensed)")
    roles = tuple("status:red" if label in lagging else "series:0" for label in labels)
    return ChartSpec(
        kind=ChartKind.BAR,
        title=suggestion.title,
        categories=labels,
        series=(Series(what, values, "series:0", roles),),
        alt_text=f"Bar chart: {suggestion.evidence}.",
        value_axis_title=what,
        number_format="0%",
        value_max=max(1.0, *values),
        major_unit=0.25,
        source="your data, as QBR Studio reads it; red: what lags",
    )
