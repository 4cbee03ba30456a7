"""The blank data workbook (``qbr-studio template -o qbr_data.xlsx``), written with openpyxl.

One sheet per data kind with the headers the importer reads back exactly, input validation
(drop-downs, date and number checks), a few example rows, and an Instructions sheet. Example
rows carry account names starting with :data:`EXAMPLE_PREFIX`; the importer skips them, so a
workbook filled in below them imports as is.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from qbr_studio.errors import UserError, os_reason
from qbr_studio.ingest.fields import KIND_SPECS, FieldSpec, KindSpec
from qbr_studio.ingest.values import V, ValueType
from qbr_studio.model.data_kinds import DataKind

EXAMPLE_PREFIX = "(example) "
"""Account names of the template's example rows; rows whose account starts so are skipped."""

TEMPLATE_ROWS = 2000
"""Rows of each sheet that carry the input validation."""

_LEFT_OUT = {
    "first_name", "last_name", "open_rate", "reply_rate", "opportunity_id", "record_type",
    "seconds", "feature", "session_id",
}  # fmt: skip

_CHOICES: dict[ValueType, tuple[str, ...]] = {
    V.HEALTH: ("Green", "Yellow", "Red"),
    V.RISK: ("Low", "Medium", "High"),
    V.SENTIMENT: ("Champion", "Supporter", "Neutral", "Detractor"),
    V.OPP_KIND: ("Renewal", "Expansion", "Cross-sell"),
}

_WIDTH = {V.TEXT: 22, V.LIST: 30, V.MONEY: 14, V.COUNT: 14, V.DATE: 14, V.SCORE: 10}

_A, _B, _C = (EXAMPLE_PREFIX + n for n in ("Contoso Ltd", "Fabrikam Inc", "Northwind Traders"))
_D = dt.date
EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "accounts": [
        {"account": _A, "account_id": "ACC-001", "industry": "Retail", "segment": "Enterprise",
         "region": "EMEA", "products": "Analytics; Workflow", "arr": 120000,
         "licensed_seats": 250, "renewal_date": _D(2027, 3, 31), "crm_health": "Green",
         "customer_since": _D(2022, 4, 1), "account_manager": "Dana Lee", "csm": "Sam Ortiz",
         "key_contacts": "Ana Ruiz (CIO); Bo Li (Ops lead)", "partners": "Avanade"},
        {"account": _B, "account_id": "ACC-002", "industry": "Manufacturing",
         "segment": "Mid-market", "region": "AMER", "products": "Analytics", "arr": 48000,
         "licensed_seats": 80, "renewal_date": _D(2026, 12, 15), "crm_health": "Yellow",
         "customer_since": _D(2023, 1, 15), "account_manager": "Dana Lee", "csm": "Sam Ortiz"},
    ],
    "usage": [
        {"account": _A, "date": _D(2026, 10, 1), "active_users": 180, "licensed_users": 250,
         "key_feature_users": 95},
        {"account": _A, "date": _D(2026, 11, 1), "active_users": 192, "licensed_users": 250,
         "key_feature_users": 101},
        {"account": _B, "date": _D(2026, 10, 1), "active_users": 41, "licensed_users": 80,
         "key_feature_users": 12},
    ],
    "opportunities": [
        {"account": _A, "name": "Contoso renewal FY27", "kind": "Renewal", "amount": 120000,
         "close_date": _D(2027, 3, 31), "stage": "Negotiation", "risk": "Low",
         "next_step": "Send renewal quote", "owner": "Dana Lee"},
        {"account": _B, "name": "Fabrikam workflow add-on", "kind": "Cross-sell",
         "amount": 15000, "close_date": _D(2027, 1, 31), "stage": "Discovery",
         "risk": "Medium", "next_step": "Demo to ops team", "owner": "Sam Ortiz"},
    ],
    "contacts": [
        {"account": _A, "name": "Ana Ruiz", "role": "CIO", "email": "ana.ruiz@example.com",
         "interest": "Cutting reporting time", "sentiment": "Champion"},
        {"account": _B, "name": "Piet de Vries", "role": "Head of Operations",
         "email": "piet@example.com", "interest": "Plant uptime", "sentiment": "Neutral"},
    ],
    "tickets": [
        {"account": _A, "ticket_id": "T-1042", "opened": _D(2026, 10, 3),
         "closed": _D(2026, 10, 5), "severity": 2, "subject": "SSO login fails",
         "category": "Authentication"},
        {"account": _B, "ticket_id": "T-1077", "opened": _D(2026, 11, 12), "severity": 3,
         "subject": "How to export a dashboard", "category": "How-to"},
    ],
    "nps": [
        {"account": _A, "date": _D(2026, 10, 20), "score": 9, "respondent": "Ana Ruiz",
         "comment": "Reports are much faster"},
        {"account": _B, "date": _D(2026, 11, 2), "score": 6, "respondent": "Piet de Vries",
         "comment": "Onboarding took long"},
    ],
    "engagement": [
        {"account": _A, "last_contact": _D(2026, 11, 28), "emails_sent": 12,
         "emails_opened": 10, "replies": 6},
        {"account": _B, "last_contact": _D(2026, 9, 14), "emails_sent": 9,
         "emails_opened": 3, "replies": 0},
    ],
}  # fmt: skip


def template_fields(kind: KindSpec) -> list[FieldSpec]:
    """The columns the template gives a kind's sheet, in order."""
    return [f for f in kind.fields if f.name not in _LEFT_OUT]


def write_data_template(path: Path) -> None:
    """Write the blank data workbook to ``path`` atomically (temp file, then replace)."""
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook()
    instructions = book.active
    instructions.title = "Instructions"
    _instructions(instructions)
    for kind in KIND_SPECS.values():
        _kind_sheet(book.create_sheet(kind.sheet), kind)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".qbr-template-", suffix=".xlsx", dir=folder)
        os.close(fd)
        try:
            book.save(tmp)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise UserError(
            f"{path.name}: can't write the template ({os_reason(err, path, writing=True)})"
        ) from None


def _kind_sheet(sheet, kind: KindSpec) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    fields = template_fields(kind)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    example_font = Font(italic=True, color="808080")
    for c, spec in enumerate(fields, start=1):
        cell = sheet.cell(row=1, column=c, value=spec.label)
        cell.font, cell.fill = header_font, header_fill
        note = spec.help or ""
        if spec.required or spec.name == "account":
            note = ("Required. " + note).strip()
        if note:
            cell.comment = Comment(note, "QBR Studio")
        letter = get_column_letter(c)
        sheet.column_dimensions[letter].width = _WIDTH.get(spec.vtype, 16)
        _validate(sheet, spec, letter, kind)
    for r, example in enumerate(EXAMPLES.get(kind.name, []), start=2):
        for c, spec in enumerate(fields, start=1):
            value = example.get(spec.name)
            if value is None:
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            cell.font = example_font
            _format(cell, spec)
    for c, spec in enumerate(fields, start=1):
        for r in range(2 + len(EXAMPLES.get(kind.name, [])), 202):
            _format(sheet.cell(row=r, column=c), spec)
    sheet.freeze_panes = "B2"


def _format(cell, spec: FieldSpec) -> None:
    if spec.vtype is V.DATE:
        cell.number_format = "yyyy-mm-dd"
    elif spec.vtype is V.MONEY:
        cell.number_format = "#,##0"


def _validate(sheet, spec: FieldSpec, letter: str, kind: KindSpec) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    area = f"{letter}2:{letter}{TEMPLATE_ROWS}"
    rule: DataValidation | None = None
    if spec.vtype in _CHOICES:
        rule = DataValidation(type="list", formula1='"' + ",".join(_CHOICES[spec.vtype]) + '"')
        rule.error = f"Choose one of: {', '.join(_CHOICES[spec.vtype])}"
    elif spec.vtype is V.DATE:
        rule = DataValidation(type="date", operator="between", formula1="32874", formula2="73051")
        rule.error = "Enter a date (e.g. 2026-12-31)"
    elif spec.vtype in (V.MONEY, V.NUMBER):
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        rule.error = "Enter an amount of 0 or more, without text"
    elif spec.vtype is V.COUNT:
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        rule.error = "Enter a whole number of 0 or more"
    elif spec.vtype is V.SEVERITY:
        rule = DataValidation(type="whole", operator="between", formula1="1", formula2="4")
        rule.error = "Enter 1 (critical) to 4 (low)"
    elif spec.vtype is V.SCORE:
        rule = DataValidation(type="whole", operator="between", formula1="0", formula2="10")
        rule.error = "Enter a score from 0 to 10"
    elif spec.name == "account" and kind.name is not DataKind.ACCOUNTS:
        rule = DataValidation(type="list", formula1=f"=Accounts!$A$2:$A${TEMPLATE_ROWS}")
        rule.errorStyle = "warning"
        rule.error = "This account is not on the Accounts sheet; it will be added by name only"
    if rule is None:
        return
    rule.allow_blank = True
    rule.showErrorMessage = True
    rule.errorTitle = spec.label
    sheet.add_data_validation(rule)
    rule.add(area)


_INTRO = [
    "QBR Studio data workbook",
    "",
    "Fill in the sheets you have data for; leave the others empty or delete them. Then run:",
    "    qbr-studio import MY_REVIEW.qbr qbr_data.xlsx",
    "",
    "• Keep the header row (row 1) as it is; you may add columns of your own, they are ignored.",
    "• Write each account's name the same way on every sheet (the Account column offers the "
    "names from the Accounts sheet).",
    "• The grey rows whose account starts with “(example)” are examples: they are never "
    "imported. Delete them or leave them.",
    "• Dates: any date Excel understands. Amounts: plain numbers in the review's currency.",
    "• Usage: one row per account and month — or per day or week: they are combined into "
    "months (each month keeps its highest active-user count).",
    "• Importing again later refreshes the data and keeps everything you wrote in the review.",
    "",
    "Columns",
]


def _instructions(sheet) -> None:
    from openpyxl.styles import Alignment, Font

    for r, line in enumerate(_INTRO, start=1):
        sheet.cell(row=r, column=1, value=line)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    sheet.cell(row=len(_INTRO), column=1).font = Font(bold=True)
    row = len(_INTRO) + 1
    for kind in KIND_SPECS.values():
        sheet.cell(row=row, column=1, value=f"{kind.sheet} — {kind.help}").font = Font(bold=True)
        row += 1
        for spec in template_fields(kind):
            need = "required" if spec.required or spec.name == "account" else "optional"
            text = f"    {spec.label} ({need})" + (f": {spec.help}" if spec.help else "")
            sheet.cell(row=row, column=1, value=text)
            row += 1
    sheet.column_dimensions["A"].width = 110
    for line in sheet.iter_rows(min_row=1, max_row=row, max_col=1):
        line[0].alignment = Alignment(wrap_text=False)
