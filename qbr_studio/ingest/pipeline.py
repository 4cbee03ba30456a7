"""``import_sources``: files → checked → tables found → columns parsed → book refreshed.

The import is all or nothing: every source is read and every table parsed before the review
is touched, and a :class:`~qbr_studio.errors.UserError` anywhere (a hostile file, a file with
no recognizable table, a table none of whose rows can be used) refuses the whole import. The
review passed in is never modified; the result holds a new one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from qbr_studio.errors import Hint, Remedy, UserError
from qbr_studio.gc_pause import gc_paused
from qbr_studio.ingest import limits, progress
from qbr_studio.ingest.apply import assemble
from qbr_studio.ingest.columns import known_header
from qbr_studio.ingest.fields import KIND_SPECS, KindSpec, kind_spec
from qbr_studio.ingest.kinds import (
    TablePlan,
    choose,
    explain_missing,
    near_kinds,
    no_table_error,
    plan_table,
)
from qbr_studio.ingest.link import Link, Linked, link_grid, load_link
from qbr_studio.ingest.mapping_store import (
    MappingStore,
    SourceMapping,
    load_mapping_file,
    pick,
    signature,
)
from qbr_studio.ingest.plausibility import check_import
from qbr_studio.ingest.preflight import Preflight, blank_cell_causes, check_file, column_index
from qbr_studio.ingest.readers import Grid, WorkbookReader, read_delimited
from qbr_studio.ingest.records import ReadTable
from qbr_studio.ingest.report import (
    Changes,
    ImportRefused,
    ImportReport,
    TableReport,
    grouped_reasons,
)
from qbr_studio.ingest.tables import (
    ROUTINE_SKIPS,
    Table,
    find_table,
    plan_rows,
    rebuild_table,
)
from qbr_studio.ingest.values import Hints, Parsed, is_blank, parse_column, to_text
from qbr_studio.model import OpportunityKind, Review
from qbr_studio.model.data_kinds import DataKind

PEEK_ROWS = limits.HEADER_SEARCH_ROWS + 200
"""Rows read from every sheet to find its header and guess its kind."""
READ_SHARE = 40
"""Percent of an import's progress given to reading and parsing the files (the rest: the
book built from them)."""


@dataclass
class ImportResult:
    """What :func:`import_sources` returns.

    ``review`` is the updated copy (book refreshed, every CSM-written field kept), ``report``
    the short human report (``.to_text()``) and its JSON form (``.to_dict()``), ``changes``
    what changed in the book (also in the report).
    """

    review: Review
    report: ImportReport
    changes: Changes


def import_sources(
    review: Review,
    sources: list[Path],
    as_kind: str | None = None,
    mapping_file: Path | None = None,
    remember: bool = True,
    mappings: Sequence[SourceMapping] = (),
    confirmed: bool = False,
    forget: bool = False,
    accept_warnings: bool = False,
    prune: bool = False,
    all_owners: bool = False,
    opportunity_type: str | None = None,
    key_features: Sequence[str] = (),
    links: Sequence[Path] = (),
    progress_to: progress.Progress | None = None,
) -> ImportResult:
    """Import spreadsheets into a copy of ``review``; see the package docstring.

    ``mappings`` say how to read given sources (the import wizard's edited mappings); they
    come before those of ``mapping_file``. Unless ``confirmed`` (the wizard's user saw the
    preview and pressed Import), a guessed kind in doubt refuses the import
    (:class:`ImportRefused`), and a mapping is remembered only when every decision in it was
    confident (:func:`confident`). ``forget`` drops what was remembered for these sources
    first, so they are read afresh. Plausibility warnings (:mod:`.plausibility`) refuse the
    import unless ``accept_warnings`` or ``confirmed``; they are in the report either way.
    Accounts missing from their re-imported accounts source are removed only with ``prune``
    (``report.changes.accounts_prunable`` lists them otherwise). A team's accounts table is
    filtered to the review's CSM unless ``all_owners``. ``opportunity_type`` says what an
    opportunity without a type is (``"renewal"``…, also implied by ``as_kind="renewals"``);
    without it such opportunities are left out with a warning unless their words say.
    ``key_features`` name the features whose users an event log counts as key-feature users
    (every feature when empty). ``links`` are files that map the keys of sheets without an
    account column (subscription or user ids) to accounts (:mod:`.link`). ``progress_to`` hears
    how far the import has got and can cancel it (:mod:`.progress`); a cancelled import raises
    :class:`~qbr_studio.errors.Cancelled` and has changed nothing (not even what is remembered).
    """
    with gc_paused(), progress.active(progress_to):
        return _import(
            review,
            sources,
            as_kind,
            mapping_file,
            remember,
            mappings,
            confirmed,
            forget,
            accept_warnings or confirmed,
            prune,
            all_owners,
            opportunity_type,
            tuple(key_features),
            tuple(links),
        )


def _import(
    review: Review,
    sources: list[Path],
    as_kind: str | None,
    mapping_file: Path | None,
    remember: bool,
    mappings: Sequence[SourceMapping],
    confirmed: bool = False,
    forget: bool = False,
    accept_warnings: bool = False,
    prune: bool = False,
    all_owners: bool = False,
    opportunity_type: str | None = None,
    key_features: tuple[str, ...] = (),
    links: tuple[Path, ...] = (),
) -> ImportResult:
    forced = forced_kind(as_kind)
    link_files = [load_link(Path(p)) for p in links]
    untyped_as = untyped_opportunity_kind(opportunity_type, as_kind)
    given = list(mappings)
    if mapping_file:
        given += load_mapping_file(Path(mapping_file))
    store = MappingStore()
    report = ImportReport(currency=review.meta.currency)
    tables: list[ReadTable] = []
    seen: set[Path] = set()
    if not sources:
        raise UserError("nothing to import: no source files were given")
    share = READ_SHARE / len(sources)
    for number, source in enumerate(sources):
        path = Path(source)
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        with progress.span(share * number, share * (number + 1)):
            tables += read_source(path, forced, given, store, report, forget, link_files)
    for rt in tables:
        rt.untyped_as, rt.currency = untyped_as, review.meta.currency
        rt.key_features = key_features
    if not confirmed:
        _refuse_doubts(tables)
    empty = [rt for rt in tables if rt.empty]
    tables = [rt for rt in tables if not rt.empty]
    for rt in empty:
        report.notes.append(
            f"{rt.report.title}: no data under the header at {rt.report.header_cell}; "
            f"{rt.plan.kind.name} left as it was"
        )
    if not tables:
        titles = ", ".join(rt.report.title for rt in empty)
        raise UserError(f"nothing to import: {titles} have a header but no data rows")
    with progress.span(READ_SHARE, 98):
        progress.step(0, "Building the book of business…")
        new_review = assemble(review, tables, report, prune, all_owners)
    progress.step(0.98, "Checking the result…")
    for rt in tables:
        if rt.report.rows_imported == 0:
            hint = Hint(Remedy.NAME_OPPORTUNITY_TYPE) if rt.untyped_left_out else None
            raise ImportRefused(_nothing_usable(rt), {"tables": [rt.report.to_dict()]}, hint)
        report.tables.append(rt.report)
    report.warnings = check_import(review.book.accounts, new_review.book.accounts, tables)
    if report.warnings and not accept_warnings:
        listed = "; ".join(report.warnings[:5])
        more = f" (+{len(report.warnings) - 5} more)" if len(report.warnings) > 5 else ""
        untyped = any(rt.untyped_left_out for rt in tables)
        raise ImportRefused(
            f"the import looks wrong, nothing was changed: {listed}{more}; check the files",
            report.to_dict(),
            Hint(Remedy.NAME_OPPORTUNITY_TYPE_OR_ACCEPT if untyped else Remedy.ACCEPT_WARNINGS),
        )
    progress.step(1.0, "Finishing…")  # the last point a cancel stops at: nothing saved yet
    for rt in tables:
        if not remember:
            continue
        if confirmed or confident(rt.plan):
            store.save(rt.plan.signature, rt.plan.kind.name, _to_remember(rt), rt.report.file)
            rt.report.notes.append("mapping remembered for the next import of this report")
        else:
            rt.report.notes.append(
                "mapping not remembered: some columns were matched by their values or a near "
                "spelling (check them; --mapping or the app's import wizard can confirm them)"
            )
    return ImportResult(new_review, report, report.changes)


def confident(plan: TablePlan) -> bool:
    """Every decision of the plan is sure: the kind given or clear, every column named well."""
    if plan.doubts:
        return False
    mapping = plan.mapping
    return all(
        how != "content" and (how != "name" or mapping.scores.get(name, 0) >= 0.9)
        for name, how in mapping.how.items()
    )


def _refuse_doubts(tables: list[ReadTable]) -> None:
    """A guessed kind that may be wrong is never imported silently: say what else it could be."""
    for rt in tables:
        if not rt.plan.doubts:
            continue
        kinds = dict.fromkeys([rt.plan.kind.name, *rt.plan.doubt_kinds])
        message = f"{rt.report.title}: can't be sure this is {rt.plan.kind.name} — " + "; ".join(
            rt.plan.doubts
        )
        hint = Hint(Remedy.NAME_THE_KIND, tuple(kinds))
        raise ImportRefused(message, {"tables": [rt.report.to_dict()]}, hint)


def _to_remember(rt: ReadTable) -> dict[str, str | None]:
    """The columns used, plus the ones a mapping file said to ignore (not merely unknown ones,
    so a column QBR Studio learns to recognize later is not kept ignored)."""
    columns: dict[str, str | None] = {h: f for h, f in rt.report.mapping.items() if f}
    source = rt.plan.source
    if source is not None:
        columns.update({h: None for h, f in source.columns.items() if f is None})
    return columns


def untyped_opportunity_kind(given: str | None, as_kind: str | None) -> OpportunityKind | None:
    """What the user said an opportunity without a type is: ``given`` (``"cross-sell"``…),
    else renewal when the file was named ``--as renewals``; None when nothing was said."""
    if given:
        word = given.strip().casefold().replace("-", "_").replace(" ", "_")
        try:
            return OpportunityKind(word)
        except ValueError:
            raise UserError(
                f'"{given}" is not an opportunity type; use renewal, expansion or cross-sell'
            ) from None
    if as_kind and as_kind.strip().casefold() in ("renewal", "renewals"):
        return OpportunityKind.RENEWAL
    return None


def forced_kind(as_kind: str | None) -> KindSpec | None:
    if not as_kind:
        return None
    try:
        return kind_spec(as_kind)
    except KeyError:
        raise UserError(
            f'"{as_kind}" is not a data kind; use one of {", ".join(KIND_SPECS)}'
        ) from None


def _nothing_usable(rt: ReadTable) -> str:
    reasons = grouped_reasons(rt.report.skipped_counts)
    listed = "; ".join(f"{n:,} × {r}" for r, n in reasons[:3]) or "no data rows"
    hint = ""
    if reasons and "matches no account" in reasons[0][0]:
        hint = "; its rows name accounts by id only: import the accounts export first"
    elif rt.untyped_left_out:
        hint = f"; those without a type amount to {rt.untyped_amount}"
    keys = ", ".join(
        f"{column.split(' (column', 1)[0]} → {name}"
        for name, column in rt.report.columns.items()
        if name in ("account", "account_id")
    )
    return (
        f"{rt.report.title}: read as {rt.report.kind} ({keys or 'no account column'}), but none "
        f"of the {rt.report.rows_read:,} rows under the header at {rt.report.header_cell} "
        f"could be imported ({listed}){hint}; nothing was changed"
    )


# ------------------------------------------------------------------------------ sources


def read_source(
    path: Path,
    forced: KindSpec | None,
    given: list[SourceMapping],
    store: MappingStore,
    report: ImportReport,
    forget: bool = False,
    links: Sequence[Link] = (),
) -> list[ReadTable]:
    """Every table of one file that will be imported, parsed (nothing applied yet).

    ``forget``: what was remembered for its tables is deleted first (they are read afresh).
    ``links``: files mapping other keys to accounts, for tables without an account column."""
    progress.step(0, f"Checking {path.name}…")
    pre = check_file(path)
    report.notes.extend(pre.notes)
    progress.step(0.1, f"Reading {path.name}…")
    reader: WorkbookReader | None = None
    try:
        if pre.fmt == "csv":
            grid = read_delimited(path, pre)  # the bytes the pre-scan checked
            grids = [grid]
            if grid.encoding != "UTF-8" or grid.delimiter != ",":
                delimiter = {"\t": "tab", ";": "semicolon", "|": "pipe", ",": "comma"}
                report.notes.append(
                    f"{path.name}: read as {grid.encoding}, "
                    f"{delimiter.get(grid.delimiter, grid.delimiter)}-separated"
                )
        else:
            reader = WorkbookReader(path, pre)
            names = reader.sheet_names()
            if not names:
                raise UserError(f"{path.name}: the workbook has no visible worksheet")
            grids = [reader.peek(name, PEEK_ROWS) for name in names]
        linked: dict[str, Linked] = {}
        if links:
            for n, grid in enumerate(grids):
                grids[n], how = link_grid(grid, list(links))
                if how is not None:
                    linked[grid.sheet] = how
        plans, near, wanted, resembles = _plan_grids(
            path, grids, forced, given, store, report.notes if forget else None
        )
        if not plans:
            error = no_table_error(
                path.name, [g.sheet for g in grids if g.sheet], wanted, near, resembles
            )
            raise ImportRefused(
                str(error),
                {"file": path.name, "refused": str(error), "resembles": resembles},
                error.hint,
            )
        chosen, notes = choose(plans)
        report.notes.extend(f"{path.name}: {n}" for n in notes)
        if reader is not None:
            wanted = {p.table.grid.sheet for p in chosen}
            for grid in grids:
                if grid.sheet not in wanted:
                    reader.release(grid.sheet)
        out = []
        for number, plan in enumerate(chosen):
            with progress.span(
                30 + 70 * number / len(chosen), 30 + 70 * (number + 1) / len(chosen)
            ):
                sheet = plan.table.grid.sheet
                if reader is not None and not plan.table.grid.complete:
                    progress.step(0, f"Reading {path.name} › {sheet}…")
                    full = reader.full(plan.table.grid)
                    if sheet in linked:
                        full, again = link_grid(full, list(links))
                        if again is not None:
                            linked[sheet] = again
                    plan.table = rebuild_table(plan.table, full)
                rt = read_table(plan, pre, path)
                how = linked.get(sheet)
                if how is not None:
                    rt.report.notes.append(how.note())
                    k = plan.table.headers.index(how.key_header)
                    j, grid_rows = plan.table.columns[k], plan.table.grid.rows
                    rt.link_keys = [grid_rows[i][j] for i in rt.rows]
                    rt.link_header = how.key_header
                out.append(rt)
        return out
    finally:
        if reader is not None:
            reader.close()


def _plan_grids(
    path: Path,
    grids: list[Grid],
    forced: KindSpec | None,
    given: list[SourceMapping],
    store: MappingStore,
    forgotten: list[str] | None = None,
) -> tuple[list[TablePlan], str, KindSpec | None, list[str]]:
    """The tables found, and when there are none: the closest header, the kind wanted (given
    with --as or by a mapping) and the kinds the first table resembles, for the message.

    With ``forgotten`` (a list of notes), remembered mappings are deleted, not used."""
    plans: list[TablePlan] = []
    near = ""
    resembles: list[str] = []
    wanted = forced
    for grid in grids:
        source = pick(given, path.name, grid.sheet)
        if wanted is None and source is not None and source.kind:
            wanted = kind_spec(source.kind)
        if source is not None and source.sheet and grid.sheet and source.sheet != grid.sheet:
            continue
        if source is not None and source.header_row:
            table = _table_at(grid, source.header_row)
        else:
            table = find_table(grid, known_header)
        if table is None:
            continue
        sig = signature(table.headers)
        if forgotten is not None and store.forget(sig):
            forgotten.append(f"{path.name}: the remembered mapping was forgotten; read afresh")
        if source is None or not source.columns:
            remembered = store.get(sig)
            if remembered is not None and (forced is None or remembered.kind == forced.name):
                if source is not None:  # keep the file's date order / decimal settings
                    remembered.date_order = source.date_order
                    remembered.decimal_comma = source.decimal_comma
                source = remembered
        plan = plan_table(table, sig, path.stem.lower(), forced, source)
        if plan is not None:
            plans.append(plan)
        elif wanted is not None and not near:
            where = grid.where(table.header_row, table.columns[0])
            near = f"header at {where.split(': ', 1)[1]}, lacks {explain_missing(table, wanted)}"
        elif wanted is None and not resembles:
            resembles = near_kinds(table, path.stem.lower())
    return plans, near, wanted, resembles


def _table_at(grid: Grid, header_row: int) -> Table | None:
    i = header_row - 1 - grid.top
    if not 0 <= i < len(grid.rows):
        raise UserError(
            f"{grid.file}: header_row {header_row} is outside the sheet's used rows "
            f"({grid.top + 1}–{grid.top + len(grid.rows)})"
        )
    from qbr_studio.ingest.tables import table_at

    return table_at(grid, i)


# ------------------------------------------------------------------------------ parsing


def read_table(plan: TablePlan, pre: Preflight, path: Path) -> ReadTable:
    """Parse a planned table's mapped columns; fill its report (rows, columns, problems)."""
    table = plan.table
    grid = table.grid
    mapping = plan.mapping
    report = TableReport(
        file=grid.file,
        sheet=grid.sheet,
        kind=plan.kind.name,
        kind_how=plan.kind_how,
        header_cell=table.header_cell.split(": ", 1)[1],
        evidence=plan.evidence,
        doubts=list(plan.doubts),
        candidates=list(plan.candidates),
    )
    key_cols = [mapping.fields[f] for f in ("account", "account_id") if f in mapping.fields]
    start = table.first_data
    body = grid.rows[start:]
    extracted: dict[int, list[Any]] = {}
    distinct: dict[int, Any] = {}
    # With an account id on every row, names are looked up once per id, never extracted.
    lazy_names = False
    if plan.kind.name is not DataKind.ACCOUNTS and len(key_cols) == 2:
        j_id = table.columns[mapping.fields["account_id"]]
        extracted[j_id] = list(map(itemgetter(j_id), body))
        distinct[j_id] = dict.fromkeys(extracted[j_id])
        lazy_names = not any(is_blank(v) for v in distinct[j_id])
        if lazy_names:
            key_cols = [mapping.fields["account_id"]]
    wanted = {table.columns[k] for k in mapping.fields.values()} | {table.columns[0]}
    if lazy_names:
        wanted.discard(table.columns[mapping.fields["account"]])
    for j in wanted - extracted.keys():
        extracted[j] = list(map(itemgetter(j), body))
    rows_plan = plan_rows(table, key_cols, extracted, distinct)
    positions: Sequence[int]
    if rows_plan.keep is None:
        positions = range(start, len(grid.rows))
    else:
        distinct = {}
        positions = rows_plan.keep
        pick_rows = itemgetter(*[i - start for i in positions]) if positions else None
        extracted = {
            j: (list(pick_rows(column)) if len(positions) > 1 else [column[positions[0] - start]])
            if pick_rows
            else []
            for j, column in extracted.items()
        }
    rt = ReadTable(plan, report, positions)
    rt.source = f"{plan.signature}:{report.title}"
    hints = _hints(grid, plan.source)
    for number, (name, k) in enumerate(mapping.fields.items()):
        progress.step(0.2 + 0.8 * number / len(mapping.fields), f"Reading {report.title}…")
        j = table.columns[k]
        if lazy_names and name == "account":
            if rows_plan.keep is None:
                rt.name_source = (body, j)
            else:
                rt.cols[name] = Parsed([grid.rows[i][j] for i in positions])
            continue
        if name in ("account", "account_id") and plan.kind.name is not DataKind.ACCOUNTS:
            # Joined on the raw cells, once per distinct value (see apply.join_accounts).
            rt.cols[name] = Parsed(extracted[j])
            if j in distinct:
                rt.distinct[name] = distinct[j]
                if None not in distinct[j]:
                    rt.cols[name].any_blank = False  # spares counting blanks below
            continue
        parsed = parse_column(extracted[j], plan.kind.field(name).vtype, hints, distinct.get(j))
        rt.cols[name] = parsed
        header = table.headers[k]
        report.notes.extend(f"{header}: {note}" for note in parsed.notes)
    if pre.fmt == "xlsx" and grid.part and any(p.blank for p in rt.cols.values()):
        # Cells calamine left blank may be formulas without a saved result or errors.
        _explain_blanks(rt, path)
    problems = [
        (positions[p], table.columns[mapping.fields[name]], raw, message)
        for name, parsed in rt.cols.items()
        for p, raw, message in parsed.errors
    ]
    for i, j, raw, message in sorted(problems, key=lambda e: (e[0], e[1])):
        report.bad_value(grid.where(i, j), f'"{to_text(raw)}" {message}')
    for i, reason in rows_plan.skipped:
        report.skip(grid.where(i, rows_plan.cells.get(i, table.columns[0])), reason)
    report.rows_read = len(positions) + len(rows_plan.skipped)
    report.blank_rows = rows_plan.blank
    rt.empty = not positions and all(r in ROUTINE_SKIPS for _, r in rows_plan.skipped)
    report.notes = table.notes + plan.notes + report.notes
    _describe_columns(plan, report)
    return rt


def _hints(grid: Grid, source: SourceMapping | None) -> Hints:
    hints = Hints()
    if grid.text_only:
        hints.decimal_comma = True if grid.delimiter == ";" else None
    if source is not None:
        if source.decimal_comma is not None:
            hints.decimal_comma = source.decimal_comma
        if source.date_order == "dmy":
            hints.day_first = True
        elif source.date_order == "mdy":
            hints.day_first = False
    return hints


def _explain_blanks(rt: ReadTable, path: Path) -> None:
    """Calamine reads formulas without a saved result and #N/A-style errors as blanks."""
    table = rt.plan.table
    grid = table.grid
    no_value, errors = blank_cell_causes(path, grid.part)
    mapped_js = {table.columns[k]: name for name, k in rt.plan.mapping.fields.items()}
    index = {i: p for p, i in enumerate(rt.rows)}
    for ref in no_value:
        cell = _locate(grid, ref)
        if cell and cell[0] in index and cell[1] in mapped_js:
            raise UserError(
                f"{grid.file}: {grid.sheet}!{ref} holds a formula whose result was never saved "
                "(the file was written by a program that doesn't calculate formulas); open it "
                "in Excel or LibreOffice, save it, and import it again"
            )
    for ref, text in errors.items():
        cell = _locate(grid, ref)
        if cell and cell[0] in index and cell[1] in mapped_js:
            parsed = rt.cols[mapped_js[cell[1]]]
            p = index[cell[0]]
            if parsed.values[p] is None:
                parsed.errors.append((p, text, "is an Excel error, not a value"))
    for parsed in rt.cols.values():
        parsed.errors.sort(key=lambda e: e[0])


def _locate(grid: Grid, ref: str) -> tuple[int, int] | None:
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not letters or not digits:
        return None
    return int(digits) - 1 - grid.top, column_index(letters) - grid.left


def _describe_columns(plan: TablePlan, report: TableReport) -> None:
    table = plan.table
    mapping = plan.mapping
    from qbr_studio.ingest.preflight import column_letter

    used = set()
    for name, k in mapping.fields.items():
        letter = column_letter(table.grid.left + table.columns[k])
        report.columns[name] = f"'{table.headers[k]}' (column {letter})"
        report.column_how[name] = mapping.how[name]
        report.mapping[table.headers[k]] = name
        used.add(k)
    for k, header in enumerate(table.headers):
        if k not in used:
            report.columns_unused.append(header)
            report.mapping.setdefault(header, None)
    helper = {
        "account_id", "first_name", "last_name", "opportunity_id", "open_rate", "reply_rate",
        "mrr", "trial", "user_id", "record_type", "sessions", "minutes", "seconds",
        "feature_uses", "feature", "session_id",
    }  # fmt: skip
    present = set(mapping.fields)
    for spec in plan.kind.fields:
        if spec.name in present or spec.name in helper:
            continue
        if (
            spec.name == "name"
            and plan.kind.name is DataKind.CONTACTS
            and present & {"first_name", "last_name"}
        ):
            continue
        if spec.name == "account" and "account_id" in present:
            continue
        if spec.name == "active_users" and "user_id" in present:
            continue  # an event log counts them
        if spec.name == "key_feature_users" and {"user_id", "feature"} <= present:
            continue
        report.fields_not_found.append(spec.label)
