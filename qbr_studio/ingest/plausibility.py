"""Checks that an import's result is believable, before anything is applied.

Each finding is a short warning sentence; the CLI refuses an import with warnings unless
``--accept-warnings`` is given, the app shows them. They catch a wrong reading that every
single cell survived: ids taken for names, one account swallowing a file, a column of money
that is all zero, a column mostly unreadable, dates that can't be this quarter's activity.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from qbr_studio.ingest.records import ReadTable
from qbr_studio.ingest.values import Parsed
from qbr_studio.model import Account
from qbr_studio.model.data_kinds import DataKind
from qbr_studio.model.identifiers import ID_LIKE

GROWTH_LIMIT = 10
"""A book that grows more than this many times over in one import is suspicious."""

ACTIVITY_DATES = {"usage": "date", "tickets": "opened", "nps": "date", "engagement": "last_contact"}
FAR_PAST_YEARS = 10


def check_import(
    old: list[Account], new: list[Account], tables: list[ReadTable], today: dt.date | None = None
) -> list[str]:
    """Warnings about an import that read ``tables`` and turned ``old`` accounts into ``new``."""
    today = today or dt.date.today()
    out: list[str] = []
    old_ids = {a.id for a in old}
    added = [a.name for a in new if a.id not in old_ids]
    out += _names_like_ids(added)
    if old and len(new) > GROWTH_LIMIT * len(old):
        out.append(
            f"the book would grow from {len(old):,} to {len(new):,} accounts "
            f"(more than {GROWTH_LIMIT}×): is every file the kind it was read as?"
        )
    for rt in tables:
        out += rt.warnings
        out += _table_warnings(rt, today)
    return out


def _names_like_ids(names: list[str]) -> list[str]:
    looking = [n for n in names if ID_LIKE.match(n.strip())]
    if len(names) >= 2 and len(looking) >= 0.5 * len(names):
        shown = ", ".join(looking[:3])
        return [f"{len(looking):,} of {len(names):,} new account names look like ids ({shown})"]
    return []


def _table_warnings(rt: ReadTable, today: dt.date) -> list[str]:
    title = rt.report.title
    kind = rt.plan.kind.name
    out: list[str] = []
    rows = rt.n
    for name, parsed in rt.cols.items():
        if rows >= 5 and len(parsed.errors) > 0.5 * rows:
            header = rt.plan.table.headers[rt.plan.mapping.fields[name]]
            out.append(
                f"{title}: {len(parsed.errors):,} of {rows:,} values of '{header}' "
                f"({name}) can't be read: is it that field?"
            )
    if kind is DataKind.ACCOUNTS and "arr" in rt.cols and rows >= 3:
        values = [v for v in rt.cols["arr"].values if v is not None]
        if not any(values):
            out.append(f"{title}: every ARR is zero or blank")
    if kind is not DataKind.ACCOUNTS and rows >= 20:
        counts = _rows_per_account(rt)
        if len(counts) >= 3:
            top, n = counts.most_common(1)[0]
            if n >= 0.6 * sum(counts.values()):
                out.append(
                    f"{title}: one account has {n:,} of {sum(counts.values()):,} rows "
                    f"({top}): is the account column right?"
                )
    field = ACTIVITY_DATES.get(kind)
    if field and field in rt.cols:
        out += _dates(title, rt.cols[field], today)
    return out


def _rows_per_account(rt: ReadTable) -> Counter[str]:
    """Account id → its rows, counted on the join keys (one C-level pass over the rows)."""
    if rt.id_keys:
        counts: Counter[str] = Counter()
        for key, n in Counter(rt.id_keys).items():
            account_id = rt.id_of.get(key)
            if account_id is not None:
                counts[account_id] += n
        return counts
    return Counter(i for i in rt.ids if i is not None)


def _dates(title: str, parsed: Parsed, today: dt.date) -> list[str]:
    known = parsed.distinct  # the distinct values, when the parser kept them
    distinct = set(known if known is not None else parsed.values)
    distinct.discard(None)
    days = [v.date() if isinstance(v, dt.datetime) else v for v in distinct]
    if len(days) < 2:
        return []
    if min(days) > today:
        return [f"{title}: every date is in the future (from {min(days).isoformat()})"]
    far = today.replace(year=today.year - FAR_PAST_YEARS)
    if max(days) < far:
        return [f"{title}: every date is more than {FAR_PAST_YEARS} years old"]
    return []
