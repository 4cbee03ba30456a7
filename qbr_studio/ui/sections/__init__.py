"""The agenda's pages, in navigation order.

This module stays light (no page is imported here) so the window can show the navigation
before the pages and the document model are loaded; :func:`page_class` loads one.
"""

from __future__ import annotations

import importlib
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


PAGE_CLASSES = {
    "overview": "OverviewPage",
    "data": "DataPage",
    "deep_dive": "DeepDivePage",
    "achievements": "AchievementsPage",
    "challenges": "ChallengesPage",
    "revenue": "RevenuePage",
    "check_build": "CheckBuildPage",
}
"""Each section's page class, in ``qbr_studio.ui.sections.<key>``."""


def page_class(key: str) -> type[SectionPage]:
    """The page of section ``key``; only its module is imported (a page's module and what it
    alone needs load when the page is first built). KeyError for an unknown section."""
    module = importlib.import_module(f"{__name__}.{key}")
    cls: type[SectionPage] = getattr(module, PAGE_CLASSES[key])
    if cls.key != key:
        raise RuntimeError(f"{cls.__name__} is not the page of section {key!r}")
    return cls


def page_classes() -> list[type[SectionPage]]:
    """Every page, in the order of SECTIONS."""
    return [page_class(key) for key, _ in SECTIONS]
