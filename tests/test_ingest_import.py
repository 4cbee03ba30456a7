"""Importing realistic exports: CRM reports, European CSVs, CSM workbooks, daily usage."""

from __future__ import annotations

import datetime as dt
import json

import ingest_fixtures as fx
import pytest
from openpyxl import Workbook

from qbr_studio.errors import UserError
from qbr_studio.ingest import KINDS, import_sources
from qbr_studio.model import Health


def _by_name(result):
    return {a.name: a for a in result.review.book.accounts}


def _issues(result) -> list[str]:
    return [str(i) for table in result.report.tables for i in table.values]


def test_kinds_are_the_public_list():
    assert KINDS == (
        "accounts",
        "usage",
        "opportunities",
        "contacts",
        "tickets",
        "nps",
        "engagement",
    )


def test_crm_report_with_title_block_totals_and_footer(tmp_path):
    path = fx.crm_report(tmp_path / "crm_accounts.xlsx")
    result = import_sources(fx.review(), [path])
    accounts = _by_name(result)
    assert list(accounts) == [a[0] for a in fx.ACCOUNTS]
    contoso = accounts["Contoso Ltd"]
    assert contoso.arr == 120_000.0
    assert contoso.renewal_date == dt.date(2027, 3, 31)
    assert contoso.crm_health is Health.GREEN
    assert contoso.licensed_seats == 250
    assert contoso.account_manager == "Dana Lee"
    assert accounts["Tailspin Toys"].crm_health is Health.YELLOW  # "AMBER"
    table = result.report.tables[0]
    assert (table.kind, table.kind_how) == ("accounts", "guessed")
    assert table.header_cell == "Accounts by CSM!B6"
    assert table.skipped_counts == {"totals row": 1, "note row": 1}
    assert table.rows_imported == 5
    assert table.columns["arr"].startswith("'ACV (converted)'")
    assert "Segment" in table.fields_not_found
    text = result.report.to_text()
    assert "1 × totals row" in text and "Accounts by CSM!B6" in text
    # plain words: real plurals, how the kind was told, what a missing column means, and the
    # totals and note rows passed over on purpose rather than listed as problems
    assert text.startswith("Imported 1 table from 1 file.")
    assert "accounts, told by its column names" in text
    assert "columns this file doesn't have (left blank): " in text and "Segment" in text
    assert "passed over 1 × totals row, 1 × note row" in text
    assert "left out" not in text and "table(s)" not in text and "not found:" not in text


def test_european_csv_semicolons_decimal_commas_cp1252(tmp_path):
    path = fx.european_csv(tmp_path / "kunden.csv")
    result = import_sources(fx.review(), [path])
    accounts = _by_name(result)
    assert set(accounts) == {"Société Générale", "Müller GmbH", "Crédit Agricole", "Østergaard A/S"}
    assert accounts["Société Générale"].arr == 1_250_000.5
    assert accounts["Müller GmbH"].arr == 85_000.0
    assert accounts["Crédit Agricole"].arr == 120_000.0  # "120.000" in a decimal-comma column
    assert accounts["Østergaard A/S"].arr == pytest.approx(9_999.99)
    assert accounts["Société Générale"].renewal_date == dt.date(2027, 3, 31)
    assert accounts["Société Générale"].crm_health is Health.GREEN  # "grün"
    assert accounts["Crédit Agricole"].crm_health is Health.RED
    assert any("Windows-1252, semicolon-separated" in n for n in result.report.notes)


def test_ambiguous_dates_are_read_one_way_and_reported(tmp_path):
    path = fx.ambiguous_dates_csv(
        tmp_path / "renewals.csv", [("Contoso Ltd", "03/04/2027"), ("Fabrikam Inc", "05/06/2027")]
    )
    result = import_sources(fx.review(), [path])
    accounts = _by_name(result)
    assert accounts["Contoso Ltd"].renewal_date == dt.date(2027, 3, 4)  # month-first by default
    notes = result.report.tables[0].notes
    assert any("ambiguous" in n and "/2027" in n and "month-first" in n for n in notes)


def test_one_unambiguous_date_decides_the_column(tmp_path):
    path = fx.ambiguous_dates_csv(
        tmp_path / "renewals.csv",
        [
            ("Contoso Ltd", "03/04/2027"),
            ("Fabrikam Inc", "13/06/2027"),
            ("Northwind", "31/02/2027"),
        ],
    )
    result = import_sources(fx.review(), [path])
    accounts = _by_name(result)
    assert accounts["Contoso Ltd"].renewal_date == dt.date(2027, 4, 3)  # day-first, like 13/06
    assert accounts["Fabrikam Inc"].renewal_date == dt.date(2027, 6, 13)
    assert accounts["Northwind"].renewal_date is None
    assert _issues(result) == ['renewals.csv: B4: "31/02/2027" is not a date']
    assert not any("ambiguous" in n for n in result.report.tables[0].notes)


def test_day_first_decimal_comma_file_resolves_ambiguity_day_first(tmp_path):
    path = tmp_path / "renouvellements.csv"
    path.write_text(
        "Client;Montant ARR;Renewal date\nContoso;1.000,50;03/04/2027\n", encoding="utf-8"
    )
    result = import_sources(fx.review(), [path])
    account = result.review.book.accounts[0]
    assert account.renewal_date == dt.date(2027, 4, 3)
    assert account.arr == 1000.5


def test_mixed_types_in_a_csm_workbook(tmp_path):
    path = fx.mixed_types_workbook(tmp_path / "mine.xlsx")
    result = import_sources(fx.review(), [path])
    accounts = _by_name(result)
    assert accounts["Contoso Ltd"].arr == 120_000.0
    assert accounts["Contoso Ltd"].renewal_date == dt.date(2027, 3, 31)
    assert accounts["Contoso Ltd"].licensed_seats == 250
    assert accounts["Fabrikam Inc"].arr == 1_200_000.0
    assert accounts["Fabrikam Inc"].renewal_date == dt.date(2026, 12, 15)  # serial 46371
    assert accounts["Northwind Traders"].arr == 85_000.0
    assert accounts["Northwind Traders"].renewal_date == dt.date(2027, 6, 30)
    assert accounts["Adventure Works"].arr == 0.0  # "n/a" is a blank, not an error
    assert accounts["Tailspin Toys"].crm_health is None
    assert _issues(result) == [
        'mine.xlsx: My book!C5: "Q3" is not a date',
        'mine.xlsx: My book!D5: "purple" is not a health (Green, Yellow or Red)',
        'mine.xlsx: My book!E5: "lots" is not a whole number',
    ]


def test_daily_usage_becomes_months_with_the_peak(tmp_path):
    names = ["Contoso Ltd", "Fabrikam Inc", "Northwind Traders"]
    path, peaks = fx.daily_usage_workbook(
        tmp_path / "telemetry.xlsx", names, dt.date(2026, 9, 20), days=75
    )
    result = import_sources(fx.review(), [path])
    book = result.review.book
    assert {a.name for a in book.accounts} == set(names)
    ids = {a.id: a.name for a in book.accounts}
    got = {(ids[u.account_id], u.month): u.active_users for u in book.usage}
    assert got == peaks
    assert {u.licensed_users for u in book.usage} == {100}
    assert len(book.usage) == 3 * 4  # Sep, Oct, Nov, Dec
    table = result.report.tables[0]
    assert table.kind == "usage" and table.header_cell == "Telemetry!A3"
    assert table.records == 12 and table.rows_imported == 225
    assert any("daily" in n and "highest" in n for n in table.notes)
    assert sorted(result.report.accounts_from_data) == sorted(names)


def test_weekly_usage_and_month_strings(tmp_path):
    path = tmp_path / "weekly.csv"
    rows = ["Week Starting,Account,WAU,Licenses"]
    for week in range(8):
        day = dt.date(2026, 10, 5) + dt.timedelta(weeks=week)
        rows.append(f"{day:%m/%d/%Y},Contoso Ltd,{100 + week},250")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = import_sources(fx.review(), [path])
    usage = {u.month: u.active_users for u in result.review.book.usage}
    assert usage == {dt.date(2026, 10, 1): 103, dt.date(2026, 11, 1): 107}
    assert any("weekly" in n for n in result.report.tables[0].notes)


def test_accounts_in_two_files_join_despite_spelling(tmp_path):
    crm = fx.crm_report(tmp_path / "crm.xlsx")
    usage = fx.usage_csv_with_other_spellings(tmp_path / "usage.csv")
    result = import_sources(fx.review(), [crm, usage])
    joins = {j.name: (j.account, j.how) for j in result.report.joins}
    assert joins["Contoso Ltd."] == ("Contoso Ltd", "case/punctuation")
    assert joins["FABRIKAM INC"] == ("Fabrikam Inc", "case/punctuation")
    assert joins["Northwind Traders Limited"] == ("Northwind Traders", "legal form")
    assert joins["Adventure Werks"][0] == "Adventure Works"
    assert "similar spelling" in joins["Adventure Werks"][1]
    assert "Tailspin Toys" not in joins  # exact: nothing to check
    assert result.report.accounts_from_data == ["Brand New Customer"]
    book = result.review.book
    assert len(book.accounts) == 6
    by_id = {a.id: a.name for a in book.accounts}
    assert {by_id[u.account_id] for u in book.usage} == {a.name for a in book.accounts}
    text = result.report.to_text()
    assert '"Adventure Werks" joined to "Adventure Works"' in text


def test_account_ids_join_exactly_across_files(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Account ID", "Account Name", "ARR"])
    sheet.append(["0015g00001", "Contoso Ltd", 100])
    sheet.append(["0015g00002", "Contoso Limited (EMEA)", 200])
    book.save(tmp_path / "accounts.xlsx")
    usage = tmp_path / "usage.csv"
    usage.write_text("Date,Account ID,Active Users\n2026-10-01,0015g00002,7\n", encoding="utf-8")
    result = import_sources(fx.review(), [tmp_path / "accounts.xlsx", usage])
    assert [u.account_id for u in result.review.book.usage] == ["0015g00002"]
    assert {a.id for a in result.review.book.accounts} == {"0015g00001", "0015g00002"}


def test_support_tickets_kind_is_guessed(tmp_path):
    path = fx.tickets_workbook(tmp_path / "cases.xlsx")
    result = import_sources(fx.review(), [path])
    assert result.report.tables[0].kind == "tickets"
    tickets = sorted(result.review.book.tickets, key=lambda t: t.id)
    assert [(t.id, t.severity, t.opened, t.closed) for t in tickets] == [
        ("00012", 1, dt.date(2026, 10, 3), None),
        ("00013", 2, dt.date(2026, 10, 9), dt.date(2026, 10, 12)),
        ("00014", 4, dt.date(2026, 11, 2), None),
    ]


def test_several_sheets_the_right_one_is_found_by_content(tmp_path):
    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    cover["A1"] = "Quarterly business review data"
    cover["A3"] = "Prepared by Sam"
    notes = book.create_sheet("Notes")
    notes.append(["Topic", "Comment"])
    notes.append(["Pricing", "Discuss in January"])
    data = book.create_sheet("Sheet3")
    data.append([])
    data.append([None, "Customer", "Annual Contract Value", "Renewal"])
    data.append([None, "Contoso Ltd", 100_000, dt.date(2027, 1, 1)])
    data.append([None, "Fabrikam Inc", 50_000, dt.date(2027, 2, 1)])
    book.save(tmp_path / "book.xlsx")
    result = import_sources(fx.review(), [tmp_path / "book.xlsx"])
    assert [t.header_cell for t in result.report.tables] == ["Sheet3!B2"]
    assert [a.arr for a in result.review.book.accounts] == [100_000, 50_000]


def test_as_kind_that_does_not_fit_names_what_is_missing(tmp_path):
    path = fx.crm_report(tmp_path / "crm.xlsx")
    with pytest.raises(UserError) as err:
        import_sources(fx.review(), [path], as_kind="usage")
    message = str(err.value)
    assert message.startswith("crm.xlsx: no table with the columns usage needs")
    assert "active_users" in message and "Accounts by CSM!B6" in message


def test_unknown_kind_is_refused():
    with pytest.raises(UserError, match='"widgets" is not a data kind'):
        import_sources(fx.review(), [], as_kind="widgets")


def test_as_kind_alias_renewals(tmp_path):
    path = tmp_path / "renewals.csv"
    path.write_text(
        "Opportunity Name,Account Name,Amount,Close Date,Stage\n"
        'Contoso FY27 renewal,Contoso Ltd,"$120,000",2027-03-31,Negotiation\n'
        "Fabrikam upsell seats,Fabrikam Inc,15000,2027-01-31,Discovery\n",
        encoding="utf-8",
    )
    result = import_sources(fx.review(), [path], as_kind="renewals")
    opportunities = result.review.book.opportunities
    assert [o.kind.value for o in opportunities] == ["renewal", "expansion"]
    assert opportunities[0].amount == 120_000


def test_report_as_json(tmp_path):
    path = fx.mixed_types_workbook(tmp_path / "mine.xlsx")
    result = import_sources(fx.review(), [path])
    data = json.loads(json.dumps(result.report.to_dict()))
    table = data["tables"][0]
    assert table["kind"] == "accounts"
    assert table["unreadable_values"][0] == {
        "where": "mine.xlsx: My book!C5",
        "problem": '"Q3" is not a date',
    }
    assert table["mapping"]["columns"]["ARR"] == "arr"
    assert data["changes"]["accounts_added"][0] == "Contoso Ltd"


def test_the_review_passed_in_is_never_modified(tmp_path):
    original = fx.review()
    before = original.model_dump()
    result = import_sources(original, [fx.crm_report(tmp_path / "crm.xlsx")])
    assert original.model_dump() == before
    assert result.review is not original
    assert result.review.deep_dive == original.deep_dive
    assert result.review.achievements == original.achievements


def test_all_or_nothing_when_one_file_is_bad(tmp_path):
    good = fx.crm_report(tmp_path / "crm.xlsx")
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(good.read_bytes()[:2000])
    original = fx.review()
    with pytest.raises(UserError, match=r"broken\.xlsx"):
        import_sources(original, [good, bad])
    assert original.book.accounts == []


def test_a_table_whose_rows_all_fail_refuses_the_import(tmp_path):
    path = tmp_path / "nps.csv"
    path.write_text("Account,Date,NPS\nContoso,someday,9\nFabrikam,never,7\n", encoding="utf-8")
    with pytest.raises(UserError, match="none of the 2 rows"):
        import_sources(fx.review(), [path], as_kind="nps")


def test_grouped_report_carries_the_account_down(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Account Name", "Opportunity Name", "Type", "Amount", "Close Date"])
    sheet.append(["Contoso Ltd", "Renewal FY27", "Renewal", 100, dt.date(2027, 3, 1)])
    sheet.append([None, "Analytics add-on", "Upsell", 20, dt.date(2027, 1, 1)])
    sheet.append([None, "Workflow", "Cross-sell", 30, dt.date(2027, 2, 1)])
    sheet.append(["Fabrikam Inc", "Renewal FY27", "Renewal", 50, dt.date(2027, 6, 1)])
    sheet.append([None, "More seats", "Expansion", 5, dt.date(2027, 4, 1)])
    sheet.append(["Total", None, None, 205, None])
    book.save(tmp_path / "pipeline.xlsx")
    result = import_sources(fx.review(), [tmp_path / "pipeline.xlsx"])
    opportunities = result.review.book.opportunities
    assert len(opportunities) == 5
    by_name = {a.id: a.name for a in result.review.book.accounts}
    assert [by_name[o.account_id] for o in opportunities] == ["Contoso Ltd"] * 3 + [
        "Fabrikam Inc"
    ] * 2
    assert [o.kind.value for o in opportunities] == [
        "renewal", "expansion", "cross_sell", "renewal", "expansion",
    ]  # fmt: skip
    assert result.report.tables[0].skipped_counts == {"totals row": 1}


def test_contacts_fill_stakeholders_and_key_contacts(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Account Name,First Name,Last Name,Title,Email,Relationship\n"
        "Contoso Ltd,Ana,Ruiz,CIO,ana@contoso.example,Champion\n"
        "Contoso Ltd,Bo,Li,Ops lead,bo@contoso.example,detractor\n",
        encoding="utf-8",
    )
    result = import_sources(fx.review(), [path])
    people = result.review.book.stakeholders
    assert [(p.name, p.role, p.sentiment.value) for p in people] == [
        ("Ana Ruiz", "CIO", "champion"),
        ("Bo Li", "Ops lead", "detractor"),
    ]
    account = result.review.book.accounts[0]
    assert [c.email for c in account.key_contacts] == ["ana@contoso.example", "bo@contoso.example"]


def test_nps_and_engagement(tmp_path):
    nps = tmp_path / "survey.csv"
    nps.write_text(
        "Respondent,Company,Submitted At,How likely are you to recommend us?,Reason\n"
        "ana@contoso.example,Contoso Ltd,2026-10-20T10:11:12Z,9,Fast reports\n"
        "bo@contoso.example,Contoso Ltd,2026-10-21T08:00:00Z,11,typo\n",
        encoding="utf-8",
    )
    engagement = tmp_path / "outreach.csv"
    engagement.write_text(
        "Account,Last Activity Date,Emails Sent,Open Rate,Replies\n"
        "Contoso Ltd,2026-11-28,10,60%,3\n"
        "Contoso Ltd,2026-10-02,10,40%,1\n",
        encoding="utf-8",
    )
    result = import_sources(fx.review(), [nps, engagement])
    book = result.review.book
    assert [(r.score, r.date) for r in book.nps] == [(9, dt.date(2026, 10, 20))]
    assert 'survey.csv: D3: "11" is not a score from 0 to 10' in _issues(result)
    (record,) = book.engagement
    assert (record.last_contact, record.emails_sent, record.emails_opened, record.replies) == (
        dt.date(2026, 11, 28),
        20,
        10,
        4,
    )


def test_the_same_file_twice_is_read_once(tmp_path):
    path = fx.crm_report(tmp_path / "crm.xlsx")
    result = import_sources(fx.review(), [path, path])
    assert len(result.report.tables) == 1


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "unicode.txt"), ("utf-8-sig", "bom.csv"), ("utf-16-le", "nobom.tsv")],
)
def test_text_encodings_and_tabs(tmp_path, encoding, name):
    path = tmp_path / name
    text = "Account Name\tARR\tRenewal Date\nZürich Versicherung\t1234.5\t2027-01-31\n"
    path.write_bytes(text.encode(encoding))
    result = import_sources(fx.review(), [path])
    account = result.review.book.accounts[0]
    assert (account.name, account.arr) == ("Zürich Versicherung", 1234.5)


def test_repeated_headers_and_blank_rows_in_an_export(tmp_path):
    path = tmp_path / "paged.csv"
    path.write_text(
        "Account,ARR\nContoso Ltd,1\n,\n\nAccount,ARR\nFabrikam Inc,2\nTotal,3\n", encoding="utf-8"
    )
    result = import_sources(fx.review(), [path])
    assert [a.name for a in result.review.book.accounts] == ["Contoso Ltd", "Fabrikam Inc"]
    table = result.report.tables[0]
    assert table.skipped_counts == {"repeated header row": 1, "totals row": 1}
    assert table.blank_rows == 2


def test_group_header_row_above_the_real_header(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Usage"
    sheet["C1"] = "Users"
    sheet.merge_cells("C1:D1")
    sheet.append(["Month", "Customer", "Active", "Licensed"])
    sheet.append([dt.date(2026, 10, 1), "Contoso Ltd", 10, 20])
    book.save(tmp_path / "grouped.xlsm")
    result = import_sources(fx.review(), [tmp_path / "grouped.xlsm"])
    assert result.report.tables[0].header_cell == "Usage!A2"
    assert [(u.active_users, u.licensed_users) for u in result.review.book.usage] == [(10, 20)]


def test_the_sample_exports_round_trip(tmp_path):
    export = pytest.importorskip("qbr_studio.sample.export")
    generate = pytest.importorskip("qbr_studio.sample.generate")
    build = getattr(generate, "build_sample_review", None)
    if build is None:
        pytest.skip("no sample review builder")
    original = build()
    files = export.export_sample_data(original, tmp_path)
    result = import_sources(fx.review(), files)
    book, source = result.review.book, original.book
    names = {a.id: a.name for a in book.accounts}
    source_names = {a.id: a.name for a in source.accounts}

    def rows(table, names_of, *fields):
        return sorted((names_of[r.account_id], *(getattr(r, f) for f in fields)) for r in table)

    assert rows(book.usage, names, "month", "active_users", "licensed_users") == rows(
        source.usage, source_names, "month", "active_users", "licensed_users"
    )
    fields = ("kind", "name", "amount", "close_date", "stage", "risk")
    assert rows(book.opportunities, names, *fields) == rows(
        source.opportunities, source_names, *fields
    )
    assert all(o.risk_stated for o in book.opportunities)  # the export's Risk column
    fields = ("id", "opened", "closed", "severity", "subject")
    assert rows(book.tickets, names, *fields) == rows(source.tickets, source_names, *fields)
    assert rows(book.nps, names, "date", "score") == rows(source.nps, source_names, "date", "score")
    fields = ("last_contact", "emails_sent", "emails_opened", "replies")
    assert rows(book.engagement, names, *fields) == rows(source.engagement, source_names, *fields)
    by_name = {a.name: a for a in source.accounts}
    compared = ("industry", "segment", "region", "products", "arr", "licensed_seats")
    compared += ("renewal_date", "crm_health", "customer_since", "csm", "partners")
    for account in book.accounts:
        expected = by_name[account.name]
        for field in compared:
            assert getattr(account, field) == getattr(expected, field), (account.name, field)


def test_sheets_are_parsed_again_when_memory_is_tight(tmp_path, monkeypatch):
    from qbr_studio.ingest import limits

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Topic", "Comment"])
    book.active.append(["x", "y"])
    accounts = book.create_sheet("Accounts")
    accounts.append(["Account Name", "ARR"])
    for i in range(300):  # more rows than a first look reads
        accounts.append([f"Customer {i}", i])
    usage = book.create_sheet("Usage")
    usage.append(["Month", "Account Name", "Active Users"])
    for i in range(300):
        usage.append(["2026-10", f"Customer {i}", i])
    book.save(tmp_path / "three.xlsx")
    monkeypatch.setattr(limits, "MAX_CELLS", 1000)  # each sheet fits, not all three together
    result = import_sources(fx.review(), [tmp_path / "three.xlsx"])
    assert [t.kind for t in result.report.tables] == ["accounts", "usage"]
    assert len(result.review.book.accounts) == 300
    assert len(result.review.book.usage) == 300


def test_as_kind_prefers_the_sheet_that_names_its_columns(tmp_path):
    path = tmp_path / "qbr_data.xlsx"
    from openpyxl import load_workbook

    from qbr_studio.ingest import write_data_template

    write_data_template(path)
    book = load_workbook(path)
    book["Accounts"].append(["Contoso Ltd"])
    book.save(path)
    result = import_sources(fx.review(), [path], as_kind="accounts")
    assert [t.sheet for t in result.report.tables] == ["Accounts"]


def test_rows_without_an_account_id_join_by_name(tmp_path):
    path = tmp_path / "usage.csv"
    path.write_text(
        "Month,Account ID,Account Name,Active Users\n"
        "2026-10,A-1,Contoso Ltd,5\n"
        "2026-10,,Fabrikam Inc,6\n"
        "2026-10,n/a,Northwind Traders,7\n",
        encoding="utf-8",
    )
    result = import_sources(fx.review(), [path])
    names = {a.id: a.name for a in result.review.book.accounts}
    got = {names[u.account_id]: u.active_users for u in result.review.book.usage}
    assert got == {"Contoso Ltd": 5, "Fabrikam Inc": 6, "Northwind Traders": 7}


def test_every_data_kind_has_a_spec_and_a_place_in_the_book():
    from qbr_studio.ingest.apply import _ROW_BUILDERS, BOOK_TABLE
    from qbr_studio.ingest.fields import KIND_SPECS
    from qbr_studio.model.data_kinds import DataKind

    assert list(KIND_SPECS) == list(DataKind)
    assert all(spec.name is kind for kind, spec in KIND_SPECS.items())
    assert set(BOOK_TABLE) == set(DataKind) - {DataKind.ACCOUNTS}
    assert set(_ROW_BUILDERS) == set(BOOK_TABLE) - {DataKind.CONTACTS}  # contacts: two results
