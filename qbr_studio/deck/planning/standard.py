"""What a team's standard sets for a deck, as plain data the deck takes: the health scorecard
(weights and thresholds) and the most slides per agenda part. A team pack converts into it
(``qbr_studio.team.pack.LoadedPack.standard``); without one, the product's own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from qbr_studio.analytics.health import DEFAULT_SCORECARD, Scorecard
from qbr_studio.model.deck_kinds import DeckSection


@dataclass(frozen=True)
class DeckStandard:
    card: Scorecard = DEFAULT_SCORECARD
    """The health score's weights and green/yellow thresholds."""
    budgets: Mapping[DeckSection, int] = field(default_factory=lambda: MappingProxyType({}))
    """Most slides per agenda part of one review's deck; what goes over is moved to the
    appendix and the last slide kept says where (no budget: no limit)."""
    required: tuple[str, ...] = ()
    """Dotted review fields the team requires beyond the product's checklist (``check``'s and
    the app's checklist both ask for them)."""


PRODUCT_STANDARD = DeckStandard()
"""The product's own: default health scorecard, no slide budgets."""
