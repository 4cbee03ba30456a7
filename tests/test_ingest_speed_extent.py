"""The worksheet pre-scan: its fast check and its exact walk against python-calamine itself.

The fast check (one regular expression per inflated piece) must vouch only for sheets whose
every cell tag is written plainly; the exact walk must place cells where calamine does, for
every way of writing a tag that calamine accepts, wherever the pieces are cut. Only small,
harmless sheets are given to calamine here; the hostile ones are in test_ingest_hostile.py.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from qbr_studio.ingest import preflight

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

ODD_BUT_READABLE = {
    "plain": '<row r="1"><c r="A1"><v>1</v></c><c r="C4" s="1" t="n"><v>2</v></c></row>',
    "unreferenced-cells": '<row r="2"><c><v>1</v></c><c/><c t="n"><v>2</v></c></row>',
    "rows-without-r": "<row><c><v>1</v></c></row><row/><row><c><v>2</v></c><c><v>3</v></c></row>",
    "self-closing-row": '<row r="5" spans="1:3"/><row><c><v>1</v></c></row>',
    "after-a-referenced-cell": '<row r="3"><c r="D3"><v>1</v></c><c><v>2</v></c></row>',
    "r-not-first": '<row r="1"><c s="0" t="n" r="E7"><v>1</v></c></row>',
    "whitespace-and-quotes": "<row r='2'><c\n r = 'b9'\t t=\"n\"><v>1</v></c></row>",
    "repeated-r": '<row r="1"><c r="A1" r="C2"><v>1</v></c><c><v>2</v></c></row>',
    "prefixed": '<x:row xmlns:x="' + MAIN_NS + '" r="3"><x:c r="F3"><x:v>1</x:v></x:c></x:row>',
    "gt-in-a-value": '<row r="1"><c r="A1" foo="a>b" t="n"><v>1</v></c><c><v>2</v></c></row>',
    "leading-zeros": '<row r="0004"><c r="B004"><v>1</v></c></row>',
}


def _sheet(cells: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'
        f"<sheetData>{cells}</sheetData></worksheet>"
    ).encode()


def _workbook(tmp_path: Path, name: str, sheet_xml: bytes) -> Path:
    base = tmp_path / f"base_{name}"
    book = Workbook()
    book.active["A1"] = 1
    book.save(base)
    path = tmp_path / name
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(
                info.filename, sheet_xml if "worksheets/sheet1" in info.filename else data
            )
    return path


def _walk(xml: bytes, cut_at: tuple[int, ...] = ()) -> tuple[int, int]:
    """(rows, columns) the exact walk finds, with the text cut into pieces at ``cut_at``."""
    walk = preflight._SheetWalk()
    carry = b""
    for start, end in zip((0, *cut_at), (*cut_at, len(xml)), strict=True):
        carry = preflight._walk_piece("t.xlsx", "Sheet", walk, carry + xml[start:end])
    return walk.rows, walk.cols


def _calamine_extent(path: Path) -> tuple[int, int]:
    import python_calamine

    sheet = python_calamine.load_workbook(str(path)).get_sheet_by_index(0)
    end = sheet.end or (-1, -1)
    return end[0] + 1, end[1] + 1


@pytest.mark.parametrize("cells", ODD_BUT_READABLE.values(), ids=ODD_BUT_READABLE.keys())
def test_exact_walk_places_cells_where_calamine_does(tmp_path, cells):
    xml = _sheet(cells)
    assert _walk(xml) == _calamine_extent(_workbook(tmp_path, "odd.xlsx", xml))


@pytest.mark.parametrize("cells", ODD_BUT_READABLE.values(), ids=ODD_BUT_READABLE.keys())
def test_exact_walk_does_not_depend_on_where_pieces_are_cut(cells):
    xml = _sheet(cells)
    whole = _walk(xml)
    for cut in range(1, len(xml)):
        assert _walk(xml, (cut,)) == whole, cut
    assert _walk(xml, tuple(range(1, len(xml)))) == whole  # one byte at a time


def _goes_exact(path: Path, monkeypatch) -> bool:
    calls: list[str] = []
    exact = preflight._exact_extent
    monkeypatch.setattr(
        preflight, "_exact_extent", lambda *args: calls.append("exact") or exact(*args)
    )
    preflight.check_file(path)
    return bool(calls)


def test_fast_check_vouches_for_plainly_written_sheets(tmp_path, monkeypatch):
    long_rows = "".join(
        f'<row r="{r}"><c r="A{r}" s="1" t="n"><v>1</v></c><c r="Z{r}" t="inlineStr">'
        "<is><t>x</t></is></c></row>"
        for r in (1, 2, 199_999)
    )
    wide_rows = '<row r="9999"><c r="RZ9999"><v>1</v></c><c r="A1"/></row>'
    for name, cells in (("long.xlsx", long_rows), ("wide.xlsx", wide_rows)):
        assert not _goes_exact(_workbook(tmp_path, name, _sheet(cells)), monkeypatch), name


ODD_CELL_TAGS = [
    '<c r="AA200000"><v>1</v></c>',  # past both areas the fast check vouches for
    '<c r="A1" r="B1"><v>1</v></c>',
    '<c r="A1" t="n"r="B1"><v>1</v></c>',
    '<c r="A1" x=">" r="B1"><v>1</v></c>',
    "<c r='A1'><v>1</v></c>",
    '<c\nr="A1"><v>1</v></c>',
    '<c r="a1"><v>1</v></c>',
    "<c><v>1</v></c>",
    '<x:c xmlns:x="urn:x" r="A1"><v>1</v></x:c>',
]


def _fits(monkeypatch, pieces: list[bytes]) -> bool:
    """The fast check's verdict on a sheet inflated in ``pieces``, for each area it knows."""
    monkeypatch.setattr(preflight, "_inflate", lambda *args: iter(pieces))
    return any(preflight._fits("t.xlsx", None, None, ref) for _, _, ref in preflight._FAST_BOUNDS)


@pytest.mark.parametrize("cell", ODD_CELL_TAGS)
def test_fast_check_leaves_every_other_cell_tag_to_the_exact_walk(monkeypatch, cell):
    plain = '<row r="1"><c r="A1" t="n"><v>1</v></c></row>' * 50
    xml = _sheet(f'{plain}<row r="2">{cell}</row>{plain}')
    assert _fits(monkeypatch, [_sheet(plain)])
    assert not _fits(monkeypatch, [xml])
    at = xml.index(b'<row r="2">') + len(b'<row r="2">')
    for cut in range(at - 8, at + len(cell) + 8):  # the tag cut between two pieces
        assert not _fits(monkeypatch, [xml[:cut], xml[cut:]]), cut
