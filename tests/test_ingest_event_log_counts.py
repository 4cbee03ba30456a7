"""An event log's monthly counts equal the plain count of distinct users, key-feature users
and sessions per account and month, on random logs (the import codes each pair as one int)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
import real_export_fixtures as rx

from qbr_studio.ingest import import_sources
from qbr_studio.model import Account, Book, Meta, Review

ACCOUNTS = [f"ACC{i:03d}" for i in range(12)]


def _log(rng: random.Random) -> list[list[str]]:
    rows = []
    for i in range(rng.randrange(40, 400)):
        when = dt.datetime(2026, 7, 1) + dt.timedelta(minutes=rng.randrange(120 * 24 * 60))
        rows.append(
            [
                f"EVT{i:05d}",
                rng.choice([*ACCOUNTS, "ZZZ999"]),  # one id matches no account
                rng.choice([f"u{rng.randrange(30)}", ""]) if rng.random() < 0.1 else f"u{i % 25}",
                rng.choice(["S1", "S2", f"S{rng.randrange(60)}", ""]),
                rng.choice(["Export", "export", "Login", "Reports", ""]),
                when.isoformat(),
            ]
        )
    return rows


def _expected(rows: list[list[str]], key: set[str] | None) -> dict[tuple, tuple]:
    users: dict[tuple, set] = {}
    key_users: dict[tuple, set] = {}
    uses: dict[tuple, int] = {}
    sessions: dict[tuple, set] = {}
    for _event, account, user, session, feature, when in rows:
        if account not in ACCOUNTS or not user:
            continue
        month = dt.datetime.fromisoformat(when).date().replace(day=1)
        pair = (account, month)
        users.setdefault(pair, set()).add(user)
        if feature and (key is None or feature.casefold() in key):
            key_users.setdefault(pair, set()).add(user)
            uses[pair] = uses.get(pair, 0) + 1
        if session:
            sessions.setdefault(pair, set()).add(session)
    return {
        pair: (len(people), len(key_users.get(pair, ())), uses.get(pair, 0),
               len(sessions.get(pair, ())))
        for pair, people in users.items()
    }  # fmt: skip


@pytest.mark.parametrize("seed", range(6))
def test_event_log_counts_match_a_plain_count(tmp_path, seed: int) -> None:
    rng = random.Random(seed)
    rows = _log(rng)
    header = ["event_id", "account_id", "user_id", "session_id", "event_type", "event_time"]
    source = rx.write_csv(tmp_path / "events.csv", header, rows)
    accounts = [Account(id=a, name=f"Customer {a}") for a in ACCOUNTS]
    review = Review(meta=Meta(csm="Sam", quarter="2026-Q3"), book=Book(accounts=accounts))
    for key in (None, {"export"}):
        chosen = ["Export"] if key else []
        result = import_sources(
            review, [source], key_features=chosen, remember=False, accept_warnings=True
        )
        usage = result.review.book.usage
        got = {
            (u.account_id, u.month): (
                u.active_users, u.key_feature_users, u.feature_uses, u.sessions
            )
            for u in usage
        }  # fmt: skip
        assert got == _expected(rows, key)
        assert [(u.account_id, u.month) for u in usage] == sorted(got)  # by account, then month
