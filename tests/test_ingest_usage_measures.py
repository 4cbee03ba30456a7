"""Sessions, minutes and feature counts as usage measures, and feature names as key-feature
adoption (issue 8): an aggregated usage export adds them up per account-month; an event log
counts them from its events, its key features chosen by the user or, by default, all."""

from __future__ import annotations

import datetime as dt

import pytest
import real_export_fixtures as rx

from qbr_studio.charts import catalog
from qbr_studio.cli import main
from qbr_studio.deck.planning.facts import account_facts
from qbr_studio.deck.produce import plan_deck
from qbr_studio.errors import UserError
from qbr_studio.ingest import import_sources
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import load_review


@pytest.fixture
def review_file(tmp_path):
    return rx.review_with_accounts(tmp_path, rx.c360_accounts(tmp_path / "crm_accounts.csv"))


def _months(result, account_id="ACCT0001"):
    return {u.month: u for u in result.review.book.usage if u.account_id == account_id}


def test_a_daily_export_adds_sessions_minutes_and_feature_uses_up_per_month(tmp_path, review_file):
    # ChurnZero / Gainsight wording: one row per account and day
    header = ["Account ID", "Date", "Active Users", "Licensed Users", "Sessions",
              "Time Spent (seconds)", "Feature Usage Count", "Avg Session (min)"]  # fmt: skip
    rows = []
    for day in range(1, 31):
        rows.append(["ACCT0001", f"2026-10-{day:02d}", 10 + day % 4, 40, 3, 600, 2, 7.5])
    rows.append(["ACCT0001", "2026-11-02", 12, 40, 5, "", 1, 7.5])
    source = rx.write_csv(tmp_path / "daily_usage.csv", header, rows)
    result = import_sources(load_review(review_file).review, [source], remember=False)
    table = result.report.tables[0]
    assert table.mapping["Sessions"] == "sessions"
    assert table.mapping["Time Spent (seconds)"] == "seconds"
    assert table.mapping["Feature Usage Count"] == "feature_uses"
    assert table.mapping["Avg Session (min)"] is None  # an average is not minutes of use
    october, november = (_months(result)[dt.date(2026, m, 1)] for m in (10, 11))
    assert (october.active_users, october.sessions, october.feature_uses) == (13, 90, 60)
    assert october.minutes == 300.0  # 30 days × 600 s ÷ 60
    assert (november.sessions, november.minutes, november.feature_uses) == (5, None, 1)
    notes = "\n".join(table.notes)
    assert "minutes = 'Time Spent (seconds)' ÷ 60" in notes
    assert "sessions, minutes, key feature uses: each month adds up its rows" in notes


def _event_log(path):
    """An Amplitude-style event log: one row per user event, a session id and a duration."""
    events = [
        ("ACCT0001", "u1", "S1", "Dashboards", "2026-10-03T09:00:00", 60),
        ("ACCT0001", "u1", "S1", "Export", "2026-10-03T09:05:00", 30),
        ("ACCT0001", "u2", "S2", "Login", "2026-10-04T10:00:00", 6),
        ("ACCT0001", "u3", "S3", "export", "2026-10-09T11:00:00", 120),
        ("ACCT0001", "u3", "S3", "Export", "2026-10-09T11:01:00", 0),
        ("ACCT0001", "u2", "S4", "Login", "2026-11-01T08:00:00", 12),
        ("ACCT0004", "u9", "S5", "Dashboards", "2026-10-11T01:00:00", 240),
    ]
    header = ["event_id", "account_id", "user_id", "session_id", "event_type", "event_time",
              "duration_seconds"]  # fmt: skip
    rows = [[f"EVT{i:05d}", *event] for i, event in enumerate(events)]
    return rx.write_csv(path, header, rows)


def test_an_event_log_counts_key_feature_users_sessions_and_minutes(tmp_path, review_file):
    source = _event_log(tmp_path / "usage_events.csv")
    review = load_review(review_file).review
    result = import_sources(review, [source], key_features=["export"], remember=False)
    october = _months(result)[dt.date(2026, 10, 1)]
    assert october.active_users == 3
    assert october.key_feature_users == 2  # u1 and u3 used Export (any case)
    assert october.feature_uses == 3
    assert october.sessions == 3
    assert october.minutes == pytest.approx(216 / 60, abs=0.05)
    november = _months(result)[dt.date(2026, 11, 1)]
    assert (november.active_users, november.key_feature_users, november.feature_uses) == (1, 0, 0)
    notes = "\n".join(result.report.tables[0].notes)
    assert "key features: Export (from 'event_type')" in notes

    every = import_sources(review, [source], remember=False)
    october = _months(every)[dt.date(2026, 10, 1)]
    assert (october.key_feature_users, october.feature_uses) == (3, 5)
    assert "key features: all 4 features of 'event_type'" in "\n".join(every.report.tables[0].notes)


def test_key_features_the_log_never_names_are_refused_or_said(tmp_path, review_file, capsys):
    source = _event_log(tmp_path / "usage_events.csv")
    before = review_file.read_bytes()
    code = main(["import", str(review_file), str(source), "--key-features", "Reports, Alerts"])
    assert code == 2
    err = capsys.readouterr().err
    assert "usage_events.csv: none of the key features (Reports, Alerts) occurs in its " in err
    assert "'event_type' column, which names Dashboards, Export, Login, export" in err
    assert review_file.read_bytes() == before
    review = load_review(review_file).review
    with pytest.raises(UserError):
        import_sources(review, [source], key_features=["Reports"], remember=False)
    result = import_sources(review, [source], key_features=["Reports", "Dashboards"])
    assert "key features never used in this log: Reports" in result.report.tables[0].notes


def test_the_deck_shows_key_feature_users_and_the_usage_measures():
    review = build_sample_review()
    account = review.book.account(review.deep_dive.account_id)
    months = review.book.usage_of(account.id)
    months[-1].sessions, months[-1].minutes, months[-1].feature_uses = 1240, 5300.0, 420
    facts = account_facts(review, account, scored=False)
    assert facts["Usage"] == f"{months[-1].month:%b %Y}: 1,240 sessions · 5,300 minutes · " + (
        "420 key feature uses"
    )
    last = months[-1]
    assert facts["Key-feature adoption"].startswith(
        f"{round(100 * last.key_feature_users / last.active_users)}% "
        f"({last.key_feature_users:,} of {last.active_users:,} active users"
    )
    chart = catalog.usage_trend(review.book, account.id, account.name, "")
    assert [s.name for s in chart.series][-1] == "Key-feature users"
    assert chart.series[-1].values[-1] == float(last.key_feature_users)
    plan = plan_deck(review)
    table = next(
        e for s in plan.slides for e in s.elements if getattr(e, "name", "") == "Account facts"
    )
    assert ("Usage", facts["Usage"]) in [(label.text, text.text) for label, text in table.rows]
