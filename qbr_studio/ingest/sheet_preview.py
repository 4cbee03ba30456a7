"""What an import *would* read, for the app's import wizard: no review is touched.

:func:`preview_source` runs the same steps as an import of one file (checks, table finding,
kind and column matching, value parsing) and describes the result a column at a time: the
detected table, the field each column is read as and how that was decided, a few raw values
beside their parsed form, and every problem with its cell. The wizard edits the mapping and
calls again with it (:func:`edited_mapping` builds the :class:`SourceMapping` to pass); the
final import gets the same mappings, so what the wizard showed is what is imported::

    preview = preview_source(Path("usage.xlsx"))
    table = preview.tables[0]
    table.kind, table.header_cell, [c.field for c in table.columns]
    mapping = edited_mapping(preview.path, table, kind="usage", fields={"C": "active_users"})
    preview = preview_source(Path("usage.xlsx"), mappings=[mapping])
    import_sources(review, [Path("usage.xlsx")], mappings=[mapping])
"""

from __future__ import annotations

import datetime as dt
import glob
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from qbr_studio.ingest.columns import Mapping, missing_required, normalise
from qbr_studio.ingest.fields import KIND_SPECS, KindSpec
from qbr_studio.ingest.link import Link
from qbr_studio.ingest.mapping_store import MappingStore, SourceMapping
from qbr_studio.ingest.pipeline import forced_kind, read_source
from qbr_studio.ingest.records import (
    ReadTable,
    amount_text,
    feature_counts,
    untyped_opportunities,
)
from qbr_studio.ingest.report import ImportReport, Issue
from qbr_studio.ingest.values import to_text
from qbr_studio.model.data_kinds import DataKind
from qbr_studio.sheet_refs import column_letter

PREVIEW_ROWS = 20
"""Data rows shown per table."""

HOW_WORDS = {
    "name": "header name",
    "fuzzy": "similar header",
    "content": "its values",
    "remembered": "last import",
    "mapping file": "mapping file",
    "given": "your choice",
    "guessed": "its columns",
}
"""How a kind or a column match was decided, in the words the wizard shows."""


@dataclass
class ColumnPreview:
    """One column of the detected table."""

    letter: str
    """The sheet column, ``"C"``."""
    header: str
    field: str | None
    """The field it is read as, or None when it is not imported."""
    how: str
    """How the field was matched (a :data:`HOW_WORDS` key), "" when unmapped."""
    raw: list[str]
    """The first data rows' cells as written."""
    parsed: list[str]
    """The same cells as they will be imported ("" for blank, "⚠" + message when unreadable);
    empty for an unmapped column."""
    problems: list[Issue] = field(default_factory=list)
    """Every unreadable value of the column (the whole table, not just the preview rows)."""
    problem_count: int = 0


@dataclass
class TablePreview:
    """A table found in one sheet (or CSV file) and how it would be imported."""

    file: str
    sheet: str
    kind: str
    kind_how: str
    header_row: int
    """1-based sheet row of the header."""
    header_cell: str
    rows: list[int]
    """1-based sheet rows of the preview rows."""
    columns: list[ColumnPreview]
    rows_read: int
    rows_skipped: int
    skipped: list[Issue]
    fields_missing: list[str]
    """Labels of the kind's fields no column is read as (not an error: informative)."""
    notes: list[str]
    alternatives: list[str]
    """Other kinds the table could also be read as."""
    doubts: list[str] = field(default_factory=list)
    """Why the guessed kind may be wrong (the wizard should ask which kind it is): the
    command line refuses such a table unless told with --as."""
    evidence: str = ""
    """The kind and the columns that name its fields, in a line."""
    untyped: int = 0
    """Opportunities whose type nothing says (the import's ``opportunity_type`` decides) …"""
    untyped_amount: str = ""
    """… and their amount in all (``"USD 1,200"``)."""
    left_out: int = 0
    """Rows the import leaves out for a value it understood (a new customer's deal)."""
    linked_by: str = ""
    """The header of the id column a link file joined the rows to accounts by (its account
    column is then added after the file's own); "" when no link was used."""
    features: list[tuple[str, int]] = field(default_factory=list)
    """An event log's features with their event counts, most used first (the choice of key
    features); empty for any other table."""

    @property
    def mapped(self) -> dict[str, str]:
        """Column letter → field, for the columns that are imported."""
        return {c.letter: c.field for c in self.columns if c.field}


@dataclass
class SourcePreview:
    path: Path
    tables: list[TablePreview]
    notes: list[str]


def preview_source(
    path: Path,
    as_kind: str | None = None,
    mappings: Sequence[SourceMapping] = (),
    links: Sequence[Link] = (),
    currency: str = "",
) -> SourcePreview:
    """Read ``path`` as an import would (``links``: the link files it is given, already
    loaded with :func:`~qbr_studio.ingest.link.load_link`); raises UserError exactly when
    the import would. ``currency`` words the amounts (``"USD 1,200"``)."""
    report = ImportReport()
    tables = read_source(
        Path(path), forced_kind(as_kind), list(mappings), MappingStore(), report, links=links
    )
    for rt in tables:
        rt.currency = currency
    return SourcePreview(Path(path), [_describe(rt) for rt in tables], report.notes)


def kind_fields(kind: str) -> list[tuple[str, str, bool]]:
    """(field name, label, required) of a kind, in the order the data template lists them."""
    return [(f.name, f.label, f.required) for f in KIND_SPECS[kind].fields]


def kinds() -> list[tuple[str, str]]:
    """(kind name, label) of every data kind."""
    return [(k.name, k.label) for k in KIND_SPECS.values()]


def missing_fields(kind: str, fields: dict[str, str]) -> list[str]:
    """Labels of the required fields that ``fields`` (column → field) leaves out."""
    spec = KIND_SPECS[kind]
    present = Mapping(kind, fields={name: k for k, name in enumerate(fields.values())})
    return [f.label for f in missing_required(spec, present)]


def duplicate_fields(fields: dict[str, str]) -> list[str]:
    """Fields that more than one column is read as."""
    counts = Counter(fields.values())
    return sorted(f for f, n in counts.items() if n > 1)


def edited_mapping(
    path: Path,
    table: TablePreview,
    kind: str | None = None,
    fields: dict[str, str | None] | None = None,
    header_row: int | None = None,
    date_order: str | None = None,
) -> SourceMapping:
    """The mapping that reads ``table`` as the wizard's user says.

    ``fields`` maps column letters to fields (None: not imported); columns it doesn't name
    keep the table's current field. Changing the kind starts from that kind's own matching
    unless ``fields`` says otherwise; changing the header row starts matching afresh. Columns
    are named by their header (what is remembered for next quarter), by letter when two
    headers read alike.
    """
    kind = kind or table.kind
    chosen: dict[str, str | None] = {}
    if kind == table.kind and header_row in (None, table.header_row):
        chosen = {c.letter: c.field for c in table.columns}
    chosen.update(fields or {})
    valid = KIND_SPECS[kind].field_map
    headers = Counter(normalise(c.header) for c in table.columns)
    key = {
        c.letter: c.header if headers[normalise(c.header)] == 1 else c.letter for c in table.columns
    }
    columns = {
        key.get(letter, letter): name
        for letter, name in chosen.items()
        if name is None or name in valid
    }
    return SourceMapping(
        kind=kind,
        sheet=table.sheet or None,
        header_row=header_row or table.header_row,
        columns=columns,
        date_order=date_order,
        file=glob.escape(Path(path).name),
        origin="given",
    )


# ------------------------------------------------------------------------------ describing


def _describe(rt: ReadTable) -> TablePreview:
    plan = rt.plan
    table = plan.table
    grid = table.grid
    report = rt.report
    shown = list(rt.rows[:PREVIEW_ROWS])
    by_column = {k: name for name, k in plan.mapping.fields.items()}
    columns = []
    for k, header in enumerate(table.headers):
        j = table.columns[k]
        name = by_column.get(k)
        raw = [to_text(grid.rows[i][j]) for i in shown]
        column = ColumnPreview(
            column_letter(grid.left + j),
            header,
            name,
            plan.mapping.how.get(name, "") if name else "",
            raw,
            _parsed(rt, name, len(shown), plan.kind) if name else [],
        )
        if name:
            _problems(rt, name, j, column)
        columns.append(column)
    untyped = untyped_opportunities(rt)
    amounts = rt.values("amount")
    return TablePreview(
        file=grid.file,
        sheet=grid.sheet,
        kind=plan.kind.name,
        kind_how=plan.kind_how,
        header_row=grid.top + table.header_row + 1,
        header_cell=report.header_cell,
        rows=[grid.top + i + 1 for i in shown],
        columns=columns,
        rows_read=report.rows_read,
        rows_skipped=report.rows_skipped,
        skipped=list(report.skipped),
        fields_missing=list(report.fields_not_found),
        notes=list(report.notes),
        alternatives=list(plan.alternatives),
        doubts=list(plan.doubts),
        evidence=plan.evidence,
        untyped=len(untyped),
        left_out=sum(len(parsed.left_out) for parsed in rt.cols.values()),
        untyped_amount=amount_text(rt.currency, (amounts[p] or 0.0 for p in untyped))
        if untyped
        else "",
        features=feature_counts(rt),
        linked_by=rt.link_header,
    )


def _parsed(rt: ReadTable, name: str, n: int, kind: KindSpec) -> list[str]:
    values = rt.get(name) or []
    parsed = rt.cols[name]
    errors = {p: message for p, _raw, message in parsed.errors if p < n}
    said = {p: f"left out: {why}" for p, _raw, why in parsed.left_out if p < n}
    said |= {p: f"says only {what}" for p, _raw, what in parsed.unsaid if p < n}
    raw_join = name in ("account", "account_id") and kind.name is not DataKind.ACCOUNTS
    out = []
    for p in range(min(n, len(values))):
        if p in errors:
            out.append(f"⚠ {errors[p]}")
        elif p in said:
            out.append(said[p])
        elif raw_join:
            out.append(to_text(values[p]).strip())
        else:
            out.append(_shown(values[p]))
    return out


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_shown(v) for v in value)
    if isinstance(value, Enum):
        return str(value.value).capitalize()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _problems(rt: ReadTable, name: str, j: int, column: ColumnPreview) -> None:
    grid = rt.plan.table.grid
    errors = rt.cols[name].errors
    column.problem_count = len(errors)
    column.problems = [
        Issue(grid.where(rt.rows[p], j), f'"{to_text(raw)}" {message}')
        for p, raw, message in errors[:200]
    ]
