"""The blank data workbook: what it holds, and that filling it in always imports."""

from __future__ import annotations

import datetime as dt

import ingest_fixtures as fx
import pytest
from openpyxl import load_workbook

from qbr_studio.errors import UserError
from qbr_studio.ingest import KINDS, import_sources, write_data_template
from qbr_studio.ingest.fields import KIND_SPECS
from qbr_studio.ingest.template_writer import EXAMPLES, template_fields


def test_template_layout(tmp_path):
    path = tmp_path / "out" / "qbr_data.xlsx"
    write_data_template(path)
    assert [p.name for p in path.parent.iterdir()] == ["qbr_data.xlsx"]  # no temp file left
    book = load_workbook(path)
    assert book.sheetnames == ["Instructions", *[KIND_SPECS[k].sheet for k in KINDS]]
    instructions = "\n".join(str(c.value) for c in book["Instructions"]["A"] if c.value)
    assert "qbr-studio import" in instructions and "(example)" in instructions
    for kind in KINDS:
        spec = KIND_SPECS[kind]
        sheet = book[spec.sheet]
        assert [c.value for c in sheet[1]] == [f.label for f in template_fields(spec)]
        assert sheet.max_row >= 1 + len(EXAMPLES[kind])
        assert sheet.data_validations.dataValidation, kind
    accounts = book["Accounts"]
    lists = {dv.formula1 for dv in accounts.data_validations.dataValidation if dv.type == "list"}
    assert '"Green,Yellow,Red"' in lists
    usage = book["Usage"]
    kinds = {dv.type for dv in usage.data_validations.dataValidation}
    assert {"date", "whole", "list"} <= kinds


def test_untouched_template_has_nothing_to_import(tmp_path):
    path = tmp_path / "qbr_data.xlsx"
    write_data_template(path)
    with pytest.raises(UserError, match="nothing to import"):
        import_sources(fx.review(), [path])


def test_filled_template_round_trip(tmp_path):
    path = tmp_path / "qbr_data.xlsx"
    write_data_template(path)
    book = load_workbook(path)
    book["Accounts"].append(
        ["Contoso Ltd", "ACC-1", "Retail", "Enterprise", "EMEA", "Analytics; Workflow", 120000,
         250, dt.date(2027, 3, 31), "Green", dt.date(2022, 4, 1), "Dana Lee", "Sam Ortiz",
         "Ana Ruiz (CIO); Bo Li", "Avanade"]
    )  # fmt: skip
    book["Accounts"].append(["Fabrikam Inc", None, "Manufacturing"])
    for month, active in ((9, 150), (10, 170), (11, 181)):
        book["Usage"].append(["Contoso Ltd", None, dt.date(2026, month, 1), active, 250, 90])
    book["Opportunities"].append(
        ["Contoso Ltd", None, "FY27 renewal", "Renewal", 120000, dt.date(2027, 3, 31),
         "Negotiation", "Low", "Send quote", "Dana Lee"]
    )  # fmt: skip
    book["Contacts"].append(
        ["Contoso Ltd", None, "Ana Ruiz", "CIO", "ana@contoso.example", "Speed", "Champion"]
    )
    book["Tickets"].append(
        ["Fabrikam Inc", None, "T-9", dt.date(2026, 11, 3), None, 2, "Login", "Auth"]
    )
    book["NPS"].append(["Contoso Ltd", None, dt.date(2026, 10, 20), 9, "Ana Ruiz", "Great"])
    book["Engagement"].append(["Fabrikam Inc", None, dt.date(2026, 9, 14), 9, 3, 0])
    book.save(path)

    result = import_sources(fx.review(), [path])
    data = result.review.book
    assert [a.name for a in data.accounts] == ["Contoso Ltd", "Fabrikam Inc"]
    contoso = data.accounts[0]
    assert contoso.id == "ACC-1"
    assert contoso.products == ["Analytics", "Workflow"]
    assert [(c.name, c.role) for c in contoso.key_contacts] == [("Ana Ruiz", "CIO"), ("Bo Li", "")]
    assert [p.name for p in contoso.partners] == ["Avanade"]
    assert [u.active_users for u in data.usage] == [150, 170, 181]
    assert [o.name for o in data.opportunities] == ["FY27 renewal"]
    assert [s.name for s in data.stakeholders] == ["Ana Ruiz"]
    assert [t.severity for t in data.tickets] == [2]
    assert [n.score for n in data.nps] == [9]
    assert [e.emails_opened for e in data.engagement] == [3]
    kinds = {t.kind for t in result.report.tables}
    assert kinds == set(KINDS)
    for table in result.report.tables:
        assert table.values_count == 0, table.values
        assert table.skipped_counts == {
            "example row of the data template": len(EXAMPLES[table.kind])
        }
        assert table.kind_how == "guessed"


def test_partly_filled_template_leaves_other_tables_alone(tmp_path):
    path = tmp_path / "qbr_data.xlsx"
    write_data_template(path)
    book = load_workbook(path)
    book["Accounts"].append(["Contoso Ltd"])
    book.save(path)
    base = fx.review()
    result = import_sources(base, [path])
    assert [t.kind for t in result.report.tables] == ["accounts"]
    assert any("Usage" in n and "left as it was" in n for n in result.report.notes)


def test_template_write_failure_is_a_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError, match=r"qbr_data\.xlsx: can't write the template"):
        write_data_template(blocker / "qbr_data.xlsx")
