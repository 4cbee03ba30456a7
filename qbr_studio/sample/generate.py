"""Build the sample review that ``qbr-studio demo`` ships: a realistic, fully fictional book.

Maya Okafor, CSM on Northwind Analytics' Enterprise East team, presents her quarter: 40 accounts
with 18 months of usage, renewals and pipeline, stakeholders, tickets, NPS and email engagement,
plus the narrative she wrote (see :mod:`qbr_studio.sample.narratives`).

Every value comes from the hand-made tables in :mod:`qbr_studio.sample.names` and one
``random.Random`` with a fixed seed; dates are computed from the quarter, never from today, so
``build_sample_review(q)`` returns an identical review on every call and every machine.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from qbr_studio.analytics.periods import add_months
from qbr_studio.model import (
    Account,
    Book,
    Contact,
    DataSource,
    Engagement,
    Health,
    Meta,
    NpsResponse,
    Opportunity,
    OpportunityKind,
    Partner,
    Review,
    Risk,
    Sentiment,
    Stakeholder,
    Ticket,
    UsageMonth,
    parse_quarter,
)
from qbr_studio.sample import names, narratives
from qbr_studio.sample.names import AccountSeed, Profile

SEED = 20261210
"""Seed of the one random generator behind the sample; change it and every figure changes."""

USAGE_MONTHS = 18
"""Months of usage history per account, ending with the last month of the quarter."""

TICKET_MONTHS = 6
"""Months of support tickets in the book, ending at the data cut-off."""

HEALTH_OF_PROFILE: dict[Profile, Health] = {
    Profile.GROW: Health.GREEN,
    Profile.FLAT: Health.YELLOW,
    Profile.DECLINE: Health.RED,
    Profile.RECOVER: Health.YELLOW,
}
"""CRM health recorded for each usage story, so the CRM agrees with the usage data."""

RISK_OF_HEALTH: dict[Health, Risk] = {
    Health.GREEN: Risk.LOW,
    Health.YELLOW: Risk.MEDIUM,
    Health.RED: Risk.HIGH,
}


# --------------------------------------------------------------------------- dates


def month_end(day: dt.date) -> dt.date:
    """Last day of the month of ``day``."""
    return add_months(day, 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    """The dates of one review, all derived from its quarter.

    ``start``/``end``: first and last day of the quarter under review; ``last_month``: first day
    of its last month; ``meeting``: the peer-review meeting, the second Thursday of that month;
    ``cutoff``: the day the CSM pulled the exports (the Monday before the meeting), so no ticket,
    survey or email is dated after it; ``months``: the 18 usage months, oldest first;
    ``horizon_end``: last day of the second quarter after this one (end of "next two quarters").
    """

    quarter: str
    start: dt.date
    last_month: dt.date
    end: dt.date
    meeting: dt.date
    cutoff: dt.date
    months: tuple[dt.date, ...]
    horizon_end: dt.date

    @classmethod
    def of(cls, quarter: str) -> Calendar:
        year, q = parse_quarter(quarter)
        start = dt.date(year, 3 * q - 2, 1)
        last_month = add_months(start, 2)
        first_thursday = last_month + dt.timedelta(days=(3 - last_month.weekday()) % 7)
        meeting = first_thursday + dt.timedelta(days=7)
        return cls(
            quarter=f"{year}-Q{q}",
            start=start,
            last_month=last_month,
            end=month_end(last_month),
            meeting=meeting,
            cutoff=meeting - dt.timedelta(days=3),
            months=tuple(add_months(last_month, i - USAGE_MONTHS + 1) for i in range(USAGE_MONTHS)),
            horizon_end=month_end(add_months(last_month, 6)),
        )


# --------------------------------------------------------------------------- accounts


def _renewal_date(seed: AccountSeed, cal: Calendar, rng: random.Random) -> dt.date:
    """Renewal in the seed's month; one due this month falls between the meeting and month end."""
    month = add_months(cal.last_month, seed.renewal_offset)
    low = cal.meeting.day + 5 if seed.renewal_offset == 0 else 1
    return month.replace(day=rng.randint(low, 28))


def _seats(seed: AccountSeed, rng: random.Random) -> int:
    """Licensed seats: ARR over a per-seat price that rises with the number of products owned."""
    if seed.key == names.DEEP_DIVE_KEY:
        return 1400
    price = 340 + 70 * len(seed.products) + rng.uniform(-40, 40)
    return max(25, round(seed.arr / price / 5) * 5)


def _email(name: str, domain: str) -> str:
    parts = [re.sub(r"[^a-z]", "", p.lower()) for p in name.split() if not p.endswith(".")]
    return f"{parts[0]}.{parts[-1]}@{domain}"


def _account(
    seed: AccountSeed,
    cal: Calendar,
    rng: random.Random,
    stakeholders: list[Stakeholder],
) -> Account:
    renewal = _renewal_date(seed, cal, rng)
    years = 4 if seed.key == names.DEEP_DIVE_KEY else rng.randint(2, 7)
    while renewal.replace(year=renewal.year - years) > add_months(cal.months[0], -6):
        years += 1  # a customer since at least six months before the usage history starts
    contacts = stakeholders[: rng.randint(1, min(3, len(stakeholders)))]
    return Account(
        id=names.ACCOUNT_IDS[seed.key],
        name=seed.name,
        industry=seed.industry,
        segment=_segment(seed.arr),
        region=seed.region,
        products=[names.PRODUCTS[code] for code in seed.products],
        arr=float(seed.arr),
        licensed_seats=_seats(seed, rng),
        renewal_date=renewal,
        crm_health=HEALTH_OF_PROFILE[seed.profile],
        customer_since=renewal.replace(year=renewal.year - years),
        key_contacts=[
            Contact(name=s.name, role=s.role, email=_email(s.name, seed.domain)) for s in contacts
        ],
        account_manager=names.ACCOUNT_MANAGERS[seed.region],
        csm=names.CSM,
        partners=[Partner(name=seed.partner[0], role=seed.partner[1])] if seed.partner else [],
    )


def _segment(arr: int) -> str:
    """Strategic from $250k ARR, Enterprise from $100k, Commercial below."""
    if arr >= 250_000:
        return "Strategic"
    return "Enterprise" if arr >= 100_000 else "Commercial"


# --------------------------------------------------------------------------- stakeholders

_SENTIMENTS: dict[Health, tuple[tuple[Sentiment, ...], ...]] = {
    Health.GREEN: (
        (Sentiment.CHAMPION,),
        (Sentiment.CHAMPION, Sentiment.SUPPORTER),
        (Sentiment.SUPPORTER, Sentiment.NEUTRAL),
        (Sentiment.NEUTRAL, Sentiment.SUPPORTER),
    ),
    Health.YELLOW: (
        (Sentiment.SUPPORTER, Sentiment.NEUTRAL),
        (Sentiment.SUPPORTER,),
        (Sentiment.NEUTRAL,),
        (Sentiment.NEUTRAL, Sentiment.DETRACTOR),
    ),
    Health.RED: (
        (Sentiment.NEUTRAL, Sentiment.DETRACTOR),
        (Sentiment.NEUTRAL, Sentiment.SUPPORTER),
        (Sentiment.DETRACTOR, Sentiment.NEUTRAL),
        (Sentiment.DETRACTOR,),
    ),
}
"""Possible sentiment of the sponsor, data lead, IT lead and money person, by account health."""


def _person(rng: random.Random, used: set[str]) -> str:
    """A full name not used anywhere else in the book."""
    while True:
        name = f"{rng.choice(names.FIRST_NAMES)} {rng.choice(names.LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name


def _stakeholders(seed: AccountSeed, rng: random.Random, used: set[str]) -> list[Stakeholder]:
    """2–4 people (3–4 at strategic accounts): sponsor first, then data, IT and money."""
    account_id = names.ACCOUNT_IDS[seed.key]
    if seed.key == names.DEEP_DIVE_KEY:
        return [
            Stakeholder(account_id=account_id, name=n, role=r, interest=i, sentiment=Sentiment(s))
            for n, r, i, s in names.RIVERBEND_STAKEHOLDERS
        ]
    health = HEALTH_OF_PROFILE[seed.profile]
    count = rng.randint(3, 4) if seed.arr >= 250_000 else rng.randint(2, 4)
    slots = [names.EXEC_ROLES[seed.industry], *names.SUPPORT_ROLES][:count]
    people = []
    for slot, choices in enumerate(slots):
        role, interest = rng.choice(choices)
        people.append(
            Stakeholder(
                account_id=account_id,
                name=_person(rng, used),
                role=role,
                interest=interest,
                sentiment=rng.choice(_SENTIMENTS[health][slot]),
            )
        )
    return people


# --------------------------------------------------------------------------- usage

RIVERBEND_UTILIZATION = (
    0.74, 0.75, 0.76, 0.76, 0.77, 0.78, 0.77, 0.78, 0.71,
    0.58, 0.47, 0.44, 0.48, 0.53, 0.57, 0.61, 0.64, 0.66,
)  # fmt: skip
"""Deep-dive account, share of licensed users active each month: merger in month 9 (index 8)."""

RIVERBEND_KEY_SHARE = (
    0.45, 0.45, 0.46, 0.46, 0.47, 0.47, 0.46, 0.47, 0.44,
    0.36, 0.31, 0.29, 0.30, 0.33, 0.35, 0.37, 0.39, 0.41,
)  # fmt: skip
"""Deep-dive account, share of active users who build or schedule dashboards, each month."""

RIVERBEND_SEATS_BEFORE_MERGER = 1150
"""Deep-dive account's seats until the merger closed; St. Aldric's seats came the month after."""

EASTBROOK_UTILIZATION = (
    0.44, 0.45, 0.47, 0.46, 0.48, 0.49, 0.48, 0.50, 0.51,
    0.50, 0.52, 0.53, 0.52, 0.55, 0.61, 0.72, 0.81, 0.87,
)  # fmt: skip
"""The adoption achievement: advisors moved onto Insight when the old report portal was retired."""


def _smooth(x: float) -> float:
    """Smoothstep on [0, 1]: slow start, slow finish."""
    x = min(1.0, max(0.0, x))
    return x * x * (3 - 2 * x)


def _curves(seed: AccountSeed, rng: random.Random) -> tuple[list[float], list[float]]:
    """(share of licensed users active, share of active users on the key feature) per month."""
    n = USAGE_MONTHS
    if seed.key == names.DEEP_DIVE_KEY:
        return list(RIVERBEND_UTILIZATION), list(RIVERBEND_KEY_SHARE)
    if seed.profile is Profile.GROW:
        u0, u1 = rng.uniform(0.52, 0.66), rng.uniform(0.80, 0.91)
        k0, k1 = rng.uniform(0.30, 0.40), rng.uniform(0.46, 0.60)
        shape = [_smooth(t / (n - 1)) for t in range(n)]
        if seed.key == "eastbrook":
            return list(EASTBROOK_UTILIZATION), [k0 + (k1 - k0) * s for s in shape]
    elif seed.profile is Profile.FLAT:
        u0 = u1 = rng.uniform(0.55, 0.65)
        k0 = k1 = rng.uniform(0.14, 0.22)
        shape = [0.0] * n
    else:
        u0, u1 = rng.uniform(0.66, 0.74), rng.uniform(0.24, 0.36)
        k0, k1 = rng.uniform(0.28, 0.34), rng.uniform(0.09, 0.14)
        peak = rng.randint(6, 8)
        shape = [_smooth((t - peak) / (n - 1 - peak)) for t in range(n)]
    utilization = [u0 + (u1 - u0) * s + rng.gauss(0, 0.012) for s in shape]
    key_share = [k0 + (k1 - k0) * s + rng.gauss(0, 0.01) for s in shape]
    return utilization, key_share


def _usage(seed: AccountSeed, seats: int, cal: Calendar, rng: random.Random) -> list[UsageMonth]:
    """18 months of active, licensed and key-feature users (those who build or schedule
    dashboards, Insight's key feature), following the account's usage story."""
    utilization, key_share = _curves(seed, rng)
    rows = []
    for t, month in enumerate(cal.months):
        licensed = seats
        if seed.key == names.DEEP_DIVE_KEY and t <= names.RIVERBEND_MERGER_INDEX:
            licensed = RIVERBEND_SEATS_BEFORE_MERGER
        active = round(licensed * min(0.97, max(0.05, utilization[t])))
        rows.append(
            UsageMonth(
                account_id=names.ACCOUNT_IDS[seed.key],
                month=month,
                active_users=active,
                licensed_users=licensed,
                key_feature_users=round(active * min(0.9, max(0.02, key_share[t]))),
            )
        )
    return rows


# --------------------------------------------------------------------------- tickets

_TICKET_COUNT: dict[Health, tuple[int, int]] = {
    Health.GREEN: (1, 4),
    Health.YELLOW: (3, 6),
    Health.RED: (7, 11),
}
_SEVERITY_WEIGHTS: dict[Health, tuple[int, int, int, int]] = {
    Health.GREEN: (0, 10, 50, 40),
    Health.YELLOW: (3, 20, 50, 27),
    Health.RED: (10, 30, 45, 15),
}
"""Weights of severity 1 (critical) … 4 (low), by account health."""
_CATEGORY_WEIGHTS: dict[Health, tuple[int, ...]] = {
    # How-to, Data sync, Login & access, Performance, Bug, Feature request
    Health.GREEN: (20, 15, 10, 10, 15, 30),
    Health.YELLOW: (35, 20, 10, 10, 10, 15),
    Health.RED: (50, 20, 15, 5, 5, 5),
}
"""Ticket categories by health: immature adoption shows as how-to and access questions."""
_DAYS_TO_CLOSE: dict[int, tuple[int, int]] = {1: (1, 3), 2: (2, 9), 3: (3, 15), 4: (5, 25)}


def _tickets(seed: AccountSeed, cal: Calendar, rng: random.Random) -> list[Ticket]:
    """Support tickets opened in the last six months; the id is given later, in date order."""
    account_id = names.ACCOUNT_IDS[seed.key]
    if seed.key == names.DEEP_DIVE_KEY:
        return [
            _ticket(account_id, cal, days_ago, to_close, severity, category, subject)
            for days_ago, to_close, severity, category, subject in names.RIVERBEND_TICKETS
        ]
    health = HEALTH_OF_PROFILE[seed.profile]
    window = (cal.cutoff - add_months(cal.last_month, 1 - TICKET_MONTHS)).days
    categories = list(names.TICKET_SUBJECTS)
    tickets = []
    for _ in range(rng.randint(*_TICKET_COUNT[health])):
        severity = rng.choices((1, 2, 3, 4), weights=_SEVERITY_WEIGHTS[health])[0]
        category = rng.choices(categories, weights=_CATEGORY_WEIGHTS[health])[0]
        tickets.append(
            _ticket(
                account_id,
                cal,
                rng.randint(0, window),
                rng.randint(*_DAYS_TO_CLOSE[severity]),
                severity,
                category,
                rng.choice(names.TICKET_SUBJECTS[category]),
            )
        )
    return tickets


def _ticket(
    account_id: str,
    cal: Calendar,
    days_ago: int,
    to_close: int | None,
    severity: int,
    category: str,
    subject: str,
) -> Ticket:
    """A ticket opened ``days_ago`` days before the cut-off; still open if it closes after it."""
    opened = cal.cutoff - dt.timedelta(days=days_ago)
    closed = None if to_close is None else opened + dt.timedelta(days=to_close)
    if closed is not None and closed > cal.cutoff:
        closed = None
    return Ticket(
        account_id=account_id,
        opened=opened,
        closed=closed,
        severity=severity,
        subject=subject,
        category=category,
    )


def _number_tickets(tickets: list[Ticket]) -> list[Ticket]:
    """Sort by opening date and give help-desk style ids (#48213, #48214, ...)."""
    ordered = sorted(tickets, key=lambda t: (t.opened, t.account_id, t.subject))
    return [t.model_copy(update={"id": f"#{48213 + i}"}) for i, t in enumerate(ordered)]


# --------------------------------------------------------------------------- NPS, engagement

_SCORES: dict[Sentiment, tuple[int, ...]] = {
    Sentiment.CHAMPION: (9, 10, 10),
    Sentiment.SUPPORTER: (8, 8, 9),
    Sentiment.NEUTRAL: (6, 7, 7, 8),
    Sentiment.DETRACTOR: (3, 4, 5, 6),
}
"""Survey scores people give, by how they feel about us."""


def _nps(
    seed: AccountSeed,
    people: list[Stakeholder],
    cal: Calendar,
    rng: random.Random,
) -> list[NpsResponse]:
    """Answers to the two survey waves of the last six months, one or two people per wave."""
    health = HEALTH_OF_PROFILE[seed.profile]
    waves = (add_months(cal.last_month, -4), add_months(cal.last_month, -1))
    responses = []
    for wave in waves:
        for person in rng.sample(people, k=min(len(people), rng.randint(1, 2))):
            if rng.random() < 0.25:
                continue
            score = rng.choice(_SCORES[person.sentiment])
            if health is Health.RED:
                score = max(0, score - 2)
            band = "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"
            responses.append(
                NpsResponse(
                    account_id=person.account_id,
                    date=wave + dt.timedelta(days=9 + rng.randint(0, 6)),
                    score=score,
                    respondent=person.name,
                    comment=rng.choice(names.NPS_COMMENTS[band]),
                )
            )
    return responses


def _engagement(seed: AccountSeed, cal: Calendar, rng: random.Random) -> Engagement:
    """Our emails to the account this quarter, and the last two-way contact.

    Red and "silent" accounts barely open them and hardly ever answer: a warning sign.
    """
    account_id = names.ACCOUNT_IDS[seed.key]
    if seed.key == names.DEEP_DIVE_KEY:
        last, sent, opened, replies = 2, 18, 14, 7
    elif seed.profile is Profile.DECLINE or seed.key in names.SILENT_KEYS:
        sent = rng.randint(9, 15)
        last, opened = rng.randint(38, 75), round(sent * rng.uniform(0.08, 0.25))
        replies = rng.randint(0, 1)
    elif seed.profile is Profile.FLAT:
        sent = rng.randint(8, 14)
        last, opened = rng.randint(5, 30), round(sent * rng.uniform(0.45, 0.65))
        replies = round(sent * rng.uniform(0.15, 0.3))
    else:
        sent = rng.randint(8, 16)
        last, opened = rng.randint(1, 18), round(sent * rng.uniform(0.6, 0.85))
        replies = round(sent * rng.uniform(0.25, 0.5))
    return Engagement(
        account_id=account_id,
        last_contact=cal.cutoff - dt.timedelta(days=last),
        emails_sent=sent,
        emails_opened=opened,
        replies=min(replies, opened),
    )


# --------------------------------------------------------------------------- opportunities

_RENEWAL_NEXT_STEPS: dict[Risk, tuple[str, ...]] = {
    Risk.LOW: (
        "Send renewal quote with 3% uplift",
        "Confirm signatory and PO process",
        "Review value summary with sponsor, then quote",
        "Co-term add-on seats into renewal",
    ),
    Risk.MEDIUM: (
        "Agree success plan before quoting",
        "Usage review with sponsor, then quote",
        "Confirm budget holder for next year",
    ),
    Risk.HIGH: (
        "Exec sponsor call to confirm intent",
        "Re-onboarding plan before any quote",
        "Map new decision makers",
    ),
}
_LATE_STAGE_NEXT_STEPS: dict[str, str] = {
    "Commit": "Order form out for signature",
    "Negotiation": "Final terms with procurement",
}
"""Next step of a low-risk renewal that is already this far along."""

_RENEWAL_NEXT_STEP_OF: dict[str, str] = {
    "riverbend": "Recovery plan review with CMIO and CFO",
    "bayfield": "Owner call with our VP; offer 6-month term",
}


def _renewal_stage(days: int, risk: Risk) -> str:
    """How far a renewal has moved: closer dates are further along, risky ones lag a stage."""
    index = 4 if days <= 30 else 3 if days <= 75 else 2 if days <= 120 else 1
    if risk is Risk.MEDIUM:
        index -= 1
    if risk is Risk.HIGH:
        index = min(index - 1, 2)
    return names.STAGES[max(0, index)]


def _renewals(accounts: list[Account], cal: Calendar, rng: random.Random) -> list[Opportunity]:
    """A renewal opportunity for every account renewing before the end of the next two quarters.

    Amount is the ARR, with a 3–5 % uplift quoted at healthy accounts; owner is the account
    manager; risk follows the account's health.
    """
    keys = {v: k for k, v in names.ACCOUNT_IDS.items()}
    due = [a for a in accounts if a.renewal_date and a.renewal_date <= cal.horizon_end]
    opportunities = []
    for account in sorted(due, key=lambda a: (a.renewal_date, a.id)):
        assert account.renewal_date is not None and account.crm_health is not None
        risk = RISK_OF_HEALTH[account.crm_health]
        uplift = rng.choice((1.03, 1.04, 1.05)) if risk is Risk.LOW else 1.0
        stage = _renewal_stage((account.renewal_date - cal.meeting).days, risk)
        next_step = _RENEWAL_NEXT_STEP_OF.get(keys[account.id])
        if risk is Risk.LOW:
            next_step = next_step or _LATE_STAGE_NEXT_STEPS.get(stage)
        opportunities.append(
            Opportunity(
                id="",
                account_id=account.id,
                kind=OpportunityKind.RENEWAL,
                name=f"{account.name} renewal {account.renewal_date.year}",
                amount=round(account.arr * uplift / 500) * 500,
                close_date=account.renewal_date,
                stage=stage,
                risk=risk,
                next_step=next_step or rng.choice(_RENEWAL_NEXT_STEPS[risk]),
                owner=account.account_manager,
            )
        )
    return opportunities


def _expansions(accounts: list[Account], cal: Calendar) -> list[Opportunity]:
    """The expansion and cross-sell pipeline of :data:`names.EXPANSIONS`."""
    by_id = {a.id: a for a in accounts}
    opportunities = []
    for seed in names.EXPANSIONS:
        account = by_id[names.ACCOUNT_IDS[seed.key]]
        product = names.PRODUCTS[seed.product]
        if seed.kind == "cross_sell" and product in account.products:
            raise ValueError(f"{account.name} already owns {product}")
        month = add_months(cal.last_month, seed.months_ahead)
        opportunities.append(
            Opportunity(
                id="",
                account_id=account.id,
                kind=OpportunityKind(seed.kind),
                name=f"{account.name}: {seed.title}",
                amount=float(seed.amount),
                close_date=month.replace(day=22 if seed.months_ahead == 0 else 15),
                stage=seed.stage,
                risk=Risk(seed.risk),
                next_step=seed.next_step,
                owner=account.account_manager,
            )
        )
    return opportunities


def _number_opportunities(opportunities: list[Opportunity]) -> list[Opportunity]:
    """CRM-style ids in export order: OPP-2101, OPP-2102, ..."""
    return [o.model_copy(update={"id": f"OPP-{2101 + i}"}) for i, o in enumerate(opportunities)]


# --------------------------------------------------------------------------- sources


def _sources(book: Book, cal: Calendar) -> list[DataSource]:
    """The files the CSM imported, pulled on the cut-off day or the Friday before."""
    friday = cal.cutoff - dt.timedelta(days=3)
    return [
        DataSource(
            kind="accounts",
            file="Salesforce accounts export.xlsx",
            sheet="Accounts",
            rows=len(book.accounts),
            imported_on=cal.cutoff,
        ),
        DataSource(
            kind="usage",
            file="Product usage (monthly).csv",
            rows=len(book.usage),
            imported_on=cal.cutoff,
        ),
        DataSource(
            kind="opportunities",
            file="Salesforce opportunities export.xlsx",
            sheet="Open opportunities",
            rows=len(book.opportunities),
            imported_on=cal.cutoff,
        ),
        DataSource(
            kind="stakeholders",
            file="Stakeholder map.xlsx",
            sheet="People",
            rows=len(book.stakeholders),
            imported_on=friday,
        ),
        DataSource(
            kind="tickets",
            file="Zendesk tickets (last 6 months).csv",
            rows=len(book.tickets),
            imported_on=cal.cutoff,
        ),
        DataSource(
            kind="nps",
            file="NPS survey responses.csv",
            rows=len(book.nps),
            imported_on=friday,
        ),
        DataSource(
            kind="engagement",
            file="Email engagement this quarter.xlsx",
            sheet="By account",
            rows=len(book.engagement),
            imported_on=cal.cutoff,
        ),
    ]


# --------------------------------------------------------------------------- assembly


def build_book(cal: Calendar, rng: random.Random) -> Book:
    """Every table of the sample book, drawn from ``rng`` in one fixed order."""
    used_names = {row[0] for row in names.RIVERBEND_STAKEHOLDERS}
    accounts, usage, people, tickets, nps, engagement = [], [], [], [], [], []
    for seed in names.ACCOUNTS:
        mine = _stakeholders(seed, rng, used_names)
        account = _account(seed, cal, rng, mine)
        assert account.licensed_seats is not None
        accounts.append(account)
        people.extend(mine)
        usage.extend(_usage(seed, account.licensed_seats, cal, rng))
        tickets.extend(_tickets(seed, cal, rng))
        nps.extend(_nps(seed, mine, cal, rng))
        engagement.append(_engagement(seed, cal, rng))
    opportunities = _renewals(accounts, cal, rng) + _expansions(accounts, cal)
    book = Book(
        accounts=accounts,
        usage=usage,
        opportunities=_number_opportunities(opportunities),
        stakeholders=people,
        tickets=_number_tickets(tickets),
        nps=sorted(nps, key=lambda r: (r.date, r.account_id, r.respondent)),
        engagement=engagement,
    )
    book.sources = _sources(book, cal)
    return book


def build_sample_review(quarter: str = "2026-Q4") -> Review:
    """The demo review of ``quarter`` (e.g. ``"2026-Q4"``): identical on every call.

    Raises ValueError if ``quarter`` does not look like ``"2026-Q4"``.
    """
    cal = Calendar.of(quarter)
    book = build_book(cal, random.Random(SEED))
    return Review(
        meta=Meta(
            csm=names.CSM,
            team=names.TEAM,
            quarter=cal.quarter,
            meeting_date=cal.meeting,
            company=names.COMPANY,
            currency=names.CURRENCY,
        ),
        book=book,
        deep_dive=narratives.deep_dive(book, cal),
        achievements=narratives.achievements(book, cal),
        challenges=narratives.challenges(book, cal),
        communications=narratives.communications(book, cal),
        revenue=narratives.revenue(book, cal),
    )
