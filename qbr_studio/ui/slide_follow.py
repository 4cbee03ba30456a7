"""Which slides of a plan show the part of the review being edited, and back: the one
mapping of :mod:`qbr_studio.model.agenda`, applied to a plan's slides."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qbr_studio.model.agenda import LOCATIONS, Location, locate

if TYPE_CHECKING:
    from qbr_studio.deck.plan import DeckPlan


def _first_table(plan: DeckPlan, indices: list[int]) -> int | None:
    from qbr_studio.deck.plan import Table

    for index in indices:
        if any(isinstance(element, Table) for element in plan.slides[index].elements):
            return index
    return None


def _shares_a_table_part(location: Location) -> bool:
    return any(
        other.table and other.sections == location.sections and other is not location
        for other in LOCATIONS.values()
    )


def slides_showing(plan: DeckPlan, root: str) -> list[int]:
    """Indices of the slides that show ``root`` (a review part, e.g. ``"communications"``),
    the one to show first leading; empty if the plan has none."""
    location = locate(root)
    if location is None:
        return []
    indices = [i for i, s in enumerate(plan.slides) if s.section in location.sections]
    if not location.table and not _shares_a_table_part(location):
        return indices
    first_table = _first_table(plan, indices)
    if first_table is None:  # nothing tabled yet: the part's own slides are all there is
        return indices
    if location.table:
        return [i for i in indices if i >= first_table]
    before = [i for i in indices if i < first_table]
    return before or [first_table]  # the patterns share the table's slide when it all fits


def root_showing(plan: DeckPlan, index: int) -> str | None:
    """The review part a slide shows (the first listed, for a slide showing several)."""
    for root in LOCATIONS:
        if index in slides_showing(plan, root):
            return root
    return None
