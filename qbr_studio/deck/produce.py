"""Build a review's deck: template → plan → .pptx, written atomically."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from qbr_studio.deck.plan import DeckPlan
from qbr_studio.deck.planning.compose import compose
from qbr_studio.deck.planning.standard import PRODUCT_STANDARD, DeckStandard
from qbr_studio.deck.reading.template import load_template
from qbr_studio.deck.writing.pptx_writer import write_pptx
from qbr_studio.errors import UserError
from qbr_studio.model import Review
from qbr_studio.storage import atomic_write


def plan_deck(
    review: Review,
    template: Path | None = None,
    media: Mapping[str, bytes] | None = None,
    standard: DeckStandard = PRODUCT_STANDARD,
) -> DeckPlan:
    """The slide plan of ``review`` on ``template`` (the bundled one when ``None``); ``media``
    maps the review's picture names to their bytes (``ReviewFile.media``); ``standard``: the
    team pack's health scorecard and slide budgets when the review follows one."""
    return compose(review, load_template(template), media, standard)


def build_deck(
    review: Review,
    out: Path,
    template: Path | None = None,
    media: Mapping[str, bytes] | None = None,
    standard: DeckStandard = PRODUCT_STANDARD,
) -> DeckPlan:
    """Write the deck to ``out`` (a .pptx); an existing file there is replaced only once the
    new deck is complete. ``media`` and ``standard`` as for :func:`plan_deck`."""
    if out.suffix.lower() != ".pptx":
        raise UserError(f"{out}: the deck must be saved as a .pptx file")
    info = load_template(template)
    plan = compose(review, info, media, standard)
    atomic_write(out, lambda stream: write_pptx(plan, stream, author=review.meta.csm))
    return plan
