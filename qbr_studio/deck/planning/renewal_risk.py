"""The risk of a renewal, as the deck states it: the opportunity's own when the export stated
it (``Opportunity.risk_stated``), else the one the account's warning signs and health give
(analytics), else unknown — never a default "Low" — and which of these it is.

The deck's renewals window is the analysis' own, so a due renewal's risk is read from
``Analysis.renewal_risks``; a renewal past its date with no outcome is outside that window and
is judged here by the same rule, on the same scores and signals.
"""

from __future__ import annotations

from qbr_studio.analytics.analysis import Analysis
from qbr_studio.analytics.risk import RenewalRisk, RiskSource
from qbr_studio.analytics.risk import renewal_risk as judged_risk
from qbr_studio.model import Opportunity, Review

SOURCE_WORD = {RiskSource.OPPORTUNITY: "stated", RiskSource.SIGNALS: "signals"}
"""How the renewals table says where a known risk comes from."""


def renewal_risk(review: Review, analysis: Analysis, renewal: Opportunity) -> RenewalRisk:
    """``renewal``'s risk and where it comes from (see the module)."""
    known = analysis.renewal_risks.get(renewal.id)
    if known is not None:
        return known
    account = renewal.account_id
    return judged_risk(
        renewal, analysis.signals.get(account, []), analysis.health.get(account), review.as_of
    )


def risk_label(risk: RenewalRisk) -> str:
    """The table's cell: "High (stated)", "Medium (signals)", "Unknown"."""
    if risk.risk is None:
        return "Unknown"
    return f"{risk.risk.label} ({SOURCE_WORD[risk.source]})"


def risk_note(risk: RenewalRisk) -> str:
    """The speaker notes' words: "high" when stated, else the warning signs behind it."""
    if risk.source is RiskSource.OPPORTUNITY and risk.risk is not None:
        return risk.risk.label.lower()
    return risk.text
