"""Every size limit the importer enforces, in one place, with the words used to name them.

A CSM's real exports are far below these; a file above any of them is refused before a parser
allocates for it, with a message that names the limit, so a hostile or broken file can neither
exhaust memory nor hang the app. The numbers are chosen so that the largest file allowed still
reads in a few seconds and in a few hundred megabytes.
"""

from __future__ import annotations

from qbr_studio.safeio.limits import FILE_KINDS, ZIP_KINDS
from qbr_studio.safeio.limits import mb as mb

MAX_FILE_BYTES = FILE_KINDS["spreadsheet"].max_bytes
"""Size of one source file on disk (100 MB); the guarded reader's limit for a spreadsheet."""

MAX_UNCOMPRESSED_BYTES = ZIP_KINDS["spreadsheet"].max_total
"""Sum of the uncompressed sizes of every part of an .xlsx/.xlsm/.ods zip (400 MB)."""

MAX_COMPRESSION_RATIO = ZIP_KINDS["spreadsheet"].max_ratio
"""Uncompressed ÷ compressed size of one zip part; spreadsheet XML compresses 5–30×, bombs 1000×."""

MAX_ZIP_ENTRIES = ZIP_KINDS["spreadsheet"].max_members
"""Number of parts in a workbook's zip."""

MAX_SHEETS = 200
"""Sheets in one workbook."""

MAX_ROWS = 500_000
"""Rows in one sheet or CSV file (from the first used row to the last)."""

MAX_COLUMNS = 500
"""Columns in one sheet or CSV file."""

MAX_CELLS = 6_000_000
"""Rows × columns of one sheet's used area (what a reader must hold in memory)."""

MAX_CELL_CHARS = 32_767
"""Characters in one CSV field (Excel's own limit for a cell)."""

HEADER_SEARCH_ROWS = 60
"""How far down a sheet the header row is looked for (report title blocks are shorter)."""
