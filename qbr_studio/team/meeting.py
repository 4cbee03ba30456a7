"""The meeting deck: a second assembly on one canvas (the template read once), from the team
folder's good reviews — not by pasting decks.

Order: the meeting's title, the agenda with presenters and time slots, the team roll-up
(ARR by health and ARR at risk per CSM, renewals across the team by month and risk,
achievements worth celebrating, challenges several CSMs share), the files left out and why,
then for each presenter a divider and their standard deck's parts (without its title slide,
which the divider replaces, and without the appendix if asked).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qbr_studio.deck.plan import DeckPlan, SlidePlan
from qbr_studio.deck.planning.assembly import Builder, Part, assemble
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.planning.compose import STANDARD_DECK
from qbr_studio.deck.planning.content import ReviewContent
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.slides.appendix import appendix_slides
from qbr_studio.deck.writing.pptx_writer import write_pptx
from qbr_studio.errors import UserError
from qbr_studio.model import Meta, Review, parse_quarter
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.storage import atomic_write
from qbr_studio.team import slides
from qbr_studio.team.collect import Entry, TeamFolder
from qbr_studio.team.rollup import TeamFigures, team_figures
from qbr_studio.wording import plural

PRESENTER_PARTS: tuple[Builder, ...] = STANDARD_DECK[1:]
"""A presenter's part: their standard deck after its title slide (the divider stands in)."""
MINUTES_EACH = 20
OPENING_MINUTES = 15
START = dt.time(9, 0)


@dataclass(frozen=True)
class Slot:
    csm: str
    time: str
    """``"09:15–09:35"``."""
    entry: Entry
    content: ReviewContent


@dataclass
class Meeting:
    team: str
    quarter: str
    date: dt.date | None
    slots: list[Slot]
    left_out: list[Entry]
    """Every file of the folders that is a problem, with its reason, plus good reviews not
    presenting at this meeting when only its presenters are built."""
    figures: TeamFigures
    minutes: int
    opening_slot: str
    currency: str
    required_parts: tuple[DeckSection, ...] = ()
    used: dict[tuple[str, DeckSection], int] = field(default_factory=dict)
    """Slides each presenter's part asked for, per agenda part (set when the deck is planned);
    those past the budget of the presenter's pack went to their appendix."""

    def budget_notes(self) -> list[str]:
        """Where a presenter's part went over their pack's budget (and how many slides moved
        to the appendix) or leaves out a part the pack requires (after :func:`meeting_plan`)."""
        notes = []
        for slot in self.slots:
            for part, budget in slot.content.standard.budgets.items():
                n = self.used.get((slot.csm, part), 0)
                if n > budget:
                    notes.append(
                        f"{slot.csm}: {part} takes {n} slides, the budget is {budget}; "
                        f"{plural(n - budget, 'slide')} moved to the appendix"
                    )
            for part in self.required_parts:
                if not self.used.get((slot.csm, part)):
                    notes.append(f"{slot.csm}: no slide for {part}, which the team pack requires")
        return notes

    @property
    def quarter_label(self) -> str:
        year, q = parse_quarter(self.quarter) if self.quarter else (0, 0)
        return f"Q{q} {year}" if self.quarter else "This quarter's"


def _clock(start: dt.time, minutes: int) -> str:
    t = (dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)).time()
    return t.strftime("%H:%M")


def meeting_date(entries: Sequence[Entry]) -> dt.date | None:
    """The meeting date most of the reviews give (the earliest of the most common)."""
    dates = Counter(d for d in map(_meeting_of, entries) if d is not None)
    if not dates:
        return None
    top = max(dates.values())
    return min(d for d, n in dates.items() if n == top)


def _meeting_of(entry: Entry) -> dt.date | None:
    return entry.review.meta.meeting_date if entry.review else None


def plan_meeting(
    folders: Sequence[TeamFolder],
    *,
    everyone: bool = False,
    date: dt.date | None = None,
    minutes: int = MINUTES_EACH,
    start: dt.time = START,
) -> Meeting:
    """Who presents when. Only this meeting's presenters (reviews whose meeting date is the
    meeting's, or that give none) unless ``everyone``; the others are named as left out."""
    good = [e for f in folders for e in f.reviews]
    standards = {id(e): f.standard for f in folders for e in f.reviews}
    pack = next((f.pack.pack for f in folders if f.pack is not None), None)
    booked = pack.meeting_for(folders[0].quarter) if pack and folders else None
    if booked is not None:
        date, start, minutes = date or booked.date, booked.start, booked.minutes_each
    date = date or meeting_date(good)
    presenting = [e for e in good if everyone or _meeting_of(e) in (None, date)]
    left = [e for f in folders for e in f.problems]
    for e in good:
        if e not in presenting:
            when = _meeting_of(e)
            reason = f"presents at the meeting of {when.isoformat()}" if when else ""
            left.append(Entry(e.path, e.kind, reason, folder=e.folder))
    slots = []
    for i, e in enumerate(presenting):
        assert e.review is not None  # a good review always has one
        begin = OPENING_MINUTES + i * minutes
        slots.append(
            Slot(
                e.csm,
                f"{_clock(start, begin)}–{_clock(start, begin + minutes)}",
                e,
                ReviewContent(e.review, e.media, standards[id(e)]),
            )
        )
    teams = [f.team for f in folders]
    currencies = Counter(s.content.review.meta.currency for s in slots)
    return Meeting(
        team=" + ".join(teams) if len(teams) > 1 else teams[0] if teams else "",
        quarter=folders[0].quarter if folders else "",
        date=date,
        slots=slots,
        left_out=left,
        figures=team_figures([s.content for s in slots]),
        minutes=minutes,
        opening_slot=f"{_clock(start, 0)}–{_clock(start, OPENING_MINUTES)}",
        currency=currencies.most_common(1)[0][0] if currencies else "USD",
        required_parts=tuple(pack.required_parts) if pack else (),
    )


def _meeting_builder(
    meeting: Meeting, build: Callable[[Context, Meeting], list[SlidePlan]]
) -> Builder:
    return lambda ctx: build(ctx, meeting)


def meeting_parts(meeting: Meeting, *, appendix: bool = True) -> list[Part]:
    """The meeting deck's parts, in order (see the module's docstring)."""
    own = ReviewContent(
        Review(
            meta=Meta(
                csm=f"{meeting.team} team" if meeting.team else "Team",
                team=meeting.team,
                quarter=meeting.quarter or "2000-Q1",
                meeting_date=meeting.date,
                currency=meeting.currency,
            )
        )
    )
    opening = (
        slides.meeting_title,
        slides.meeting_agenda,
        slides.rollup_charts,
        slides.rollup_achievements,
        slides.rollup_challenges,
        slides.left_out,
    )
    parts = [Part(own, _meeting_builder(meeting, build), budgeted=False) for build in opening]
    for slot in meeting.slots:
        parts.append(Part(slot.content, _divider(slot, meeting.team)))
        parts += [
            Part(slot.content, _counted(meeting, slot.csm, build))
            for build in PRESENTER_PARTS
            if appendix or build is not appendix_slides
        ]
    return parts


def _counted(meeting: Meeting, csm: str, build: Builder) -> Builder:
    """``build``, counting the slides it gives per agenda part into ``meeting.used``."""

    def counted(ctx: Context) -> list[SlidePlan]:
        built = build(ctx)
        for slide in built:
            key = (csm, DeckSection(slide.section))
            meeting.used[key] = meeting.used.get(key, 0) + 1
        return built

    return counted


def _divider(slot: Slot, team: str) -> Builder:
    return lambda ctx: [slides.divider(slot.csm, slot.time, team)]


def meeting_plan(meeting: Meeting, canvas: Canvas, *, appendix: bool = True) -> DeckPlan:
    """The meeting deck's plan on ``canvas``; refused when nobody presents."""
    if not meeting.slots:
        raise UserError(
            "no review in the team folder can be presented"
            + (f" for {meeting.quarter_label}" if meeting.quarter else "")
            + ": see `qbr-studio team status`"
        )
    meeting.used.clear()
    return assemble(canvas, meeting_parts(meeting, appendix=appendix))


def write_meeting_deck(plan: DeckPlan, out: Path, author: str) -> None:
    """Write ``plan`` to ``out`` (.pptx), replacing a file there only once it is complete."""
    if out.suffix.lower() != ".pptx":
        raise UserError(f"{out}: the deck must be saved as a .pptx file")
    atomic_write(out, lambda stream: write_pptx(plan, stream, author=author))
