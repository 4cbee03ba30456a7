"""Slides 4–5: the deep-dive account — who they are and why they bought; their health.

The profile slide opens its facts panel with the customer's logo when the review has one.
"""

from __future__ import annotations

from qbr_studio.analytics.health import HealthScore
from qbr_studio.analytics.health_view import HealthView
from qbr_studio.charts import catalog
from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import Cell, Element, Paragraph, Picture, SlidePlan
from qbr_studio.deck.planning.blocks import chart_block, logo
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.facts import profile_facts
from qbr_studio.deck.planning.layout import content_height, fit_text, label_para
from qbr_studio.deck.planning.slides.common import (
    below,
    budgeted,
    content_slide,
    notes_text,
    spill_text,
    top_rows_table,
)
from qbr_studio.model import Account
from qbr_studio.model.deck_kinds import DeckSection

SECTION = DeckSection.DEEP_DIVE
STAKEHOLDERS_SHOWN = 5
"""Stakeholders the health slide's map shows (the first as the CSM lists them); the rest go to
the appendix."""
FACTS_SHOWN = 8
USAGE_WIDTH = 0.5
"""The health slide's left column (the usage line chart over the health story)."""
USAGE_HEIGHT = (0.6, 0.75)
"""Least and most of the left column's height the usage chart takes: a line chart of 12
months needs height to show its trend, so it takes all the story below leaves, within these."""
DRIVERS_HEIGHT = 0.6
"""Share of the right column's height the drivers chart takes, above the stakeholder map."""


def _facts(ctx: Context, account: Account) -> list[tuple[Cell, ...]]:
    """The profile's facts, worded once for the slide and the app (``facts.profile_facts``)."""
    return [(Cell(k, bold=True), Cell(v)) for k, v in profile_facts(ctx.review, account)]


def profile_slides(ctx: Context) -> list[SlidePlan]:
    dive = ctx.review.deep_dive
    account = ctx.account(dive.account_id)
    if account is None:
        return []
    left, right = ctx.body.split_columns((0.4, 0.6), style.GUTTER)
    picture = _logo(ctx, account, left)
    if picture is not None:
        left = below(left, picture.rect.bottom + style.GUTTER // 2)
    facts = top_rows_table(
        ctx,
        left,
        "Account facts",
        f"Facts about {account.name}",
        (Cell("Fact"), Cell(account.name)),
        _facts(ctx, account),
        (0.34, 0.66),
        limit=FACTS_SHOWN,
        alt_text=f"Facts about {account.name} from the CRM.",
    )
    texts = (
        ("Their business and challenges:", "business_and_challenges"),
        ("Why they bought:", "why_they_bought"),
    )
    named = [
        (f"{account.name}: {label[:-1].lower()}", label, getattr(dive, key), key)
        for label, key in texts
        if getattr(dive, key)
    ]
    shown = [
        (label, budgeted(ctx, SECTION, f"deep_dive.{key}", name, text))
        for name, label, text, key in named
    ]
    paragraphs = tuple(
        label_para(label, text, space_before=style.PARAGRAPH_GAP if i else 0)
        for i, (label, text) in enumerate(shown)
    )
    fitted = fit_text(right, paragraphs, "Business and why they bought", ctx.font)
    spill_text(ctx, SECTION, fitted.rest, [(name, text) for name, _, text, _ in named])
    renew = f", renewing {dive_month(account)}" if account.renewal_date else ""
    arr = f" — {ctx.money(account.arr)} ARR" if account.arr else ""
    title = f"Deep dive: {account.name}{arr}{renew}"
    notes = notes_text(
        dive.business_and_challenges,
        dive.why_they_bought,
        f"{account.name}: {account.industry}{arr.replace(' —', ',')}{renew}.",
    )
    elements: list[Element] = [*facts] if picture is None else [picture, *facts]
    if fitted.box:
        elements.append(fitted.box)
    return [content_slide(ctx, title, SECTION, elements, notes)]


def _logo(ctx: Context, account: Account, panel: Rect) -> Picture | None:
    """The customer's logo at the top of the facts panel, if the review has a usable one."""
    found = ctx.picture(ctx.review.deep_dive.logo)
    return None if found is None else logo(panel, *found, account.name)


def dive_month(account: Account) -> str:
    return f"{account.renewal_date:%b %Y}" if account.renewal_date else ""


def _stakeholder_rows(ctx: Context, account: Account) -> list[tuple[Cell, ...]]:
    notes = ctx.review.deep_dive.stakeholders
    people = [(s.name, s.role, s.interest, s.sentiment) for s in notes] or [
        (s.name, s.role, s.interest, s.sentiment)
        for s in ctx.review.book.stakeholders_of(account.id)
    ]
    return [
        (Cell(name, bold=True), Cell(role), Cell(interest), Cell(sentiment.label))
        for name, role, interest, sentiment in people
    ]


def _health_title(name: str, score: HealthScore, view: HealthView | None) -> str:
    """E.g. "Riverbend Health Network is green at 74/100 — support is the weak spot"; when the
    CRM, the data or the CSM disagree the title says so ("… is green by the data (CRM:
    yellow) at 76/100") and never calls the account one colour on its own."""
    if view is not None and view.disagreement is not None:
        at = f" at {score.score:.0f}/100" if score.score is not None else ""
        return f"{name} is {view.title_word}{at}"
    if score.health is None:
        return f"{name}: no data yet to score health"
    if score.score is None:
        return f"{name} is {score.health.label.lower()} in the CRM"
    title = f"{name} is {score.health.label.lower()} at {score.score:.0f}/100"
    if score.drivers:
        weakest = min(score.drivers, key=lambda d: d.score)
        title += f" — {weakest.name.split(' (')[0].lower()} is the weak spot"
    return title


def _usage_and_story(column: Rect, story: tuple[Paragraph, ...], font: str) -> tuple[Rect, Rect]:
    """The usage chart over the health story in ``column``: the story gets the height its
    text needs (the chart keeps at least the least share; what the story then cannot hold
    goes to the appendix), the chart the rest up to the most share."""
    gap = style.GUTTER // 2
    least, most = (round(column.h * share) for share in USAGE_HEIGHT)
    need = content_height(story, column.w, font) if story else 0
    chart_h = min(most, max(least, column.h - gap - need))
    return column.split_rows((chart_h / (column.h - gap), 1 - chart_h / (column.h - gap)), gap)


def health_slides(ctx: Context) -> list[SlidePlan]:
    dive = ctx.review.deep_dive
    account = ctx.account(dive.account_id)
    if account is None:
        return []
    score = ctx.figures.health[account.id]
    elements: list[Element] = []
    usage = catalog.usage_trend(ctx.review.book, account.id, account.name, ctx.source("usage"))
    drivers = catalog.health_drivers(score, account.name, "health score computed by QBR Studio")
    story_name = f"{account.name}: what is going on"
    story_text = budgeted(ctx, SECTION, "deep_dive.health_story", story_name, dive.health_story)
    story = (label_para("What is going on:", story_text),) if story_text else ()
    left, right = ctx.body.split_columns((USAGE_WIDTH, 1 - USAGE_WIDTH), style.GUTTER)
    text_l, table_r = left, right
    if usage:
        chart_l, text_l = _usage_and_story(left, story, ctx.font)
        elements += chart_block(chart_l, usage, "Usage trend", ctx.font)
    if drivers:
        chart_r, table_r = right.split_rows((DRIVERS_HEIGHT, 1 - DRIVERS_HEIGHT), style.GUTTER // 2)
        elements += chart_block(chart_r, drivers, "Health drivers", ctx.font)
    fitted = fit_text(text_l, story, "Health story", ctx.font)
    spill_text(ctx, SECTION, fitted.rest, [(story_name, dive.health_story)])
    if fitted.box:
        elements.append(fitted.box)
    rows = _stakeholder_rows(ctx, account)
    if rows:
        elements += top_rows_table(
            ctx,
            table_r,
            "Stakeholder map",
            f"Stakeholders of {account.name}",
            (Cell("Stakeholder"), Cell("Role"), Cell("Interest"), Cell("Sentiment")),
            rows,
            (0.22, 0.22, 0.38, 0.18),
            limit=STAKEHOLDERS_SHOWN,
            alt_text=f"Stakeholder map of {account.name}: name, role, interest and sentiment.",
        )
    health = score.health
    word = health.label.lower() if health else "unscored"
    view = ctx.content.analysis.views.get(account.id)
    title = _health_title(account.name, score, view)
    notes = notes_text(
        dive.health_story,
        view.disagreement + "." if view is not None and view.disagreement else "",
        f"Health score {score.score:.0f}/100 ({word})." if score.score is not None else "",
        "Drivers: " + "; ".join(f"{d.name} {d.score:.0f} — {d.detail}" for d in score.drivers)
        if score.drivers
        else "",
    )
    return [content_slide(ctx, title, SECTION, elements, notes)]
