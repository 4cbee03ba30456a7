"""The colour band of a 0–100 health score: the one rule for every score the app meets (the
scorecard's, and a score column a CRM export brings)."""

from __future__ import annotations

from qbr_studio.model.base import Health

GREEN_FROM = 70.0
"""A score of at least this is green."""
YELLOW_FROM = 50.0
"""A score of at least this (and below :data:`GREEN_FROM`) is yellow; lower is red."""


def health_band(score: float, green: float = GREEN_FROM, yellow: float = YELLOW_FROM) -> Health:
    """Green from ``green`` (70), yellow from ``yellow`` (50), red below; a team pack may set
    its own thresholds (carried by the analytics' ``Scorecard``)."""
    if score >= green:
        return Health.GREEN
    return Health.YELLOW if score >= yellow else Health.RED
