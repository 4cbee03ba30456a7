"""The import preview the wizard shows: the same reading as an import, column by column, and
corrected mappings that the import then follows exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_fixtures import crm_report, mixed_types_workbook, review

from qbr_studio.errors import UserError
from qbr_studio.ingest import import_sources
from qbr_studio.ingest.sheet_preview import (
    duplicate_fields,
    edited_mapping,
    missing_fields,
    preview_source,
)


def test_the_preview_describes_the_detected_table(tmp_path):
    preview = preview_source(crm_report(tmp_path / "crm.xlsx"))
    [table] = preview.tables
    assert (table.file, table.sheet, table.kind) == ("crm.xlsx", "Accounts by CSM", "accounts")
    assert table.header_row == 6 and table.header_cell.endswith("!B6")
    assert table.rows[:2] == [7, 8]
    assert (table.rows_read, table.rows_skipped) == (7, 2)
    arr = next(c for c in table.columns if c.letter == "D")
    assert (arr.header, arr.field, arr.how) == ("ACV (converted)", "arr", "name")
    assert arr.raw[0] == "120000" and arr.parsed[0] == "120,000"
    assert table.mapped["B"] == "account"
    assert "Segment" in table.fields_missing


def test_unreadable_values_are_marked_and_listed_with_their_cells(tmp_path):
    [table] = preview_source(mixed_types_workbook(tmp_path / "mine.xlsx")).tables
    renewal = next(c for c in table.columns if c.letter == "C")
    assert renewal.parsed[3].startswith("⚠ ")
    assert renewal.problem_count == 1
    assert [str(p) for p in renewal.problems] == ['mine.xlsx: My book!C5: "Q3" is not a date']


def test_a_file_that_cannot_be_imported_raises_as_the_import_would(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(UserError, match=r"bad\.xlsx"):
        preview_source(bad)


def test_an_edited_mapping_is_what_the_preview_and_the_import_follow(tmp_path):
    source = crm_report(tmp_path / "crm.xlsx")
    [table] = preview_source(source).tables
    mapping = edited_mapping(source, table, fields={"C": None, "H": "csm"})
    assert mapping.columns["Industry"] is None and mapping.columns["Account Owner"] == "csm"
    assert (mapping.kind, mapping.sheet, mapping.header_row) == ("accounts", "Accounts by CSM", 6)
    [again] = preview_source(source, mappings=[mapping]).tables
    assert again.mapped.get("C") is None and again.mapped["H"] == "csm"
    result = import_sources(review(), [source], mappings=[mapping], remember=False)
    accounts = result.review.book.accounts
    assert all(a.industry == "" for a in accounts)
    assert {a.csm for a in accounts} == {"Dana Lee"}
    assert all(a.account_manager == "" for a in accounts)


def test_a_mapping_names_columns_by_letter_when_headers_repeat(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("Account,ARR,ARR\nContoso,100,200\nFabrikam,300,400\n", encoding="utf-8")
    [table] = preview_source(path).tables
    mapping = edited_mapping(path, table, fields={"B": None, "C": "arr"})
    assert mapping.columns == {"Account": "account", "B": None, "C": "arr"}
    result = import_sources(review(), [path], mappings=[mapping], remember=False)
    assert [a.arr for a in result.review.book.accounts] == [200, 400]


def test_changing_the_kind_starts_from_that_kinds_matching(tmp_path):
    source = crm_report(tmp_path / "crm.xlsx")
    [table] = preview_source(source).tables
    mapping = edited_mapping(source, table, kind="contacts")
    assert mapping.kind == "contacts" and mapping.columns == {}
    with pytest.raises(UserError, match="no table with the columns contacts needs"):
        preview_source(source, mappings=[mapping])


def test_file_names_with_glob_characters_still_match_their_mapping(tmp_path):
    source = crm_report(tmp_path / "crm [Q4].xlsx")
    [table] = preview_source(source).tables
    mapping = edited_mapping(source, table, fields={"C": None})
    [again] = preview_source(source, mappings=[mapping]).tables
    assert again.mapped.get("C") is None


def test_required_and_duplicate_fields_are_named():
    assert missing_fields("usage", {"A": "account"}) == ["Month", "Active users"]
    assert missing_fields("accounts", {"A": "account_id"}) == []
    assert missing_fields("accounts", {"A": "arr"}) == ["Account"]
    assert duplicate_fields({"A": "arr", "B": "arr", "C": "account"}) == ["arr"]


def test_the_preview_changes_nothing_on_disk(tmp_path, monkeypatch):
    config = Path(tmp_path / "config")
    monkeypatch.setenv("QBR_STUDIO_CONFIG_DIR", str(config))
    preview_source(crm_report(tmp_path / "crm.xlsx"))
    assert not (config / "mappings").exists()
