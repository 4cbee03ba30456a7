"""The sample book written out as the files a CSM would have: CRM report exports, a usage
CSV, a stakeholder sheet… — the ``data/`` folder of ``qbr-studio demo``, to try the import on.

Each file looks like its tool's export (a report title block and a totals row on the CRM
report, a ticketing export's own column names), so importing them exercises what real
exports need. File names match the review's ``book.sources``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from pathlib import Path

from qbr_studio.model import Account, Book, Review
from qbr_studio.storage import atomic_write, atomic_write_bytes

PRIORITY = {1: "Urgent", 2: "High", 3: "Normal", 4: "Low"}
"""Zendesk's words for our ticket severities 1–4."""


def _names(book: Book) -> dict[str, str]:
    return {a.id: a.name for a in book.accounts}


def _people(items: Iterable) -> str:
    return "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in items)


def _account_row(a: Account) -> list[object]:
    return [
        a.id, a.name, a.industry, a.segment, a.region, "; ".join(a.products), a.arr,
        a.licensed_seats, a.renewal_date, a.crm_health.label if a.crm_health else "",
        a.customer_since, a.account_manager, a.csm, _people(a.key_contacts), _people(a.partners),
    ]  # fmt: skip


def _workbook(
    sheet: str,
    title_block: list[str],
    header: list[str],
    rows: list[list[object]],
    footer: list[list[object]] | None = None,
) -> Callable[[io.BufferedIOBase], None]:
    def write(stream) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = sheet
        for line in title_block:
            ws.append([line])
        if title_block:
            ws["A1"].font = Font(bold=True, size=14)
            ws.append([])
        ws.append(header)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "d mmm yyyy"
        for row in footer or []:
            ws.append(row)
        wb.save(stream)

    return write


def _csv(header: list[str], rows: list[list[object]], *, delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def export_sample_data(review: Review, folder: Path) -> list[Path]:
    """Write the book's tables into ``folder`` as the CSM's source files; returns them."""
    book, name = review.book, _names(review.book)
    cutoff = max((s.imported_on for s in book.sources if s.imported_on), default=review.as_of)
    written: list[Path] = []

    def xlsx(file: str, write) -> None:
        atomic_write(folder / file, write)
        written.append(folder / file)

    def csv_file(file: str, data: bytes) -> None:
        atomic_write_bytes(folder / file, data)
        written.append(folder / file)

    xlsx(
        "Salesforce accounts export.xlsx",
        _workbook(
            "Accounts",
            [f"My accounts — {review.meta.csm}", f"As of {cutoff:%d %b %Y}",
             "Filtered by: CSM equals " + review.meta.csm],
            ["Account ID", "Account Name", "Industry", "Segment", "Billing Region",
             "Products Owned", "ARR (converted)", "Licensed Seats", "Contract End Date",
             "Health", "Customer Since", "Account Owner", "CSM", "Key Contacts", "Partners"],
            [_account_row(a) for a in book.accounts],
            [[], [f"Grand Totals ({len(book.accounts)} records)", None, None, None, None,
                  None, sum(a.arr for a in book.accounts)],
             ["Confidential Information - Do Not Distribute"]],
        ),
    )  # fmt: skip
    csv_file(
        "Product usage (monthly).csv",
        _csv(
            ["Customer", "Month", "Active Users", "Licensed Users", "Key Feature Users"],
            [[name[u.account_id], u.month.isoformat(), u.active_users, u.licensed_users,
              u.key_feature_users if u.key_feature_users is not None else ""]
             for u in book.usage],
        ),
    )  # fmt: skip
    xlsx(
        "Salesforce opportunities export.xlsx",
        _workbook(
            "Open opportunities",
            ["Open renewals and expansion", f"As of {cutoff:%d %b %Y}"],
            ["Opportunity ID", "Account Name", "Type", "Opportunity Name", "Amount",
             "Close Date", "Stage", "Risk", "Next Step", "Opportunity Owner"],
            [[o.id, name[o.account_id], o.kind.label, o.name, o.amount, o.close_date, o.stage,
              o.risk.label, o.next_step, o.owner] for o in book.opportunities],
        ),
    )  # fmt: skip
    xlsx(
        "Stakeholder map.xlsx",
        _workbook(
            "People",
            [],
            ["Account", "Name", "Title", "Interest", "Sentiment"],
            [[name[s.account_id], s.name, s.role, s.interest, s.sentiment.label]
             for s in book.stakeholders],
        ),
    )  # fmt: skip
    csv_file(
        "Zendesk tickets (last 6 months).csv",
        _csv(
            ["Ticket ID", "Organization", "Created at", "Solved at", "Priority", "Subject",
             "Type"],
            [[t.id, name[t.account_id], t.opened.isoformat(),
              t.closed.isoformat() if t.closed else "", PRIORITY[t.severity], t.subject,
              t.category] for t in book.tickets],
        ),
    )  # fmt: skip
    csv_file(
        "NPS survey responses.csv",
        _csv(
            ["Account", "Response Date", "Score", "Respondent", "Comment"],
            [[name[r.account_id], r.date.isoformat(), r.score, r.respondent, r.comment]
             for r in book.nps],
        ),
    )  # fmt: skip
    xlsx(
        "Email engagement this quarter.xlsx",
        _workbook(
            "By account",
            [],
            ["Account", "Last Contact", "Emails Sent", "Emails Opened", "Replies"],
            [[name[e.account_id], e.last_contact, e.emails_sent, e.emails_opened, e.replies]
             for e in book.engagement],
        ),
    )  # fmt: skip
    return written
