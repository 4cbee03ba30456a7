"""`team plan`: the CSMs split evenly across the year's meetings, absences and fixed slots
kept, exported as .xlsx (read back with openpyxl) and .ics (parsed back with icalendar)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import icalendar
import openpyxl
import pytest

from qbr_studio.cli import main
from qbr_studio.errors import UserError
from qbr_studio.team.pack import TeamPack, save_pack
from qbr_studio.team.year_plan import PlannedMeeting, plan_year

CSMS = [f"CSM {chr(65 + i)}" for i in range(14)]
DATES = [dt.date(2027, 3, 10), dt.date(2027, 6, 9), dt.date(2027, 9, 8), dt.date(2027, 12, 8)]
MEETINGS = [PlannedMeeting(d, capacity=6) for d in DATES]


def test_everyone_presents_equally_and_the_load_is_even() -> None:
    plan = plan_year(CSMS, MEETINGS)
    counts = Counter(c for names in plan.presenters.values() for c in names)
    assert set(counts) == set(CSMS) and set(counts.values()) == {1}
    loads = [len(names) for names in plan.presenters.values()]
    assert max(loads) - min(loads) <= 1


def test_twice_a_year_is_spread_apart() -> None:
    small = CSMS[:6]
    plan = plan_year(small, [PlannedMeeting(d, capacity=3) for d in DATES], times=2)
    for csm in small:
        first, second = plan.meetings_of(csm)
        assert (second - first).days > 120  # not two meetings in a row
    assert {len(n) for n in plan.presenters.values()} == {3}


def test_absences_and_fixed_slots_are_kept() -> None:
    absent = {"CSM A": {DATES[0], DATES[1], DATES[2]}, "CSM B": {DATES[3]}}
    fixed = {"CSM C": {DATES[0]}, "CSM D": {DATES[0]}}
    plan = plan_year(CSMS, MEETINGS, absent=absent, fixed=fixed)
    assert plan.meetings_of("CSM A") == [DATES[3]]
    assert DATES[3] not in plan.meetings_of("CSM B")
    assert plan.meetings_of("CSM C") == [DATES[0]] and plan.meetings_of("CSM D") == [DATES[0]]


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"times": 2}, "need 28 slots"),
        ({"absent": {"CSM A": set(DATES)}}, "CSM A cannot be placed"),
        ({"fixed": {"CSM A": {dt.date(2027, 1, 1)}}}, "not one of the year's meetings"),
        ({"fixed": {"Nobody": {DATES[0]}}}, "not one of the team's CSMs"),
    ],
)
def test_an_impossible_plan_is_refused(kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(UserError, match=words):
        plan_year(CSMS, MEETINGS, **kwargs)  # type: ignore[arg-type]


def test_cli_writes_xlsx_and_ics_from_a_pack(tmp_path: Path) -> None:
    pack = tmp_path / "team.qbrteam"
    calendar = [
        {"date": d.isoformat(), "quarter": f"2027-Q{i + 1}", "start": "14:00", "capacity": 4}
        for i, d in enumerate(DATES)
    ]
    save_pack(pack, TeamPack.model_validate({"team": "East", "roster": CSMS, "calendar": calendar}))
    xlsx, ics = tmp_path / "plan.xlsx", tmp_path / "plan.ics"
    args = ["team", "plan", str(pack), "-o", str(xlsx), "--ics", str(ics)]
    assert main([*args, "--absent", "CSM A=2027-03-10", "--fixed", "CSM B=2027-12-08"]) == 0

    book = openpyxl.load_workbook(xlsx)
    rows = list(book["Meetings"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[3] for r in rows) == sorted(CSMS)
    assert ("CSM A", dt.date(2027, 3, 10)) not in {(r[3], r[0].date()) for r in rows}
    assert any(r[3] == "CSM B" and r[0].date() == DATES[3] for r in rows)
    assert rows[0][1] == "14:00"

    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert [e.decoded("dtstart").date() for e in events] == DATES
    assert events[0].decoded("dtstart").time() == dt.time(14, 0)
    described = "".join(str(e.get("description")) for e in events)
    assert all(c in described for c in CSMS)


def test_cli_refuses_a_plan_without_meetings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["team", "plan", "--csm", "A", "-o", str(tmp_path / "p.xlsx")]
    assert main(args) == 2
    assert "meetings" in capsys.readouterr().err
