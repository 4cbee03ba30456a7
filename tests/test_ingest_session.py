"""The import session the wizard views: reading, corrections, what blocks the import and the
import itself, without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ingest_fixtures as fx

from qbr_studio.ingest.session import ImportSession, read_sources


def _read(session: ImportSession, *paths: Path) -> None:
    batch = list(paths) or session.paths
    session.take(read_sources(batch, session.mappings_for(batch)))


def test_a_report_is_read_and_ready(tmp_path):
    source = fx.crm_report(tmp_path / "crm.xlsx")
    session = ImportSession([source, source], fx.review())
    assert session.paths == [source], "a file offered twice is read once"
    _read(session)
    (key,) = session.keys()
    table = session.table(key)
    assert table is not None and table.kind == "accounts" and table.header_row == 6
    assert session.kind(key) == "accounts" and session.header_row(key) == 6
    assert session.blockers() == [] and session.table_count() == 1
    result = session.importer()()
    assert {a.name for a in result.review.book.accounts} == {a[0] for a in fx.ACCOUNTS}


def test_a_correction_that_cannot_be_read_blocks_until_put_right(tmp_path):
    source = fx.crm_report(tmp_path / "crm.xlsx")
    session = ImportSession([source], fx.review())
    _read(session)
    (key,) = session.keys()
    assert session.correct(key, header_row=40) == source
    _read(session, source)
    assert "header_row 40 is outside" in session.problem(key)
    assert session.blockers() == ["crm.xlsx: the correction can't be read (see above)"]
    assert session.table(key).header_row == 6, "the last good reading stays"
    session.correct(key, header_row=6)
    _read(session, source)
    assert session.blockers() == [] and session.header_row(key) == 6


def test_a_required_field_left_without_a_column_keeps_the_table_incomplete(tmp_path):
    source = fx.crm_report(tmp_path / "crm.xlsx")
    session = ImportSession([source], fx.review())
    _read(session)
    (key,) = session.keys()
    fields = {c.letter: c.field for c in session.table(key).columns}
    account = next(letter for letter, f in fields.items() if f == "account")
    assert session.choose_fields(key, {**fields, account: None}, "Accounts") is None
    assert "Choose the column that holds Account" in session.incomplete[key]
    assert "(required for accounts)" in session.blockers()[0]
    assert session.choose_fields(key, fields, "Accounts") == source
    assert key not in session.incomplete


def test_a_bad_file_blocks_the_import_until_left_out(tmp_path):
    good = fx.crm_report(tmp_path / "crm.xlsx")
    bad = tmp_path / "accounts.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    session = ImportSession([bad, good], fx.review())
    _read(session)
    assert session.keys()[0] == (bad, "")
    assert "accounts.xlsx" in session.problem((bad, ""))
    assert "--as" not in session.problem((bad, ""))
    assert session.blockers() == ["accounts.xlsx can't be imported (remove it or fix it)"]
    session.remove(bad)
    assert session.paths == [good] and session.blockers() == []
    session.remove(good)
    assert session.blockers() == ["no files left to import"]


def test_the_session_needs_no_qt():
    code = "import sys, qbr_studio.ingest.session; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
