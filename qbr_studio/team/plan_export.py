"""The year plan as a spreadsheet (openpyxl) and an iCalendar file (icalendar), both written
atomically."""

from __future__ import annotations

import io
from pathlib import Path

from qbr_studio.errors import UserError
from qbr_studio.storage import atomic_write_bytes
from qbr_studio.team.year_plan import YearPlan

UID_DOMAIN = "qbr-studio.local"


def plan_xlsx(plan: YearPlan, team: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Meetings"
    sheet.append(["Meeting", "From", "To", "Presenter"])
    for meeting in plan.meetings:
        for csm in plan.presenters[meeting.date]:
            begin, end = plan.slot(meeting.date, csm)
            sheet.append([meeting.date, begin.strftime("%H:%M"), end.strftime("%H:%M"), csm])
    by_csm = book.create_sheet("CSMs")
    names = sorted({c for names in plan.presenters.values() for c in names})
    most = max((len(plan.meetings_of(c)) for c in names), default=0)
    by_csm.append(["CSM", "Presentations", *(f"Meeting {i + 1}" for i in range(most))])
    for csm in names:
        days = plan.meetings_of(csm)
        by_csm.append([csm, len(days), *days])
    for ws in (sheet, by_csm):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for column in ws.columns:
            ws.column_dimensions[column[0].column_letter].width = 16
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if hasattr(cell.value, "isoformat") and not isinstance(cell.value, str):
                    cell.number_format = "yyyy-mm-dd"
    book.properties.title = f"{team} year plan"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plan_ics(plan: YearPlan, team: str) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//QBR Studio//Team year plan//EN")
    cal.add("version", "2.0")
    for meeting in plan.meetings:
        names = plan.presenters[meeting.date]
        if not names:
            continue
        begin, _ = plan.slot(meeting.date, names[0])
        _, end = plan.slot(meeting.date, names[-1])
        event = Event()
        event.add("uid", f"{team}-{meeting.date.isoformat()}@{UID_DOMAIN}".replace(" ", "-"))
        event.add("summary", f"{team} quarterly peer review")
        event.add("dtstart", begin)
        event.add("dtend", end)
        event.add("dtstamp", begin)  # fixed, so the same plan gives the same file
        lines = []
        for csm in names:
            a, b = plan.slot(meeting.date, csm)
            lines.append(f"{a:%H:%M}–{b:%H:%M} {csm}")
        event.add("description", "Presenters:\n" + "\n".join(lines))
        event.add("categories", ["QBR"])
        cal.add_component(event)
    return cal.to_ical()


def write_plan(plan: YearPlan, team: str, xlsx: Path | None, ics: Path | None) -> None:
    if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
        raise UserError(f"{xlsx}: the plan spreadsheet must be saved as a .xlsx file")
    if ics is not None and ics.suffix.lower() != ".ics":
        raise UserError(f"{ics}: the calendar must be saved as a .ics file")
    if xlsx is not None:
        atomic_write_bytes(xlsx, plan_xlsx(plan, team))
    if ics is not None:
        atomic_write_bytes(ics, plan_ics(plan, team))
