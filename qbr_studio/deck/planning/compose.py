"""Review → slide plan: the standard deck of DECK.md, one assembly of one review's parts, in
order, on the template's canvas."""

from __future__ import annotations

from collections.abc import Mapping

from qbr_studio.deck.plan import DeckPlan
from qbr_studio.deck.planning.assembly import Builder, Part, assemble
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.planning.content import ReviewContent
from qbr_studio.deck.planning.slides.achievements import achievements_slides
from qbr_studio.deck.planning.slides.appendix import appendix_slides
from qbr_studio.deck.planning.slides.challenges import challenges_slides
from qbr_studio.deck.planning.slides.deep_dive import health_slides, profile_slides
from qbr_studio.deck.planning.slides.glance import glance_slide
from qbr_studio.deck.planning.slides.opening import agenda_slide, title_slide
from qbr_studio.deck.planning.slides.revenue import actions_slides, growth_slides, renewals_slides
from qbr_studio.deck.planning.slides.since_last import since_last_slides
from qbr_studio.deck.planning.standard import PRODUCT_STANDARD, DeckStandard
from qbr_studio.deck.reading.template_info import TemplateInfo
from qbr_studio.model import Review

STANDARD_DECK: tuple[Builder, ...] = (
    lambda ctx: [title_slide(ctx)],
    lambda ctx: [agenda_slide(ctx)],
    lambda ctx: [glance_slide(ctx)],
    since_last_slides,
    profile_slides,
    health_slides,
    achievements_slides,
    challenges_slides,
    renewals_slides,
    growth_slides,
    actions_slides,
    appendix_slides,
)
"""The standard deck's parts, in order; a part with no content for this review is left out."""


def standard_parts(content: ReviewContent) -> list[Part]:
    """The standard deck's parts of one review."""
    return [Part(content, build) for build in STANDARD_DECK]


def compose(
    review: Review | ReviewContent,
    info: TemplateInfo | Canvas,
    media: Mapping[str, bytes] | None = None,
    standard: DeckStandard = PRODUCT_STANDARD,
) -> DeckPlan:
    """The standard deck of ``review`` on the template ``info`` (or a canvas already made of
    it); ``media`` holds the review's pictures (name → bytes, as ``ReviewFile.media``), without
    which no logo is placed; ``standard``: the team's health scorecard and slide budgets. A
    :class:`ReviewContent` (which carries its pictures and standard) is planned with the figures
    it has already computed, and keeps those it computes for other views."""
    canvas = info if isinstance(info, Canvas) else Canvas.of(info)
    if isinstance(review, ReviewContent):
        content = review
    else:
        content = ReviewContent(review, media or {}, standard)
    return assemble(canvas, standard_parts(content))
