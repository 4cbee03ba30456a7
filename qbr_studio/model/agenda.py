"""The meeting's agenda as types: the deck's parts, the editor's pages, and where each part
of the review is edited and shown — one mapping shared by the editor's preview, its
checklist and the command line's ``check``.

:class:`Section` values are the ``section`` strings the deck's slide builders put on each
slide (``SlidePlan.section``), so a slide's section compares equal to its member. :func:`locate`
maps a review JSON path (``"communications[2].party"``) to its :class:`Location`: the editor
page (and tab) that edits it and the deck part that shows it. :func:`describe` names a path
as the editor labels it ("Overview › Meeting date").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from qbr_studio.model.deck_kinds import DeckSection

Section = DeckSection
"""A part of the deck, in the order of the meeting (one enum, shared with the deck)."""


class Page(str, Enum):
    """A page of the editor's navigation, in its order; the value is the page's key (window
    settings, tests). ``qbr_studio.ui.sections.SECTIONS`` lists the same pages for the
    window's shell, which must paint before this package (and pydantic) is imported."""

    OVERVIEW = "overview"
    DATA = "data"
    DEEP_DIVE = "deep_dive"
    ACHIEVEMENTS = "achievements"
    CHALLENGES = "challenges"
    REVENUE = "revenue"
    CHECK_BUILD = "check_build"

    @property
    def title(self) -> str:
        return PAGE_TITLES[self]


PAGE_TITLES = {
    Page.OVERVIEW: "Overview",
    Page.DATA: "Data",
    Page.DEEP_DIVE: "Deep dive",
    Page.ACHIEVEMENTS: "Achievements",
    Page.CHALLENGES: "Adoption challenges",
    Page.REVENUE: "Revenue",
    Page.CHECK_BUILD: "Check & Build",
}


@dataclass(frozen=True)
class Location:
    """Where a part of the review is edited (``page``, ``tab``: its label there, if the page
    has tabs) and shown (``sections``). With ``table``, its slide is the first slide of its
    section that holds a table (the communication plan shares the challenges' part of the
    deck, on its own slide or under the patterns)."""

    page: Page
    sections: tuple[Section, ...]
    tab: str = ""
    table: bool = False


LOCATIONS: dict[str, Location] = {
    "meta": Location(Page.OVERVIEW, (Section.TITLE, Section.AGENDA, Section.GLANCE)),
    "book": Location(Page.DATA, (Section.APPENDIX,)),
    "deep_dive": Location(Page.DEEP_DIVE, (Section.DEEP_DIVE,)),
    "media": Location(Page.DEEP_DIVE, (Section.DEEP_DIVE,)),
    "achievements": Location(Page.ACHIEVEMENTS, (Section.ACHIEVEMENTS,)),
    "challenges": Location(Page.CHALLENGES, (Section.CHALLENGES,), "Patterns and plans"),
    "communications": Location(
        Page.CHALLENGES,
        (Section.CHALLENGES,),
        "Communication with critical parties",
        table=True,
    ),
    "revenue": Location(Page.REVENUE, (Section.REVENUE,)),
}
"""Each top-level part of the review (the first key of its JSON paths) → its location."""

FIELD_LABELS: dict[str, str] = {
    "meta.csm": "Customer Success Manager",
    "meta.team": "Team",
    "meta.quarter": "Quarter",
    "meta.meeting_date": "Meeting date",
    "meta.company": "Company",
    "meta.currency": "Currency",
    "book.accounts": "Accounts",
    "book.usage": "Usage",
    "book.opportunities": "Opportunities",
    "book.stakeholders": "Contacts",
    "book.tickets": "Tickets",
    "book.nps": "NPS",
    "book.engagement": "Engagement",
    "deep_dive.account_id": "Account",
    "deep_dive.logo": "Logo",
    "deep_dive.business_and_challenges": "Their business and its challenges",
    "deep_dive.why_they_bought": "Why they bought from us",
    "deep_dive.health_story": "Their health: what is going on",
    "deep_dive.stakeholders": "Stakeholders",
    "revenue.renewals_story": "Renewals",
    "revenue.growth_story": "Growth",
    "revenue.action_items": "Action items to close",
    "title": "Title",
    "goal": "Goal",
    "story": "Story",
    "plan": "Plan",
    "evidence": "Evidence",
    "arr": "ARR",
    "account_id": "Account id",
}
"""The editor's label of each field a path can end in (a full path, or a list item's field)."""

ITEM_NAMES = {
    "achievements": "Achievement",
    "challenges": "Challenge",
    "communications": "Communication",
    "revenue.action_items": "Action",
}
"""What one item of each list is called in the editor's list ("Achievement 2")."""

_ROOT = re.compile(r"^[A-Za-z_]+")
_ITEM = re.compile(r"^(?P<list>[A-Za-z_.]+)\[(?P<index>\d+)\](?:\.(?P<field>[A-Za-z_]+))?")


def root_of(path: str) -> str:
    """``"communications[2].party"`` → ``"communications"``."""
    match = _ROOT.match(path)
    return match.group(0) if match else ""


def locate(path: str) -> Location | None:
    """Where ``path`` is edited and shown; None for a path outside the review's parts."""
    return LOCATIONS.get(root_of(path))


def page_of_section(section: str) -> Page | None:
    """The page that edits what a slide of ``section`` shows (the first that shows it)."""
    for location in LOCATIONS.values():
        if section in location.sections:
            return location.page
    return None


def describe(path: str) -> str:
    """``path`` as the editor labels it: ``"meta.meeting_date"`` → ``"Overview › Meeting
    date"``, ``"achievements[1].goal"`` → ``"Achievements › Achievement 2 › Goal"``."""
    location = locate(path)
    if location is None:
        return path
    parts = [location.page.title]
    if location.tab:
        parts.append(location.tab)
    item = _ITEM.match(path)
    if item is not None:
        listed = item.group("list")
        if listed in FIELD_LABELS and listed != root_of(path):
            parts.append(FIELD_LABELS[listed])
        parts.append(f"{ITEM_NAMES.get(listed, 'Item')} {int(item.group('index')) + 1}")
        field = item.group("field")
        if field:
            parts.append(FIELD_LABELS.get(field, field.replace("_", " ").capitalize()))
    elif path in FIELD_LABELS:
        parts.append(FIELD_LABELS[path])
    return " › ".join(parts)
