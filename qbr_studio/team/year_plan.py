"""The year plan: which CSMs present at which of the year's meetings, for teams too large to
present every quarter.

Every CSM presents the same number of times (``times``), each meeting carries as even a load
as its capacity allows, a CSM never presents at a meeting they are absent from, fixed slots are
kept as given, and a CSM's presentations are spread as far apart as the calendar allows. A
plan that cannot keep every constraint is refused, naming who cannot be placed and why.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from qbr_studio.errors import UserError


@dataclass(frozen=True)
class PlannedMeeting:
    date: dt.date
    start: dt.time = dt.time(9, 0)
    minutes_each: int = 20
    capacity: int = 8


@dataclass
class YearPlan:
    meetings: list[PlannedMeeting]
    presenters: dict[dt.date, list[str]] = field(default_factory=dict)
    """Meeting date → its presenters, in speaking order."""

    def meetings_of(self, csm: str) -> list[dt.date]:
        return sorted(d for d, names in self.presenters.items() if csm in names)

    def slot(self, date: dt.date, csm: str) -> tuple[dt.datetime, dt.datetime]:
        """When ``csm`` speaks at the meeting of ``date``."""
        meeting = next(m for m in self.meetings if m.date == date)
        i = self.presenters[date].index(csm)
        begin = dt.datetime.combine(date, meeting.start) + dt.timedelta(
            minutes=i * meeting.minutes_each
        )
        return begin, begin + dt.timedelta(minutes=meeting.minutes_each)


def plan_year(
    csms: Sequence[str],
    meetings: Sequence[PlannedMeeting],
    *,
    times: int | None = None,
    absent: Mapping[str, set[dt.date]] | None = None,
    fixed: Mapping[str, set[dt.date]] | None = None,
) -> YearPlan:
    """Spread ``csms`` over ``meetings`` (see the module's docstring). ``times`` defaults to as
    many presentations each as the meetings' capacity allows everyone equally (at least one)."""
    absent = absent or {}
    fixed = fixed or {}
    if not csms:
        raise UserError("the year plan needs the team's CSMs (a pack's roster or --csm)")
    if not meetings:
        raise UserError("the year plan needs the year's meetings (a pack's calendar or --meeting)")
    dates = {m.date for m in meetings}
    for csm, days in {**absent, **fixed}.items():
        if csm not in csms:
            raise UserError(f'"{csm}" is not one of the team\'s CSMs')
        for day in days - dates:
            raise UserError(f"{csm}: {day.isoformat()} is not one of the year's meetings")
    capacity = sum(m.capacity for m in meetings)
    times = times if times is not None else max(1, capacity // len(csms))
    if times * len(csms) > capacity:
        raise UserError(
            f"{len(csms)} CSMs presenting {times} time(s) each need {times * len(csms)} slots; "
            f"the meetings hold {capacity}"
        )
    plan = YearPlan(sorted(meetings, key=lambda m: m.date), {m.date: [] for m in meetings})
    by_date = {m.date: m for m in meetings}
    for csm in csms:
        for day in sorted(fixed.get(csm, ())):
            if day in absent.get(csm, set()):
                raise UserError(f"{csm}: fixed to present on {day.isoformat()}, but absent then")
            plan.presenters[day].append(csm)
        if len(fixed.get(csm, ())) > times:
            raise UserError(f"{csm}: {len(fixed[csm])} fixed slots, more than {times} a year")
    for day, names in plan.presenters.items():
        if len(names) > by_date[day].capacity:
            raise UserError(f"{day.isoformat()}: more fixed presenters than the meeting holds")
    for round_ in range(times):
        for csm in sorted(csms, key=lambda c: (len(plan.meetings_of(c)), csms.index(c))):
            if len(plan.meetings_of(csm)) > round_:
                continue
            _place(plan, csm, absent.get(csm, set()))
    if times > 1:
        _spread(plan, absent, fixed)
    return plan


MAX_SPREAD_PASSES = 20


def _min_gap(days: list[dt.date]) -> int:
    return min(((b - a).days for a, b in itertools.pairwise(days)), default=0)


def _spread(
    plan: YearPlan, absent: Mapping[str, set[dt.date]], fixed: Mapping[str, set[dt.date]]
) -> None:
    """Swap two CSMs' meetings while it widens the closer of their two gaps between
    presentations: loads stay as they are, constraints stay kept."""

    def movable(csm: str, old: dt.date, new: dt.date) -> bool:
        return (
            old not in fixed.get(csm, set())
            and new not in absent.get(csm, set())
            and csm not in plan.presenters[new]
        )

    for _ in range(MAX_SPREAD_PASSES):
        improved = False
        seats = [(d, c) for d, names in plan.presenters.items() for c in names]
        for i, (a, x) in enumerate(seats):
            for b, y in seats[i + 1 :]:
                if a == b or x == y or not (movable(x, a, b) and movable(y, b, a)):
                    continue
                before = min(_min_gap(plan.meetings_of(x)), _min_gap(plan.meetings_of(y)))
                _swap(plan, a, x, b, y)
                after = min(_min_gap(plan.meetings_of(x)), _min_gap(plan.meetings_of(y)))
                if after > before:
                    improved = True
                    break
                _swap(plan, b, x, a, y)  # undo
            if improved:
                break
        if not improved:
            return


def _swap(plan: YearPlan, a: dt.date, x: str, b: dt.date, y: str) -> None:
    """``x`` moves from ``a`` to ``b`` and ``y`` from ``b`` to ``a``, in their places."""
    plan.presenters[a][plan.presenters[a].index(x)] = y
    plan.presenters[b][plan.presenters[b].index(y)] = x


def _place(plan: YearPlan, csm: str, absent: set[dt.date]) -> None:
    mine = plan.meetings_of(csm)
    options = [
        m
        for m in plan.meetings
        if m.date not in absent and m.date not in mine and len(plan.presenters[m.date]) < m.capacity
    ]
    if not options:
        raise UserError(
            f"{csm} cannot be placed: every meeting they can attend is full or already theirs"
        )

    def score(m: PlannedMeeting) -> tuple[float, int, dt.date]:
        load = len(plan.presenters[m.date]) / m.capacity
        gap = min((abs((m.date - d).days) for d in mine), default=10_000)
        return (load, -gap, m.date)

    best = min(options, key=score)
    plan.presenters[best.date].append(csm)
