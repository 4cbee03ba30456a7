"""Usage keyed by subscription or user id joins its accounts through a file that maps them
(``import R usage.csv --link map.csv``), or is refused naming the missing link (issue 8)."""

from __future__ import annotations

import datetime as dt

import pytest
import real_export_fixtures as rx
from openpyxl import Workbook

from qbr_studio.cli import main
from qbr_studio.errors import UserError
from qbr_studio.ingest import import_sources
from qbr_studio.storage import load_review


@pytest.fixture
def review_file(tmp_path):
    return rx.review_with_accounts(tmp_path, rx.c360_accounts(tmp_path / "crm_accounts.csv"))


def _subscriptions(path):
    """A billing system's subscriptions export: one row per subscription, its account id."""
    header = ["subscription_id", "account_id", "plan_tier", "start_date", "end_date"]
    rows = [
        ["SUB-001", "ACCT0001", "enterprise", "2025-01-01", ""],
        ["SUB-002", "ACCT0002", "starter", "2025-02-01", ""],
        ["SUB-003", "ACCT0001", "add-on", "2025-04-01", ""],
        ["SUB-004", "ACCT0004", "enterprise", "2024-06-01", "2027-05-31"],
    ]
    return rx.write_csv(path, header, rows)


def _usage_by_subscription(path):
    header = ["subscription_id", "month", "active_users", "licensed_users"]
    rows = [
        ["SUB-001", "2026-10-01", 40, 50],
        ["SUB-002", "2026-10-01", 8, 10],
        ["SUB-003", "2026-10-01", 5, 10],
        ["SUB-004", "2026-10-01", 70, 90],
        ["SUB-009", "2026-10-01", 3, 5],
        ["SUB-010", "2026-10-01", 4, 5],
    ]
    return rx.write_csv(path, header, rows)


def test_usage_keyed_by_subscription_is_refused_without_its_link(tmp_path, review_file, capsys):
    source = _usage_by_subscription(tmp_path / "usage.csv")
    before = review_file.read_bytes()
    assert main(["import", str(review_file), str(source)]) == 2
    err = capsys.readouterr().err
    assert "its rows are keyed by 'subscription_id', not by an account" in err
    assert "--link MAP.csv" in err
    assert review_file.read_bytes() == before


def test_usage_keyed_by_subscription_joins_through_the_link_and_counts_the_rest(
    tmp_path, review_file, capsys
):
    source = _usage_by_subscription(tmp_path / "usage.csv")
    link = _subscriptions(tmp_path / "subscriptions.csv")
    code = main(["import", str(review_file), str(source), "--link", str(link), "--no-remember"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert (
        "'subscription_id' linked to accounts by subscriptions.csv; 2 of 6 rows left out, "
        "their subscription_id not in it (2: SUB-009, SUB-010)"
    ) in out
    usage = load_review(review_file).review.book.usage
    got = {(u.account_id, u.month, u.active_users, u.licensed_users) for u in usage}
    october = dt.date(2026, 10, 1)
    assert "1 account-months add up several subscription_ids" in out
    assert got == {
        ("ACCT0001", october, 45, 60),  # two subscriptions: different people and licences
        ("ACCT0002", october, 8, 10),
        ("ACCT0004", october, 70, 90),
    }
    accounts = load_review(review_file).review.book.accounts
    assert len(accounts) == 5  # no account made up from a subscription id


def test_an_event_log_keyed_by_user_joins_through_a_users_file_in_a_workbook(tmp_path, review_file):
    """An .xlsx longer than the rows peeked at to find the header: the whole sheet is linked."""
    users = rx.write_csv(
        tmp_path / "users.csv",
        ["User ID", "Email", "Account ID"],
        [["u1", "a@x.com", "ACCT0001"], ["u2", "b@x.com", "ACCT0001"], ["u3", "c@y.com",
          "ACCT0004"], ["u4", "d@y.com", "ACCT0004"], ["u4", "d@y.com", "ACCT0005"]],
    )  # fmt: skip
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("Events")
    sheet.append(["Event ID", "User ID", "Event Name", "Timestamp"])
    people = ["u1", "u2", "u3", "u4", "u7"]
    for i in range(600):
        when = dt.datetime(2026, 10, 1, 8) + dt.timedelta(hours=i)
        sheet.append([f"E{i}", people[i % 5], "Dashboards", when])
    path = tmp_path / "events.xlsx"
    wb.save(path)
    review = load_review(review_file).review
    result = import_sources(review, [path], links=[users], remember=False)
    months = {(u.account_id, u.month): u.active_users for u in result.review.book.usage}
    assert months == {("ACCT0001", dt.date(2026, 10, 1)): 2, ("ACCT0004", dt.date(2026, 10, 1)): 1}
    note = next(n for n in result.report.tables[0].notes if "linked to accounts" in n)
    assert note == (
        "'User ID' linked to accounts by users.csv; 240 of 600 rows left out, their User ID "
        "not in it (1: u7); 1 ids there map to two accounts: left out"
    )


def test_a_link_file_without_an_account_column_is_refused(tmp_path, review_file):
    source = _usage_by_subscription(tmp_path / "usage.csv")
    link = rx.write_csv(tmp_path / "plans.csv", ["subscription_id", "plan"], [["SUB-001", "x"]])
    review = load_review(review_file).review
    with pytest.raises(UserError, match=r"plans\.csv: can't link rows to accounts with it"):
        import_sources(review, [source], links=[link], remember=False)
