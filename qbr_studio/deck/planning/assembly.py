"""A deck assembled from parts onto one :class:`~qbr_studio.deck.planning.canvas.Canvas`.

A part is one slide builder applied to one review's content; the standard deck is one review's
parts in DECK.md order (:mod:`qbr_studio.deck.planning.compose`), a team meeting deck would be
several reviews' parts on the same canvas. Each review's figures are computed once however many
of its parts the deck holds; slides are numbered across the whole deck, and each carries the
footer of the review it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qbr_studio.deck.plan import DeckPlan, SlidePlan
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.planning.content import ReviewContent
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.furniture import furnish

Builder = Callable[[Context], list[SlidePlan]]
"""A slide builder: the slides of one part of a deck (none when the review has no content for
it)."""


@dataclass(frozen=True)
class Part:
    content: ReviewContent
    build: Builder


def assemble(canvas: Canvas, parts: Iterable[Part]) -> DeckPlan:
    """The deck of ``parts`` in order on ``canvas``: numbered, footed and laid on the layouts."""
    contexts: dict[ReviewContent, Context] = {}
    slides: list[SlidePlan] = []
    footers: list[str] = []
    for part in parts:
        content = part.content
        ctx = contexts.setdefault(content, Context(canvas, content))
        built = part.build(ctx)
        slides += built
        footers += [content.footer] * len(built)
    furnish(slides, footers, canvas)
    return canvas.deck(slides)
