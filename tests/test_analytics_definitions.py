"""The appendix's definitions follow the rules in force."""

from __future__ import annotations

from qbr_studio.analytics.definitions import definitions, driver_definitions
from qbr_studio.analytics.health import DriverKind, Scorecard


def test_every_driver_is_defined_with_its_weight() -> None:
    defs = dict(driver_definitions())
    assert set(defs) == {k.label for k in DriverKind}
    assert defs["Utilization"].startswith("active ÷ licensed users in the latest month; 100 at 80%")
    assert defs["Utilization"].endswith("Weight 25%.")
    assert "less 25 per P1–P2, 5 per other" in defs["Support tickets"]


def test_a_teams_scorecard_changes_the_text() -> None:
    card = Scorecard(
        weights={DriverKind.UTILIZATION: 3.0, DriverKind.NPS: 1.0}, full_utilization=0.7
    )
    defs = dict(driver_definitions(card))
    assert list(defs) == ["Utilization", "NPS"]  # weightless drivers are not claimed
    assert "100 at 70% or more" in defs["Utilization"]
    assert defs["Utilization"].endswith("Weight 75%.") and defs["NPS"].endswith("Weight 25%.")


def test_revenue_formulas_are_in_the_appendix() -> None:
    terms = dict(definitions())
    assert terms["GRR"].startswith("Σ min(ARR now, ARR at start) ÷ Σ ARR at start")
    assert terms["LTV"].startswith("(average monthly revenue per customer × gross margin)")
    assert "green from 70, yellow from 50" in terms["Health"]
