"""The agenda's pages, in navigation order.

This module stays light (no page is imported here) so the window can show the navigation
before the pages and the document model are loaded; :func:`page_classes` loads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qbr_studio.ui.sections.base import SectionPage

SECTIONS = (
    ("overview", "Overview"),
    ("data", "Data"),
    ("deep_dive", "Deep dive"),
    ("achievements", "Achievements"),
    ("challenges", "Adoption challenges"),
    ("revenue", "Revenue"),
    ("check_build", "Check & Build"),
)
"""(key, title) of each page in the order of the meeting's agenda."""


def page_classes() -> list[type[SectionPage]]:
    from qbr_studio.ui.sections.achievements import AchievementsPage
    from qbr_studio.ui.sections.challenges import ChallengesPage
    from qbr_studio.ui.sections.check_build import CheckBuildPage
    from qbr_studio.ui.sections.data import DataPage
    from qbr_studio.ui.sections.deep_dive import DeepDivePage
    from qbr_studio.ui.sections.overview import OverviewPage
    from qbr_studio.ui.sections.revenue import RevenuePage

    classes: list[type[SectionPage]] = [
        OverviewPage,
        DataPage,
        DeepDivePage,
        AchievementsPage,
        ChallengesPage,
        RevenuePage,
        CheckBuildPage,
    ]
    if [c.key for c in classes] != [key for key, _ in SECTIONS]:
        raise RuntimeError("the section pages are not in the order of SECTIONS")
    return classes
