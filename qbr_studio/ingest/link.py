"""Rows keyed by something other than an account — a subscription id, a user id — joined to
their accounts through a file that maps those keys (``qbr-studio import R usage.csv --link
subscriptions.csv``).

A link file is any table with an account column (an account id, else an account name) and
other key columns. A sheet to import that names no account but shares one of those key
columns (same header, as :func:`~qbr_studio.ingest.headers.normalise` spells it) gets the
account added as a column, before its header and kind are decided: the rest of the import
then reads it like any export with an account id. Rows whose key the link file doesn't map
are left without an account (skipped and reported by the join), and counted in a note; a key
the link file maps to two different accounts is not guessed between.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from qbr_studio.errors import UserError
from qbr_studio.ingest.columns import known_header, match_columns
from qbr_studio.ingest.fields import _ACCOUNT, _ACCOUNT_ID, KindSpec
from qbr_studio.ingest.headers import is_id_header, normalise
from qbr_studio.ingest.preflight import check_file
from qbr_studio.ingest.readers import Grid, WorkbookReader, read_delimited
from qbr_studio.ingest.tables import Table, find_table
from qbr_studio.ingest.values import is_blank, to_text
from qbr_studio.model.data_kinds import DataKind

_LINK_KIND = KindSpec(DataKind.USAGE, "Link", "", (_ACCOUNT, _ACCOUNT_ID))
"""Only the account fields: what a link file, or a sheet that may need one, is searched for."""

CONFIDENT = 0.75


@dataclass
class Link:
    """A link file read: the header of its account column and, per other column, key → the
    account in that row (``None`` for a key seen with two different accounts)."""

    file: str
    account_header: str
    keys: dict[str, dict[str, str | None]] = field(default_factory=dict)
    """Normalised header → key value → account."""
    labels: dict[str, str] = field(default_factory=dict)
    """Normalised header → the header as the link file writes it."""


def _key(value: Any) -> str:
    return to_text(value).strip() if not is_blank(value) else ""


def load_link(path: Path) -> Link:
    """Read a link file (first sheet with a table); refused when it has no account column or
    no other column to join on."""
    pre = check_file(path)
    if pre.fmt == "csv":
        grid = read_delimited(path, pre)
    else:
        reader = WorkbookReader(path, pre)
        try:
            names = reader.sheet_names()
            if not names:
                raise UserError(f"{path.name}: the workbook has no visible worksheet")
            grid = reader.full(reader.peek(names[0], 1))
        finally:
            reader.close()
    table = find_table(grid, known_header)
    if table is None:
        raise UserError(f"{path.name}: no table found to link rows to accounts with")
    account = _account_column(table)
    if account is None:
        raise UserError(
            f"{path.name}: can't link rows to accounts with it: no account id or account name "
            f"column (its columns are {', '.join(table.headers[:8])})"
        )
    link = Link(path.name, table.headers[account])
    j_account = table.columns[account]
    rows = grid.rows[table.first_data :]
    for k, header in enumerate(table.headers):
        if k == account or header.startswith("Column "):
            continue
        j = table.columns[k]
        keys: dict[str, str | None] = {}
        for row in rows:
            key, target = _key(row[j]), _key(row[j_account])
            if not key or not target:
                continue
            seen = keys.setdefault(key, target)
            if seen is not None and seen != target:
                keys[key] = None  # two accounts: not guessed between
        if keys:
            link.keys[normalise(header)] = keys
            link.labels[normalise(header)] = header
    if not link.keys:
        raise UserError(f"{path.name}: it has an account column but no key column to link by")
    return link


def _account_column(table: Table) -> int | None:
    """The table's account id column, else its account name column (named with confidence)."""
    mapping = match_columns(table, _LINK_KIND)
    for name in ("account_id", "account"):
        k = mapping.fields.get(name)
        named = mapping.how.get(name) == "name" and mapping.scores.get(name, 0) >= CONFIDENT
        if k is not None and named:
            return k
    return None


@dataclass
class Linked:
    """What linking did to one sheet, for its report."""

    link: Link
    key_header: str
    rows: int = 0
    unmatched_rows: int = 0
    unmatched_keys: list[str] = field(default_factory=list)
    ambiguous_keys: int = 0

    def note(self) -> str:
        text = f"'{self.key_header}' linked to accounts by {self.link.file}"
        if self.unmatched_rows:
            shown = ", ".join(self.unmatched_keys[:3])
            more = "…" if len(self.unmatched_keys) > 3 else ""
            text += (
                f"; {self.unmatched_rows:,} of {self.rows:,} rows left out, their "
                f"{self.key_header} not in it ({len(self.unmatched_keys):,}: {shown}{more})"
            )
        if self.ambiguous_keys:
            text += f"; {self.ambiguous_keys:,} ids there map to two accounts: left out"
        return text


def link_grid(grid: Grid, links: list[Link]) -> tuple[Grid, Linked | None]:
    """``grid`` with an account column added from the first link that shares a key column
    with its table, when the table names no account; else ``grid`` itself. The returned
    :class:`Linked` counts the rows left unmatched (for a complete grid)."""
    if not links:
        return grid, None
    table = find_table(grid, known_header)
    if table is None or _account_column(table) is not None:
        return grid, None
    headers = {normalise(h): k for k, h in enumerate(table.headers)}
    for link in links:
        shared = [h for h in headers if h in link.keys]
        shared.sort(key=lambda h: (not is_id_header(h), headers[h]))
        if not shared:
            continue
        key_name = shared[0]
        j = table.columns[headers[key_name]]
        keys = link.keys[key_name]
        linked = Linked(link, table.headers[headers[key_name]])
        unmatched: dict[str, None] = {}
        ambiguous: set[str] = set()
        out_rows = []
        for i, row in enumerate(grid.rows):
            if i < table.header_row:
                out_rows.append([*row, ""])
                continue
            if i == table.header_row:
                out_rows.append([*row, link.account_header])
                continue
            key = _key(row[j])
            target = keys.get(key) if key else None
            if key:
                linked.rows += 1
                if target is None:
                    linked.unmatched_rows += 1
                    if key in keys:
                        ambiguous.add(key)
                    else:
                        unmatched.setdefault(key)
            out_rows.append([*row, target or ""])
        linked.unmatched_keys = list(unmatched)
        linked.ambiguous_keys = len(ambiguous)
        return replace(grid, rows=out_rows, width=grid.width + 1), linked
    return grid, None
