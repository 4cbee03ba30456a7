"""Usage aggregated to months gives the same months whichever way the peaks are kept.

:func:`qbr_studio.ingest.records._peaks` keeps them in flat lists when accounts × months is not
much more than the rows (daily and weekly data), in a dict otherwise; both must give each
account-month the highest active, licensed and key-feature counts of its rows.
"""

from __future__ import annotations

import datetime as dt
import random

import ingest_fixtures as fx
import pytest

from qbr_studio.ingest import import_sources, records


def _usage_csv(path, rows: list[tuple[str, str, int, int | None, int | None]]):
    lines = ["Month,Account,Active Users,Licensed Users,Key Feature Users"]
    for month, account, active, licensed, feature in rows:
        cells = (month, account, str(active), "" if licensed is None else str(licensed))
        lines.append(",".join((*cells, "" if feature is None else str(feature))))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _expected(rows) -> dict[tuple[str, dt.date], tuple[int, int, int | None]]:
    peaks: dict[tuple[str, dt.date], list] = {}
    for month, account, active, licensed, feature in rows:
        key = (account, dt.date.fromisoformat(month + "-01"))
        top = peaks.setdefault(key, [active, licensed, feature])
        top[0] = max(top[0], active)
        top[1] = licensed if top[1] is None else max(top[1], licensed or 0)
        top[2] = feature if top[2] is None else max(top[2], feature or 0)
    return {k: (a, lic or 0, feat) for k, (a, lic, feat) in peaks.items()}


def _sparse_rows():
    """One row per account, over three years: accounts × months is far more than the rows."""
    rnd = random.Random(5)
    return [
        (f"{2024 + i % 36 // 12}-{1 + i % 12:02d}", f"Account {i:04d}", rnd.randint(0, 50),
         rnd.choice([80, 90, None]), rnd.choice([3, 7, None]))
        for i in range(3000)
    ]  # fmt: skip


def _dense_rows():
    """Weekly rows of 40 accounts over a year: a few rows per account-month."""
    rnd = random.Random(6)
    rows = []
    for week in range(52):
        day = dt.date(2026, 1, 5) + dt.timedelta(weeks=week)
        for n in range(40):
            licensed = None if n % 9 == 0 else 100 + week % 3
            rows.append((day.strftime("%Y-%m"), f"Account {n:02d}", rnd.randint(0, 99), licensed,
                         None if n % 4 == 0 else rnd.randint(0, 30)))  # fmt: skip
    return rows


@pytest.mark.parametrize("make", [_sparse_rows, _dense_rows], ids=["dict", "flat-lists"])
def test_monthly_peaks(tmp_path, monkeypatch, make):
    rows = make()
    calls: list[int] = []
    sparse = records._sparse_peaks
    monkeypatch.setattr(records, "_sparse_peaks", lambda *a: calls.append(1) or sparse(*a))
    result = import_sources(fx.review(), [_usage_csv(tmp_path / "usage.csv", rows)])
    names = {a.id: a.name for a in result.review.book.accounts}
    got = {
        (names[u.account_id], u.month): (u.active_users, u.licensed_users, u.key_feature_users)
        for u in result.review.book.usage
    }
    assert got == _expected(rows)
    assert bool(calls) == (make is _sparse_rows)
