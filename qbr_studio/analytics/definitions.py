"""The appendix's definitions of the computed figures, written from the rules in force, so the
text can never say something the code does not do."""

from __future__ import annotations

from qbr_studio.analytics.health import DEFAULT_SCORECARD, DriverKind, Scorecard
from qbr_studio.analytics.revenue import (
    AT_RISK_FORMULA,
    FORECAST_FORMULA,
    GRR_FORMULA,
    LTV_FORMULA,
    NRR_FORMULA,
)
from qbr_studio.analytics.risk import DEFAULT_RULES, RiskRules


def driver_definitions(card: Scorecard = DEFAULT_SCORECARD) -> list[tuple[str, str]]:
    """(driver label, how it is scored and its weight), for every driver with a weight."""
    c = card
    text = {
        DriverKind.UTILIZATION: (
            f"active ÷ licensed users in the latest month; 100 at {c.full_utilization:.0%} "
            "or more, linear below; the change shown is against "
            f"{c.lookback_days} days earlier."
        ),
        DriverKind.ACTIVE_USER_TREND: (
            f"average active users of the last {c.trend_months} months against the "
            f"{c.trend_months} before; 50 for no change, ±{100 / c.trend_slope:.0%} change "
            "scores 100 or 0."
        ),
        DriverKind.KEY_FEATURE_ADOPTION: (
            f"key-feature users ÷ active users in the latest month; 100 at "
            f"{c.full_adoption:.0%} or more."
        ),
        DriverKind.SUPPORT: (
            f"tickets opened in the last {c.lookback_days} days: 100, less "
            f"{c.severe_ticket_points:.0f} per P1–P{c.severe_severity}, "
            f"{c.other_ticket_points:.0f} per other and {c.rising_ticket_points:.0f} per ticket "
            f"more than the {c.lookback_days} days before."
        ),
        DriverKind.NPS: (
            f"NPS of the last {c.nps_window_days} days' responses (% 9–10 minus % 0–6), "
            "scored 50 + NPS ÷ 2."
        ),
        DriverKind.ENGAGEMENT: (
            f"mean of last-contact recency (100 within {c.contact_grace_days} days, 0 after "
            f"{c.contact_zero_after_days}) and replies ÷ emails sent (100 at "
            f"{c.full_reply_rate:.0%})."
        ),
        DriverKind.RENEWAL_PROXIMITY: (
            f"days to the renewal date; 100 at {c.renewal_full_days} or more, 0 on the day."
        ),
    }
    total = sum(c.weights.values())
    return [
        (kind.label, f"{text[kind]} Weight {weight / total:.0%}.")
        for kind, weight in c.weights.items()
        if weight > 0
    ]


def definitions(
    card: Scorecard = DEFAULT_SCORECARD, rules: RiskRules = DEFAULT_RULES
) -> list[tuple[str, str]]:
    """(term, definition) for the appendix: health, its drivers, risk and revenue figures."""
    near, far = rules.renewal_windows
    return [
        (
            "Health",
            "the weighted mean of the drivers that have data (a driver without data is left "
            "out and its weight not counted; confidence is the share of weight that had data, "
            f"and under {card.min_coverage:.0%} no score is given); "
            f"green from {card.green:g}, yellow from {card.yellow:g}, red below. The CRM's "
            "health and the CSM's override are shown beside it."
            + (f" Weights and thresholds: {card.source}." if card.source else ""),
        ),
        *driver_definitions(card),
        (
            "Renewal risk",
            "the opportunity's stated risk; else from the warning signs — high with 3 or more "
            f"signs, health red, or renewal within {near} days with health not green; medium "
            "with any sign or health yellow; low when green with none; else unknown. Signs: "
            f"utilization under {rules.low_utilization:.0%}; {rules.immature_tickets}+ how-to "
            f"or onboarding tickets {rules.mature_after_days}+ days after start; replies under "
            f"{rules.low_reply_rate:.0%} or no contact for {rules.silent_after_days} days; "
            f"opens under {rules.low_open_rate:.0%}; a detractor or a champion gone; renewal "
            f"within {far} days with health not green.",
        ),
        ("ARR at risk", AT_RISK_FORMULA.removeprefix("ARR at risk = ") + "."),
        ("Forecast", FORECAST_FORMULA.removeprefix("forecast = ") + "."),
        ("GRR", GRR_FORMULA.removeprefix("gross revenue retention = ") + "."),
        ("NRR", NRR_FORMULA.removeprefix("net revenue retention = ") + "."),
        ("LTV", LTV_FORMULA.removeprefix("LTV = ") + "."),
    ]
