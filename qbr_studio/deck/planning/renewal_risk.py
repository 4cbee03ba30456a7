"""The risk of a renewal, as the deck states it: the opportunity's own when the opportunities
export gave one, else unknown — never a default "Low".

Signal-based risk (the account's health and risk signals, see the analytics issue) plugs in
here, in :func:`renewal_risk`, between the stated risk and "unknown".
"""

from __future__ import annotations

from qbr_studio.model import Opportunity, Review, Risk


def renewal_risk(review: Review, renewal: Opportunity) -> Risk | None:
    """``renewal``'s risk when an opportunity in the review's book states it;
    ``None`` (unknown) for a renewal the deck derived from an account's renewal date."""
    stated = any(o.id == renewal.id for o in review.book.opportunities)
    return renewal.risk if stated else None
