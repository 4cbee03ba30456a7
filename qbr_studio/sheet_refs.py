"""Spreadsheet cell references in A1 notation, for the importer's messages and the charts'
embedded workbooks alike (below every layer, and cheap to import)."""

from __future__ import annotations


def column_letter(index: int) -> str:
    """Spreadsheet column letters of a 0-based index: 0 → ``"A"``, 26 → ``"AA"``."""
    letters = ""
    index += 1
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
