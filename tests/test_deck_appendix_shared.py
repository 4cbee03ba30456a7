"""The appendix's metric definitions are fitted once per canvas and shared by every review
laid out on it (a meeting deck's presenters): each review's appendix must be what a canvas of
its own gives, whatever the reviews before it on the shared canvas were."""

from __future__ import annotations

from qbr_studio.analytics.health import Scorecard
from qbr_studio.deck.plan import SlidePlan
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.planning.content import ReviewContent
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.slides.appendix import appendix_slides
from qbr_studio.deck.planning.standard import DeckStandard
from qbr_studio.model import Meta, Review
from qbr_studio.sample import build_sample_review


def _contents() -> list[ReviewContent]:
    with_sources = build_sample_review()
    without = build_sample_review()
    without.book.sources = []
    pack = DeckStandard(card=Scorecard(lookback_days=60, green=75, source="Team pack, v2"))
    return [
        ReviewContent(with_sources),
        ReviewContent(without),
        ReviewContent(with_sources, standard=pack),
        ReviewContent(without, standard=pack),
        ReviewContent(Review(meta=Meta(csm="Nobody", quarter="2026-Q4"))),
    ]


def _appendix(canvas: Canvas, content: ReviewContent) -> list[SlidePlan]:
    return appendix_slides(Context(canvas, content))


def test_a_shared_canvas_gives_each_review_its_own_appendix() -> None:
    contents = _contents()
    alone = [_appendix(Canvas.load(), c) for c in contents]
    shared = Canvas.load()
    for order in (contents, contents[::-1], contents + contents):
        assert [_appendix(shared, c) for c in order] == [alone[contents.index(c)] for c in order]


def test_the_definitions_differ_by_scorecard_and_column() -> None:
    contents = _contents()
    shared = Canvas.load()
    slides = [_appendix(shared, c) for c in contents[:4]]
    assert len({repr(s) for s in slides}) == 4
    assert len(shared.laid_out) == 4  # one fit per scorecard and column, not per review


def test_once_keeps_what_it_made_per_canvas() -> None:
    canvas, other = Canvas.load(), Canvas.load()
    made: list[int] = []

    def make() -> list[int]:
        made.append(1)
        return made

    assert canvas.once("k", make) is canvas.once("k", make)
    other.once("k", make)
    assert len(made) == 2
    assert canvas == other  # what it keeps is no part of the canvas's equality
