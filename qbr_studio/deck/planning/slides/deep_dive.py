"""Slides 4–5: the deep-dive account — who they are and why they bought; their health.

The profile slide opens its facts panel with the customer's logo when the review has one.
"""

from __future__ import annotations

from qbr_studio.analytics.health import HealthScore
from qbr_studio.charts import catalog
from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import Cell, Element, Picture, SlidePlan
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.blocks import chart_block, logo
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.layout import fit_text, label_para
from qbr_studio.deck.planning.slides.common import (
    below,
    content_slide,
    continued_tables,
    continued_text,
    notes_text,
)
from qbr_studio.model import Account
from qbr_studio.model.deck_kinds import DeckSection

SECTION = DeckSection.DEEP_DIVE


def _facts(ctx: Context, account: Account) -> list[tuple[Cell, ...]]:
    contacts = "; ".join(f"{c.name} ({c.role})" if c.role else c.name for c in account.key_contacts)
    team = "; ".join(
        p
        for p in (
            f"AM {account.account_manager}" if account.account_manager else "",
            f"CSM {account.csm}" if account.csm else "",
        )
        if p
    )
    partners = "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in account.partners)
    rows = [
        ("Industry", account.industry),
        ("Products", ", ".join(account.products)),
        ("ARR", ctx.money(account.arr)),
        ("Renewal", formatting.day(account.renewal_date) if account.renewal_date else ""),
        (
            "Customer since",
            formatting.day(account.customer_since) if account.customer_since else "",
        ),
        ("Key contacts", contacts),
        ("Our team", team),
        ("Partners", partners),
    ]
    return [(Cell(k, bold=True), Cell(v)) for k, v in rows if v]


def profile_slides(ctx: Context) -> list[SlidePlan]:
    dive = ctx.review.deep_dive
    account = ctx.account(dive.account_id)
    if account is None:
        return []
    left, right = ctx.body.split_columns((0.4, 0.6), style.GUTTER)
    picture = _logo(ctx, account, left)
    if picture is not None:
        left = below(left, picture.rect.bottom + style.GUTTER // 2)
    pages = ctx.table(
        left,
        "Account facts",
        (Cell("Fact"), Cell(account.name)),
        _facts(ctx, account),
        (0.34, 0.66),
        alt_text=f"Facts about {account.name} from the CRM.",
    )
    paragraphs = tuple(
        label_para(label, text, space_before=style.PARAGRAPH_GAP if i else 0)
        for i, (label, text) in enumerate(
            (
                ("Their business and challenges:", dive.business_and_challenges),
                ("Why they bought:", dive.why_they_bought),
            )
        )
        if text
    )
    fitted = fit_text(right, paragraphs, "Business and why they bought", ctx.font)
    renew = f", renewing {dive_month(account)}" if account.renewal_date else ""
    title = f"Deep dive: {account.name} — {ctx.money(account.arr)} ARR{renew}"
    notes = notes_text(
        dive.business_and_challenges,
        dive.why_they_bought,
        f"{account.name}: {account.industry}, {ctx.money(account.arr)} ARR{renew}.",
    )
    elements: list[Element] = [pages[0]] if picture is None else [picture, pages[0]]
    if fitted.box:
        elements.append(fitted.box)
    slides = [content_slide(ctx, title, SECTION, elements, notes)]
    slides += continued_text(ctx, title, SECTION, fitted.rest, "Business (cont.)", notes)
    slides += continued_tables(ctx, title, SECTION, pages[1:], notes)
    return slides


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


def _health_title(name: str, score: HealthScore) -> str:
    """E.g. "Riverbend Health Network is green at 74/100 — support is the weak spot"."""
    if score.health is None:
        return f"{name}: no data yet to score health"
    if score.score is None:
        return f"{name} is {score.health.label.lower()} in the CRM"
    title = f"{name} is {score.health.label.lower()} at {score.score:.0f}/100"
    if score.drivers:
        weakest = min(score.drivers, key=lambda d: d.score)
        title += f" — {weakest.name.split(' (')[0].lower()} is the weak spot"
    return title


def health_slides(ctx: Context) -> list[SlidePlan]:
    dive = ctx.review.deep_dive
    account = ctx.account(dive.account_id)
    if account is None:
        return []
    score = ctx.figures.health[account.id]
    top, bottom = ctx.body.split_rows((0.52, 0.48), style.GUTTER // 2)
    chart_l, chart_r = top.split_columns((0.55, 0.45), style.GUTTER)
    text_l, table_r = bottom.split_columns((0.45, 0.55), style.GUTTER)
    elements: list[Element] = []
    usage = catalog.usage_trend(ctx.review.book, account.id, account.name, ctx.source("usage"))
    drivers = catalog.health_drivers(score, account.name, "health score computed by QBR Studio")
    if usage:
        elements += chart_block(chart_l, usage, "Usage trend", ctx.font)
    if drivers:
        elements += chart_block(chart_r, drivers, "Health drivers", ctx.font)
    if not usage and not drivers:
        text_l, table_r = ctx.body.split_columns((0.45, 0.55), style.GUTTER)
    story = (label_para("What is going on:", dive.health_story),) if dive.health_story else ()
    fitted = fit_text(text_l, story, "Health story", ctx.font)
    if fitted.box:
        elements.append(fitted.box)
    rows = _stakeholder_rows(ctx, account)
    pages = []
    if rows:
        pages = ctx.table(
            table_r,
            "Stakeholder map",
            (Cell("Stakeholder"), Cell("Role"), Cell("Interest"), Cell("Sentiment")),
            rows,
            (0.22, 0.22, 0.38, 0.18),
            alt_text=f"Stakeholder map of {account.name}: name, role, interest and sentiment.",
        )
        elements.append(pages[0])
    health = score.health
    word = health.label.lower() if health else "unscored"
    title = _health_title(account.name, score)
    notes = notes_text(
        dive.health_story,
        f"Health score {score.score:.0f}/100 ({word})." if score.score is not None else "",
        "Drivers: " + "; ".join(f"{d.name} {d.score:.0f} — {d.detail}" for d in score.drivers)
        if score.drivers
        else "",
    )
    slides = [content_slide(ctx, title, SECTION, elements, notes)]
    slides += continued_text(ctx, title, SECTION, fitted.rest, "Health story (cont.)", notes)
    slides += continued_tables(ctx, title, SECTION, pages[1:], notes)
    return slides
