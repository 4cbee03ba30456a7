"""The default rubric peers score a presenter on: the seven areas of the product brief, 1–5."""

from __future__ import annotations

from qbr_studio.errors import UserError

AREAS: dict[str, str] = {
    "business": "Business sophistication",
    "tools": "Use of every tool and method",
    "product": "Product knowledge matched to business need",
    "playbook": "Playbook",
    "company": "Working across the company",
    "monitoring": "Monitoring and coaching the customer from data",
    "experience": "Client experience",
}
"""Area key (as typed in ``--score AREA=N``) → its title, in the brief's order."""

LOWEST, HIGHEST = 1, 5


def checked_score(area: str, score: int) -> tuple[str, int]:
    """``(area, score)`` if both are on the rubric; UserError saying what is allowed."""
    if area not in AREAS:
        raise UserError(f'"{area}" is not a rubric area; the areas are: {", ".join(AREAS)}.')
    if not LOWEST <= score <= HIGHEST:
        raise UserError(f"The score for {area} must be {LOWEST} to {HIGHEST} (found {score}).")
    return area, score
