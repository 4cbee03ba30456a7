"""Putting imported tables into a copy of the review, keeping everything the CSM wrote.

Rules of a refresh:

- every row remembers its source (``signature:file``, see :func:`same_source`); a table this
  import read replaces the rows that came from *that* source — the same file, or the same
  report (header row) exported again — and keeps the rows other sources brought (tickets from
  Zendesk and from a CSV live side by side); rows from before sources were recorded count as
  the same source. For usage and engagement, a new row wins over an old one for the same
  account (and month);
- accounts keep their ids: a row that joins an existing account (by id or name, see
  :mod:`~qbr_studio.ingest.join`) updates it; account fields the new files don't have a column
  for keep their old values;
- an account missing from a re-imported accounts table (its own source) is gone only with
  ``prune``; without it, it is kept and listed with its ARR (``Changes.accounts_prunable``).
  A non-accounts file never removes an account. Even pruned, an account the review's
  narrative refers to (deep dive, achievements, challenges, action items) is kept, so no
  reference ever dangles;
- ``deep_dive``, ``achievements``, ``challenges``, ``communications``, ``revenue``, ``meta``
  and ``media`` are copied untouched.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from qbr_studio.ingest import progress
from qbr_studio.ingest.headers import is_id_header, normalise
from qbr_studio.ingest.join import AccountDirectory, Join, loose
from qbr_studio.ingest.records import (
    ReadTable,
    build_contacts,
    build_engagement,
    build_nps,
    build_opportunities,
    build_tickets,
    build_usage,
    contacts_from_text,
    partners_from_text,
)
from qbr_studio.ingest.report import Changes, ImportReport
from qbr_studio.ingest.values import Parsed, is_blank, to_text
from qbr_studio.model import Account, Book, DataSource, Review, parse_quarter
from qbr_studio.model.data_kinds import DataKind
from qbr_studio.wording import plural

ACCOUNT_FIELDS = (
    "industry",
    "segment",
    "region",
    "products",
    "arr",
    "licensed_seats",
    "renewal_date",
    "crm_health",
    "customer_since",
    "account_manager",
    "csm",
    "key_contacts",
    "partners",
)

BOOK_TABLE: dict[DataKind, str] = {
    DataKind.USAGE: "usage",
    DataKind.OPPORTUNITIES: "opportunities",
    DataKind.CONTACTS: "stakeholders",
    DataKind.TICKETS: "tickets",
    DataKind.NPS: "nps",
    DataKind.ENGAGEMENT: "engagement",
}
"""The Book attribute each kind of table (but accounts) fills."""

_RowBuilder = Callable[[ReadTable, Book, dict[str, int]], list[Any]]
_ROW_BUILDERS: dict[DataKind, _RowBuilder] = {
    DataKind.USAGE: lambda rt, _old, seats: build_usage(rt, seats),
    DataKind.OPPORTUNITIES: lambda rt, old, _seats: build_opportunities(rt, old.opportunities),
    DataKind.TICKETS: lambda rt, _old, _seats: build_tickets(rt),
    DataKind.NPS: lambda rt, _old, _seats: build_nps(rt),
    DataKind.ENGAGEMENT: lambda rt, _old, _seats: build_engagement(rt),
}
"""The records of each kind of table; contacts also give key contacts (see assemble)."""


def same_source(source: str, new: set[str]) -> bool:
    """Whether a row stamped ``source`` is replaced by tables stamped ``new``: same header
    signature (the report exported again) or same file; unstamped rows always are."""
    if not source:
        return True
    sig, _, title = source.partition(":")
    return any(sig == s.partition(":")[0] or title == s.partition(":")[2] for s in new)


def narrative_account_ids(review: Review) -> set[str]:
    """Accounts the CSM's own writing refers to."""
    ids = {review.deep_dive.account_id} if review.deep_dive.account_id else set()
    ids.update(a.account_id for a in review.achievements if a.account_id)
    for challenge in review.challenges:
        ids.update(challenge.account_ids)
    ids.update(i.account_id for i in review.revenue.action_items if i.account_id)
    return ids


NO_ACCOUNT = "no account"
"""A row's account cells are blank (see :meth:`ReadTable.skip_no_account`)."""


def _row_keys(rt: ReadTable) -> list[Any]:
    """What identifies each row's account, for :func:`_key_parts`.

    With an account id on every row the id alone is the key (one C-level map instead of
    pairing 120,000 names with their ids); otherwise the (name, id) pair.
    """
    exts = rt.get("account_id")
    if exts is None:
        names = rt.get("account")
        return names if names is not None else [None] * rt.n
    if "account" not in rt.cols and rt.name_source is None:
        return exts
    distinct = rt.distinct.get("account_id")
    if distinct is None:
        distinct = rt.distinct["account_id"] = dict.fromkeys(exts)
    if any(is_blank(k) for k in distinct):
        return list(zip(rt.get("account"), exts, strict=True))
    return exts


def _key_parts(rt: ReadTable, keys: list[Any]) -> dict[Any, tuple[str, str]]:
    """Distinct key → (name, account id), stripped, ``""`` for blanks."""
    exts = rt.get("account_id")
    names = rt.cols["account"].values if "account" in rt.cols else None
    if keys is exts and "account_id" in rt.distinct:
        distinct = rt.distinct["account_id"]
    elif keys is names and "account" in rt.distinct:
        distinct = rt.distinct["account"]
    else:
        distinct = dict.fromkeys(keys)
    if exts is not None and keys is exts:
        if rt.name_source is not None:  # one row per id is enough to learn its name
            rows, j = rt.name_source
            name_of = {k: row[j] for k, row in _last_rows(exts, rows, len(distinct)).items()}
        else:
            name_of = dict(zip(exts, names, strict=True)) if names is not None else {}
        return {k: (_clean(name_of.get(k)), _clean(k)) for k in distinct}
    if exts is None:
        return {k: (_clean(k), "") for k in distinct}
    return {k: (_clean(k[0]), _clean(k[1])) for k in distinct}


def _last_rows(keys: list[Any], rows: list[Any], distinct: int) -> dict[Any, Any]:
    """Key → the last row with that key (``distinct`` keys in all).

    An export that lists every account every day names each one again in its last rows, so
    those are tried first: a key found there has its last row there.
    """
    tail = 4 * distinct + 64
    if tail < len(keys) == len(rows):
        last = dict(zip(keys[-tail:], rows[-tail:], strict=True))
        if len(last) == distinct:
            return last
    return dict(zip(keys, rows, strict=True))


def _clean(value: Any) -> str:
    """A raw or parsed account cell as stripped text (``""`` for blank or ``"n/a"``)."""
    return "" if is_blank(value) else to_text(value)


def join_accounts(
    rt: ReadTable,
    directory: AccountDirectory,
    report: ImportReport,
    create: bool = True,
    others: frozenset[str] = frozenset(),
) -> None:
    """Resolve each row's account (``rt.ids``); unknown names become new accounts (listed in the
    report). Rows of ``others`` (accounts of other CSMs, see :func:`build_accounts`) are left
    out."""
    keys = _row_keys(rt)
    parts = _key_parts(rt, keys)
    resolved: dict[Any, tuple[str | None, str]] = {}
    tick = progress.rows(len(parts), f"Joining {rt.report.title} to the accounts")
    for p, (key, (name, ext)) in enumerate(parts.items()):
        tick(p)
        if not name and not ext:
            resolved[key] = (None, NO_ACCOUNT)
            continue
        account_id, how = directory.resolve(name, ext)
        if account_id is not None and account_id in others:
            resolved[key] = (None, "another CSM's account")
            continue
        if account_id is None:
            if how:
                resolved[key] = (None, f'"{name}" {how}')
                continue
            if not name:
                resolved[key] = (None, f'account id "{ext}" matches no account')
                continue
            if not create:
                resolved[key] = (None, f'"{name}" matches no account')
                continue
            account_id = directory.add(name, ext, reference=False)
            report.accounts_from_data.append(name)
        elif how:
            report.joins.append(
                Join(rt.report.file, name or ext, directory.name_of(account_id), how)
            )
        resolved[key] = (account_id, "")
    ids = {key: value[0] for key, value in resolved.items()}
    rt.id_keys, rt.id_of = keys, ids  # rt.ids is built from these if a builder asks for it
    rt.distinct_ids = [i for i in dict.fromkeys(ids.values()) if i is not None]
    rt.ids_complete = None not in ids.values()
    if not rt.ids_complete:
        for p, key in enumerate(keys):
            account_id, reason = resolved[key]
            if reason is NO_ACCOUNT:
                rt.skip_no_account(p)
            elif account_id is None:
                rt.skip(p, reason)


# ---------------------------------------------------------------------------- accounts


def build_accounts(
    tables: list[ReadTable],
    old: list[Account],
    directory: AccountDirectory,
    report: ImportReport,
    on: dt.date | None = None,
    csm: str = "",
) -> tuple[list[Account], set[str], frozenset[str]]:
    """Accounts from the accounts tables, merged across files, ids kept from ``old``.

    A table of subscription or contract *lines* (an account on several rows, with start or end
    dates, a trial flag or a line id of its own) is aggregated per account as of ``on`` (see
    :func:`_aggregate_lines`); in any other table a repeated account keeps its first row.

    With ``csm`` (the review's CSM), a team's table — a CSM or owner column naming several
    people, this CSM among them — keeps only this CSM's rows; the others' accounts are returned
    (third item) so that other tables leave their rows out too.
    """
    on = on or dt.date.today()
    excluded: set[str] = set()
    provided: set[str] = set()
    data: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    sources: dict[str, str] = {}
    origin: dict[str, int] = {}
    for t_index, rt in enumerate(tables):
        _arr_from_mrr(rt)
        provided.update(f for f in ACCOUNT_FIELDS if f in rt.cols)
        rt.ids = []
        imported = 0
        keys = _row_keys(rt)
        parts = _key_parts(rt, keys)
        lines: dict[str, list[int]] | None = {} if _is_line_table(rt, keys) else None
        mine = _owner_filter(rt, csm)
        columns = [(f, rt.cols[f].values) for f in ACCOUNT_FIELDS if f in rt.cols]
        mapped = rt.plan.mapping.fields
        partners_header = rt.plan.table.headers[mapped["partners"]] if "partners" in mapped else ""
        tick = progress.rows(rt.n, f"Building accounts from {rt.report.title}")
        for p in range(rt.n):
            tick(p)
            name, ext = parts[keys[p]]
            if not name and not ext:
                rt.ids.append(None)
                rt.skip_no_account(p)
                continue
            account_id, how = directory.resolve(name, ext)
            if mine is not None and not mine[p]:
                rt.ids.append(None)
                rt.skip(p, "another CSM's account")
                if account_id is None and name:
                    account_id = directory.add(name, ext)
                if account_id is not None and account_id not in data:
                    excluded.add(account_id)
                continue
            if account_id is not None and origin.get(account_id) == t_index:
                if lines is not None and account_id in lines:
                    lines[account_id].append(p)  # one more line of the same account
                    rt.ids.append(account_id)
                    imported += 1
                    continue
                if how:  # a second, differently spelled account in the same table
                    account_id = None
                else:
                    rt.ids.append(None)
                    rt.skip(p, f'repeats account "{name or ext}" (first row kept)')
                    continue
            if account_id is None:
                if not name:
                    rt.ids.append(None)
                    rt.skip(p, f'account id "{ext}" has no account name')
                    continue
                account_id = directory.add(name, ext)
            elif how:
                report.joins.append(
                    Join(rt.report.file, name or ext, directory.name_of(account_id), how)
                )
            rt.ids.append(account_id)
            if lines is not None:
                lines[account_id] = [p]
            origin.setdefault(account_id, t_index)
            sources.setdefault(account_id, rt.source)
            names.setdefault(account_id, name or directory.name_of(account_id))
            row = data.setdefault(account_id, {})
            for f, values in columns:
                value = values[p]
                if value is None:
                    continue
                if f == "key_contacts":
                    value = contacts_from_text(value)
                elif f == "partners":
                    value = partners_from_text(value, partners_header)
                if f in row and row[f] != value:
                    continue  # first file wins; the join list shows the user where
                row.setdefault(f, value)
            imported += 1
        rt.ids_complete = None not in rt.ids
        rt.report.rows_imported = rt.report.records = imported
        if lines is not None:
            _aggregate_lines(rt, lines, data, on)
            rt.report.records = len(lines)
    old_by_id = {a.id: a for a in old}
    out = []
    for account_id, values in data.items():
        base = old_by_id.get(account_id)
        fields = base.model_dump() if base is not None else {"id": account_id}
        fields["name"] = names[account_id]
        fields["source"] = sources[account_id]
        for f in provided:
            if f in values:
                fields[f] = values[f]
            else:
                fields[f] = Account.model_fields[f].get_default(call_default_factory=True)
        out.append(Account(**fields))
    return out, provided, frozenset(excluded - data.keys())


def _owner_filter(rt: ReadTable, csm: str) -> list[bool] | None:
    """Per row, whether it is ``csm``'s: None when the table has no CSM/owner column naming
    several people, this CSM among them (then every row is kept)."""
    if not csm.strip():
        return None
    column = "csm" if "csm" in rt.cols else None
    if column is None and "account_manager" in rt.cols:
        header = rt.plan.table.headers[rt.plan.mapping.fields["account_manager"]]
        column = "account_manager" if "owner" in normalise(header).split() else None
    if column is None:
        return None
    values = rt.cols[column].values
    owner_of = {v: loose(_clean(v)) for v in dict.fromkeys(values)}  # a few people, many rows
    owners = list(map(owner_of.__getitem__, values))
    me = loose(csm)
    if me not in owners or len(set(owners) - {""}) < 2:
        return None
    mine = [o == me for o in owners]
    others = len(mine) - sum(mine)
    header = rt.plan.table.headers[rt.plan.mapping.fields[column]]
    rt.report.notes.append(
        f"a team's book: {others:,} rows belong to other people in '{header}' and were left "
        f"out (--all-owners keeps them)"
    )
    return mine


def _is_line_table(rt: ReadTable, keys: list[Any]) -> bool:
    """Several rows per account, and columns that make them lines (dates, a trial flag, or an
    id of their own such as ``subscription_id``) rather than repeats."""
    if len(set(keys)) == len(keys):
        return False
    if {"renewal_date", "customer_since", "trial"} & rt.cols.keys():
        return True
    table = rt.plan.table
    used = set(rt.plan.mapping.fields.values())
    return any(is_id_header(h) for k, h in enumerate(table.headers) if k not in used)


def _aggregate_lines(
    rt: ReadTable, lines: dict[str, list[int]], data: dict[str, dict[str, Any]], on: dt.date
) -> None:
    """Per account, from its lines active on ``on`` (started, not ended, not a trial): ARR and
    seats are their sums, the renewal date the earliest upcoming end, products their union;
    customer since is the earliest start of any line."""
    arr, seats = rt.values("arr"), rt.values("licensed_seats")
    start, end = rt.values("customer_since"), rt.values("renewal_date")
    trial, products = rt.values("trial"), rt.values("products")
    trials = ended = 0
    for account_id, positions in lines.items():
        active = []
        for p in positions:
            if trial[p]:
                trials += 1
            elif (start[p] is not None and start[p] > on) or (end[p] is not None and end[p] <= on):
                ended += 1
            else:
                active.append(p)
        row = data.setdefault(account_id, {})
        if "arr" in rt.cols:
            row["arr"] = float(sum(arr[p] or 0 for p in active))
        if "licensed_seats" in rt.cols:
            row["licensed_seats"] = sum(seats[p] or 0 for p in active) if active else None
        if "renewal_date" in rt.cols:
            upcoming = [end[p] for p in active if end[p] is not None]
            row["renewal_date"] = min(upcoming) if upcoming else None
        if "products" in rt.cols:
            row["products"] = list(
                dict.fromkeys(x for p in (active or positions) for x in products[p] or ())
            )
        starts = [start[p] for p in positions if start[p] is not None]
        if starts:
            row["customer_since"] = min(starts)
    lines_n = sum(map(len, lines.values()))
    rt.report.notes.append(
        f"{lines_n:,} lines for {len(lines):,} accounts (subscriptions or contracts): ARR is the "
        f"sum of the lines active on {on.isoformat()}; {ended:,} ended or not started and "
        f"{trials:,} trial lines not counted"
    )


def review_date(review: Review) -> dt.date:
    """The day the book is "as of": the meeting, or else the last day of the quarter."""
    if review.meta.meeting_date is not None:
        return review.meta.meeting_date
    year, quarter = parse_quarter(review.meta.quarter)
    first_of_next = dt.date(year + quarter // 4, quarter % 4 * 3 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def _arr_from_mrr(rt: ReadTable) -> None:
    """ARR wins over MRR; MRR × 12 stands in only where there is no ARR — no ARR column, or
    a row whose ARR cell is blank (not unreadable: that stays a problem) — and says so."""
    mrr = rt.cols.pop("mrr", None)
    if mrr is None:
        return
    header = rt.plan.table.headers[rt.plan.mapping.fields["mrr"]]
    arr = rt.cols.get("arr")
    if arr is None:
        rt.cols["arr"] = Parsed([None if v is None else v * 12 for v in mrr.values])
        rt.report.notes.append(f"ARR = {header} × 12 (no ARR column)")
        return
    arr_header = rt.header_of("arr")
    filled = [
        p
        for p, (a, m) in enumerate(zip(arr.values, mrr.values, strict=True))
        if a is None and m is not None and p not in arr.failed_at
    ]
    if not filled:
        rt.report.notes.append(f"{header}: MRR not used (the ARR column is)")
        return
    values = list(arr.values)
    for p in filled:
        values[p] = mrr.values[p] * 12
    rt.cols["arr"] = Parsed(values, arr.errors, arr.notes)
    where = (
        f": the '{arr_header}' column is blank"
        if all(v is None for v in arr.values)
        else f" on {plural(len(filled), 'row')} whose '{arr_header}' is blank"
    )
    rt.report.notes.append(f"ARR = {header} × 12{where}")


# ---------------------------------------------------------------------------- assemble


def assemble(
    review: Review,
    tables: list[ReadTable],
    report: ImportReport,
    prune: bool = False,
    all_owners: bool = False,
) -> Review:
    """A new Review: the old one's narrative, its book refreshed with ``tables``."""
    old = review.book
    directory = AccountDirectory()
    for account in old.accounts:
        directory.add(account.name, "", account.id)
    account_tables = [t for t in tables if t.plan.kind.name is DataKind.ACCOUNTS]
    other_tables = [t for t in tables if t.plan.kind.name is not DataKind.ACCOUNTS]
    new_accounts: list[Account] | None = None
    if account_tables:
        with progress.span(0, 60):
            new_accounts, _provided, others = build_accounts(
                account_tables,
                old.accounts,
                directory,
                report,
                review_date(review),
                "" if all_owners else review.meta.csm,
            )
    else:
        others = frozenset()
    for number, rt in enumerate(other_tables):
        with progress.span(
            60 + 20 * number / len(other_tables), 60 + 20 * (number + 1) / len(other_tables)
        ):
            join_accounts(rt, directory, report, others=others)
    base_accounts = new_accounts if new_accounts is not None else list(old.accounts)
    known = {a.id for a in base_accounts}
    old_ids = {a.id for a in old.accounts}
    used = dict.fromkeys(i for rt in other_tables for i in rt.distinct_ids)
    existing = known | old_ids
    from_data = [Account(id=i, name=directory.name_of(i)) for i in used if i not in existing]
    # Accounts gone from a re-imported accounts table but still in this import's activity data.
    revived = [a for a in old.accounts if a.id not in known and a.id in used]
    accounts = base_accounts + revived + from_data
    seats = {a.id: a.licensed_seats for a in accounts if a.licensed_seats is not None}

    built: dict[DataKind, list[Any]] = {}
    key_contacts: dict[str, list] = {}
    for number, rt in enumerate(other_tables):
        progress.step(0.8 + 0.2 * number / len(other_tables), f"Building {rt.report.title}…")
        kind = rt.plan.kind.name
        rows: list[Any]
        if kind is DataKind.CONTACTS:
            rows, contacts = build_contacts(rt)
            for account_id, people in contacts.items():
                key_contacts.setdefault(account_id, []).extend(people)
        else:
            rows = _ROW_BUILDERS[kind](rt, old, seats)
        built.setdefault(kind, []).extend(rows)
    if key_contacts:  # a contacts table names key contacts only where the CRM named none
        accounts = [
            a.model_copy(update={"key_contacts": key_contacts[a.id]})
            if a.id in key_contacts and not a.key_contacts
            else a
            for a in accounts
        ]

    changes = Changes()
    if new_accounts is not None:
        ids = {a.id for a in accounts}
        own = {rt.source for rt in account_tables}
        missing = [a for a in old.accounts if a.id not in ids]
        others = [a for a in missing if not same_source(a.source, own)]
        gone = [a for a in missing if same_source(a.source, own)]
        referenced = narrative_account_ids(review)
        kept = [a for a in gone if a.id in referenced]
        unpruned = [a for a in gone if a.id not in referenced]
        if not prune:
            changes.accounts_prunable = [(a.name, a.arr) for a in unpruned]
            kept, unpruned = kept + unpruned, []
        accounts += others + kept
        changes.accounts_kept = [a.name for a in kept if a.id in referenced]
        changes.accounts_gone = [a.name for a in unpruned]
    changes.accounts_added = [a.name for a in accounts if a.id not in old_ids]
    _money_and_dates(old.accounts, accounts, changes)

    valid = {a.id for a in accounts}
    book_fields: dict[str, Any] = {"accounts": accounts}
    for kind, attribute in BOOK_TABLE.items():
        before = getattr(old, attribute)
        if kind in built:
            new_sources = {rt.source for rt in other_tables if rt.plan.kind.name == kind}
            kept_rows = _other_sources(kind, before, built[kind], new_sources, valid)
            if kept_rows:
                report.notes.append(
                    f"{kind}: {len(kept_rows):,} rows from other sources kept beside the new ones"
                )
            book_fields[attribute] = kept_rows + built[kind]
            changes.tables[kind] = (len(before), len(book_fields[attribute]))
        else:
            book_fields[attribute] = [r for r in before if r.account_id in valid]
    if account_tables:
        changes.tables = {"accounts": (len(old.accounts), len(accounts)), **changes.tables}
    book_fields["sources"] = _sources(old.sources, tables)
    book = Book(**book_fields)
    report.changes = changes
    return _copy_with_book(review, book)


def _other_sources(
    kind: DataKind, before: list[Any], new: list[Any], sources: set[str], valid: set[str]
) -> list[Any]:
    """The old rows of ``kind`` that other sources brought (and that ``new`` doesn't cover)."""
    kept = [r for r in before if r.account_id in valid and not same_source(r.source, sources)]
    if kept and kind is DataKind.USAGE:
        covered = {(u.account_id, u.month) for u in new}
        kept = [u for u in kept if (u.account_id, u.month) not in covered]
    elif kept and kind is DataKind.ENGAGEMENT:
        covered_ids = {e.account_id for e in new}
        kept = [e for e in kept if e.account_id not in covered_ids]
    return kept


def _money_and_dates(old: list[Account], new: list[Account], changes: Changes) -> None:
    before = {a.id: a for a in old}
    for account in new:
        previous = before.get(account.id)
        if previous is None:
            continue
        if abs(previous.arr - account.arr) > 0.005:
            changes.arr.append((account.name, previous.arr, account.arr))
        if previous.renewal_date != account.renewal_date:
            changes.renewal.append((account.name, previous.renewal_date, account.renewal_date))


def _sources(old: list[DataSource], tables: list[ReadTable]) -> list[DataSource]:
    """The sources of the new book: this import's tables, and the old ones it didn't replace."""
    new = {(rt.plan.kind.name, rt.report.file) for rt in tables}
    refreshed = {rt.plan.kind.name for rt in tables}
    signatures = {rt.plan.kind.name: {rt.plan.signature for rt in tables} for rt in tables}
    today = dt.date.today()
    kept = [
        s
        for s in old
        if s.kind not in refreshed
        or ((s.kind, s.file) not in new and s.signature not in signatures[s.kind] | {""})
    ]
    new = [
        DataSource(
            kind=rt.plan.kind.name,
            file=rt.report.file,
            sheet=rt.report.sheet,
            rows=rt.report.rows_imported,
            imported_on=today,
            signature=rt.plan.signature,
        )
        for rt in tables
    ]
    return kept + new


def _copy_with_book(review: Review, book: Book) -> Review:
    """A deep copy of ``review`` with ``book`` — without copying the old book first."""
    fields = {
        name: copy.deepcopy(getattr(review, name))
        for name in type(review).model_fields
        if name != "book"
    }
    return type(review).model_construct(
        _fields_set=set(review.model_fields_set) | {"book"}, book=book, **fields
    )
