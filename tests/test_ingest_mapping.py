"""Remembered mappings (per column signature) and ``--mapping`` files."""

from __future__ import annotations

import json

import ingest_fixtures as fx
import pytest

from qbr_studio.errors import UserError
from qbr_studio.ingest import import_sources
from qbr_studio.ingest.mapping_store import MappingStore, signature
from qbr_studio.paths import config_dir


def _odd_export(path, rows=(("Contoso Ltd", "120", "9"), ("Fabrikam Inc", "48", "7"))):
    lines = ["Cust,Val K,Pts"] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _mapping(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_mapping_file_overrides_and_is_remembered(tmp_path):
    source = _odd_export(tmp_path / "export_q3.csv")
    mapping = _mapping(
        tmp_path / "map.json",
        {"kind": "accounts", "columns": {"Cust": "account", "Val K": "arr", "Pts": None}},
    )
    first = import_sources(fx.review(), [source], mapping_file=mapping)
    table = first.report.tables[0]
    assert table.kind_how == "mapping file"
    assert table.column_how == {"account": "mapping file", "arr": "mapping file"}
    assert [a.arr for a in first.review.book.accounts] == [120, 48]
    saved = list((config_dir() / "mappings").glob("*.json"))
    assert len(saved) == 1

    # Next quarter: same columns, new file name, no mapping file, no questions.
    later = _odd_export(tmp_path / "export_q4.csv", rows=(("Contoso Ltd", "130", "8"),))
    second = import_sources(first.review, [later])
    table = second.report.tables[0]
    assert (table.kind, table.kind_how) == ("accounts", "remembered")
    assert second.review.book.accounts[0].arr == 130
    assert "Pts" in table.columns_unused


def test_without_remember_nothing_is_written(tmp_path):
    source = fx.crm_report(tmp_path / "crm.xlsx")
    import_sources(fx.review(), [source], remember=False)
    assert not (config_dir() / "mappings").exists()


def test_remembered_mapping_is_found_by_header_signature(tmp_path):
    store = MappingStore()
    headers = ["Cust", "Val K", "Pts"]
    store.save(signature(headers), "accounts", {"Cust": "account", "Val K": "arr"}, "x.csv")
    result = import_sources(fx.review(), [_odd_export(tmp_path / "anything.csv")])
    assert result.report.tables[0].kind_how == "remembered"
    assert signature(["CUST", "val-k", "pts"]) == signature(headers)


def test_a_corrupt_remembered_mapping_is_ignored(tmp_path):
    folder = config_dir() / "mappings"
    folder.mkdir(parents=True)
    (folder / f"{signature(['Cust', 'Val K', 'Pts'])}.json").write_text("{not json")
    with pytest.raises(UserError, match="no table QBR Studio recognizes"):
        import_sources(fx.review(), [_odd_export(tmp_path / "odd.csv")])


def test_mapping_file_per_source_with_sheet_and_date_order(tmp_path):
    dates = fx.ambiguous_dates_csv(
        tmp_path / "renewals.csv", [("Contoso Ltd", "03/04/2027"), ("Fabrikam Inc", "05/06/2027")]
    )
    mapping = _mapping(
        tmp_path / "map.json",
        {"sources": [{"file": "renewals*.csv", "kind": "accounts", "date_order": "dmy"}]},
    )
    result = import_sources(fx.review(), [dates], mapping_file=mapping)
    assert result.review.book.accounts[0].renewal_date.isoformat() == "2027-04-03"


def test_a_json_report_works_as_a_mapping_file(tmp_path):
    source = _odd_export(tmp_path / "odd.csv")
    first = import_sources(
        fx.review(),
        [source],
        mapping_file=_mapping(
            tmp_path / "m.json", {"kind": "accounts", "columns": {"Cust": "account"}}
        ),
        remember=False,
    )
    report = tmp_path / "report.json"
    data = first.report.to_dict()
    data["tables"][0]["mapping"]["columns"]["Val K"] = "arr"
    report.write_text(json.dumps(data))
    again = import_sources(fx.review(), [source], mapping_file=report, remember=False)
    assert [a.arr for a in again.review.book.accounts] == [120, 48]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "gadgets"}, 'map.json: kind: "gadgets" is not a data kind'),
        ({"columns": {"Cust": "acount"}}, 'map.json: columns.Cust: "acount" is not a field'),
        ({"sources": [{"colums": {}}]}, "map.json: sources[0].colums: unknown key"),
        ({"header_row": 0}, "map.json: header_row: expected a row number"),
        ({"date_order": "ydm"}, "map.json: date_order: expected one of dmy, mdy, ymd"),
        ([1, 2], "map.json: expected a JSON object"),
    ],
)
def test_bad_mapping_files_name_the_json_path(tmp_path, data, message):
    mapping = _mapping(tmp_path / "map.json", data)
    with pytest.raises(UserError) as err:
        import_sources(fx.review(), [_odd_export(tmp_path / "odd.csv")], mapping_file=mapping)
    assert str(err.value).startswith(message)


def test_mapping_file_that_is_not_json(tmp_path):
    path = tmp_path / "map.json"
    path.write_text("kind: usage")
    with pytest.raises(UserError, match=r"map\.json: is not valid JSON \(line 1"):
        import_sources(fx.review(), [_odd_export(tmp_path / "odd.csv")], mapping_file=path)


def test_header_row_from_a_mapping_file(tmp_path):
    path = tmp_path / "two_headers.csv"
    path.write_text(
        "Account,ARR\nContoso Ltd,1\nCustomer,Annual Contract Value\nFabrikam Inc,2\n",
        encoding="utf-8",
    )
    mapping = _mapping(tmp_path / "m.json", {"kind": "accounts", "header_row": 3})
    result = import_sources(fx.review(), [path], mapping_file=mapping, remember=False)
    assert [(a.name, a.arr) for a in result.review.book.accounts] == [("Fabrikam Inc", 2)]
