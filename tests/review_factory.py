"""Small reviews built in code for deck tests that need a particular shape of content."""

from __future__ import annotations

import datetime as dt

from qbr_studio.model import (
    Account,
    Achievement,
    ActionItem,
    Book,
    Challenge,
    Communication,
    DeepDive,
    Meta,
    Opportunity,
    OpportunityKind,
    Revenue,
    Review,
    Sentiment,
    StakeholderNote,
    UsageMonth,
)

LOREM = (
    "Their board asked for a single view of patient flow across four hospitals after the "
    "merger. Each site still runs its own scheduling system, and the integration team is "
    "six months behind. Nurses re-key data twice a shift, which they hate. "
)


def small_review(*, narrative_repeats: int = 1, actions: int = 3) -> Review:
    accounts = [
        Account(
            id=f"acc-{i}",
            name=f"Account {i} Holdings",
            industry="Retail",
            products=["Insight Cloud"],
            arr=50_000 + i * 10_000,
            licensed_seats=100,
            renewal_date=dt.date(2027, 1 + i % 6, 15),
        )
        for i in range(10)
    ]
    usage = [
        UsageMonth(
            account_id=f"acc-{i}",
            month=dt.date(2026, m, 1),
            active_users=10 + i * 8 + m,
            licensed_users=100,
        )
        for i in range(10)
        for m in range(1, 13)
    ]
    opportunity = Opportunity(
        id="opp-1",
        account_id="acc-1",
        kind=OpportunityKind.EXPANSION,
        name="Analytics add-on",
        amount=80_000,
        stage="Proposal",
        close_date=dt.date(2027, 2, 1),
    )
    text = LOREM * narrative_repeats
    return Review(
        meta=Meta(
            csm="Maya Okafor",
            team="Enterprise East",
            quarter="2026-Q4",
            meeting_date=dt.date(2026, 12, 10),
        ),
        book=Book(accounts=accounts, usage=usage, opportunities=[opportunity]),
        deep_dive=DeepDive(
            account_id="acc-3",
            business_and_challenges=text,
            why_they_bought=text,
            health_story=text,
            stakeholders=[
                StakeholderNote(
                    name="Ann Lee", role="CIO", interest="Cost", sentiment=Sentiment.CHAMPION
                ),
                StakeholderNote(name="Bo Chen", role="CNO", interest="Nurse time"),
            ],
        ),
        achievements=[
            Achievement(
                account_id="acc-1",
                title="Cut handling time",
                metric="Minutes",
                unit="min",
                before=12,
                after=8,
                goal=9,
                story="Bot deflects tickets.",
            ),
        ],
        challenges=[
            Challenge(
                pattern="Reporting is barely used", evidence="12% use it", plan="Run workshops"
            )
        ],
        communications=[
            Communication(party="CIO", topic="Sponsor sync", when=dt.date(2026, 12, 1))
        ],
        revenue=Revenue(
            renewals_story="Renewals look safe.",
            growth_story="Grow analytics.",
            action_items=[
                ActionItem(
                    text=f"Action number {i}",
                    owner="Maya",
                    due=dt.date(2026, 11, 1) + dt.timedelta(days=i),
                )
                for i in range(actions)
            ],
        ),
    )


def scaled_review(factor: int) -> Review:
    """The sample review ``factor`` times as long: every narrative repeated ``factor`` times and
    every list the CSM writes (achievements, challenges, communications, action items, the
    stakeholder map) and the book's expansion opportunities ``factor`` times as many, each copy
    told apart by a "#k" suffix."""
    from qbr_studio.sample import build_sample_review

    review = build_sample_review()
    if factor == 1:
        return review

    def copies(items: list, field: str) -> list:
        return [
            item if k == 0 else item.model_copy(update={field: f"{getattr(item, field)} #{k}"})
            for k in range(factor)
            for item in items
        ]

    def longer(text: str) -> str:
        return " ".join([text.strip()] * factor)

    dive = review.deep_dive
    for name in ("business_and_challenges", "why_they_bought", "health_story"):
        setattr(dive, name, longer(getattr(dive, name)))
    dive.stakeholders = copies(
        dive.stakeholders or review.book.stakeholders_of(dive.account_id), "name"
    )
    review.achievements = copies(review.achievements, "title")
    for a in review.achievements:
        a.story = longer(a.story)
    review.challenges = copies(review.challenges, "pattern")
    for c in review.challenges:
        c.plan, c.evidence = longer(c.plan), longer(c.evidence)
    review.communications = copies(review.communications, "topic")
    review.revenue.action_items = copies(review.revenue.action_items, "text")
    review.revenue.renewals_story = longer(review.revenue.renewals_story)
    review.revenue.growth_story = longer(review.revenue.growth_story)
    growth = [o for o in review.book.opportunities if o.kind is not OpportunityKind.RENEWAL]
    review.book.opportunities += [
        o.model_copy(update={"id": f"{o.id}-{k}", "name": f"{o.name} #{k}"})
        for k in range(1, factor)
        for o in growth
    ]
    return review
