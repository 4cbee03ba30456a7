"""Build the meeting deck from team folders, for the CLI and the app: collect (read-only),
plan who presents, read the template once (the pack's, unless one is given), write.

The whole build runs with the cyclic garbage collector paused
(:func:`~qbr_studio.gc_pause.gc_paused`): it holds every presenter's review, figures, slides
and package parts at once, and each of the collector's runs rescanned more of them the more
presenters there are (~0.1 s of a 12-presenter deck, ~0.3 s of a 24-presenter one: growing
with the square of the presenters). Reference counting frees nearly all of it as it goes (the
traced peak is the same); the rest is collected once the build is done."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qbr_studio.deck.plan import DeckPlan
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.errors import UserError
from qbr_studio.gc_pause import gc_paused
from qbr_studio.team.collect import TeamFolder, collect_all
from qbr_studio.team.meeting import Meeting, meeting_plan, plan_meeting, write_meeting_deck
from qbr_studio.team.pack import LoadedPack


@dataclass(frozen=True)
class MeetingBuild:
    folders: list[TeamFolder]
    meeting: Meeting
    plan: DeckPlan
    pack: LoadedPack | None
    """The pack whose template the deck used (None: the given or bundled template)."""


def build_meeting(
    folders: Sequence[Path],
    out: Path,
    *,
    template: Path | None = None,
    quarter: str | None = None,
    everyone: bool = False,
    appendix: bool = True,
) -> MeetingBuild:
    """Write the meeting deck of ``folders`` to ``out`` (.pptx), atomically."""
    if out.suffix.lower() != ".pptx":
        raise UserError(f"{out}: the deck must be saved as a .pptx file")
    with gc_paused():
        teams = collect_all(folders, quarter)
        meeting = plan_meeting(teams, everyone=everyone)
        pack = teams[0].pack if template is None and teams else None
        with pack.template_file() if pack else contextlib.nullcontext(template) as used:
            plan = meeting_plan(meeting, Canvas.load(used), appendix=appendix)
            write_meeting_deck(plan, out, author=meeting.team)
    return MeetingBuild(teams, meeting, plan, pack)
