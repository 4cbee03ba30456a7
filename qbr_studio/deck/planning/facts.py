"""What the data says about one account, in words: the one list of facts that the deep dive's
profile slide (its "Account facts" panel) and the app's deep-dive page both show, worded and
formatted once. The slide shows the :data:`PROFILE_FACTS` among them; the page shows more.
"""

from __future__ import annotations

from qbr_studio.analytics.health import DEFAULT_SCORECARD, Scorecard, score_account
from qbr_studio.deck.planning.formatting import day, money, percent
from qbr_studio.model import Account, Review, UsageMonth

PROFILE_FACTS = (
    "Industry",
    "Products",
    "ARR",
    "Renewal",
    "Usage",
    "Customer since",
    "Key contacts",
    "Our team",
    "Partners",
)
"""The facts on the profile slide, in its order (DECK.md: the deep dive's account facts)."""


def _people(people: list) -> str:
    return "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in people)


def account_facts(
    review: Review, account: Account, scored: bool = True, card: Scorecard = DEFAULT_SCORECARD
) -> dict[str, str]:
    """Label → text of everything known about ``account`` (``""`` where the data says
    nothing), in the order a reader takes them in. ``scored=False`` leaves out the health
    score, which takes the most work, for a caller that does not show it; ``card`` is the
    health scorecard in force."""
    book, currency = review.book, review.meta.currency
    usage = book.usage_of(account.id)
    latest = usage[-1] if usage else None
    util = latest.active_users / latest.licensed_users if latest and latest.licensed_users else None
    health = ""
    if scored:
        score = score_account(book, account, review.as_of, card=card)
        if score.score is not None and score.health is not None:
            health = f"{score.score:.0f}/100, {score.health.label.lower()} — {score.reason}"
    team = (
        f"AM {account.account_manager}" if account.account_manager else "",
        f"CSM {account.csm}" if account.csm else "",
    )
    opportunities = [o for o in book.opportunities if o.account_id == account.id]
    return {
        "Industry": account.industry,
        "Segment and region": " · ".join(x for x in (account.segment, account.region) if x),
        "Products": ", ".join(account.products),
        "ARR": money(account.arr, currency) if account.arr else "",
        "Licensed seats": f"{account.licensed_seats:,}" if account.licensed_seats else "",
        "Utilization": (
            f"{percent(util)} ({latest.active_users:,} of {latest.licensed_users:,} users)"
            if util is not None and latest is not None
            else ""
        ),
        "Key-feature adoption": _adoption(latest),
        "Usage": _measures(latest),
        "Renewal": day(account.renewal_date) if account.renewal_date else "",
        "Customer since": day(account.customer_since) if account.customer_since else "",
        "CRM health": account.crm_health.label if account.crm_health else "",
        "Health score": health,
        "Our team": "; ".join(p for p in team if p),
        "Account manager": account.account_manager,
        "CSM": account.csm,
        "Key contacts": _people(account.key_contacts),
        "Partners": _people(account.partners),
        "Open opportunities": "; ".join(
            f"{o.kind.label} {money(o.amount, currency)}"
            + (f", closes {day(o.close_date)}" if o.close_date else "")
            for o in opportunities
        ),
    }


def _adoption(latest: UsageMonth | None) -> str:
    """``"34% (41 of 120 active users, Nov 2026)"``; "" without key-feature data."""
    if latest is None or latest.key_feature_users is None or not latest.active_users:
        return ""
    share = min(1.0, latest.key_feature_users / latest.active_users)
    return (
        f"{percent(share)} ({latest.key_feature_users:,} of {latest.active_users:,} active "
        f"users, {latest.month:%b %Y})"
    )


def _measures(latest: UsageMonth | None) -> str:
    """``"Nov 2026: 1,240 sessions · 5,300 minutes · 420 key feature uses"``; "" when the
    usage data measures none of them."""
    if latest is None:
        return ""
    parts = [
        f"{value:,.0f} {label}"
        for value, label in (
            (latest.sessions, "sessions"),
            (latest.minutes, "minutes"),
            (latest.feature_uses, "key feature uses"),
        )
        if value is not None
    ]
    return f"{latest.month:%b %Y}: " + " · ".join(parts) if parts else ""


def profile_facts(review: Review, account: Account) -> list[tuple[str, str]]:
    """The profile slide's facts that the data gives, as (label, text)."""
    facts = account_facts(review, account, scored=False)
    return [(label, facts[label]) for label in PROFILE_FACTS if facts[label]]
