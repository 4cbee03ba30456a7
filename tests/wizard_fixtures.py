"""Exports that make the import wizard ask (issue 8), built in code on the shapes of the real
ones: a Salesforce opportunity export with a blank Type, a product event log with an
event-name column, and usage keyed by subscription id with the subscriptions export that maps
those ids to accounts."""

from __future__ import annotations

import csv
from pathlib import Path

import real_export_fixtures as rx

from qbr_studio.model import Review
from qbr_studio.storage import load_review

SF_TYPES = ["Renewal", "Expansion", "", ""]
"""The Type of each Salesforce opportunity: the last two blank, as in the demo org's export."""
SF_AMOUNTS = [100_000.15, 101_000.15, 250_000.0, 52_500.75]
UNTYPED_AMOUNT = "USD 302,501"
"""The two blank-typed opportunities' amounts, as the report writes them."""


def sf_review(folder: Path) -> tuple[Path, Review]:
    """A review (in ``folder``) with the Salesforce accounts imported, and the review."""
    path = rx.review_with_accounts(folder, rx.sf_account(folder / "Account.csv"))
    review = load_review(path).review
    review.meta.currency = "USD"
    return path, review


def sf_opportunity_untyped(path: Path) -> Path:
    """Salesforce Opportunity export (API names, BOM): two typed, two with a blank Type and
    names and stages that don't say what they are."""
    rx.sf_opportunity(path)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header, *rows = list(csv.reader(handle))
    kind, amount = header.index("Type"), header.index("Amount")
    for row, value, money in zip(rows, SF_TYPES, SF_AMOUNTS, strict=True):
        row[kind], row[amount] = value, f"{money}"
    return rx.write_csv(path, header, rows, bom=True)


FEATURES = {"login": 5, "feat_A": 3, "api_call": 2, "Feat_B": 1}
"""The event log's features and how many events each has ("Feat_B" spelled as written)."""


def c360_events_with_features(path: Path) -> Path:
    """A product event log (one row per user event, like usage_events.csv) on the c360
    accounts, with an event_type column naming the feature."""
    rows = []
    users = ["USER1", "USER2", "USER3"]
    n = 0
    for feature, count in FEATURES.items():
        for k in range(count):
            account = "ACCT0001" if k % 2 == 0 else "ACCT0004"
            when = f"2026-10-{k + 3:02d}T04:08:57.834381"
            rows.append([f"EVT{n:06d}", account, users[k % 3], feature, when])
            n += 1
    header = ["event_id", "account_id", "user_id", "event_type", "event_time"]
    return rx.write_csv(path, header, rows)


def c360_review(folder: Path) -> Review:
    path = rx.review_with_accounts(folder, rx.c360_accounts(folder / "crm_accounts.csv"))
    return load_review(path).review


def usage_by_subscription(path: Path) -> Path:
    """Monthly usage from a billing tool: keyed by subscription, no account column."""
    header = ["subscription_id", "month", "active_users", "licensed_users"]
    rows = [
        ["SUB-001", "2026-10-01", 30, 40],
        ["SUB-002", "2026-10-01", 8, 10],
        ["SUB-004", "2026-10-01", 70, 90],
    ]
    return rx.write_csv(path, header, rows)


def subscriptions(path: Path) -> Path:
    """The subscriptions export that maps those ids to the c360 accounts."""
    header = ["subscription_id", "account_id", "plan_tier", "start_date"]
    rows = [
        ["SUB-001", "ACCT0001", "enterprise", "2025-01-01"],
        ["SUB-002", "ACCT0002", "starter", "2025-02-01"],
        ["SUB-004", "ACCT0004", "enterprise", "2024-06-01"],
    ]
    return rx.write_csv(path, header, rows)


def plans_without_accounts(path: Path) -> Path:
    """A wrong map: subscription ids and plans, but no account column."""
    return rx.write_csv(path, ["subscription_id", "plan_tier"], [["SUB-001", "enterprise"]])


def users_map(path: Path) -> Path:
    """A map of other ids (users): it shares no column with the usage sheet."""
    return rx.write_csv(path, ["user_id", "account_id"], [["USER1", "ACCT0001"]])
