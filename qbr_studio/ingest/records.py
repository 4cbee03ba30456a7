"""Turning parsed columns into the book's records, one builder per data kind.

Each builder takes a :class:`ReadTable` (a table's parsed columns and its report) and the
account ids its rows resolved to, and returns model objects. Rows that can't become a record
are skipped with the reason in the report.

Usage is aggregated to one :class:`~qbr_studio.model.UsageMonth` per account and calendar
month. Several rows in one month (daily or weekly exports) are combined as follows:

- ``active_users``: the **highest** value in the month. Adding up daily active users would
  count the same person on every day they logged in; the month's peak daily (or weekly)
  count is the closest figure to monthly active users such data can give, and it compares
  fairly with monthly exports.
- ``licensed_users``: the highest value in the month (licences only change at contract events).
- ``key_feature_users``: the highest value in the month, like active users.

Engagement rows are combined per account: the latest ``last_contact`` and the sums of emails
sent, opened and replies.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, repeat
from operator import add, floordiv, is_not, itemgetter, mod
from typing import Any

from pydantic import TypeAdapter, ValidationError

from qbr_studio.errors import UserError
from qbr_studio.ingest.kinds import TablePlan
from qbr_studio.ingest.report import TableReport
from qbr_studio.ingest.tables import no_account
from qbr_studio.ingest.values import Parsed, is_blank, to_text
from qbr_studio.model import (
    Contact,
    Engagement,
    NpsResponse,
    Opportunity,
    OpportunityKind,
    Partner,
    Stakeholder,
    Ticket,
    UsageMonth,
    new_id,
)
from qbr_studio.model.data_kinds import DataKind
from qbr_studio.wording import plural, verb


@dataclass
class ReadTable:
    """A table's parsed columns: ``cols[field].values[p]`` belongs to grid row ``rows[p]``."""

    plan: TablePlan
    report: TableReport
    rows: Sequence[int]
    cols: dict[str, Parsed] = field(default_factory=dict)
    id_keys: list[Any] = field(default_factory=list)
    """What each row's account is joined on (see apply.join_accounts) …"""
    id_of: dict[Any, str | None] = field(default_factory=dict)
    """… and the account id each of those keys resolved to (None: no usable account)."""
    ids_complete: bool = False
    """True when every row has an account id."""
    empty: bool = False
    """No data rows at all (a header with nothing under it, or only template examples)."""
    distinct: dict[str, dict[Any, None]] = field(default_factory=dict)
    """Field → its raw values in first-seen order, when already computed (account columns)."""
    distinct_ids: list[str] = field(default_factory=list)
    """The account ids of ``ids``, each once, in first-seen order."""
    source: str = ""
    """Stamped on every record (``signature:title``): a re-import replaces its own rows."""
    name_source: tuple[list[list[Any]], int] | None = None
    """(data rows, grid column) of the account names when they were not extracted: with an
    account id on every row, only one name per id is ever looked at."""

    key_features: tuple[str, ...] = ()
    """The features whose users are key-feature users (an event log); empty: every one."""
    link_keys: list[Any] | None = None
    """Per row, the key a link file joined it to its account by (a subscription id…)."""
    link_header: str = ""
    """The header of that key's column."""
    untyped_as: OpportunityKind | None = None
    """What an opportunity without a type is, when the user said (else it is left out)."""
    currency: str = ""
    warnings: list[str] = field(default_factory=list)
    """Plausibility warnings found while building the records (see plausibility)."""
    untyped_left_out: int = 0
    """Opportunities left out because nothing said their type …"""
    untyped_amount: str = ""
    """… and their amount in all (``"USD 1,200"``)."""

    _ids: list[str | None] | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return len(self.rows)

    @property
    def ids(self) -> list[str | None]:
        """Account id per row (None: the row has no usable account), built on first use: the
        usage builder reads :attr:`id_keys` and :attr:`id_of` and never needs it."""
        if self._ids is None:
            self._ids = list(map(self.id_of.__getitem__, self.id_keys))
        return self._ids

    @ids.setter
    def ids(self, ids: list[str | None]) -> None:
        self._ids = ids
        self.id_keys, self.id_of = [], {}

    def get(self, name: str) -> list[Any] | None:
        parsed = self.cols.get(name)
        if parsed is None and name == "account" and self.name_source is not None:
            rows, j = self.name_source
            parsed = self.cols[name] = Parsed(list(map(itemgetter(j), rows)))
            self.name_source = None
        return parsed.values if parsed is not None else None

    def values(self, name: str, default: Any = None) -> list[Any]:
        got = self.get(name)
        return got if got is not None else [default] * self.n

    def header_of(self, name: str) -> str:
        """The header of the column ``name`` was read from ("" when none was)."""
        k = self.plan.mapping.fields.get(name)
        return self.plan.table.headers[k] if k is not None else ""

    def where(self, p: int, name: str | None = None) -> str:
        """The cell of row ``p`` in the column of field ``name`` (else the table's first)."""
        table = self.plan.table
        k = self.plan.mapping.fields.get(name) if name else None
        return table.grid.where(self.rows[p], table.columns[0 if k is None else k])

    def skip(self, p: int, reason: str) -> None:
        self.report.skip(self.where(p), reason)

    def skip_no_account(self, p: int) -> None:
        """Leave out row ``p``, whose account cells are blank, pointing at its first key cell
        (the account, then the account id, as :func:`~qbr_studio.ingest.tables.plan_rows`)."""
        keys = [name for name in ("account", "account_id") if name in self.plan.mapping.fields]
        headers = [self.header_of(name) for name in keys] or ["the account"]
        self.report.skip(self.where(p, keys[0] if keys else None), no_account(headers))

    def why_missing(self, name: str, p: int) -> str:
        """``"no Date"`` for a blank cell, ``"Date unreadable"`` for a value that failed."""
        spec = self.plan.kind.field(name)
        label = (
            self.plan.table.headers[self.plan.mapping.fields[name]]
            if name in self.cols
            else spec.label
        )
        parsed = self.cols.get(name)
        if parsed is not None and parsed.errors and p in parsed.failed_at:
            return f"{label} unreadable"
        if parsed is not None and parsed.unsaid and p in parsed.unsaid_at:
            return f"{label} says only {parsed.unsaid_at[p]}"
        return f"no {label}"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else to_text(value))


def _usable(rt: ReadTable, required: tuple[str, ...]) -> Sequence[int]:
    """Positions whose account and ``required`` fields all have values; others are skipped."""
    if rt.ids_complete and not any(rt.cols[name].has_none for name in required):
        return range(rt.n)
    keep = []
    for p in range(rt.n):
        if rt.ids[p] is None:
            continue  # reason already recorded by the join
        missing = next((name for name in required if rt.cols[name].values[p] is None), None)
        if missing is None:
            keep.append(p)
        else:
            rt.skip(p, rt.why_missing(missing, p))
    return keep


def _checked(rt: ReadTable, p: int, make: Callable[[], Any]) -> Any:
    try:
        return make()
    except ValidationError as err:
        first = err.errors()[0]
        rt.skip(p, f"invalid {'.'.join(str(x) for x in first['loc'])}: {first['msg']}")
        return None


def _one_record_per_row(rt: ReadTable, keep: Iterable[int], make: Callable[[int], Any]) -> list:
    """``make(p)`` for each kept row ``p``, a row whose record is invalid skipped with the
    reason; the table's report counts what was imported."""
    out = []
    for p in keep:
        record = _checked(rt, p, lambda p=p: make(p))
        if record is not None:
            out.append(record)
    rt.report.rows_imported = rt.report.records = len(out)
    return out


# ----------------------------------------------------------------------------- usage


def build_usage(rt: ReadTable, seats: dict[str, int]) -> list[UsageMonth]:
    """Rows → one UsageMonth per account and month (see the module docstring)."""
    if "active_users" not in rt.cols:
        return _event_log_months(rt, seats)
    if rt.link_keys:
        return _summed_over_links(rt, seats)
    keep = _usable(rt, ("date", "active_users"))
    every = len(keep) == rt.n
    days = rt.cols["date"].values
    active = rt.cols["active_users"].values
    licensed = rt.get("licensed_users")
    feature = rt.get("key_feature_users")
    if every and rt.id_keys:  # each row's join key, coded once per key below
        ids, id_of = rt.id_keys, rt.id_of
    else:
        ids, id_of = rt.ids, None
    if not every:
        ids = [ids[p] for p in keep]
        days = [days[p] for p in keep]
        active = [active[p] for p in keep]
        licensed = [licensed[p] for p in keep] if licensed is not None else None
        feature = [feature[p] for p in keep] if feature is not None else None
    # Each (account, month) is one int, account index × months + month index: the distinct
    # accounts and days are few, so each row costs two small dict lookups.
    known = rt.cols["date"].distinct if every else None
    first_day = {d: d.replace(day=1) for d in (known if known is not None else set(days))}
    month_list = sorted(set(first_day.values()))
    width = len(month_list)
    month_index = {m: i for i, m in enumerate(month_list)}
    account_list = rt.distinct_ids if every else list(dict.fromkeys(ids))
    account_code = {a: i * width for i, a in enumerate(account_list)}
    if id_of is not None:
        account_code = {key: account_code[a] for key, a in id_of.items()}
    peak = _peaks(
        ids,
        days,
        account_code,
        {d: month_index[m] for d, m in first_day.items()},
        len(account_list) * width,
        active,
        _or_minus_one(rt, "licensed_users", licensed, every),
        _or_minus_one(rt, "key_feature_users", feature, every),
    )
    measures = _measure_columns(rt, keep, every)
    sums = (
        _month_sums(
            ids,
            days,
            account_code,
            {d: month_index[m] for d, m in first_day.items()},
            [values for _, values in measures],
        )
        if measures
        else {}
    )
    records: list[dict[str, Any]] = []
    no_licence = 0
    for key in sorted(peak, key=lambda k: (account_list[k // width], k % width)):
        act, lic, feat = peak[key]
        account_id, month = account_list[key // width], month_list[key % width]
        if lic < 0:
            lic = seats.get(account_id, -1)
            if lic < 0:
                lic = 0
                no_licence += 1
        record = {
            "account_id": account_id,
            "month": month,
            "active_users": int(act),
            "licensed_users": int(lic),
            "key_feature_users": int(feat) if feat >= 0 else None,
            "source": rt.source,
        }
        totals = sums.get(key)
        if totals is not None:
            for (name, _), total in zip(measures, totals, strict=True):
                if total is not None:
                    record[name] = round(total) if name != "minutes" else round(total, 1)
        records.append(record)
    out = _validated_months(records)
    rt.report.rows_imported = len(keep)
    rt.report.records = len(out)
    per_month = len(keep) / max(1, len(peak))
    if per_month > 1.05:
        grain = "daily" if per_month >= 15 else "weekly" if per_month >= 3 else "several a month"
        rt.report.notes.append(
            f"{len(keep):,} rows ({grain}) combined into {len(out):,} account-months: each month "
            "takes the highest active, licensed and key-feature user counts of its rows "
            "(adding daily active users up would count the same people many times)"
        )
    if measures:
        named = ", ".join(_MEASURE_WORDS[name] for name, _ in measures)
        rt.report.notes.append(f"{named}: each month adds up its rows")
    if licensed is None and not rt.link_keys:
        rt.report.notes.append(_licence_note(seats))
    if no_licence and licensed is not None:
        rt.report.notes.append(f"{no_licence} account-months had no licensed users; set to 0")
    return out


_KEY_SEP = "\x1f"
"""Between an account id and a linked key in the per-key ids (a control character)."""


def _summed_over_links(rt: ReadTable, seats: dict[str, int]) -> list[UsageMonth]:
    """Usage rows keyed by subscription (or another linked key): each key's months as any
    usage's, then an account's month the **sum** over its keys — two subscriptions of one
    account are different users and licences, not two readings of the same ones."""
    by_key = copy.copy(rt)
    keys = rt.link_keys or []
    by_key.ids = [
        None if a is None else f"{a}{_KEY_SEP}{to_text(k)}"
        for a, k in zip(rt.ids, keys, strict=True)
    ]
    by_key.distinct_ids = list(dict.fromkeys(i for i in by_key.ids if i is not None))
    by_key.link_keys = []  # falsy: built as plain usage, its licence note left to this sum
    licensed = "licensed_users" in rt.cols
    months = build_usage(by_key, seats if licensed else {})
    summed: dict[tuple[str, dt.date], dict[str, Any]] = {}
    several = 0
    for u in months:
        account_id = u.account_id.split(_KEY_SEP, 1)[0]
        total = summed.get((account_id, u.month))
        record = u.model_dump()
        record["account_id"] = account_id
        if total is None:
            summed[(account_id, u.month)] = record
            continue
        several += total.get("_keys", 1) == 1
        total["_keys"] = total.get("_keys", 1) + 1
        for name in ("active_users", "licensed_users", "key_feature_users", "sessions",
                     "minutes", "feature_uses"):  # fmt: skip
            if record[name] is not None:
                total[name] = record[name] + (total[name] or 0)
    records = []
    for (account_id, _), record in sorted(summed.items(), key=itemgetter(0)):
        record.pop("_keys", None)
        if not licensed:
            record["licensed_users"] = max(seats.get(account_id, 0), 0)
        records.append(record)
    out = _validated_months(records)
    rt.report.records = len(out)
    if several:
        rt.report.notes.append(
            f"{several:,} account-months add up several {rt.link_header or 'linked key'}s "
            "(their users, licences and measures summed)"
        )
    if not licensed:
        rt.report.notes.append(_licence_note(seats))
    return out


def _licence_note(seats: dict[str, int]) -> str:
    return (
        "no licensed-users column: taken from the accounts' licensed seats"
        if seats
        else "no licensed-users column and no licensed seats on the accounts: set to 0"
    )


_MEASURE_WORDS = {"sessions": "sessions", "minutes": "minutes", "feature_uses": "key feature uses"}


def _measure_columns(rt: ReadTable, keep: Sequence[int], every: bool) -> list[tuple[str, list]]:
    """(field, values of the kept rows) of the additive measures the table has: sessions,
    minutes (or seconds ÷ 60, said in the report) and key feature uses."""
    out: list[tuple[str, list]] = []
    for name in ("sessions", "minutes", "feature_uses"):
        values = rt.get(name)
        if values is None and name == "minutes":
            seconds = rt.get("seconds")
            if seconds is not None:
                values = [None if v is None else v / 60 for v in seconds]
                rt.report.notes.append(f"minutes = '{rt.header_of('seconds')}' ÷ 60")
        if values is not None:
            out.append((name, values if every else [values[p] for p in keep]))
    return out


def _month_sums(
    ids: list[Any],
    days: list[Any],
    account_code: dict[Any, int],
    month_code: dict[Any, int],
    columns: list[list[Any]],
) -> dict[int, list[float | None]]:
    """(account, month) key (as in :func:`_peaks`) → the sum of each column over its rows;
    None where every row of the month was blank. The keys are computed in C (mapped look-ups
    and additions); each column is then one tight loop."""
    keys = list(map(add, map(account_code.__getitem__, ids), map(month_code.__getitem__, days)))
    per_column: list[dict[int, Any]] = []
    for column in columns:
        totals: dict[int, Any] = {}
        get = totals.get
        for key, value in zip(keys, column, strict=True):
            if value is not None:
                totals[key] = get(key, 0) + value
        per_column.append(totals)
    every = set(keys)
    return {key: [totals.get(key) for totals in per_column] for key in every}


def _event_log_months(rt: ReadTable, seats: dict[str, int]) -> list[UsageMonth]:
    """An event log (one row per user event, a user id and no active-users count): each
    account-month's active users are the distinct users with an event in it. With a feature
    column, its key-feature users are the distinct users of a key feature (``rt.key_features``,
    or every feature when none were chosen) and its key feature uses those events; with a
    session id, its sessions are the distinct sessions; minutes (or seconds) are added up."""
    keep = _usable(rt, ("date", "user_id"))
    every = len(keep) == rt.n
    days, users = rt.cols["date"].values, rt.cols["user_id"].values
    if every and rt.id_keys:  # each row's join key, coded once per key below
        keys, id_of = rt.id_keys, rt.id_of
    else:
        keys = rt.ids
        if not every:
            keys, days, users = ([column[p] for p in keep] for column in (keys, days, users))
        id_of = {a: a for a in dict.fromkeys(keys)}
    codes = _AccountMonths(id_of, days, rt.cols["date"].distinct if every else None)
    per_row = codes.of_rows(keys, days)
    seen = _distinct_per_key(per_row, users)
    extra: dict[str, Mapping[int, Any]] = {}
    notes: list[str] = []
    features = rt.get("feature")
    if features is not None:
        is_key = _key_feature_test(rt, features, notes)
        flags = list(map(is_key.__getitem__, features))
        if not every:
            flags = [flags[p] for p in keep]
        if all(flags):  # every event is of a key feature (none were chosen: all of them are)
            extra["key_feature_users"], extra["feature_uses"] = seen, Counter(per_row)
        else:
            extra["key_feature_users"] = _distinct_per_key(per_row, users, flags)
            extra["feature_uses"] = Counter(compress(per_row, flags))
    sessions = rt.get("session_id")
    if sessions is not None:
        if not every:
            sessions = [sessions[p] for p in keep]
        present = map(is_not, sessions, repeat(None))
        extra["sessions"] = _distinct_per_key(per_row, sessions, present)
        notes.append("sessions are the distinct session ids of the month")
    for name, values in _measure_columns(rt, keep, every):
        if name in extra:
            continue  # counted from the events themselves
        totals: dict[int, float] = {}
        for key, value in zip(per_row, values, strict=True):
            if value is not None:
                totals[key] = totals.get(key, 0) + value
        if name == "minutes":
            extra["minutes"] = {k: round(v, 1) for k, v in totals.items()}
        else:
            extra[name] = {k: round(v) for k, v in totals.items()}
    ordered = sorted(seen)  # by account id, then month: the codes are in that order
    out = _validated_months(codes.records(ordered, seen, seats, rt.source, extra))
    rt.report.rows_imported = len(keep)
    rt.report.records = len(out)
    rt.report.notes.append(
        f"an event log: {len(keep):,} events became {len(out):,} account-months; active users "
        "are the distinct users with an event in the month"
        + ("" if seats else "; licensed users set to 0 (no licensed seats on the accounts)")
    )
    rt.report.notes.extend(notes)
    return out


class _AccountMonths:
    """(account, calendar month) pairs coded as one int each, ``account × width + month``,
    with accounts and months numbered in sorted order — so sorting the codes sorts the pairs
    by account id, then month — and each row's code made in C from two small look-ups."""

    def __init__(
        self, id_of: Mapping[Any, str | None], days: Sequence[Any], distinct: Any = None
    ) -> None:
        """``distinct``: the distinct ``days``, when known (:attr:`Parsed.distinct`)."""
        first = {
            day: (day.date() if isinstance(day, dt.datetime) else day).replace(day=1)
            for day in (distinct if distinct is not None else set(days))
        }
        self.months = sorted(set(first.values()))
        self.width = width = len(self.months)
        month_index = {m: i for i, m in enumerate(self.months)}
        self.accounts = sorted({a for a in id_of.values() if a is not None})
        account_code = {a: i * width for i, a in enumerate(self.accounts)}
        self._key_code = {key: account_code[a] for key, a in id_of.items() if a is not None}
        self._day_code = {day: month_index[m] for day, m in first.items()}

    def of_rows(self, keys: Sequence[Any], days: Sequence[Any]) -> list[int]:
        """Each row's code, from its account key and its day."""
        return list(
            map(add, map(self._key_code.__getitem__, keys), map(self._day_code.__getitem__, days))
        )

    def records(
        self,
        codes: list[int],
        active: Mapping[int, int],
        seats: dict[str, int],
        source: str,
        extra: Mapping[str, Mapping[int, Any]],
    ) -> list[dict[str, Any]]:
        """One month's fields per code, in the order of ``codes``: its account and month, its
        ``active`` users, the account's licensed seats, and each of ``extra`` (0 if absent)."""
        width = self.width
        account_of = list(map(floordiv, codes, repeat(width)))
        licensed = [max(seats.get(a, 0), 0) for a in self.accounts]
        records = [
            {
                "account_id": account_id,
                "month": month,
                "active_users": users,
                "licensed_users": seats_of,
                "source": source,
            }
            for account_id, month, users, seats_of in zip(
                map(self.accounts.__getitem__, account_of),
                map(self.months.__getitem__, map(mod, codes, repeat(width))),
                map(active.__getitem__, codes),
                map(licensed.__getitem__, account_of),
                strict=True,
            )
        ]
        for name, per_code in extra.items():
            for record, value in zip(records, map(per_code.get, codes, repeat(0)), strict=True):
                record[name] = value
        return records


def _distinct_per_key(
    codes: list[int], values: Sequence[Any], flags: Iterable[Any] | None = None
) -> dict[int, int]:
    """Code → how many distinct ``values`` its rows hold (only rows whose flag is true, when
    ``flags`` are given): one set of values per code, filled in one loop over the rows. (Coding
    each (code, value) pair as one int and counting a set of them in C made and hashed four
    new ints per row, twice the time on an event log, whose pairs are nearly all distinct.)"""
    groups: dict[int, set[Any]] = {}
    group_of = groups.get
    rows: Iterable[tuple[int, Any]] = zip(codes, values, strict=True)
    if flags is not None:
        rows = compress(rows, flags)
    for code, value in rows:
        group = group_of(code)
        if group is None:
            groups[code] = {value}
        else:
            group.add(value)
    return dict(zip(groups, map(len, groups.values()), strict=True))


def _key_feature_test(rt: ReadTable, features: list[Any], notes: list[str]) -> dict[Any, bool]:
    """Feature value → whether it is a key feature: one of ``rt.key_features`` (compared
    without case), or any feature when none were chosen. A chosen feature the log never names
    is said; when none of them occurs the import is refused (a typo would read as no
    adoption at all)."""
    header = rt.header_of("feature")
    names = {f: _text(f).strip().casefold() for f in dict.fromkeys(features) if f is not None}
    if not rt.key_features:
        shown = ", ".join(sorted(_text(f) for f in names)[:8])
        more = f" and {len(names) - 8} more" if len(names) > 8 else ""
        notes.append(
            f"key features: all {len(names):,} features of '{header}' ({shown}{more}), none "
            "were chosen; key-feature users used any of them"
        )
        return {**dict.fromkeys(names, True), None: False}
    wanted = {k.strip().casefold(): k.strip() for k in rt.key_features if k.strip()}
    present = set(names.values())
    absent = [label for folded, label in wanted.items() if folded not in present]
    if len(absent) == len(wanted):
        shown = ", ".join(sorted(_text(f) for f in names)[:8])
        raise UserError(
            f"{rt.report.title}: none of the key features ({', '.join(wanted.values())}) "
            f"occurs in its '{header}' column, which names {shown}"
        )
    spelled: dict[str, str] = {}
    for f, folded in names.items():
        spelled.setdefault(folded, _text(f))  # as first written
    found = [spelled[folded] for folded in wanted if folded in present]
    notes.append(f"key features: {', '.join(found)} (from '{header}')")
    if absent:
        notes.append(f"key features never used in this log: {', '.join(absent)}")
    return {**{f: folded in wanted for f, folded in names.items()}, None: False}


def feature_counts(rt: ReadTable) -> list[tuple[str, int]]:
    """An event log's features (as first written, compared without case) with their event
    counts, most used first; empty for a table that is no event log with a feature column.
    For the import wizard to offer as key features (:attr:`ReadTable.key_features`)."""
    features = rt.get("feature")
    if features is None or rt.plan.kind.name is not DataKind.USAGE or "active_users" in rt.cols:
        return []
    counts = Counter(_text(f).strip() for f in features if f is not None)
    spelled: dict[str, str] = {}
    totals: Counter[str] = Counter()
    for name, n in counts.items():
        if name:
            folded = name.casefold()
            spelled.setdefault(folded, name)
            totals[folded] += n
    return sorted(((spelled[f], n) for f, n in totals.items()), key=lambda t: (-t[1], t[0]))


@cache
def _usage_months() -> TypeAdapter[list[UsageMonth]]:
    """Validates a month list in one call (the same checks as ``UsageMonth(**fields)`` each)."""
    return TypeAdapter(list[UsageMonth])


def _validated_months(records: list[dict[str, Any]]) -> list[UsageMonth]:
    """The months, validated as ``UsageMonth(**fields)`` each would be.

    The builders give exact types (``int`` counts, ``date`` months, ``str`` ids), which
    pydantic's strict mode checks in about two thirds of the time, with the same bounds and
    the same result. Anything strict mode refuses (a type it would not coerce) is validated
    again the usual way, so what is accepted, and every error, is as before."""
    months = _usage_months()
    try:
        return months.validate_python(records, strict=True)
    except ValidationError:
        return months.validate_python(records)


def _peaks(
    ids: list[str],
    days: list[Any],
    account_code: dict[str, int],
    month_code: dict[Any, int],
    n_keys: int,
    active: list[Any],
    licensed: Iterable[Any],
    feature: Iterable[Any],
) -> Mapping[int, Sequence[Any]]:
    """(account, month) key → the highest (active, licensed, key feature) of its rows, in one
    pass; -1 where none was given.

    Keys are ``account_code[id] + month_code[day]``, below ``n_keys``. When there are not many
    more possible keys than rows (always for daily and weekly data), the peaks are kept in
    three flat lists indexed by key, cheaper per row than a dict of lists.
    """
    rows = zip(ids, days, active, licensed, feature, strict=False)
    if n_keys > 2 * len(ids) + 4096:
        return _sparse_peaks(rows, account_code, month_code)
    no_row = float("-inf")
    top_active = [no_row] * n_keys
    top_licensed = [-1] * n_keys
    top_feature = [-1] * n_keys
    for account, day, act, lic, feat in rows:
        key = account_code[account] + month_code[day]
        if act > top_active[key]:
            top_active[key] = act
        if lic > top_licensed[key]:
            top_licensed[key] = lic
        if feat > top_feature[key]:
            top_feature[key] = feat
    return {
        key: (act, top_licensed[key], top_feature[key])
        for key, act in enumerate(top_active)
        if act != no_row
    }


def _sparse_peaks(
    rows: Iterable[tuple[str, Any, Any, Any, Any]],
    account_code: dict[str, int],
    month_code: dict[Any, int],
) -> dict[int, list[Any]]:
    """:func:`_peaks` with a dict: for many accounts over many months, few of them present."""
    peak: dict[int, list[Any]] = {}
    get = peak.get
    for account, day, act, lic, feat in rows:
        key = account_code[account] + month_code[day]
        current = get(key)
        if current is None:
            peak[key] = [act, lic, feat]
            continue
        if act > current[0]:
            current[0] = act
        if lic > current[1]:
            current[1] = lic
        if feat > current[2]:
            current[2] = feat
    return peak


def _or_minus_one(rt: ReadTable, name: str, values: list[Any] | None, every: bool) -> Iterable[Any]:
    """An optional column for :func:`_peaks`: -1 for a missing column or a blank cell.

    ``every`` says ``values`` is the whole column, whose parse may already know it has no blank.
    """
    if values is None:
        return repeat(-1)
    if (every and not rt.cols[name].has_none) or None not in values:
        return values
    return [-1 if v is None else v for v in values]


# ----------------------------------------------------------------------- opportunities


def build_opportunities(rt: ReadTable, old: list[Opportunity]) -> list[Opportunity]:
    """One Opportunity per row. An opportunity whose type is blank or no known type is
    classified only from clear evidence (see :func:`_evident_kind`), else by the import's
    ``untyped_as``; failing both it is left out, counted with its amount, and warned about:
    it is never silently taken for a renewal."""
    keep = _usable(rt, ())
    kinds = rt.values("kind")
    names = rt.values("name")
    stages = rt.values("stage")
    record_types = rt.values("record_type")
    ext_ids = rt.values("opportunity_id")
    previous = {(o.account_id, o.name.casefold(), o.kind): o.id for o in old}
    table_kind, table_why = _table_opp_kind(rt)
    amounts, closes, risks = rt.values("amount"), rt.values("close_date"), rt.values("risk")
    next_steps, owners = rt.values("next_step"), rt.values("owner")
    by_words: dict[OpportunityKind, int] = {}
    by_table = by_choice = 0
    untyped: list[float] = []
    new_business: list[float] = []
    scoped = _left_out_kinds(rt)
    out: list[Opportunity] = []
    used_ids: set[str] = set()
    for p in keep:
        kind = kinds[p]
        if kind is None and p in scoped:
            rt.skip(p, f"{rt.header_of('kind')} says {scoped[p]}")
            new_business.append(_or(amounts[p], 0.0))
            continue
        if kind is None:
            kind = _evident_kind(names[p], stages[p], record_types[p])
            if kind is not None:
                by_words[kind] = by_words.get(kind, 0) + 1
            elif table_kind is not None:
                kind, by_table = table_kind, by_table + 1
            elif rt.untyped_as is not None:
                kind, by_choice = rt.untyped_as, by_choice + 1
            else:
                rt.skip(p, f"{rt.why_missing('kind', p)}: not a renewal, expansion or cross-sell")
                untyped.append(_or(amounts[p], 0.0))
                continue
        name = _text(names[p])
        opp_id = _text(ext_ids[p]) or previous.get((rt.ids[p], name.casefold(), kind)) or new_id()
        while opp_id in used_ids:
            opp_id = new_id()
        used_ids.add(opp_id)
        record = _checked(
            rt,
            p,
            lambda p=p, kind=kind, name=name, opp_id=opp_id: Opportunity(
                id=opp_id,
                account_id=rt.ids[p],
                source=rt.source,
                kind=kind,
                name=name,
                amount=_or(amounts[p], 0.0),
                close_date=closes[p],
                stage=_text(stages[p]),
                risk=_or(risks[p], "low"),
                risk_stated=risks[p] is not None,  # else analytics derives it, never "Low"
                next_step=_text(next_steps[p]),
                owner=_text(owners[p]),
            ),
        )
        if record is not None:
            out.append(record)
    _say_how_typed(rt, by_words, (table_kind, table_why, by_table), by_choice, untyped)
    if new_business:
        rt.report.notes.append(
            f"{_opportunities(len(new_business), 'new-business ')} "
            f"({amount_text(rt.currency, new_business)}) left out: a new customer's deal is not "
            "a renewal, expansion or cross-sell of the book"
        )
    rt.report.rows_imported = rt.report.records = len(out)
    return out


def _left_out_kinds(rt: ReadTable) -> dict[int, str]:
    """Positions whose type the import understood as outside the review (new business)."""
    parsed = rt.cols.get("kind")
    return parsed.left_out_at if parsed is not None else {}


def _say_how_typed(
    rt: ReadTable,
    by_words: dict[OpportunityKind, int],
    by_table: tuple[OpportunityKind | None, str, int],
    by_choice: int,
    untyped: list[float],
) -> None:
    """Report notes on the opportunities that had no type, and the warning for those left out."""
    notes = rt.report.notes
    for kind, n in by_words.items():
        notes.append(
            f"{_opportunities(n)} without a type counted as {kind.label.lower()}s: "
            "their name, stage or record type says so"
        )
    table_kind, why, n = by_table
    if n and table_kind is not None:
        notes.append(f"{_opportunities(n)} without a type counted as {_plural(table_kind)}: {why}")
    if by_choice and rt.untyped_as is not None:
        notes.append(
            f"{_opportunities(by_choice)} without a type counted as {_plural(rt.untyped_as)}, "
            "as the import was told"
        )
    if untyped:
        header = rt.header_of("kind")
        column = (
            f"'{header}' blank or not renewal, expansion or cross-sell"
            if header
            else "the file has no Type column"
        )
        amount = amount_text(rt.currency, untyped)
        rt.untyped_left_out, rt.untyped_amount = len(untyped), amount
        rt.warnings.append(
            f"{rt.report.title}: {_opportunities(len(untyped))} ({amount}) "
            f"{verb(len(untyped), 'has', 'have')} no type "
            f"({column}; their names and stages don't say): left out, not counted as renewals"
        )


def amount_text(currency: str, amounts: Iterable[float]) -> str:
    """A total as the report writes it: ``"USD 1,200"``."""
    return f"{currency} {sum(amounts):,.0f}".strip()


def untyped_opportunities(rt: ReadTable) -> list[int]:
    """Positions of the opportunities whose type nothing says — a blank or unknown type, no
    clear word in their name, stage or record type, nor in the table's name or headers — with
    an account: the rows :func:`build_opportunities` types as ``untyped_as``, or leaves out
    when it is unset. For the import wizard to ask before the import."""
    if rt.plan.kind.name is not DataKind.OPPORTUNITIES or _table_opp_kind(rt)[0] is not None:
        return []
    kinds, names = rt.values("kind"), rt.values("name")
    stages, record_types = rt.values("stage"), rt.values("record_type")
    accounts, account_ids = rt.values("account"), rt.values("account_id")
    scoped = _left_out_kinds(rt)
    return [
        p
        for p in range(rt.n)
        if kinds[p] is None
        and p not in scoped
        and (not is_blank(accounts[p]) or not is_blank(account_ids[p]))
        and _evident_kind(names[p], stages[p], record_types[p]) is None
    ]


def _opportunities(count: int, adjective: str = "") -> str:
    return plural(count, f"{adjective}opportunity", f"{adjective}opportunities")


def _plural(kind: OpportunityKind) -> str:
    return f"{kind.label.lower()}s"


def _or(value: Any, default: Any) -> Any:
    return default if value is None else value


_WORD_KINDS = (
    (re.compile(r"\brenew", re.I), OpportunityKind.RENEWAL),
    (re.compile(r"\bcross[- ]?sell", re.I), OpportunityKind.CROSS_SELL),
    (
        re.compile(r"\b(?:up[- ]?sell|expan(?:d|sion)|upgrade|add[- ]?on)", re.I),
        OpportunityKind.EXPANSION,
    ),
)
"""Words in an opportunity's name, stage or record type that say its kind (whole words:
"Seattle" is no seat expansion)."""


def _evident_kind(*values: Any) -> OpportunityKind | None:
    """The kind one of ``values`` names in so many words; None when none does, or when two
    name different kinds (``"Renewal + upsell"`` is not clear)."""
    found = {
        kind
        for value in values
        if value is not None
        for pattern, kind in _WORD_KINDS
        if pattern.search(_text(value))
    }
    return found.pop() if len(found) == 1 else None


def _table_opp_kind(rt: ReadTable) -> tuple[OpportunityKind | None, str]:
    """The kind a whole table's untyped rows are, when its file or sheet name, or the header
    of its amount or close date, says so (``Renewals.xlsx``, ``Renewal ARR``); else None."""
    grid = rt.plan.table.grid
    said = [(f"the file is named '{grid.file}'", grid.file)]
    if grid.sheet:
        said.append((f"the sheet is named '{grid.sheet}'", grid.sheet))
    for name in ("amount", "close_date"):
        header = rt.header_of(name)
        if header:
            said.append((f"its column '{header}' says so", header))
    for why, text in said:
        kind = _evident_kind(text.replace("_", " "))
        if kind is not None:
            return kind, why
    return None, ""


# ---------------------------------------------------------------------------- contacts


def build_contacts(rt: ReadTable) -> tuple[list[Stakeholder], dict[str, list[Contact]]]:
    """Stakeholders, and the same people as each account's key contacts (with e-mail)."""
    keep = _usable(rt, ())
    names = rt.values("name")
    first, last = rt.values("first_name"), rt.values("last_name")
    roles, emails = rt.values("role"), rt.values("email")
    interests, sentiments = rt.values("interest"), rt.values("sentiment")
    people: list[Stakeholder] = []
    contacts: dict[str, list[Contact]] = {}
    for p in keep:
        name = _text(names[p]) or " ".join(x for x in (_text(first[p]), _text(last[p])) if x)
        if not name:
            rt.skip(p, "no contact name")
            continue
        person = _checked(
            rt,
            p,
            lambda p=p, name=name: Stakeholder(
                account_id=rt.ids[p],
                source=rt.source,
                name=name,
                role=_text(roles[p]),
                interest=_text(interests[p]),
                sentiment=_or(sentiments[p], "neutral"),
            ),
        )
        if person is None:
            continue
        people.append(person)
        contacts.setdefault(rt.ids[p], []).append(
            Contact(name=name, role=_text(roles[p]), email=_text(emails[p]))
        )
    rt.report.rows_imported = rt.report.records = len(people)
    return people, contacts


# ----------------------------------------------------------------------------- tickets


def build_tickets(rt: ReadTable) -> list[Ticket]:
    keep = _usable(rt, ("opened",))
    opened, closed = rt.values("opened"), rt.values("closed")
    severity, ids = rt.values("severity"), rt.values("ticket_id")
    subject, category = rt.values("subject"), rt.values("category")
    return _one_record_per_row(
        rt,
        keep,
        lambda p: Ticket(
            account_id=rt.ids[p],
            source=rt.source,
            id=_text(ids[p]),
            opened=opened[p],
            closed=closed[p],
            severity=_or(severity[p], 3),
            subject=_text(subject[p]),
            category=_text(category[p]),
        ),
    )


# --------------------------------------------------------------------------------- NPS


def build_nps(rt: ReadTable) -> list[NpsResponse]:
    keep = _usable(rt, ("date", "score"))
    dates, scores = rt.values("date"), rt.values("score")
    respondent, comment = rt.values("respondent"), rt.values("comment")
    return _one_record_per_row(
        rt,
        keep,
        lambda p: NpsResponse(
            account_id=rt.ids[p],
            source=rt.source,
            date=dates[p],
            score=scores[p],
            respondent=_text(respondent[p]),
            comment=_text(comment[p]),
        ),
    )


# -------------------------------------------------------------------------- engagement


def build_engagement(rt: ReadTable) -> list[Engagement]:
    """One record per account: latest contact, summed e-mails (rates used when counts lack)."""
    keep = _usable(rt, ())
    last = rt.values("last_contact")
    sent, opened, replies = (
        rt.values("emails_sent"),
        rt.values("emails_opened"),
        rt.values("replies"),
    )
    open_rate, reply_rate = rt.values("open_rate"), rt.values("reply_rate")
    derive_opened = rt.get("emails_opened") is None and rt.get("open_rate") is not None
    derive_replies = rt.get("replies") is None and rt.get("reply_rate") is not None
    totals: dict[str, list[Any]] = {}
    for p in keep:
        row_sent = sent[p] or 0
        row_opened = opened[p] or 0
        row_replies = replies[p] or 0
        if derive_opened and open_rate[p] is not None:
            row_opened = round(min(open_rate[p], 1.0) * row_sent)
        if derive_replies and reply_rate[p] is not None:
            row_replies = round(min(reply_rate[p], 1.0) * row_sent)
        current = totals.setdefault(rt.ids[p], [None, 0, 0, 0])
        if last[p] is not None and (current[0] is None or last[p] > current[0]):
            current[0] = last[p]
        current[1] += row_sent
        current[2] += row_opened
        current[3] += row_replies
    out = [
        Engagement(
            account_id=account_id,
            source=rt.source,
            last_contact=values[0],
            emails_sent=values[1],
            emails_opened=values[2],
            replies=values[3],
        )
        for account_id, values in totals.items()
    ]
    if derive_opened or derive_replies:
        rt.report.notes.append("e-mail opens/replies computed from the rates and e-mails sent")
    rt.report.rows_imported = len(keep)
    rt.report.records = len(out)
    return out


# ---------------------------------------------------------------------------- accounts

_CONTACT_ROLE = re.compile(r"^(.*?)\s*[(\[]([^)\]]*)[)\]]\s*$")


def contacts_from_text(items: list[str]) -> list[Contact]:
    """``["Ana Ruiz (CIO)", "Bo Li"]`` → Contacts with roles; an e-mail in the text is kept."""
    out = []
    for item in items:
        match = _CONTACT_ROLE.match(item)
        name, role = (match.group(1), match.group(2)) if match else (item, "")
        email = ""
        found = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", name)
        if found:
            email = found.group(0)
            name = (name[: found.start()] + name[found.end() :]).strip(" <>,;") or email
        out.append(Contact(name=name.strip(), role=role.strip(), email=email))
    return out


def partners_from_text(items: list[str], header: str) -> list[Partner]:
    """``["Avanade (Implementation)"]`` → Partner(name, role); a header may give the role."""
    default = "Implementation" if "implement" in header.lower() else ""
    out = []
    for item in items:
        match = _CONTACT_ROLE.match(item)
        name, role = (match.group(1), match.group(2)) if match else (item, default)
        out.append(Partner(name=name.strip(), role=role.strip()))
    return out
