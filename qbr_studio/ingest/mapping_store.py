"""Column mappings: remembered per source under the config dir, or given in a mapping file.

A *signature* identifies a source by its header row (normalised header texts, in order), so
next quarter's export of the same report finds the mapping used this quarter even if its file
name changed. Remembered mappings live in ``config_dir()/"mappings"/<signature>.json``.

A mapping file (``--mapping``) is JSON in one of three shapes::

    {"kind": "usage", "sheet": "Telemetry", "header_row": 5, "date_order": "dmy",
     "decimal_comma": true, "columns": {"Customer": "account", "Day": "date", "Notes": null}}

    {"sources": [{"file": "usage*.xlsx", "kind": "usage", "columns": {…}}, …]}

    the JSON report of an earlier import (``--json``): its ``tables[].mapping`` are used.

``columns`` maps a header text (or a column letter such as ``"C"``) to a field name, or to
``null`` for a column to ignore; every key is optional, and columns not listed are matched as
usual.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qbr_studio.errors import UserError, os_reason
from qbr_studio.ingest.fields import KIND_SPECS, kind_spec
from qbr_studio.ingest.headers import signature_form
from qbr_studio.safeio import read_json

DATE_ORDERS = ("dmy", "mdy", "ymd")


def signature(headers: list[str]) -> str:
    """A short stable id for a header row (order matters, case and punctuation don't)."""
    text = "\x1f".join(signature_form(h) for h in headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass
class SourceMapping:
    """How to read one source: every attribute is optional (None: decide as usual)."""

    kind: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    """1-based sheet row of the header."""
    columns: dict[str, str | None] = field(default_factory=dict)
    date_order: str | None = None
    decimal_comma: bool | None = None
    file: str | None = None
    """Glob on the source's file name (``"usage*.xlsx"``); None matches every file."""
    origin: str = "mapping file"
    saved_on: str = ""

    def matches(self, file_name: str, sheet: str) -> bool:
        if self.file and not fnmatch.fnmatch(file_name.casefold(), self.file.casefold()):
            return False
        return not self.sheet or self.sheet == sheet or not sheet


class MappingStore:
    """Remembered mappings, one small JSON file per signature."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            from qbr_studio.paths import config_dir

            folder = config_dir() / "mappings"
        self.folder = folder

    def get(self, sig: str) -> SourceMapping | None:
        path = self.folder / f"{sig}.json"
        try:
            data = read_json(path, "sidecar")
        except UserError:  # gone, damaged or hostile: import decides afresh
            return None
        if not isinstance(data, dict):
            return None
        kind = data.get("kind")
        columns = data.get("columns")
        if kind not in KIND_SPECS or not isinstance(columns, dict):
            return None
        fields = KIND_SPECS[kind].field_map
        if any(v is not None and v not in fields for v in columns.values()):
            return None
        return SourceMapping(
            kind=kind,
            columns={str(k): v for k, v in columns.items()},
            origin="remembered",
            saved_on=str(data.get("saved_on", "")),
        )

    def forget(self, sig: str) -> bool:
        """Delete the mapping remembered for ``sig``; False when there was none."""
        try:
            (self.folder / f"{sig}.json").unlink()
        except FileNotFoundError:
            return False
        except OSError as err:
            raise UserError(f"can't forget the remembered mapping ({os_reason(err)})") from None
        return True

    def save(self, sig: str, kind: str, columns: dict[str, str | None], example: str) -> None:
        """Write atomically; a folder that can't be written only loses the convenience."""
        data = {
            "kind": kind,
            "columns": columns,
            "saved_on": dt.date.today().isoformat(),
            "example_file": example,
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".mapping-", suffix=".json", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2, ensure_ascii=False)
            os.replace(tmp, self.folder / f"{sig}.json")
        except OSError:
            return


def load_mapping_file(path: Path) -> list[SourceMapping]:
    """Read a ``--mapping`` file; UserError naming the file and JSON path when it is wrong."""
    name = path.name
    data = read_json(path, "mapping")  # UserError naming the file: missing, huge, not JSON
    if isinstance(data, dict) and isinstance(data.get("tables"), list):
        entries = []
        for i, table in enumerate(data["tables"]):
            if not isinstance(table, dict) or not isinstance(table.get("mapping"), dict):
                raise UserError(f"{name}: tables[{i}].mapping: expected an object")
            entry = dict(table["mapping"])
            entry.setdefault("file", table.get("file"))
            entries.append((f"tables[{i}].mapping", entry))
    elif isinstance(data, dict) and "sources" in data:
        if not isinstance(data["sources"], list):
            raise UserError(f"{name}: sources: expected a list")
        entries = [(f"sources[{i}]", e) for i, e in enumerate(data["sources"])]
    elif isinstance(data, dict):
        entries = [("", data)]
    else:
        raise UserError(f"{name}: expected a JSON object")
    return [_source(name, where, entry) for where, entry in entries]


def _source(name: str, where: str, entry: Any) -> SourceMapping:
    def fail(key: str, message: str) -> UserError:
        path = f"{where}.{key}" if where else key
        return UserError(f"{name}: {path}: {message}")

    if not isinstance(entry, dict):
        raise UserError(f"{name}: {where or 'top level'}: expected an object")
    known = {"kind", "sheet", "header_row", "columns", "date_order", "decimal_comma", "file"}
    for key in entry:
        if key not in known:
            raise fail(key, f"unknown key (expected one of {', '.join(sorted(known))})")
    kind = entry.get("kind")
    if kind is not None:
        try:
            kind = kind_spec(str(kind)).name
        except KeyError:
            raise fail("kind", f'"{kind}" is not a data kind ({", ".join(KIND_SPECS)})') from None
    columns = entry.get("columns", {})
    if not isinstance(columns, dict):
        raise fail("columns", "expected an object of header → field")
    fields = (
        KIND_SPECS[kind].field_map
        if kind
        else {f for spec in KIND_SPECS.values() for f in spec.field_map}
    )
    for header, target in columns.items():
        if target is not None and (not isinstance(target, str) or target not in fields):
            choices = ", ".join(sorted(fields))
            raise fail(f"columns.{header}", f'"{target}" is not a field ({choices})')
    header_row = entry.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise fail("header_row", "expected a row number (1 or more)")
    date_order = entry.get("date_order")
    if date_order is not None and date_order not in DATE_ORDERS:
        raise fail("date_order", f"expected one of {', '.join(DATE_ORDERS)}")
    decimal_comma = entry.get("decimal_comma")
    if decimal_comma is not None and not isinstance(decimal_comma, bool):
        raise fail("decimal_comma", "expected true or false")
    sheet = entry.get("sheet")
    file = entry.get("file")
    return SourceMapping(
        kind=kind,
        sheet=str(sheet) if sheet else None,
        header_row=header_row,
        columns={str(k): v for k, v in columns.items()},
        date_order=date_order,
        decimal_comma=decimal_comma,
        file=str(file) if file else None,
    )


def pick(mappings: list[SourceMapping], file_name: str, sheet: str) -> SourceMapping | None:
    """The first mapping of a mapping file that applies to this file and sheet."""
    return next((m for m in mappings if m.matches(file_name, sheet)), None)
