"""The meeting's own charts: ARR by health per CSM and ARR at risk per CSM (the team's
renewals by month are the standard deck's chart, over every presenter's renewals)."""

from __future__ import annotations

from collections.abc import Callable

from qbr_studio.charts.catalog import health_label, health_role, money_format, totals_axis
from qbr_studio.charts.spec import ChartKind, ChartSpec, Series
from qbr_studio.deck.planning.formatting import RENEWAL_HORIZON
from qbr_studio.model import Health


def arr_by_health_per_csm(
    arr: dict[str, dict[Health | None, float]],
    money: Callable[[float], str],
    symbol: str,
) -> ChartSpec:
    """Stacked columns: each CSM's ARR split by account health, with the ARR of accounts that
    could not be scored as its own "Not scored" segment (drawn only when some CSM has any), so
    each column adds up to the CSM's book."""
    csms = tuple(arr)
    bands: tuple[Health | None, ...] = (Health.GREEN, Health.YELLOW, Health.RED)
    if any(arr[c].get(None) for c in csms):
        bands = (*bands, None)
    series = tuple(
        Series(health_label(h), tuple(arr[c].get(h, 0.0) for c in csms), health_role(h))
        for h in bands
    )
    totals = {c: sum(arr[c].values()) for c in csms}
    red = {c: arr[c].get(Health.RED, 0.0) for c in csms}
    worst = max(csms, key=lambda c: (red[c], c)) if csms else ""
    alt = (
        f"Stacked columns of ARR by account health for {len(csms)} CSMs; "
        f"{worst} carries the most red ARR, {money(red[worst])} of {money(totals[worst])}."
        if csms
        else "No CSM has accounts in their book."
    )
    top, step = totals_axis(max(totals.values(), default=0))
    return ChartSpec(
        kind=ChartKind.STACKED_COLUMN,
        title="ARR by health per CSM",
        categories=csms,
        series=series,
        alt_text=alt,
        value_axis_title="ARR",
        number_format=money_format(max(totals.values(), default=0), symbol),
        value_max=top,
        major_unit=step,
        data_labels=True,  # each band's ARR where its segment can hold the label
        totals=True,  # and each CSM's total above the column
        legend=True,
        source="each presenter's review; health scored from usage, support, NPS, engagement",
    )


def arr_at_risk_per_csm(
    at_risk: dict[str, float], money: Callable[[float], str], symbol: str
) -> ChartSpec:
    """Bars of renewal ARR at medium or high risk per CSM, largest first."""
    order = sorted(at_risk, key=lambda c: (-at_risk[c], c))
    values = tuple(at_risk[c] for c in order)
    total = sum(values)
    alt = (
        f"Bar chart of renewal ARR at medium or high risk per CSM: {money(total)} in all, "
        f"the most with {order[0]} ({money(values[0])})."
        if order and total
        else "No renewal in the period is at medium or high risk."
    )
    return ChartSpec(
        kind=ChartKind.BAR,
        title="Renewal ARR at risk per CSM",
        categories=tuple(order),
        series=(Series("ARR at risk", values, "status:red"),),
        alt_text=alt,
        value_axis_title="ARR at risk",
        number_format=money_format(max(values, default=0), symbol),
        source=f"renewals due in the next {RENEWAL_HORIZON} at medium or high risk",
    )
