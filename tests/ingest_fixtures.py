"""Realistic source files for the import tests, built in code (no binary fixtures in git).

Each builder writes one file the way a CRM, a product-analytics tool or a CSM's own workbook
writes it, quirks included, and returns its path.
"""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from qbr_studio.model import (
    Achievement,
    ActionItem,
    Challenge,
    Communication,
    DeepDive,
    Meta,
    Review,
)

ACCOUNTS = [
    # name, industry, ARR, renewal, health, seats
    ("Contoso Ltd", "Retail", 120_000.0, dt.date(2027, 3, 31), "Green", 250),
    ("Fabrikam Inc", "Manufacturing", 48_000.0, dt.date(2026, 12, 15), "Yellow", 80),
    ("Northwind Traders", "Logistics", 75_500.0, dt.date(2027, 6, 30), "Red", 120),
    ("Adventure Works", "Outdoor", 210_000.0, dt.date(2027, 1, 31), "green", 400),
    ("Tailspin Toys", "Toys", 18_250.5, dt.date(2026, 11, 30), "AMBER", 30),
]


def review(**narrative) -> Review:
    """A review with something the CSM wrote in every narrative section."""
    base = Review(
        meta=Meta(csm="Sam Ortiz", quarter="2026-Q4", company="Initech", currency="USD"),
        deep_dive=DeepDive(
            business_and_challenges="Retail margins under pressure",
            why_they_bought="Store reporting took days",
        ),
        achievements=[Achievement(title="Reports in minutes", before=72, after=0.5)],
        challenges=[Challenge(pattern="Low adoption after onboarding", plan="Office hours")],
        communications=[Communication(party="CIO", topic="Renewal plan")],
    )
    return base.model_copy(update=narrative)


def crm_report(path: Path) -> Path:
    """A Salesforce-style formatted report: title block, filters, header on row 6, a blank
    column, Grand Totals and a footer note."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Accounts by CSM"
    sheet["A1"] = "Accounts by CSM — FY26 Q4"
    sheet["A1"].font = Font(bold=True, size=16)
    sheet.merge_cells("A1:H1")
    sheet["A2"] = "Filtered By: Customer Success Manager equals Sam Ortiz"
    sheet["A3"] = "Generated 2026-12-01 09:14 by Sam Ortiz"
    header = [
        None,
        "Account Name",
        "Industry",
        "ACV (converted)",
        "Contract End Date",
        "Health Score",
        "Licenses",
        "Account Owner",
    ]
    for c, text in enumerate(header, start=1):
        if text:
            sheet.cell(row=6, column=c, value=text)
    for r, (name, industry, arr, renewal, health, seats) in enumerate(ACCOUNTS, start=7):
        values = [None, name, industry, arr, renewal, health, seats, "Dana Lee"]
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
        sheet.cell(row=r, column=5).number_format = "dd/mm/yyyy"
    total_row = 7 + len(ACCOUNTS)
    sheet.cell(row=total_row, column=2, value="Grand Totals (5 records)")
    sheet.cell(row=total_row, column=4, value=sum(a[2] for a in ACCOUNTS))
    sheet.cell(row=total_row + 2, column=2, value="Confidential Information - Do Not Distribute")
    book.create_sheet("Chart data").append(["Quarter", "Logos"])
    book.save(path)
    return path


def european_csv(path: Path) -> Path:
    """A European export: Windows-1252, semicolons, decimal commas, day-first dates, €."""
    lines = [
        "Kunde;Branche;ARR;Vertragsende;Health",
        "Société Générale;Banking;€ 1.250.000,50;31.03.2027;grün",
        "Müller GmbH;Manufacturing;85.000,00;15.12.2026;Yellow",
        "Crédit Agricole;Banking;120.000;30.06.2027;RED",
        "Østergaard A/S;Logistics;9.999,99;01.02.2027;green",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def ambiguous_dates_csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = ["Account,Renewal Date"] + [f"{name},{day}" for name, day in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def mixed_types_workbook(path: Path) -> Path:
    """A CSM's own workbook: numbers as text, dates as text and serials, blanks, n/a."""
    book = Workbook()
    sheet = book.active
    sheet.title = "My book"
    sheet.append(["Customer", "ARR", "Renewal", "RAG", "Seats"])
    sheet.append(["Contoso Ltd", "USD 120,000.00", "2027-03-31", "Green", "250"])
    sheet.append(["Fabrikam Inc", "$1.2M", 46371, "yellow", 80.0])
    sheet.append(["Northwind Traders", "85k", dt.datetime(2027, 6, 30, 0, 0), "RED", None])
    sheet.append(["Adventure Works", "n/a", "Q3", "purple", "lots"])
    sheet.append(["Tailspin Toys", None, None, None, None])
    book.save(path)
    return path


def daily_usage_workbook(
    path: Path, names: list[str], start: dt.date, days: int, seed: int = 7
) -> tuple[Path, dict[tuple[str, dt.date], int]]:
    """Daily active users per account; returns the expected monthly peak per (name, month)."""
    rnd = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Telemetry")
    sheet.append(["Product usage export"])
    sheet.append([])
    sheet.append(["Day", "Customer", "DAU", "Seats", "Sessions"])
    peaks: dict[tuple[str, dt.date], int] = {}
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        for name in names:
            active = rnd.randint(5, 90)
            sheet.append([day, name, active, 100, active * 3])
            key = (name, day.replace(day=1))
            peaks[key] = max(peaks.get(key, 0), active)
    book.save(path)
    return path, peaks


def usage_csv_with_other_spellings(path: Path) -> Path:
    lines = [
        "Month,Account,Active Users,Licensed Users",
        "2026-10,Contoso Ltd.,180,250",
        "2026-10,FABRIKAM INC,41,80",
        "2026-10,Northwind Traders Limited,60,120",
        "2026-10,Adventure Werks,300,400",
        "2026-10,Tailspin Toys,20,30",
        "2026-10,Brand New Customer,5,10",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tickets_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Cases"
    sheet.append(
        ["Case Number", "Account Name", "Subject", "Priority", "Date/Time Opened", "Closed"]
    )
    sheet.append(["00012", "Contoso Ltd", "SSO fails", "P1", dt.datetime(2026, 10, 3, 9, 30), None])
    sheet.append(
        ["00013", "Contoso Ltd", "Export slow", "High", dt.date(2026, 10, 9), dt.date(2026, 10, 12)]
    )
    sheet.append(["00014", "Fabrikam Inc", "How to share", "low", "2026-11-02", None])
    book.save(path)
    return path


def write_zip(path: Path, parts: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compress) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def with_narrative_refs(base: Review, account_ids: list[str]) -> Review:
    """``base`` whose deep dive, achievement, challenge and action item name accounts."""
    first = account_ids[0]
    return base.model_copy(
        update={
            "deep_dive": base.deep_dive.model_copy(update={"account_id": first}),
            "achievements": [base.achievements[0].model_copy(update={"account_id": first})],
            "challenges": [base.challenges[0].model_copy(update={"account_ids": account_ids})],
            "revenue": base.revenue.model_copy(
                update={"action_items": [ActionItem(text="Quote", account_id=account_ids[-1])]}
            ),
        }
    )
