"""A corpus of broken and hostile files: each refused fast, with a clear message, all or nothing.

Every refusal must be a UserError naming the file (and the limit, where one applies), come in
under two seconds, and — for the files built to exhaust memory — come before python-calamine
ever opens the file.
"""

from __future__ import annotations

import random
import struct
import time
import zipfile
from pathlib import Path

import ingest_fixtures as fx
import pytest
from openpyxl import Workbook

from qbr_studio.errors import Hint, Remedy, UserError
from qbr_studio.ingest import import_sources, limits, readers

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def refused(path: Path, *fragments: str, **kwargs) -> str:
    review = fx.review()
    before = review.model_dump()
    start = time.perf_counter()
    with pytest.raises(UserError) as err:
        import_sources(review, [path], **kwargs)
    elapsed = time.perf_counter() - start
    message = str(err.value)
    assert elapsed < 2.0, f"{path.name} took {elapsed:.2f} s"
    assert message.startswith(path.name), message
    for fragment in fragments:
        assert fragment in message, message
    assert "\n" not in message and "Traceback" not in message
    assert review.model_dump() == before
    return message


@pytest.fixture
def no_calamine(monkeypatch):
    """Fail the test if a workbook reaches python-calamine."""

    def boom(self, *args, **kwargs):
        raise AssertionError("python-calamine was asked to open a hostile file")

    monkeypatch.setattr(readers.WorkbookReader, "__init__", boom)


def _valid(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Account Name", "ARR"])
    sheet.append(["Contoso Ltd", 100])
    book.save(path)
    return path


def _rewrite(
    source: Path, target: Path, replace: dict[str, bytes], add: dict | None = None
) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return target


def _sheet_xml(cells: str, prefix: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns}><{p}sheetData>{cells}'
        f"</{p}sheetData></{p}worksheet>"
    ).encode()


def _with_sheet(tmp_path: Path, name: str, cells: str, prefix: str = "") -> Path:
    base = _valid(tmp_path / f"base_{name}")
    return _rewrite(base, tmp_path / name, {"xl/worksheets/sheet1.xml": _sheet_xml(cells, prefix)})


# ------------------------------------------------------------------ not a spreadsheet


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    refused(path, "the file is empty")


def test_random_bytes(tmp_path):
    path = tmp_path / "noise.xlsx"
    path.write_bytes(random.Random(3).randbytes(50_000))
    refused(path, "is not a spreadsheet")


def test_a_picture_named_xlsx(tmp_path):
    path = tmp_path / "logo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    refused(path, "is not a spreadsheet")


def test_truncated_workbook(tmp_path):
    whole = fx.crm_report(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    refused(path, "damaged or incomplete")


def test_html_saved_as_xls(tmp_path):
    path = tmp_path / "report.xls"
    path.write_text("<html><body><table><tr><td>Account</td></tr></table></body></html>")
    refused(path, "web page (HTML)", "save it as .xlsx")


def test_a_word_document(tmp_path):
    path = fx.write_zip(tmp_path / "notes.xlsx", {"word/document.xml": b"<w:document/>"})
    refused(path, "Word or PowerPoint")


def test_a_plain_zip(tmp_path):
    path = fx.write_zip(tmp_path / "photos.xlsx", {"a.txt": b"hello"})
    refused(path, "zip archive, not a spreadsheet")


def test_no_recognizable_table(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "Meeting notes"
    sheet["A3"] = "We talked about the weather and lunch."
    sheet["B7"] = 42
    book.save(tmp_path / "notes.xlsx")
    message = refused(tmp_path / "notes.xlsx", "no table QBR Studio recognizes")
    assert "--as" not in message  # the library says what is wrong; the CLI words the remedy
    with pytest.raises(UserError) as err:
        import_sources(fx.review(), [tmp_path / "notes.xlsx"])
    assert err.value.hint == Hint(Remedy.NAME_THE_KIND)


def test_header_without_data_is_nothing_to_import(tmp_path):
    book = Workbook()
    book.active.append(["Account Name", "ARR", "Renewal Date"])
    book.save(tmp_path / "blank_export.xlsx")
    with pytest.raises(UserError, match=r"nothing to import: blank_export\.xlsx › Sheet"):
        import_sources(fx.review(), [tmp_path / "blank_export.xlsx"])


# -------------------------------------------------------------------------- encrypted


def _cfb(names: list[str]) -> bytes:
    """A minimal OLE2 compound file whose first directory sector lists ``names``."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 48, 0)  # first directory sector
    directory = bytearray(512)
    for i, name in enumerate(["Root Entry", *names][:4]):
        raw = name.encode("utf-16-le") + b"\0\0"
        directory[i * 128 : i * 128 + len(raw)] = raw
        struct.pack_into("<H", directory, i * 128 + 64, len(raw))
    return bytes(header) + bytes(directory) + bytes(4096)


def test_password_protected_workbook(tmp_path, no_calamine):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(_cfb(["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"]))
    refused(path, "password-protected", "remove the password")


def test_other_office_binary(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(_cfb(["WordDocument"]))
    refused(path, "not an Excel workbook")


def test_zip_with_encrypted_parts(tmp_path, no_calamine):
    path = _valid(tmp_path / "locked.xlsx")
    data = bytearray(path.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + flag_offset] |= 0x1  # "encrypted" bit, as zip password tools set it
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    refused(path, "password-protected")


# --------------------------------------------------------------------------- formulas


def test_formulas_without_saved_results(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Book"
    sheet.append(["Account Name", "Seats", "Price", "ARR"])
    sheet.append(["Contoso Ltd", 10, 1000, "=B2*C2"])
    sheet.append(["Fabrikam Inc", 5, 1000, "=B3*C3"])
    book.save(tmp_path / "calc.xlsx")
    refused(tmp_path / "calc.xlsx", "Book!D2", "formula", "open it in Excel", "save it")


def test_formulas_in_unused_columns_do_not_matter(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Account Name", "ARR", "Double"])
    sheet.append(["Contoso Ltd", 100, "=B2*2"])
    book.save(tmp_path / "calc.xlsx")
    result = import_sources(fx.review(), [tmp_path / "calc.xlsx"])
    assert result.review.book.accounts[0].arr == 100


def test_excel_error_cells_are_reported_by_cell(tmp_path):
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Account Name</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>ARR</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Contoso Ltd</t></is></c>'
        '<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Fabrikam Inc</t></is></c>'
        '<c r="B3"><v>5</v></c></row>'
    )
    path = _with_sheet(tmp_path, "errors.xlsx", cells)
    result = import_sources(fx.review(), [path])
    assert [str(i) for i in result.report.tables[0].values] == [
        'errors.xlsx: Sheet!B2: "#DIV/0!" is an Excel error, not a value'
    ]


# ------------------------------------------------------------------------ XML tricks

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f'<sst xmlns="{MAIN_NS}"><si><t>&lol3;</t></si></sst>'
).encode()

XXE = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f'<sst xmlns="{MAIN_NS}"><si><t>&x;</t></si></sst>'
).encode()


@pytest.mark.parametrize("payload", [LAUGHS, XXE], ids=["billion-laughs", "external-entity"])
def test_xml_entity_tricks(tmp_path, no_calamine, payload):
    base = _valid(tmp_path / "base.xlsx")
    path = _rewrite(base, tmp_path / "entities.xlsx", {}, add={"xl/sharedStrings.xml": payload})
    refused(path, "declares XML entities", "unsafe")


def test_entity_trick_in_the_workbook_part(tmp_path, no_calamine):
    base = _valid(tmp_path / "base.xlsx")
    with zipfile.ZipFile(base) as archive:
        workbook = archive.read("xl/workbook.xml")
    tricked = workbook.replace(b"<workbook", b'<!DOCTYPE w [<!ENTITY a "b">]><workbook', 1)
    path = _rewrite(base, tmp_path / "wb_entities.xlsx", {"xl/workbook.xml": tricked})
    refused(path, "declares XML entities")


# ------------------------------------------------------------------------ zip bombs


def test_zip_bomb_part(tmp_path, no_calamine):
    base = _valid(tmp_path / "base.xlsx")
    path = _rewrite(
        base, tmp_path / "bomb.xlsx", {}, add={"xl/media/image1.png": bytes(60_000_000)}
    )
    refused(path, "expands", "MAX_COMPRESSION_RATIO", "zip bomb")


def test_total_uncompressed_size_limit(tmp_path, monkeypatch, no_calamine):
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 4096)
    path = fx.crm_report(tmp_path / "big.xlsx")
    refused(path, "MAX_UNCOMPRESSED_BYTES")


def test_part_that_lies_about_its_size(tmp_path, no_calamine):
    filler = "<!-- padding -->" * 1_000_000  # 16 MB of XML that compresses to almost nothing
    sheet = _sheet_xml(filler + '<row r="1"><c r="A1"><v>1</v></c></row>')
    base = _valid(tmp_path / "base.xlsx")
    path = _rewrite(base, tmp_path / "liar.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    local = data.find(b"PK\x03\x04" + data[4:6])  # first local header
    while local >= 0:
        name_len = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", data, local + 22, 2000)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", data, central + 24, 2000)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    refused(path, "declares", "zip bomb")


def test_too_many_parts(tmp_path, monkeypatch, no_calamine):
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 5)
    refused(fx.crm_report(tmp_path / "parts.xlsx"), "MAX_ZIP_ENTRIES")


# ------------------------------------------------------------------ absurdly large


def _far_cell_workbook(path: Path, far: str) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet["A1"] = "Account Name"
    sheet["B1"] = "ARR"
    sheet["A2"] = "Contoso Ltd"
    sheet[far] = 1
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("far", "limit"),
    [
        ("XFD1048576", "MAX_ROWS"),
        ("A600000", "MAX_ROWS"),
        ("ZZ100000", "MAX_COLUMNS"),
        ("Z250000", "MAX_CELLS"),
    ],
)
def test_two_cells_far_apart(tmp_path, no_calamine, far, limit):
    path = _far_cell_workbook(tmp_path / f"far_{far}.xlsx", far)
    refused(path, 'sheet "Data"', limit)


def test_cells_without_references_in_a_long_row(tmp_path, no_calamine):
    row = '<row r="150000">' + '<c t="n"><v>1</v></c>' * 300 + "</row>"
    path = _with_sheet(
        tmp_path, "unreferenced.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>' + row
    )
    refused(path, "MAX_CELLS")


def test_namespace_prefixed_sheet_with_a_far_cell(tmp_path, no_calamine):
    cells = (
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="XFD900000"><x:v>2</x:v></x:c></x:row>'
    )
    path = _with_sheet(tmp_path, "prefixed.xlsx", cells, prefix="x")
    refused(path, "MAX_ROWS")


_FAR_CELL_TRICKS = {
    # Each hides a cell at XFD1048576 from a scan that only reads well-written tags; python-
    # calamine reads every one of them there (and aborts the process allocating the grid).
    "newline-before-r": '<c\nr="XFD1048576"><v>2</v></c>',
    "tab-before-r": '<c\tr="XFD1048576"><v>2</v></c>',
    "repeated-r": '<c r="B2" r="XFD1048576"><v>2</v></c>',
    "repeated-r-no-space": '<c r="B2" t="n"r="XFD1048576"><v>2</v></c>',
    "r-after-quoted-gt": '<c r="B2" foo="><" r="XFD1048576"><v>2</v></c>',
    "r-after-single-quotes": "<c r=\"B2\" foo='>' r='XFD1048576'><v>2</v></c>",
    "spaces-around-equals": '<c r = "XFD1048576"><v>2</v></c>',
    "lowercase-reference": '<c r="xfd1048576"><v>2</v></c>',
    "foreign-prefix": '<y:c xmlns:y="urn:y" r="XFD1048576"><v>2</v></y:c>',
    "row-number-overflow": '<c r="B99999999999"><v>2</v></c>',
}


@pytest.mark.parametrize("far", _FAR_CELL_TRICKS.values(), ids=_FAR_CELL_TRICKS.keys())
def test_far_cell_written_oddly(tmp_path, no_calamine, far):
    cells = f'<row r="1"><c r="A1"><v>1</v></c>{far}</row>'
    refused(_with_sheet(tmp_path, "odd.xlsx", cells), "MAX_ROWS")


def test_column_letters_that_wrap_around(tmp_path, no_calamine):
    cells = '<row r="1"><c r="A1"><v>1</v></c><c r="AAAAAAAAAA1"><v>2</v></c></row>'
    refused(_with_sheet(tmp_path, "wrap.xlsx", cells), "MAX_COLUMNS")


def test_unreferenced_cells_after_a_far_row(tmp_path, monkeypatch, no_calamine):
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="900"><c><v>1</v></c></row>'
    rows += "<row><c><v>1</v></c></row>" * 200  # rows without r count on from row 900
    refused(_with_sheet(tmp_path, "counting.xlsx", rows), "reaches row 1,100", "MAX_ROWS")


def test_a_cell_tag_that_never_ends(tmp_path, no_calamine):
    cells = '<row r="1"><c r="A1"><v>1</v></c><c r="B1" foo="' + "x" * 100_000
    refused(_with_sheet(tmp_path, "unended.xlsx", cells), "can't be read safely")


def test_big_but_allowed_sheet_is_not_flagged(tmp_path):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Usage")
    sheet.append(["Date", "Account", "Active Users"])
    for i in range(3000):
        sheet.append(["2026-10-01", f"Customer {i % 7}", i % 50])
    book.save(tmp_path / "ok.xlsx")
    result = import_sources(fx.review(), [tmp_path / "ok.xlsx"])
    assert len(result.review.book.usage) == 7


def test_csv_over_the_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)
    path = tmp_path / "long.csv"
    path.write_text("Account,ARR\n" + "Contoso,1\n" * 1500, encoding="utf-8")
    refused(path, "MAX_ROWS")


def test_csv_too_wide(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_COLUMNS", 50)
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(80)) + "\n", encoding="utf-8")
    refused(path, "MAX_COLUMNS")


def test_csv_with_a_giant_field(tmp_path):
    path = tmp_path / "giant.csv"
    path.write_text('Account,Notes\nContoso,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    message = refused(path, "line 2 has a field longer than 32,767 characters", "MAX_CELL_CHARS")
    assert "can't be read as" not in message  # the text is fine, the field is too long


def test_csv_field_longer_than_a_cell_is_named_by_its_cell(tmp_path):
    path = tmp_path / "notes.csv"
    long_note = '"' + "y" * (limits.MAX_CELL_CHARS + 1) + '"'
    path.write_text(f"Account,ARR,Notes\nContoso,1,short\nFabrikam,2,{long_note}\n", "utf-8")
    refused(path, "notes.csv: C3 holds 32,768 characters", "MAX_CELL_CHARS")


def test_csv_field_as_long_as_a_cell_is_read(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Account,ARR,Notes\nContoso,1," + "z" * limits.MAX_CELL_CHARS + "\n", "utf-8")
    grid = readers.read_delimited(path)
    assert len(grid.rows[1][2]) == limits.MAX_CELL_CHARS


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    refused(fx.crm_report(tmp_path / "huge.xlsx"), "MAX_FILE_BYTES")


# ------------------------------------------------------------------------------ ODS


ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _ods(path: Path, body: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Accounts">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _text_cell(text: str) -> str:
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def _number_cell(value: float, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="float" office:value="{value}"{rep}>'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def test_ods_is_read(tmp_path):
    body = (
        f"<table:table-row>{_text_cell('Account Name')}{_text_cell('ARR')}</table:table-row>"
        f"<table:table-row>{_text_cell('Contoso Ltd')}{_number_cell(1200)}</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    result = import_sources(fx.review(), [_ods(tmp_path / "accounts.ods", body)])
    assert [(a.name, a.arr) for a in result.review.book.accounts] == [("Contoso Ltd", 1200)]


def test_ods_repeated_cells_bomb(tmp_path, no_calamine):
    body = (
        f"<table:table-row>{_text_cell('Account Name')}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="400000">{_number_cell(1, 16000)}'
        "</table:table-row>"
    )
    refused(_ods(tmp_path / "bomb.ods", body), 'sheet "Accounts"', "MAX_")
