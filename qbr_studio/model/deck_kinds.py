"""The kinds of slide and the agenda sections of the standard deck, as types the deck, the
preview and the section pages share (the section pages match slides to themselves by these).

Members compare, hash and print as their values, so a plan read by older code or a test that
names a section in words still matches.
"""

from __future__ import annotations

from qbr_studio.model.words import Word


class SlideKind(Word):
    """Which of the template's layouts a slide is built on."""

    TITLE = "title"
    """The template's title-slide layout."""
    CONTENT = "content"
    """Its title-only layout (or the nearest it has)."""


class DeckSection(Word):
    """The agenda part a slide belongs to (DECK.md), in deck order."""

    TITLE = "Title"
    AGENDA = "Agenda"
    GLANCE = "Book at a glance"
    DEEP_DIVE = "Deep dive"
    ACHIEVEMENTS = "Achievements"
    CHALLENGES = "Adoption challenges"
    REVENUE = "Revenue"
    APPENDIX = "Appendix"
