"""Review → slide plan: the standard deck of DECK.md, in order, numbered and footed, with the
template's colours for each kind of slide and its backdrops for the preview."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from qbr_studio.deck.plan import DeckPlan, SlidePlan
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.furniture import furnish
from qbr_studio.deck.planning.slides.achievements import achievements_slides
from qbr_studio.deck.planning.slides.appendix import appendix_slides
from qbr_studio.deck.planning.slides.challenges import challenges_slides
from qbr_studio.deck.planning.slides.deep_dive import health_slides, profile_slides
from qbr_studio.deck.planning.slides.glance import glance_slide
from qbr_studio.deck.planning.slides.opening import agenda_slide, title_slide
from qbr_studio.deck.planning.slides.revenue import actions_slides, growth_slides, renewals_slides
from qbr_studio.deck.reading.template import TemplateInfo
from qbr_studio.model import Review
from qbr_studio.model.deck_kinds import SlideKind

BUILDERS: tuple[Callable[[Context], list[SlidePlan]], ...] = (
    lambda ctx: [title_slide(ctx)],
    lambda ctx: [agenda_slide(ctx)],
    lambda ctx: [glance_slide(ctx)],
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


def compose(
    review: Review, info: TemplateInfo, media: Mapping[str, bytes] | None = None
) -> DeckPlan:
    """The deck of ``review`` on the template ``info``; ``media`` holds the review's pictures
    (name → bytes, as ``ReviewFile.media``), without which no logo is placed."""
    ctx = Context(review, info, media or {})
    slides = [slide for build in BUILDERS for slide in build(ctx)]
    footer = " · ".join(
        p for p in (review.meta.csm, review.meta.quarter_label, "Confidential") if p
    )
    layouts = {SlideKind.TITLE: info.title_layout, SlideKind.CONTENT: info.content_layout}
    furnish(slides, footer, info.footer_rect, layouts)
    return DeckPlan(
        slide_width=info.slide_width,
        slide_height=info.slide_height,
        palette=info.palette,
        heading_font=info.heading_font,
        body_font=info.body_font,
        slides=slides,
        template=info.path,
        footer_rect=info.footer_rect,
        title_rect=info.title_rect,
        palettes={kind: p for kind, p in info.palettes.items() if kind is not SlideKind.CONTENT},
        backdrops=dict(info.backdrops),
    )
