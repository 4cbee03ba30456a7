"""An import being prepared: the files, how each table is read, the user's corrections and
what still keeps the import from running. The import wizard is a view of one session (it
reads the files in a worker and shows the tables); the rules live here, without Qt.

A table is named by its :data:`Key` (file, sheet). A correction (kind, header row, date order,
the column for each field) becomes a :class:`~qbr_studio.ingest.mapping_store.SourceMapping`
for that table, and the file is read again with it, so what the user sees is what
:meth:`ImportSession.importer` imports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qbr_studio.errors import Remedy
from qbr_studio.ingest.sheet_preview import (
    SourcePreview,
    TablePreview,
    edited_mapping,
    missing_fields,
    preview_source,
)

if TYPE_CHECKING:
    from qbr_studio.errors import Hint
    from qbr_studio.ingest.link import Link
    from qbr_studio.ingest.mapping_store import SourceMapping
    from qbr_studio.ingest.progress import Progress
    from qbr_studio.model import Review

Key = tuple[Path, str]
"""A table: its file and sheet ("" for CSV)."""


class Unreadable(str):
    """Why a file can't be imported (the message), and what the user could do about it
    (:attr:`hint`, e.g. :attr:`~qbr_studio.errors.Remedy.LINK_IDS`: give a link file)."""

    hint: Hint | None = None


def load_links(paths: Sequence[Path]) -> tuple[list[Link], dict[Path, str]]:
    """The link files read, and why each one that can't be used can't (the import's words)."""
    from qbr_studio.errors import UserError
    from qbr_studio.ingest.link import load_link

    loaded: list[Link] = []
    errors: dict[Path, str] = {}
    for path in paths:
        try:
            loaded.append(load_link(path))
        except UserError as err:
            errors[path] = str(err)
    return loaded, errors


def read_sources(
    paths: list[Path],
    mappings: list[SourceMapping],
    links: Sequence[Link] = (),
    currency: str = "",
) -> dict[Path, Any]:
    """Each file's preview, or an :class:`Unreadable` saying why it can't be imported (its
    words are the command line's; a view offers its own controls for the hint). ``links``:
    the link files loaded (:func:`load_links`)."""
    from qbr_studio.errors import UserError

    out: dict[Path, SourcePreview | str] = {}
    for path in paths:
        try:
            out[path] = preview_source(path, mappings=mappings, links=links, currency=currency)
        except UserError as err:
            out[path] = refusal = Unreadable(str(err))
            refusal.hint = err.hint
    return out


OPPORTUNITY_TYPES = ("renewal", "expansion", "cross-sell")
"""What an opportunity without a type can be said to be (the CLI's --opportunity-type)."""


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
        self.needs_link: set[Path] = set()
        """Files refused because their rows are keyed by ids no link file maps to accounts."""
        self.link_errors: dict[Path, str] = {}
        """Link files given that can't be used, with why (they are no longer in :attr:`links`)."""

    # --- reading ----------------------------------------------------------------------------

    def mappings_for(self, paths: list[Path]) -> list[SourceMapping]:
        return [m for (path, _), m in self.mappings.items() if path in paths]

    def take(self, results: dict[Path, SourcePreview | str]) -> None:
        """The outcome of reading some files (:func:`read_sources`)."""
        for path, result in results.items():
            if path in self.links and isinstance(result, str):
                self.links.remove(path)  # a link file that can't be used: said, not kept
                self.link_errors[path] = result
            if path not in self.paths:
                continue  # removed while it was being read (or a link file)
            if isinstance(result, str):
                self.errors[path] = result
                hint = getattr(result, "hint", None)
                if hint is not None and hint.remedy is Remedy.LINK_IDS:
                    self.needs_link.add(path)
                else:
                    self.needs_link.discard(path)
                continue
            self.errors.pop(path, None)
            self.needs_link.discard(path)
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
        self.needs_link.discard(path)
        for k in [k for k in self.mappings if k[0] == path]:
            del self.mappings[k]
        for k in [k for k in self.incomplete if k[0] == path]:
            del self.incomplete[k]

    # --- questions the import asks ----------------------------------------------------------

    def add_link(self, path: Path) -> list[Path]:
        """Join ids to accounts with the file at ``path`` from now on; the files to read again
        (those that can't be read yet: a link only adds an account to a sheet without one)."""
        path = Path(path)
        self.link_errors.pop(path, None)
        if path not in self.links:
            self.links.append(path)
        return [p for p in self.paths if p in self.errors]

    def remove_link(self, path: Path) -> list[Path]:
        """Stop using the link file; the files to read again (every one: any may have used it,
        so what was read through it is no longer shown as importable)."""
        self.links = [p for p in self.links if p != path]
        self.link_errors.pop(path, None)
        self.previews.clear()
        return list(self.paths)

    def link_outcome(self, path: Path) -> str:
        """What the link files given did for a file refused for ids no account is known by
        ("" when it isn't, or none was given)."""
        if path not in self.needs_link or not self.links:
            return ""
        names = ", ".join(p.name for p in self.links)
        return (
            f"{names} can't link it: no column there is named like this file's id column. "
            "Add a file with the same id column and an account or account id column."
        )

    def untyped_tables(self) -> list[Key]:
        """The tables with opportunities whose type nothing says (:attr:`opportunity_type`
        decides what they are, for every such table)."""
        return [k for k in self.keys() if (t := self.table(k)) is not None and t.untyped]

    @staticmethod
    def _all_untyped(table: TablePreview) -> bool:
        """Whether the untyped opportunities are all the table would import (the rows left
        out as a new customer's deal don't count: they are never imported)."""
        return table.untyped >= table.rows_read - table.rows_skipped - table.left_out

    def set_opportunity_type(self, value: str | None) -> None:
        """What opportunities without a type are (one of :data:`OPPORTUNITY_TYPES`), or None
        to leave them out."""
        if value is not None and value not in OPPORTUNITY_TYPES:
            raise ValueError(f"not an opportunity type: {value!r}")
        self.opportunity_type = value

    def untyped_outcome(self, key: Key) -> str:
        """What the import will do with the table's opportunities without a type, in a line."""
        table = self.table(key)
        if table is None or not table.untyped:
            return ""
        noun = "opportunity" if table.untyped == 1 else "opportunities"
        if self.opportunity_type is None:
            if self._all_untyped(table):
                return (
                    f"Left out, the {table.untyped:,} {noun} ({table.untyped_amount}) would "
                    "leave nothing of this table to import: choose what they are."
                )
            return f"{table.untyped:,} {noun} ({table.untyped_amount}) will be left out."
        kind = self.opportunity_type.replace("-", " ")
        return f"{table.untyped:,} {noun} ({table.untyped_amount}) will be imported as {kind}s."

    def set_key_features(self, names: Sequence[str]) -> None:
        """The features whose users count as key-feature users (none: every feature)."""
        self.key_features = tuple(dict.fromkeys(n.strip() for n in names if n.strip()))

    def is_key_feature(self, name: str) -> bool:
        """Whether ``name`` is one of the chosen key features (compared without case)."""
        folded = name.strip().casefold()
        return any(k.casefold() == folded for k in self.key_features)

    def key_feature_outcome(self, key: Key) -> str:
        """How the table's features will count, in a line."""
        table = self.table(key)
        if table is None or not table.features:
            return ""
        found = [f for f, _n in table.features if self.is_key_feature(f)]
        total = len(table.features)
        if not found:
            return f"None checked: every one of the {total:,} features counts as a key feature."
        return f"{len(found):,} of {total:,} features count as key features."

    # --- the import -------------------------------------------------------------------------

    def blockers(self) -> list[str]:
        """What keeps the import from running, in plain words (empty: ready)."""
        out = [
            f"{p.name}: the correction can't be read (see above)"
            if p in self.previews
            else f"{p.name}: its ids need a file that maps them to accounts (add one, or "
            "remove the file)"
            if p in self.needs_link
            else f"{p.name} can't be imported (remove it or fix it)"
            for p in self.errors
        ]
        out += [f"{k[0].name}: {text}" for k, text in self.incomplete.items()]
        if self.opportunity_type is None:
            for key in self.untyped_tables():
                table = self.table(key)
                if table is not None and self._all_untyped(table):
                    out.append(
                        f"{key[0].name}: none of its opportunities has a type; say what they "
                        "are, or remove the file"
                    )
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
