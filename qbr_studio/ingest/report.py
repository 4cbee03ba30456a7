"""What an import did, for the person who ran it: a short text and the same facts as JSON.

Every problem names its place the way a spreadsheet user finds it:
``usage.xlsx: Telemetry!C1042: "31/02/2026" is not a date``. Lists are kept whole in the JSON
(up to :data:`MAX_LISTED` entries each) and cut to a few lines in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from qbr_studio.errors import Hint, UserError
from qbr_studio.ingest.join import Join
from qbr_studio.wording import plural

MAX_LISTED = 1000
"""Entries kept per list (skipped rows, unreadable values); the counts stay exact."""

TEXT_LINES = 8
"""Entries of each list shown in the text report."""


class ImportRefused(UserError):
    """An import refused as a whole; ``details`` holds the facts for ``--json`` (the kind
    guessed, the candidates, the column mapping, the warnings)."""

    def __init__(self, message: str, details: dict[str, Any], hint: Hint | None = None) -> None:
        super().__init__(message, hint)
        self.details = {"refused": message, **details}


@dataclass(frozen=True)
class Issue:
    """One problem at one place: ``where`` is ``"file: Sheet!C12"`` or ``"file: Sheet!row 12"``."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


ROUTINE_SKIPS = frozenset(
    {"totals row", "note row", "repeated header row", "example row of the data template"}
)
"""Rows a report's layout holds that are not data: passed over on purpose, not problems."""

_KIND_HOW = {
    "given": "",
    "guessed": ", told by its column names",
    "remembered": ", as remembered from the last import of this report",
}
"""How the report says the kind was decided (``TableReport.kind_how``)."""


@dataclass
class TableReport:
    """One table read from one sheet (or CSV file)."""

    file: str
    sheet: str
    kind: str
    kind_how: str
    """How the kind was decided: ``"given"`` (--as), ``"guessed"``, ``"remembered"``,
    ``"mapping file"``."""
    header_cell: str
    rows_read: int = 0
    rows_imported: int = 0
    records: int = 0
    """Records the rows became (usage: account-months; engagement: accounts)."""
    columns: dict[str, str] = field(default_factory=dict)
    """Field → the column it was read from: ``'ACV (converted)' (column D)``."""
    column_how: dict[str, str] = field(default_factory=dict)
    mapping: dict[str, str | None] = field(default_factory=dict)
    """Header → field name, or None for an unused column: the ``--mapping`` file format."""
    fields_not_found: list[str] = field(default_factory=list)
    columns_unused: list[str] = field(default_factory=list)
    skipped: list[Issue] = field(default_factory=list)
    skipped_counts: dict[str, int] = field(default_factory=dict)
    blank_rows: int = 0
    values: list[Issue] = field(default_factory=list)
    values_count: int = 0
    notes: list[str] = field(default_factory=list)
    evidence: str = ""
    """Why the kind: its fields and the columns naming them (see kinds.Candidate.describe)."""
    doubts: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    """Every kind tried for a guessed table, described."""

    @property
    def rows_skipped(self) -> int:
        return sum(self.skipped_counts.values())

    def skip(self, where: str, reason: str) -> None:
        self.skipped_counts[reason] = self.skipped_counts.get(reason, 0) + 1
        if len(self.skipped) < MAX_LISTED:
            self.skipped.append(Issue(where, reason))

    def bad_value(self, where: str, message: str) -> None:
        self.values_count += 1
        if len(self.values) < MAX_LISTED:
            self.values.append(Issue(where, message))

    @property
    def title(self) -> str:
        return f"{self.file} › {self.sheet}" if self.sheet else self.file

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "kind": self.kind,
            "kind_decided_by": self.kind_how,
            "kind_evidence": self.evidence,
            "kind_doubts": self.doubts,
            "kinds_tried": self.candidates,
            "header": self.header_cell,
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_skipped": self.rows_skipped,
            "blank_rows": self.blank_rows,
            "records": self.records,
            "columns": self.columns,
            "columns_matched_by": self.column_how,
            "fields_not_found": self.fields_not_found,
            "columns_unused": self.columns_unused,
            "skipped_by_reason": self.skipped_counts,
            "skipped": [{"where": i.where, "reason": i.message} for i in self.skipped],
            "unreadable_values_count": self.values_count,
            "unreadable_values": [{"where": i.where, "problem": i.message} for i in self.values],
            "notes": self.notes,
            "mapping": {"kind": self.kind, "sheet": self.sheet, "columns": self.mapping},
        }

    def text_lines(self) -> list[str]:
        how = _KIND_HOW.get(self.kind_how, f", {self.kind_how}")
        lines = [f"{self.title}: {self.kind}{how} (header at {self.header_cell})"]
        if self.kind_how == "guessed" and self.evidence:
            lines.append(f"  why: {_short(self.evidence)}")
        read = f"  {self.rows_read:,} rows read, {self.rows_imported:,} imported"
        if self.records and self.records != self.rows_imported:
            read += f" as {self.records:,} records"
        problems = {r: n for r, n in self.skipped_counts.items() if r not in ROUTINE_SKIPS}
        routine = {r: n for r, n in self.skipped_counts.items() if r in ROUTINE_SKIPS}
        if problems:
            grouped = grouped_reasons(problems)
            reasons = ", ".join(f"{n:,} × {r}" for r, n in grouped[:3])
            if len(grouped) > 3:
                reasons += f" and {len(grouped) - 3} more reasons"
            read += f"; left out {reasons}"
        if routine:
            read += "; passed over " + ", ".join(f"{n:,} × {r}" for r, n in routine.items())
        lines.append(read)
        if self.fields_not_found:
            missing = ", ".join(self.fields_not_found)
            lines.append(f"  columns this file doesn't have (left blank): {missing}")
        for note in self.notes:
            lines.append(f"  note: {note}")
        if self.values_count:
            lines.append(f"  {self.values_count:,} values could not be read:")
            lines += [f"    {issue}" for issue in self.values[:TEXT_LINES]]
            if self.values_count > TEXT_LINES:
                lines.append(
                    f"    … and {self.values_count - TEXT_LINES:,} more (--json lists them)"
                )
        listed = [i for i in self.skipped if i.message not in ROUTINE_SKIPS][:TEXT_LINES]
        if listed:
            lines.append("  rows left out:")
            lines += [f"    {issue}" for issue in listed]
        return lines


@dataclass
class Changes:
    """What the import changed in the book of business."""

    accounts_added: list[str] = field(default_factory=list)
    accounts_gone: list[str] = field(default_factory=list)
    accounts_kept: list[str] = field(default_factory=list)
    """Gone from the new data but kept, because the review's narrative refers to them."""
    accounts_prunable: list[tuple[str, float]] = field(default_factory=list)
    """(name, ARR) of accounts gone from their re-imported accounts source, kept because
    ``prune`` was not given (the CLI's --prune; the wizard should ask)."""
    arr: list[tuple[str, float, float]] = field(default_factory=list)
    renewal: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)
    tables: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Kind → (rows before, rows after) for every table the import refreshed."""

    @property
    def empty(self) -> bool:
        return not (self.accounts_added or self.accounts_gone or self.arr or self.renewal)

    def to_dict(self) -> dict[str, Any]:
        return {
            "accounts_added": self.accounts_added,
            "accounts_gone": self.accounts_gone,
            "accounts_kept_for_narrative": self.accounts_kept,
            "accounts_prunable": [{"account": a, "arr": arr} for a, arr in self.accounts_prunable],
            "arr_changes": [{"account": a, "before": b, "after": c} for a, b, c in self.arr],
            "renewal_date_changes": [
                {
                    "account": a,
                    "before": b.isoformat() if b else None,
                    "after": c.isoformat() if c else None,
                }
                for a, b, c in self.renewal
            ],
            "tables": {k: {"before": b, "after": a} for k, (b, a) in self.tables.items()},
        }

    def text_lines(self, currency: str = "") -> list[str]:
        lines = []
        if self.tables:
            parts = [f"{k} {b:,} → {a:,}" for k, (b, a) in self.tables.items()]
            lines.append("Refreshed: " + "; ".join(parts))
        if self.accounts_added:
            lines.append(_names("Accounts added", self.accounts_added))
        if self.accounts_gone:
            lines.append(_names("Accounts gone", self.accounts_gone))
        if self.accounts_prunable:
            total = sum(arr for _name, arr in self.accounts_prunable)
            lines.append(
                _names(
                    f"Not in the accounts file any more, kept (ARR {_money(total, currency)}; "
                    "--prune removes them)",
                    [name for name, _arr in self.accounts_prunable],
                )
            )
        if self.accounts_kept:
            lines.append(
                _names(
                    "Kept although gone from the data (your review refers to them)",
                    self.accounts_kept,
                )
            )
        for name, before, after in self.arr[:TEXT_LINES]:
            lines.append(f"ARR {name}: {_money(before, currency)} → {_money(after, currency)}")
        if len(self.arr) > TEXT_LINES:
            lines.append(f"… and {len(self.arr) - TEXT_LINES} more ARR changes")
        for name, before, after in self.renewal[:TEXT_LINES]:
            lines.append(f"Renewal {name}: {_day(before)} → {_day(after)}")
        if len(self.renewal) > TEXT_LINES:
            lines.append(f"… and {len(self.renewal) - TEXT_LINES} more renewal-date changes")
        if not lines:
            lines.append("No changes to accounts, ARR or renewal dates.")
        return lines


def grouped_reasons(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Reasons that differ only in a quoted value counted together, most frequent first:
    ``'account id "A1" matches no account'`` and ``… "A2" …`` → ``… "…" …``."""
    out: dict[str, int] = {}
    for reason, n in counts.items():
        key = re.sub(r'"[^"]*"', '"…"', reason)
        out[key] = out.get(key, 0) + n
    if len(out) == 1 and len(counts) == 1:
        return list(counts.items())
    return sorted(out.items(), key=lambda r: (-r[1], r[0]))


LINE_MAX = 160
"""No line of the text report is longer (the JSON keeps every text whole)."""


def _short(text: str, limit: int = LINE_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _names(label: str, names: list[str]) -> str:
    shown = ", ".join(names[:TEXT_LINES])
    more = f" and {len(names) - TEXT_LINES} more" if len(names) > TEXT_LINES else ""
    return f"{label} ({len(names)}): {shown}{more}"


def _money(value: float, currency: str) -> str:
    return f"{currency} {value:,.0f}".strip()


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "none"


@dataclass
class ImportReport:
    """The whole import: one :class:`TableReport` per table, joins, changes, file notes."""

    tables: list[TableReport] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    accounts_from_data: list[str] = field(default_factory=list)
    """Accounts created because a usage/ticket/… file named them and no accounts table did."""
    changes: Changes = field(default_factory=Changes)
    notes: list[str] = field(default_factory=list)
    currency: str = ""
    warnings: list[str] = field(default_factory=list)
    """Plausibility warnings (see :mod:`qbr_studio.ingest.plausibility`)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "tables": [t.to_dict() for t in self.tables],
            "joins": [
                {"file": j.file, "name": j.name, "account": j.account, "how": j.how}
                for j in self.joins
            ],
            "accounts_from_data": self.accounts_from_data,
            "changes": self.changes.to_dict(),
            "notes": self.notes,
            "warnings": self.warnings,
        }

    def to_text(self) -> str:
        files = len({t.file for t in self.tables})
        lines = [f"Imported {plural(len(self.tables), 'table')} from {plural(files, 'file')}."]
        lines += [f"warning: {_short(w)}" for w in self.warnings]
        lines += [f"note: {_short(n)}" for n in self.notes]
        for table in self.tables:
            lines += table.text_lines()
        if self.joins:
            lines.append("Joined under a different spelling (check these):")
            lines += [f"  {j}" for j in self.joins[: TEXT_LINES * 2]]
            if len(self.joins) > TEXT_LINES * 2:
                lines.append(f"  … and {len(self.joins) - TEXT_LINES * 2} more (--json lists them)")
        if self.accounts_from_data:
            lines.append(
                _names(
                    "Accounts found only in activity data (added with their name only)",
                    self.accounts_from_data,
                )
            )
        lines += self.changes.text_lines(self.currency)
        return "\n".join(_short(line) for line in lines)
