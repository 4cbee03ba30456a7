"""Where on a deck a note belongs, and which item a point of a slide shows.

A note on an item (an achievement, an action item, a stakeholder…) goes on the slide that
shows that item, beside the row or paragraph that names it: the slides of the item's section
first (its "(cont.)" slides included), then the appendix, then any other slide. The item is
recognised by the words that name it (:func:`qbr_studio.feedback.anchors.label`) in the plan's
tables and text boxes (a note on a field of an item, by its item); a note on a field outside
any list by the field's own text. A note whose
item no deck slide shows, or that is detached, goes on the first slide of its section, or the
first slide. Only an item is looked for beyond its section: a field's words (a name, a date) may
well be shown elsewhere as something else.

The reverse, for comments peers left in PowerPoint: the item whose row or paragraph holds a
point of a slide (:func:`target_at`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import DeckPlan, SlidePlan, Table, TextBox
from qbr_studio.document import paths
from qbr_studio.feedback import anchors
from qbr_studio.model.agenda import LOCATIONS
from qbr_studio.model.deck_kinds import DeckSection

MASTER_UNITS_PER_INCH = 576
"""A legacy comment's position is in PowerPoint's master units, 576 to the inch."""
EMU_PER_MASTER_UNIT = 914_400 / MASTER_UNITS_PER_INCH
SHORTEST_STEM = 8
"""A cut-short cell ("Scrap rate down…") matches an item only on at least this many letters."""
NEAR = 91_440
"""A comment this close to a row or paragraph (EMU, a tenth of an inch) is on it: PowerPoint
puts a comment on a selected shape just beside its corner."""
FIELD_WORDS = 40
"""How much of a field's text is looked for on the slides."""


@dataclass(frozen=True)
class Place:
    """A slide (index in the deck) and a point on it, EMU; ``found`` if the slide shows the
    note's item or field (else it is the section's first slide, at its top-left)."""

    slide: int
    x: int = 0
    y: int = 0
    found: bool = False


@dataclass(frozen=True)
class _Spot:
    """A run of text on a slide: a table row (its cells) or a paragraph, with its box."""

    slide: int
    texts: tuple[str, ...]
    rect: Rect


def sections_of(target: str) -> tuple[DeckSection, ...]:
    """The deck sections that show what ``target`` is on (the agenda's one mapping,
    :data:`qbr_studio.model.agenda.LOCATIONS`); none for the whole review."""
    try:
        steps = anchors.parse(target)
    except ValueError:
        return ()
    location = LOCATIONS.get(str(steps[0])) if steps else None
    return location.sections if location else ()


def first_slide(plan: DeckPlan, sections: tuple[DeckSection, ...]) -> int:
    """The first slide of ``sections``; the first slide when the deck has none of them."""
    return next((i for i, s in enumerate(plan.slides) if s.section in sections), 0)


def place(plan: DeckPlan, review: Any, target: str) -> Place:
    """Where a note on ``target`` goes in the deck of ``plan``."""
    sections = sections_of(target)
    fallback = Place(first_slide(plan, sections))
    where = anchors.locate(review, target)
    if not where or not plan.slides:
        return fallback
    found = anchors.item_of(review, target)
    if found is not None:  # an item: the row or paragraph naming it, wherever the deck put it
        words = [_norm(anchors.label(found[1]))]
        order = _slide_order(plan, sections)
    else:  # a field outside any list: its own text, on its own section's slides
        value = paths.resolve(review, where)
        words = [_norm(value)[:FIELD_WORDS]] if isinstance(value, str) else []
        order = [i for i, s in enumerate(plan.slides) if s.section in sections]
    spots = [spot for index in order for spot in _spots(index, plan.slides[index])]
    for exact in (True, False):
        for spot in spots:
            if any(_matches(text, word, exact) for text in spot.texts for word in words):
                return Place(spot.slide, spot.rect.x, spot.rect.y, found=True)
    return fallback


def target_at(
    plan: DeckPlan,
    review: Any,
    slide: int,
    x: int,
    y: int,
    named: list[tuple[str, list[str]]] | None = None,
) -> str | None:
    """The target of the item whose row or paragraph on slide ``slide`` holds the point
    ``(x, y)`` (EMU); None if no item of the review is shown there, or two are. ``named`` is
    :func:`named_things` of ``review``, when already made (reading many comments)."""
    if not 0 <= slide < len(plan.slides):
        return None
    near = [(_distance(s.rect, x, y), s) for s in _spots(slide, plan.slides[slide])]
    near = [(distance, s) for distance, s in near if distance <= NEAR]
    if not near:
        return None
    texts = min(near, key=lambda pair: pair[0])[1].texts
    ranked: dict[tuple[int, int, int], set[str]] = {}
    for target, words in named if named is not None else named_things(review):
        ranks = [_rank(text, column, word) for column, text in enumerate(texts) for word in words]
        best = min((rank for rank in ranks if rank is not None), default=None)
        if best is not None:
            ranked.setdefault(best, set()).add(target)
    if not ranked:
        return None
    first = ranked[min(ranked)]
    return next(iter(first)) if len(first) == 1 else None  # two items alike: don't guess


def _rank(text: str, column: int, word: str) -> tuple[int, int, int] | None:
    """How well ``word`` names the row or paragraph holding ``text`` in ``column``: an exact
    cell first, then the leftmost column, then the earliest in its text; None: not at all."""
    if _matches(text, word, exact=True):
        return (0, column, 0)
    if _matches(text, word, exact=False):
        return (1, column, max(text.find(word), 0))
    return None


def to_master_units(emu: int) -> int:
    return round(emu / EMU_PER_MASTER_UNIT)


def from_master_units(value: int) -> int:
    return round(value * EMU_PER_MASTER_UNIT)


# --- helpers ---------------------------------------------------------------------------------


def _slide_order(plan: DeckPlan, sections: tuple[DeckSection, ...]) -> list[int]:
    own = [i for i, s in enumerate(plan.slides) if s.section in sections]
    appendix = [
        i for i, s in enumerate(plan.slides) if s.section == DeckSection.APPENDIX and i not in own
    ]
    rest = [i for i in range(len(plan.slides)) if i not in own and i not in appendix]
    return [*own, *appendix, *rest]


def _spots(index: int, slide: SlidePlan) -> Iterator[_Spot]:
    for element in slide.elements:
        if isinstance(element, Table):
            top = element.rect.y + element.row_heights[0] if element.row_heights else 0
            for row, height in zip(element.rows, element.row_heights[1:], strict=False):
                rect = Rect(element.rect.x, top, element.rect.w, height)
                yield _Spot(index, tuple(_norm(cell.text) for cell in row), rect)
                top += height
        elif isinstance(element, TextBox) and element.paragraphs:
            share = element.rect.h // len(element.paragraphs)
            for number, paragraph in enumerate(element.paragraphs):
                rect = Rect(element.rect.x, element.rect.y + number * share, element.rect.w, share)
                yield _Spot(index, (_norm(paragraph.text),), rect)


def named_things(review: Any) -> list[tuple[str, list[str]]]:
    """Every list item of the review with a name a slide could show, as (target, words);
    items that can't be told apart from another (the same id twice) are left out."""
    found: list[tuple[str, list[str]]] = []
    for field in LOCATIONS:
        _items_under(getattr(review, field, None), [field], found)
    return found


def _items_under(value: Any, at: list[anchors.Step], found: list[tuple[str, list[str]]]) -> None:
    if isinstance(value, list):
        named = [(item, anchors.label(item)) for item in value if not isinstance(item, str)]
        named = [(item, name) for item, name in named if name]
        if not named:
            return
        keys = [anchors.key_of(item) for item in value]
        twice = {key for key, count in Counter(keys).items() if count > 1}
        for item, name in named:
            key = anchors.key_of(item)
            if key not in twice:
                found.append((anchors.join([*at, key]), [_norm(name)]))
    elif hasattr(type(value), "model_fields"):
        for name in type(value).model_fields:
            _items_under(getattr(value, name), [*at, name], found)


_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _matches(text: str, word: str, exact: bool) -> bool:
    if not text or not word:
        return False
    if exact:
        return text == word
    if len(word) >= SHORTEST_STEM and word in text:
        return True
    stem = text.rstrip("…").rstrip()
    return text.endswith("…") and len(stem) >= SHORTEST_STEM and word.startswith(stem)


def _distance(rect: Rect, x: int, y: int) -> int:
    """How far ``(x, y)`` is outside ``rect`` (0 inside), across plus down, EMU."""
    return max(0, rect.x - x, x - rect.right) + max(0, rect.y - y, y - rect.bottom)
