"""What the sample CSM wrote: deep dive, achievements, challenges, communications, revenue.

The texts read as an experienced CSM's notes, but every figure in them is computed from the
sample book, so the words always agree with the charts whatever quarter the sample is built for.
Lengths are kept to what the deck fits on a slide: deep-dive texts 50–90 words, achievement
stories at most 30, revenue stories 40–70, action items at most 12 words.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from qbr_studio.model import (
    Account,
    Achievement,
    AchievementKind,
    ActionItem,
    Book,
    Challenge,
    Communication,
    DeepDive,
    Health,
    Opportunity,
    OpportunityKind,
    Revenue,
    Risk,
    StakeholderNote,
    Status,
    UsageMonth,
)
from qbr_studio.sample import names

if TYPE_CHECKING:
    from qbr_studio.sample.generate import Calendar

MERGER_INDEX = names.RIVERBEND_MERGER_INDEX
"""Index in the 18 usage months of the month the deep-dive account's merger closed."""

HEALTHY_UNTIL_INDEX = 8
"""Index in the 18 usage months by which the red accounts had not yet started to slide."""

HOW_TO = "How-to"


# --------------------------------------------------------------------------- small helpers


def _id(key: str) -> str:
    return names.ACCOUNT_IDS[key]


def _account(book: Book, key: str) -> Account:
    account = book.account(_id(key))
    if account is None:
        raise KeyError(key)
    return account


def _utilization(row: UsageMonth) -> float:
    """Active over licensed users, 0–1."""
    return row.active_users / row.licensed_users if row.licensed_users else 0.0


def _key_share(row: UsageMonth) -> float:
    """Key-feature users over active users, 0–1."""
    return (row.key_feature_users or 0) / row.active_users if row.active_users else 0.0


def _pct(value: float) -> int:
    """A 0–1 share as a whole percentage."""
    return round(100 * value)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def money(amount: float) -> str:
    """Dollars the way a slide says them: $54k, $540k, $1.2M."""
    if amount >= 999_500:
        return f"${amount / 1_000_000:.1f}M"
    return f"${round(amount / 1000)}k"


def month_name(day: dt.date) -> str:
    return names.MONTH_NAMES[day.month - 1]


def working_day(day: dt.date) -> dt.date:
    """The day itself, or the Monday after it if it falls on a weekend."""
    return day + dt.timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def _next_month(cal: Calendar) -> str:
    """Name of the month after the quarter under review, when the next programs start."""
    return month_name(cal.end + dt.timedelta(days=1))


def number_word(n: int) -> str:
    """Numbers up to ten in words, as prose writes them; digits above."""
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


def _series(items: list[str]) -> str:
    """Join phrases as prose does: a; a and b; a, b and c."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _with_health(book: Book, health: Health) -> list[Account]:
    return [a for a in book.accounts if a.crm_health is health]


def _open_p2_tickets(book: Book, account_id: str) -> int:
    """How many severity-2 tickets of the account are still open at the data cut-off."""
    return sum(
        t.account_id == account_id and t.closed is None and t.severity == 2 for t in book.tickets
    )


# --------------------------------------------------------------------------- deep dive


def deep_dive(book: Book, cal: Calendar) -> DeepDive:
    """The deep dive on the regional hospital network recovering from its merger."""
    account = _account(book, names.DEEP_DIVE_KEY)
    assert account.customer_since is not None
    merger = cal.months[MERGER_INDEX]
    since = account.customer_since.year
    return DeepDive(
        account_id=account.id,
        business_and_challenges=(
            f"Since absorbing St. Aldric Medical Group in {month_name(merger)} {merger.year}, "
            "Riverbend runs nine hospitals and 60 clinics across the Mid-Atlantic. "
            "Operating margin is under 2%, nurse vacancies sit near 14%, and the board expects "
            "$38M of merger synergies within two years. Leadership must standardize capacity, "
            "staffing and cost-per-case reporting across two cultures and one new EHR, while "
            "payers push harder on value-based contracts."
        ),
        why_they_bought=(
            f"Riverbend bought Insight and Pipelines in {since} because capacity decisions ran "
            "on day-old spreadsheets: bed managers rebuilt the census by hand every morning and "
            "ED boarding times passed six hours. They wanted one near-real-time view of beds, "
            f"staffing and discharges across sites. Forecast followed in {since + 1} to predict "
            "admissions 72 hours ahead, and it now drives the daily staffing huddle."
        ),
        health_story=_health_story(book, account),
        stakeholders=[
            StakeholderNote(name=s.name, role=s.role, interest=s.interest, sentiment=s.sentiment)
            for s in book.stakeholders_of(account.id)
        ],
    )


def _health_story(book: Book, account: Account) -> str:
    """The dip and recovery of the deep-dive account, told with its own usage and tickets."""
    usage = book.usage_of(account.id)
    before, merger, now = usage[MERGER_INDEX - 1], usage[MERGER_INDEX], usage[-1]
    trough_index = min(range(len(usage)), key=lambda i: _utilization(usage[i]))
    trough = usage[trough_index]
    rebuilt = usage[min(trough_index + 1, len(usage) - 1)]
    open_p2 = _open_p2_tickets(book, account.id)
    return (
        f"Utilization held near {_pct(_utilization(before))}% until the "
        f"{month_name(merger.month)} merger added "
        f"{now.licensed_users - merger.licensed_users} St. Aldric seats and the move to one EHR "
        f"broke our data feeds. By {month_name(trough.month)} only "
        f"{_pct(_utilization(trough))}% of licensed users were active. Larkspur rebuilt the "
        f"feeds in {month_name(rebuilt.month)} and usage has climbed every month since, to "
        f"{_pct(_utilization(now))}% ({now.active_users:,} of {now.licensed_users:,}). "
        f"Dashboard building lags at {_pct(_key_share(now))}% of active users, and "
        f"{number_word(open_p2)} P2 feed-latency tickets are still open."
    )


# --------------------------------------------------------------------------- achievements


def achievements(book: Book, cal: Calendar) -> list[Achievement]:
    """Four wins of the quarter: two business outcomes, one adoption, one innovation."""
    eastbrook = book.usage_of(_id("eastbrook"))
    start, now = eastbrook[-4], eastbrook[-1]
    return [
        Achievement(
            id="ach-1",
            account_id=_id("halvorsen"),
            kind=AchievementKind.BUSINESS_OUTCOME,
            title="Scrap rate down by a third on CNC lines",
            metric="Scrap rate, CNC lines",
            unit="%",
            before=4.8,
            after=3.1,
            goal=3.0,
            story=(
                "Shift leads spot tool drift on live Insight dashboards within hours instead "
                "of at the monthly quality review."
            ),
        ),
        Achievement(
            id="ach-2",
            account_id=_id("eastbrook"),
            kind=AchievementKind.ADOPTION,
            title="Advisors moved onto Insight campus-wide",
            metric="Seat utilization",
            unit="%",
            before=float(_pct(_utilization(start))),
            after=float(_pct(_utilization(now))),
            goal=85.0,
            story=(
                "We retired the legacy report portal with IT and ran advisor office hours; "
                f"{now.active_users:,} of {now.licensed_users:,} licensed staff now use Insight "
                "monthly."
            ),
        ),
        Achievement(
            id="ach-3",
            account_id=_id("calder"),
            kind=AchievementKind.INNOVATION,
            title="Live spoilage alerts from trailer sensors",
            metric="Loads monitored live",
            unit="%",
            before=0.0,
            after=64.0,
            goal=80.0,
            story=(
                "Their data team streams 2,300 reefer-trailer sensors through Pipelines and asks "
                "Assist which loads are at risk before they leave the dock."
            ),
        ),
        Achievement(
            id="ach-4",
            account_id=_id("fairmont"),
            kind=AchievementKind.BUSINESS_OUTCOME,
            title="Out-of-stocks cut across 140 stores",
            metric="Out-of-stock rate",
            unit="%",
            before=7.2,
            after=4.6,
            goal=5.0,
            story=(
                "Replenishment now runs on the Forecast demand model instead of last year's "
                "sales, so buyers reorder before shelves empty."
            ),
        ),
    ]


# --------------------------------------------------------------------------- challenges


def challenges(book: Book, cal: Calendar) -> list[Challenge]:
    """Three patterns across the book, each with evidence computed from the data."""
    return [
        _stalled_adoption(book, cal),
        _viewers_not_builders(book, cal),
        _silent_accounts(book, cal),
    ]


def _stalled_adoption(book: Book, cal: Calendar) -> Challenge:
    red = _with_health(book, Health.RED)
    ids = {a.id for a in red}
    then = _mean([_utilization(book.usage_of(a.id)[HEALTHY_UNTIL_INDEX]) for a in red])
    now = _mean([_utilization(book.usage_of(a.id)[-1]) for a in red])
    tickets = [t for t in book.tickets if t.account_id in ids]
    how_to = sum(t.category == HOW_TO for t in tickets)
    due_soon = [a for a in red if a.renewal_date and a.renewal_date <= cal.horizon_end]
    return Challenge(
        id="chl-1",
        pattern="Usage collapses when nobody owns adoption after go-live",
        evidence=(
            f"{number_word(len(red)).capitalize()} red accounts ({money(sum(a.arr for a in red))} "
            f"ARR) fell from {_pct(then)}% to {_pct(now)}% average utilization since "
            f"{month_name(cal.months[HEALTHY_UNTIL_INDEX])}; {len(tickets)} tickets in six months, "
            f"{_pct(how_to / len(tickets))}% of them how-to questions."
        ),
        plan=(
            "A named customer champion and a 30-day adoption sprint per account, weekly admin "
            f"office hours, and an exec sponsor call before each renewal; the "
            f"{number_word(len(due_soon))} renewals due by {month_name(cal.horizon_end)} go to "
            "the weekly forecast call."
        ),
        account_ids=[a.id for a in red],
    )


def _viewers_not_builders(book: Book, cal: Calendar) -> Challenge:
    flat = [a for a in _with_health(book, Health.YELLOW) if a.id != _id(names.DEEP_DIVE_KEY)]
    green = _with_health(book, Health.GREEN)
    flat_share = _mean([_key_share(book.usage_of(a.id)[-1]) for a in flat])
    green_share = _mean([_key_share(book.usage_of(a.id)[-1]) for a in green])
    flat_use = _mean([_utilization(book.usage_of(a.id)[-1]) for a in flat])
    return Challenge(
        id="chl-2",
        pattern="Viewers, not builders: few users create or schedule dashboards",
        evidence=(
            f"In {number_word(len(flat))} yellow accounts only {_pct(flat_share)}% of active "
            f"users build or schedule dashboards, against {_pct(green_share)}% in green accounts; "
            f"utilization has sat near {_pct(flat_use)}% for 18 months."
        ),
        plan=(
            f"Builder certification cohort with Marketing in {_next_month(cal)}: two certified "
            "builders per account, an industry template pack, and a 60-day check on dashboards "
            "created."
        ),
        account_ids=[a.id for a in flat],
    )


def _silent_accounts(book: Book, cal: Calendar) -> Challenge:
    silent = [e for e in book.engagement if e.emails_sent and e.emails_opened / e.emails_sent < 0.3]
    ids = [e.account_id for e in silent]
    arr = sum(a.arr for a in book.accounts if a.id in ids)
    sent = sum(e.emails_sent for e in silent)
    opened = sum(e.emails_opened for e in silent)
    replies = sum(e.replies for e in silent)
    days = _mean([(cal.cutoff - e.last_contact).days for e in silent if e.last_contact])
    return Challenge(
        id="chl-3",
        pattern="Silent stakeholders: our emails go unopened before renewals",
        evidence=(
            f"{number_word(len(silent)).capitalize()} accounts ({money(arr)} ARR) opened "
            f"{_pct(opened / sent)}% of our {sent} emails this quarter and replied {replies} "
            f"times; the last two-way contact was {round(days)} days ago on average."
        ),
        plan=(
            "Stop relying on email: account managers call each sponsor, our VP writes to the "
            "executives behind high-risk renewals, and partners introduce us on site where "
            "they are engaged."
        ),
        account_ids=ids,
    )


# --------------------------------------------------------------------------- communications


def communications(book: Book, cal: Calendar) -> list[Communication]:
    """Who the CSM is talking to about the challenges and the deep dive, and where that stands."""
    corliss = _account(book, "corliss")
    sponsor = book.stakeholders_of(corliss.id)[0]

    def day(offset: int) -> dt.date:
        return working_day(cal.meeting + dt.timedelta(days=offset))

    rows = (
        ("Dr. Alana Whitcombe, Riverbend CMIO", "Adoption recovery plan and renewal scope",
         -9, Status.DONE),
        ("Support leadership (our side)", "How-to ticket pattern in the red accounts",
         -14, Status.DONE),
        ("Gordon Pike, Riverbend CIO", "EHR integration roadmap and vendor consolidation",
         6, Status.NOT_STARTED),
        (f"{sponsor.name}, Corliss {sponsor.role}", "Exec-to-exec call with our VP",
         8, Status.IN_PROGRESS),
        ("Product management, Insight", "Builder onboarding gaps seen in yellow accounts",
         12, Status.IN_PROGRESS),
        ("Marketing, customer programs", f"{_next_month(cal)} builder certification cohort",
         20, Status.IN_PROGRESS),
    )  # fmt: skip
    return [
        Communication(id=f"com-{i}", party=party, topic=topic, when=day(offset), status=status)
        for i, (party, topic, offset, status) in enumerate(rows, start=1)
    ]


# --------------------------------------------------------------------------- revenue


def revenue(book: Book, cal: Calendar) -> Revenue:
    """The renewals and growth stories and the action items to close them."""
    return Revenue(
        renewals_story=_renewals_story(book, cal),
        growth_story=_growth_story(book),
        action_items=_action_items(book, cal),
    )


def _of_kind(book: Book, *kinds: OpportunityKind) -> list[Opportunity]:
    return [o for o in book.opportunities if o.kind in kinds]


def _renewals_story(book: Book, cal: Calendar) -> str:
    renewals = _of_kind(book, OpportunityKind.RENEWAL)
    low = [o for o in renewals if o.risk is Risk.LOW]
    high = sorted((o for o in renewals if o.risk is Risk.HIGH), key=lambda o: -o.amount)
    riverbend = next(o for o in renewals if o.account_id == _id(names.DEEP_DIVE_KEY))
    biggest = book.account(high[0].account_id)
    assert biggest is not None and high[0].close_date is not None
    committed = sum(o.amount for o in renewals if o.risk is not Risk.HIGH) - riverbend.amount
    return (
        f"Renewals due by {month_name(cal.horizon_end)} {cal.horizon_end.year} total "
        f"{money(sum(o.amount for o in renewals))} across {number_word(len(renewals))} "
        f"accounts; {number_word(len(low))} are low risk and quoted with a 3–5% uplift. The "
        f"exposure is {number_word(len(high))} red accounts worth "
        f"{money(sum(o.amount for o in high))}, led by {biggest.name} "
        f"({money(high[0].amount)}, {month_name(high[0].close_date)}), plus Riverbend at "
        f"{money(riverbend.amount)}, which rides on the recovery plan. I commit "
        f"{money(committed)}, {money(committed + riverbend.amount)} if Riverbend renews."
    )


def _growth_story(book: Book) -> str:
    pipeline = sorted(
        _of_kind(book, OpportunityKind.EXPANSION, OpportunityKind.CROSS_SELL),
        key=lambda o: -o.amount,
    )
    late = sum(o.amount for o in pipeline if o.stage in names.STAGES[2:])
    top = [_opportunity_phrase(book, o) for o in pipeline[:2]]
    return (
        f"The expansion pipeline holds {number_word(len(pipeline))} opportunities worth "
        f"{money(sum(o.amount for o in pipeline))}, {money(late)} of it in Proposal or later. "
        f"The biggest are {_series(top)}. Cross-sell leads with Assist and Forecast where "
        "Insight use is already high. I am holding expansion at yellow and red accounts, "
        "Riverbend included, until adoption recovers."
    )


def _opportunity_phrase(book: Book, opportunity: Opportunity) -> str:
    """ "Assist for engineering teams at Kestrel Aerospace Systems ($95k, Proposal)"."""
    account = book.account(opportunity.account_id)
    title = opportunity.name.split(": ", 1)[-1]
    where = f" at {account.name}" if account else ""
    return f"{title}{where} ({money(opportunity.amount)}, {opportunity.stage})"


def _action_items(book: Book, cal: Calendar) -> list[ActionItem]:
    """Seven items to close, one of them overdue (due before the meeting and not done)."""
    bayfield, hartwell = _account(book, "bayfield"), _account(book, "hartwell")
    assert bayfield.renewal_date is not None and hartwell.renewal_date is not None
    riverbend = _account(book, names.DEEP_DIVE_KEY)
    open_p2 = _open_p2_tickets(book, riverbend.id)

    def day(offset: int) -> dt.date:
        return working_day(cal.meeting + dt.timedelta(days=offset))

    rows = (
        ("Confirm Riverbend renewal scope and 3-year option with CFO", "riverbend",
         riverbend.account_manager, day(13), Status.IN_PROGRESS),
        (f"Close Riverbend's {number_word(open_p2)} open feed-latency tickets with Larkspur",
         "riverbend",
         names.CSM, day(-3), Status.IN_PROGRESS),
        (f"VP call with Bayfield owner before {month_name(bayfield.renewal_date)} renewal",
         "bayfield", bayfield.account_manager, day(4), Status.NOT_STARTED),
        ("Send Summitcare 30-day adoption sprint plan", "summitcare", names.CSM, day(-7),
         Status.DONE),
        ("Get Hartwell renewal order form signed", "hartwell", hartwell.account_manager,
         min(day(5), hartwell.renewal_date), Status.IN_PROGRESS),
        ("Book Tidewater re-onboarding on site with plant managers", "tidewater", names.CSM,
         day(25), Status.BLOCKED),
        ("Present Assist pilot results to Kestrel VP Operations", "kestrel",
         _account(book, "kestrel").account_manager, day(30), Status.NOT_STARTED),
    )  # fmt: skip
    return [
        ActionItem(
            id=f"act-{i}", text=text, account_id=_id(key), owner=owner, due=due, status=status
        )
        for i, (text, key, owner, due, status) in enumerate(rows, start=1)
    ]
