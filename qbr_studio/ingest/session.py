"""An import being prepared: the files, how each table is read, the user's corrections and
what still keeps the import from running. The import wizard is a view of one session (it
reads the files in a worker and shows the tables); the rules live here, without Qt.

A table is named by its :data:`Key` (file, sheet). A correction (kind, header row, date order,
the column for each field) becomes a :class:`~qbr_studio.ingest.mapping_store.SourceMapping`
for that table, and the file is read again with it, so what the user sees is what
:meth:`ImportSession.importer` imports.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qbr_studio.ingest.sheet_preview import (
    SourcePreview,
    TablePreview,
    edited_mapping,
    missing_fields,
    preview_source,
)

if TYPE_CHECKING:
    from qbr_studio.ingest.mapping_store import SourceMapping
    from qbr_studio.ingest.progress import Progress
    from qbr_studio.model import Review

Key = tuple[Path, str]
"""A table: its file and sheet ("" for CSV)."""


def read_sources(paths: list[Path], mappings: list[SourceMapping]) -> dict[Path, Any]:
    """Each file's preview, or the sentence saying why it can't be imported (its hint is the
    command line's; a view offers its own controls instead)."""
    from qbr_studio.errors import UserError

    out: dict[Path, SourcePreview | str] = {}
    for path in paths:
        try:
            out[path] = preview_source(path, mappings=mappings)
        except UserError as err:
            out[path] = str(err)
    return out


class ImportSession:
    """The files to import into ``review`` and everything decided about them so far."""

    def __init__(self, paths: list[Path], review: Review) -> None:
        self.paths = list(dict.fromkeys(Path(p) for p in paths))
        self.review = review
        self.previews: dict[Path, SourcePreview] = {}
        self.errors: dict[Path, str] = {}
        """File → why it can't be read (as first given, or as corrected)."""
        self.mappings: dict[Key, SourceMapping] = {}
        """The user's corrections, per table."""
        self.incomplete: dict[Key, str] = {}
        """Tables whose correction lacks a required field, with what to choose."""
        self._first: dict[Key, TablePreview] = {}
        self.key_features: tuple[str, ...] = ()
        """Features whose users count as key-feature users in an event log (() = every one)."""
        self.opportunity_type: str | None = None
        """What opportunities without a type are ("renewal"…); None: left out, and said."""
        self.links: list[Path] = []
        """Files mapping subscription or user ids to accounts (see ingest.link)."""

    # --- reading ----------------------------------------------------------------------------

    def mappings_for(self, paths: list[Path]) -> list[SourceMapping]:
        return [m for (path, _), m in self.mappings.items() if path in paths]

    def take(self, results: dict[Path, SourcePreview | str]) -> None:
        """The outcome of reading some files (:func:`read_sources`)."""
        for path, result in results.items():
            if path not in self.paths:
                continue  # removed while it was being read
            if isinstance(result, str):
                self.errors[path] = result
                continue
            self.errors.pop(path, None)
            self._keep_how(path, result)
            self.previews[path] = result
            for key in [k for k in self.incomplete if k[0] == path]:
                del self.incomplete[key]

    def _keep_how(self, path: Path, result: SourcePreview) -> None:
        """A column the user didn't change keeps saying how it was first matched."""
        for table in result.tables:
            first = self._first.setdefault((path, table.sheet), table)
            if first is table or first.kind != table.kind or first.header_row != table.header_row:
                continue
            was = {c.letter: c for c in first.columns}
            for column in table.columns:
                before = was.get(column.letter)
                if before is not None and before.field == column.field:
                    column.how = before.how

    # --- the tables -------------------------------------------------------------------------

    def keys(self) -> list[Key]:
        """Every table in file order, and a file that can't be read as ``(path, "")``."""
        out: list[Key] = []
        for path in self.paths:
            preview = self.previews.get(path)
            tables = preview.tables if preview is not None else []
            out += [(path, t.sheet) for t in tables]
            if not tables and path in self.errors:
                out.append((path, ""))
        return out

    def table(self, key: Key | None) -> TablePreview | None:
        if key is None or key[0] not in self.previews:
            return None
        return next((t for t in self.previews[key[0]].tables if t.sheet == key[1]), None)

    def problem(self, key: Key) -> str:
        """What is wrong with the table's file or its correction ("" for nothing)."""
        return self.errors.get(key[0]) or self.incomplete.get(key, "")

    # --- corrections ------------------------------------------------------------------------

    def date_order(self, key: Key) -> str | None:
        mapping = self.mappings.get(key)
        return mapping.date_order if mapping is not None else None

    def header_row(self, key: Key) -> int | None:
        """The header row as corrected, else as found."""
        mapping = self.mappings.get(key)
        table = self.table(key)
        if mapping is not None:
            return mapping.header_row
        return table.header_row if table is not None else None

    def kind(self, key: Key) -> str:
        """The kind the table is read as: as corrected, else as detected."""
        mapping = self.mappings.get(key)
        if mapping is not None and mapping.kind:
            return mapping.kind
        table = self.table(key)
        return table.kind if table is not None else ""

    def correct(self, key: Key, **changes: Any) -> Path | None:
        """Read the table with ``changes`` (kind, header_row, date_order, fields) from now on;
        the file to read again, or None if there is no such table."""
        table = self.table(key)
        if table is None:
            return None
        changes.setdefault("date_order", self.date_order(key))
        changes.setdefault("kind", self.kind(key))
        self.mappings[key] = edited_mapping(key[0], table, **changes)
        self.incomplete.pop(key, None)
        return key[0]

    def choose_fields(
        self, key: Key, fields: dict[str, str | None], kind_label: str
    ) -> Path | None:
        """Column letter → field as the user set them. A required field left without a column
        keeps the table incomplete (see :attr:`incomplete`) and reads nothing; else this is a
        :meth:`correct` and the file to read again is returned."""
        missing = missing_fields(self.kind(key), {k: v for k, v in fields.items() if v})
        if missing:
            self.incomplete[key] = (
                f"Choose the column that holds {' and '.join(missing)} (required for "
                f"{kind_label.lower()})."
            )
            return None
        return self.correct(key, fields=fields)

    def remove(self, path: Path) -> None:
        """Leave the file out of the import, with everything decided about it."""
        self.paths = [p for p in self.paths if p != path]
        self.previews.pop(path, None)
        self.errors.pop(path, None)
        for k in [k for k in self.mappings if k[0] == path]:
            del self.mappings[k]
        for k in [k for k in self.incomplete if k[0] == path]:
            del self.incomplete[k]

    # --- the import -------------------------------------------------------------------------

    def blockers(self) -> list[str]:
        """What keeps the import from running, in plain words (empty: ready)."""
        out = [
            f"{p.name}: the correction can't be read (see above)"
            if p in self.previews
            else f"{p.name} can't be imported (remove it or fix it)"
            for p in self.errors
        ]
        out += [f"{k[0].name}: {text}" for k, text in self.incomplete.items()]
        if not self.paths:
            out.append("no files left to import")
        return out

    def table_count(self) -> int:
        return sum(len(p.tables) for p in self.previews.values())

    def importer(self, progress: Progress | None = None) -> Callable[[], Any]:
        """The import of every file with the corrections as they are now (to run in a worker
        while the session goes on), reporting to ``progress`` (which can cancel it). The user
        saw every table's preview and chose to import: that confirms the kinds."""
        from qbr_studio.ingest import import_sources

        review, paths, mappings = self.review, list(self.paths), list(self.mappings.values())
        features, untyped, links = self.key_features, self.opportunity_type, list(self.links)
        return lambda: import_sources(
            review,
            paths,
            mappings=mappings,
            confirmed=True,
            key_features=features,
            opportunity_type=untyped,
            links=links,
            progress_to=progress,
        )
