"""Hostile files shared by the test_hostile_* modules, built in code.

The old-style .xls comes from xlwt and is garbled with a fixed seed: seed 13 makes calamine
ask for ~50 GB (an abort before the child-process reader), seed 22 makes it panic. The
shared-strings workbook comes from xlsxwriter (python-pptx's own dependency), which writes
text the way Excel does, in xl/sharedStrings.xml.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import xlsxwriter
import xlwt

ROWS = [("Account Name", "ARR"), ("Contoso Ltd", 100), ("Fabrikam", 50)]
ABORT_SEED, PANIC_SEED = 13, 22


def xls_bytes() -> bytes:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Accounts")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def garbled_xls(seed: int) -> bytes:
    """The .xls with 40 bytes of its workbook stream replaced (after the 512-byte header)."""
    data = bytearray(xls_bytes())
    rng = random.Random(seed)
    for _ in range(40):
        data[rng.randrange(512, len(data))] = rng.randrange(256)
    return bytes(data)


def xlsx_with_shared_strings(folder: Path, count: str) -> Path:
    """A workbook whose sst declares ``count`` strings (``count`` and ``uniqueCount``)."""
    base = folder / "base.xlsx"
    book = xlsxwriter.Workbook(str(base))
    sheet = book.add_worksheet("Accounts")
    for r, row in enumerate(ROWS):
        sheet.write_row(r, 0, row)
    book.close()
    path = folder / "sst.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                data, n = re.subn(
                    rb'(count|uniqueCount)="\d+"', rb'\1="' + count.encode() + b'"', data
                )
                assert n == 2
            zout.writestr(info.filename, data)
    return path


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
