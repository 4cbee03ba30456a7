"""Re-importing next quarter's exports: data refreshed, everything the CSM wrote kept."""

from __future__ import annotations

import datetime as dt

import ingest_fixtures as fx
from openpyxl import Workbook

from qbr_studio.ingest import import_sources


def _accounts_file(path, rows, headers=("Account Name", "Industry", "ARR", "Renewal Date")):
    book = Workbook()
    sheet = book.active
    sheet.title = "Accounts"
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


FIRST = [
    ("Contoso Ltd", "Retail", 120_000, dt.date(2027, 3, 31)),
    ("Fabrikam Inc", "Manufacturing", 48_000, dt.date(2026, 12, 15)),
    ("Northwind Traders", "Logistics", 75_000, dt.date(2027, 6, 30)),
    ("Tailspin Toys", "Toys", 18_000, dt.date(2026, 11, 30)),
]


def test_reimport_keeps_ids_and_narrative_and_lists_changes(tmp_path):
    first = import_sources(fx.review(), [_accounts_file(tmp_path / "q3.xlsx", FIRST)])
    ids = {a.name: a.id for a in first.review.book.accounts}
    written = fx.with_narrative_refs(first.review, [ids["Contoso Ltd"], ids["Tailspin Toys"]])
    usage = tmp_path / "usage.csv"
    usage.write_text("Month,Account,Active Users,Licensed Users\n2026-10,Contoso Ltd,1,2\n")
    written = import_sources(written, [usage]).review

    second_rows = [
        ("Contoso Ltd.", "Retail", 135_000, dt.date(2028, 3, 31)),  # renamed slightly
        ("Fabrikam Inc", "Manufacturing", 48_000, dt.date(2026, 12, 15)),
        ("Adventure Works", "Outdoor", 210_000, dt.date(2027, 1, 31)),
    ]
    q4 = _accounts_file(tmp_path / "q4.xlsx", second_rows)
    unpruned = import_sources(written, [q4])  # without prune, nothing goes: it is listed
    assert "Northwind Traders" in {a.name for a in unpruned.review.book.accounts}
    assert [name for name, _arr in unpruned.changes.accounts_prunable] == ["Northwind Traders"]
    assert not unpruned.changes.accounts_gone
    assert "--prune removes them" in unpruned.report.to_text()
    result = import_sources(written, [q4], prune=True)
    book = result.review.book
    by_name = {a.name: a for a in book.accounts}

    assert by_name["Contoso Ltd."].id == ids["Contoso Ltd"]  # same account, new spelling
    assert by_name["Fabrikam Inc"].id == ids["Fabrikam Inc"]
    assert "Northwind Traders" not in by_name  # gone, nothing refers to it
    assert by_name["Tailspin Toys"].id == ids["Tailspin Toys"]  # gone but the review refers to it

    changes = result.changes
    assert changes.accounts_added == ["Adventure Works"]
    assert changes.accounts_gone == ["Northwind Traders"]
    assert changes.accounts_kept == ["Tailspin Toys"]
    assert changes.arr == [("Contoso Ltd.", 120_000, 135_000)]
    assert changes.renewal == [("Contoso Ltd.", dt.date(2027, 3, 31), dt.date(2028, 3, 31))]
    text = result.report.to_text()
    assert "Accounts gone (1): Northwind Traders" in text
    assert "ARR Contoso Ltd.: USD 120,000 → USD 135,000" in text

    # Everything the CSM wrote is untouched, and every reference still resolves.
    for field in ("meta", "deep_dive", "achievements", "challenges", "communications", "revenue"):
        assert getattr(result.review, field) == getattr(written, field)
    valid = {a.id for a in book.accounts}
    assert result.review.deep_dive.account_id in valid
    assert set(result.review.challenges[0].account_ids) <= valid
    # Tables this import didn't read are kept (rows of gone accounts dropped).
    assert [u.account_id for u in book.usage] == [ids["Contoso Ltd"]]
    assert {s.kind for s in book.sources} == {"accounts", "usage"}


def test_fields_the_new_file_lacks_keep_their_values(tmp_path):
    first = import_sources(fx.review(), [_accounts_file(tmp_path / "full.xlsx", FIRST)])
    slim = _accounts_file(
        tmp_path / "slim.xlsx",
        [("Contoso Ltd", 99_000), ("Fabrikam Inc", None)],
        headers=("Customer", "ARR"),
    )
    result = import_sources(first.review, [slim])
    by_name = {a.name: a for a in result.review.book.accounts}
    assert by_name["Contoso Ltd"].industry == "Retail"  # no Industry column this time: kept
    assert by_name["Contoso Ltd"].renewal_date == dt.date(2027, 3, 31)
    assert by_name["Contoso Ltd"].arr == 99_000
    assert by_name["Fabrikam Inc"].arr == 0.0  # the column is there and the cell is blank


def test_usage_reimport_replaces_the_usage_table(tmp_path):
    base = import_sources(fx.review(), [_accounts_file(tmp_path / "a.xlsx", FIRST)]).review
    one = tmp_path / "u1.csv"
    one.write_text("Month,Account,Active Users\n2026-09,Contoso Ltd,10\n2026-10,Contoso Ltd,11\n")
    two = tmp_path / "u2.csv"
    two.write_text("Month,Account,Active Users\n2026-11,Contoso Ltd,12\n")
    after_one = import_sources(base, [one]).review
    result = import_sources(after_one, [two])
    assert [u.month for u in result.review.book.usage] == [dt.date(2026, 11, 1)]
    assert result.changes.tables == {"usage": (2, 1)}
    assert result.changes.accounts_added == []


def test_opportunity_ids_are_stable_across_imports(tmp_path):
    path = tmp_path / "opps.csv"
    path.write_text(
        "Account Name,Opportunity Name,Type,Amount\nContoso Ltd,FY27 renewal,Renewal,100\n"
    )
    first = import_sources(fx.review(), [path])
    second = import_sources(first.review, [path])
    assert [o.id for o in second.review.book.opportunities] == [
        o.id for o in first.review.book.opportunities
    ]
