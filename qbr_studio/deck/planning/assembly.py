"""A deck assembled from parts onto one :class:`~qbr_studio.deck.planning.canvas.Canvas`.

A part is one slide builder applied to one review's content; the standard deck is one review's
parts in DECK.md order (:mod:`qbr_studio.deck.planning.compose`), a team meeting deck would be
several reviews' parts on the same canvas. Each review's figures are computed once however many
of its parts the deck holds; slides are numbered across the whole deck, and each carries the
footer of the review it came from.

A team's slide budgets (most slides per agenda part of one review) are kept here, for every
deck alike: a part's slides past its budget move to just after that review's appendix (to the
deck's end when it has none), and the part's last slide kept says how many moved and where.
Nothing is dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import Align, DeckPlan, SlidePlan, TextBox
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.planning.content import ReviewContent
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.furniture import furnish
from qbr_studio.deck.planning.layout import para
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.wording import plural

Builder = Callable[[Context], list[SlidePlan]]
"""A slide builder: the slides of one part of a deck (none when the review has no content for
it)."""


@dataclass(frozen=True)
class Part:
    content: ReviewContent
    build: Builder
    budgeted: bool = True
    """Whether the slide budgets count this part's slides (a meeting's own opening is not a
    presenter's part)."""


@dataclass
class _Moved:
    """Slides of one review's agenda part that went over its budget."""

    kept: SlidePlan
    """The part's last slide within the budget: it says where the rest went."""
    slides: list[SlidePlan]
    budget: int


def assemble(canvas: Canvas, parts: Iterable[Part]) -> DeckPlan:
    """The deck of ``parts`` in order on ``canvas``: numbered, footed and laid on the layouts,
    each review's parts within the slide budgets of its standard (``ReviewContent.standard``;
    see the module's docstring)."""
    contexts: dict[ReviewContent, Context] = {}
    placed: list[tuple[SlidePlan, ReviewContent]] = []
    counted: Counter[tuple[ReviewContent, DeckSection]] = Counter()
    last_kept: dict[tuple[ReviewContent, DeckSection], SlidePlan] = {}
    moved: dict[tuple[ReviewContent, DeckSection], _Moved] = {}
    waiting: dict[ReviewContent, list[SlidePlan]] = {}
    for part in parts:
        content = part.content
        ctx = contexts.setdefault(content, Context(canvas, content))
        built = part.build(ctx)
        for slide in built:
            key = (content, slide.section)
            counted[key] += 1
            budget = content.standard.budgets.get(slide.section) if part.budgeted else None
            if budget is None or counted[key] <= budget:
                placed.append((slide, content))
                last_kept[key] = slide
                continue
            if key not in moved:
                moved[key] = _Moved(last_kept[key], [], budget)
            moved[key].slides.append(slide)
            waiting.setdefault(content, []).append(slide)
        if any(s.section is DeckSection.APPENDIX for s in built):
            placed += [(s, content) for s in waiting.pop(content, [])]
    placed += [(s, content) for content, rest in waiting.items() for s in rest]
    slides = [slide for slide, _ in placed]
    _say_where(slides, moved.values(), canvas)
    furnish(slides, [content.footer for _, content in placed], canvas)
    return canvas.deck(slides)


def _say_where(slides: list[SlidePlan], moved: Iterable[_Moved], canvas: Canvas) -> None:
    """On each part's last slide within its budget, a line naming the slides moved to the
    appendix (by their numbers in this deck), and the same in its speaker notes; the moved
    slides become the appendix's."""
    number = {id(s): i for i, s in enumerate(slides, start=1)}
    for m in moved:
        section = m.kept.section
        first, last = number[id(m.slides[0])], number[id(m.slides[-1])]
        where = f"slide {first}" if first == last else f"slides {first}–{last}"
        text = (
            f"+ {plural(len(m.slides), f'more {section.value} slide')} in the appendix "
            f"({where}), over the team's budget of {m.budget}"
        )
        m.kept.elements.append(_note_box(text, canvas))
        m.kept.notes = f"{m.kept.notes}\n\n{text}." if m.kept.notes else f"{text}."
        for slide in m.slides:
            slide.section = DeckSection.APPENDIX
            slide.notes = (
                f"Moved to the appendix from {section.value}, over the team's slide budget. "
                + slide.notes
            ).strip()


def _note_box(text: str, canvas: Canvas) -> TextBox:
    """The line under the body, above the footer band (inside the body's foot when the
    template leaves no room there)."""
    body, foot = canvas.body_rect, canvas.footer_rect
    room = foot.y - body.bottom if foot.h > 0 else style.CAPTION_H
    if room >= style.CAPTION_H * 3 // 4:
        rect = Rect(body.x, body.bottom, body.w, min(room, style.CAPTION_H))
    else:
        rect = Rect(body.x, body.bottom - style.CAPTION_H, body.w, style.CAPTION_H)
    line = para(text, style.CAPTION_SIZE, color="muted", align=Align.RIGHT)
    return TextBox(rect, (line,), "Budget note")
