"""Reading cells: python-calamine for workbooks, the csv module for delimited text.

Both give a :class:`Grid`: rows of Python values with ``""`` for a blank cell, plus where the
grid sits in its sheet so every value can be named by its cell (``Telemetry!C1042``). Nothing
here decides what the cells mean.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from pathlib import Path
from typing import Any, NoReturn

from qbr_studio.errors import UserError
from qbr_studio.ingest import limits
from qbr_studio.ingest.preflight import Preflight, check_extent
from qbr_studio.safeio import read_bytes
from qbr_studio.safeio.isolated import parse_workbook_isolated, rust_panics_silenced
from qbr_studio.sheet_refs import column_letter

Cell = Any
"""A cell as read: ``""`` (blank), str, float, int, bool, datetime.date/datetime/time/timedelta."""


@dataclass
class Grid:
    """One sheet's used area.

    ``rows[i][j]`` is the cell at 0-based sheet row ``top + i`` and column ``left + j``; every
    row has ``width`` cells. ``complete`` is False when only the first rows were read (enough to
    find the header and guess the kind); :meth:`WorkbookReader.full` reads the rest.
    ``text_only`` is True for CSV, where every value is a string and ``decimal_comma`` /
    ``delimiter`` / ``encoding`` say how the text was written.
    """

    file: str
    sheet: str
    rows: list[list[Cell]]
    top: int = 0
    left: int = 0
    width: int = 0
    height: int = 0
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    complete: bool = True
    text_only: bool = False
    delimiter: str = ""
    encoding: str = ""
    part: str = ""

    def ref(self, i: int, j: int) -> str:
        """``"C1042"`` for grid row ``i``, column ``j``."""
        return f"{column_letter(self.left + j)}{self.top + i + 1}"

    def where(self, i: int, j: int) -> str:
        """``"usage.xlsx: Telemetry!C1042"`` (CSV: ``"usage.csv: C1042"``)."""
        sheet = f"{self.sheet}!" if self.sheet else ""
        return f"{self.file}: {sheet}{self.ref(i, j)}"


# -------------------------------------------------------------------------- workbooks


class WorkbookReader:
    """An open workbook; sheets are parsed by calamine one at a time, on demand.

    calamine only ever sees ``pre.data``, the bytes the pre-scan checked. A .xlsx/.ods is
    parsed in this process (the pre-scan bounds what calamine allocates, and a Rust panic's
    text is kept off stderr); an old .xls, which no pre-scan can bound, is parsed whole in a
    child process with a memory limit (:mod:`qbr_studio.safeio.isolated`).
    """

    def __init__(self, path: Path, pre: Preflight) -> None:
        import python_calamine as pc

        self.path = path
        self.pre = pre
        self._pc = pc
        self._parsed: dict[str, _ParsedSheet] | None = None
        self.book: Any = None
        data = pre.data or read_bytes(path, "spreadsheet", max_bytes=limits.MAX_FILE_BYTES)
        if pre.fmt == "xls":
            self._parsed = _parse_isolated(path, data)
            return
        try:
            with rust_panics_silenced():
                self.book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except pc.PasswordError:
            raise UserError(_password(path)) from None
        except (pc.CalamineError, OSError, ValueError) as err:
            raise UserError(f"{path.name}: the workbook can't be read ({_short(err)})") from None
        except BaseException as err:
            _reraise_unless_panic(err, f"{path.name}: the workbook can't be read")
        self._sheets: dict[str, Any] = {}

    def sheet_names(self) -> list[str]:
        """Visible worksheets, in workbook order (chart sheets and hidden sheets are skipped)."""
        if self._parsed is not None:
            return list(self._parsed)[: limits.MAX_SHEETS]
        names = []
        pc = self._pc
        for meta in self.book.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            if meta.visible != pc.SheetVisibleEnum.Visible:
                continue
            names.append(meta.name)
        return names[: limits.MAX_SHEETS]

    def _sheet(self, name: str):
        if self._parsed is not None:
            return self._parsed[name]
        sheet = self._sheets.get(name)
        if sheet is None:
            pc = self._pc
            try:
                with rust_panics_silenced():
                    sheet = self.book.get_sheet_by_name(name)
            except pc.PasswordError:
                raise UserError(_password(self.path)) from None
            except pc.CalamineError as err:
                text = _short(err)
                if "limit" in text.lower():
                    raise UserError(
                        f'{self.path.name}: sheet "{name}" is too large to read ({text}); '
                        f"QBR Studio reads at most {limits.MAX_CELLS:,} cells per sheet "
                        "(MAX_CELLS)"
                    ) from None
                raise UserError(
                    f'{self.path.name}: sheet "{name}" can\'t be read ({text})'
                ) from None
            except BaseException as err:
                _reraise_unless_panic(err, f'{self.path.name}: sheet "{name}" can\'t be read')
            check_extent(self.path.name, name, sheet.height, sheet.width)
            self._make_room(sheet.height * sheet.width)
            self._sheets[name] = sheet
        return sheet

    def _make_room(self, cells: int) -> None:
        """Keep at most about MAX_CELLS parsed cells in memory across the workbook's sheets:
        older sheets are dropped (and parsed again only if they turn out to be needed)."""
        loaded = sum(s.height * s.width for s in self._sheets.values())
        for name in list(self._sheets):
            if loaded + cells <= limits.MAX_CELLS:
                break
            dropped = self._sheets.pop(name)
            loaded -= dropped.height * dropped.width

    def peek(self, name: str, nrows: int) -> Grid:
        """The first ``nrows`` used rows of a sheet (the whole sheet if it is that short)."""
        sheet = self._sheet(name)
        rows = _cells(sheet, self.path, name, nrows)
        return self._grid(name, sheet, rows, complete=len(rows) >= sheet.height)

    def full(self, grid: Grid) -> Grid:
        """``grid`` with every row of its sheet."""
        if grid.complete:
            return grid
        sheet = self._sheet(grid.sheet)
        return self._grid(grid.sheet, sheet, _cells(sheet, self.path, grid.sheet, None), True)

    def release(self, name: str) -> None:
        """Drop a parsed sheet that turned out not to be needed (frees its memory)."""
        if self._parsed is None:
            self._sheets.pop(name, None)

    def _grid(self, name: str, sheet, rows: list[list[Cell]], complete: bool) -> Grid:
        start = sheet.start or (0, 0)
        try:
            merged = sheet.merged_cell_ranges or []
        except Exception:  # merged ranges are a convenience; a reader quirk must not block
            merged = []
        return Grid(
            file=self.path.name,
            sheet=name,
            rows=rows,
            top=start[0],
            left=start[1],
            width=sheet.width,
            height=sheet.height,
            merged=list(merged),
            complete=complete,
            part=self.pre.sheet_parts.get(name, ""),
        )

    def close(self) -> None:
        if self._parsed is not None:
            self._parsed.clear()
            return
        self._sheets.clear()
        with contextlib.suppress(Exception):  # already closed
            self.book.close()


@dataclass
class _ParsedSheet:
    """A sheet parsed in the child process, answering like a calamine sheet."""

    rows: list[list[Cell]]
    start: tuple[int, int]
    width: int
    height: int
    merged: list[Any]

    @property
    def merged_cell_ranges(self) -> list[Any]:
        return self.merged

    def to_python(self, skip_empty_area: bool = True, nrows: int | None = None) -> list[list[Cell]]:
        return self.rows if nrows is None else self.rows[:nrows]


def _parse_isolated(path: Path, data: bytes) -> dict[str, _ParsedSheet]:
    result = parse_workbook_isolated(data, path.name, limits.MAX_CELLS)
    if result.get("password"):
        raise UserError(_password(path))
    if "too_large" in result:
        sheet, height, width = result["too_large"]
        check_extent(path.name, sheet, height, width)
    sheets = {name: _ParsedSheet(**parts) for name, parts in result["sheets"].items()}
    for name, sheet in sheets.items():
        check_extent(path.name, name, sheet.height, sheet.width)
    return sheets


def _cells(sheet: Any, path: Path, name: str, nrows: int | None) -> list[list[Cell]]:
    try:
        with rust_panics_silenced():
            if nrows is None:
                rows = sheet.to_python(skip_empty_area=True)
            else:
                rows = sheet.to_python(skip_empty_area=True, nrows=nrows)
    except (ValueError, OverflowError) as err:
        raise UserError(f'{path.name}: sheet "{name}" can\'t be read ({_short(err)})') from None
    except BaseException as err:
        _reraise_unless_panic(err, f'{path.name}: sheet "{name}" can\'t be read')
    _refuse_non_finite(rows, sheet.start or (0, 0), path, name)
    return rows


_INF = math.inf


def _refuse_non_finite(
    rows: list[list[Cell]], start: tuple[int, int], path: Path, name: str
) -> None:
    """A number cell holding NaN or infinity (or a number past 1.8e308, read as infinity) is
    something Excel can't write: the file is damaged or made by hand. Refuse it by cell rather
    than carry a value no review can store."""
    cells, kinds = chain.from_iterable(rows), chain.from_iterable(rows)
    try:  # every float of the sheet added up in C: finite means none is NaN or infinite
        if math.isfinite(math.fsum(compress(cells, map(isinstance, kinds, repeat(float))))):
            return
    except (OverflowError, ValueError):
        pass  # inf - inf, or finite values too large to add: find the row
    floats = repeat(float)
    for i, row in enumerate(rows):
        try:  # the row's floats added up in C: finite means none is NaN or infinite
            if math.isfinite(math.fsum(compress(row, map(isinstance, row, floats)))):
                continue
        except (OverflowError, ValueError):
            pass  # inf - inf, or finite values too large to add: look cell by cell
        for j, value in enumerate(row):
            if value.__class__ is float and (value != value or value in (_INF, -_INF)):
                ref = f"{column_letter(start[1] + j)}{start[0] + i + 1}"
                raise UserError(
                    f"{path.name}: {name}!{ref} holds {value!r} as a number, which no "
                    "spreadsheet program writes (not a finite number); correct the cell "
                    "or export the file again"
                )


def _password(path: Path) -> str:
    return (
        f"{path.name}: the workbook is password-protected; remove the password in Excel "
        "and save a copy to import"
    )


def _reraise_unless_panic(err: BaseException, message: str) -> NoReturn:
    """A Rust panic inside python-calamine (a malformed file it didn't expect) is the file's
    fault, not a crash: turn it into a UserError. Anything else goes on up unchanged."""
    if type(err).__name__ == "PanicException":
        raise UserError(f"{message} (the file is malformed)") from None
    raise err


def _short(err: BaseException) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return text[:160]


# ---------------------------------------------------------------------------- text

DELIMITERS = (",", ";", "\t", "|")


def _refuse_long_field(name: str, row_number: int, row: list[str]) -> NoReturn:
    j = next(j for j, value in enumerate(row) if len(value) > limits.MAX_CELL_CHARS)
    raise UserError(
        f"{name}: {column_letter(j)}{row_number} holds {len(row[j]):,} characters; a cell holds "
        f"at most {limits.MAX_CELL_CHARS:,} (MAX_CELL_CHARS, as in Excel)"
    )


def read_delimited(path: Path, pre: Preflight | None = None) -> Grid:
    """A CSV/TSV/TXT file as one grid (sheet name ``""``); encoding and delimiter detected.

    Reads ``pre.data`` (the bytes the pre-scan checked) when given, else the file through the
    guarded reader."""
    raw = pre.data if pre is not None and pre.data else _guarded_bytes(path)
    lines = raw.count(b"\n")
    if lines > 2 * limits.MAX_ROWS:  # cheap first look; quoted new lines make it an upper bound
        check_extent(path.name, "", lines, 1)
    text, encoding = decode_text(raw)
    del raw
    delimiter = sniff_delimiter(text, path.suffix.lower())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    width = 0
    long_fields = len(text) > limits.MAX_CELL_CHARS  # else no field can pass the limit
    try:
        for row in reader:
            rows.append(row)
            if long_fields and row and max(map(len, row)) > limits.MAX_CELL_CHARS:
                _refuse_long_field(path.name, len(rows), row)
            if len(row) > width:
                width = len(row)
                if width > limits.MAX_COLUMNS:
                    check_extent(path.name, "", len(rows), width)
            if len(rows) > limits.MAX_ROWS:
                check_extent(path.name, "", len(rows), width)
    except csv.Error as err:
        if "field larger than field limit" in str(err):  # past csv's own limit (131,072)
            raise UserError(
                f"{path.name}: line {reader.line_num} has a field longer than "
                f"{limits.MAX_CELL_CHARS:,} characters, the most a cell can hold (MAX_CELL_CHARS)"
            ) from None
        raise UserError(
            f"{path.name}: line {reader.line_num} can't be read as {encoding} text ({err})"
        ) from None
    check_extent(path.name, "", len(rows), width)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return Grid(
        file=path.name,
        sheet="",
        rows=rows,
        width=width,
        height=len(rows),
        text_only=True,
        delimiter=delimiter,
        encoding=encoding,
    )


def _guarded_bytes(path: Path) -> bytes:
    return read_bytes(path, "spreadsheet", max_bytes=limits.MAX_FILE_BYTES)


def decode_text(raw: bytes) -> tuple[str, str]:
    """Bytes → text and the encoding used: UTF-8 (with or without BOM), UTF-16, Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    head = raw[:4096]
    if head.count(b"\x00") >= len(head) // 3:
        le = head[1::2].count(0) >= head[0::2].count(0)
        codec = "utf-16-le" if le else "utf-16-be"
        return raw.decode(codec, errors="replace"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def sniff_delimiter(text: str, ext: str) -> str:
    """The delimiter that splits the sample's lines into the most consistent number of fields."""
    sample_lines = [line for line in text[:65536].splitlines()[:60] if line.strip()]
    if len(text) > 65536 and sample_lines:
        sample_lines = sample_lines[:-1]  # the last one may be cut
    best, best_score = ("\t" if ext in {".tsv", ".tab"} else ","), (0, 0)
    for delimiter in DELIMITERS:
        counts = [len(r) for r in csv.reader(sample_lines, delimiter=delimiter)]
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        mode, hits = Counter(counts).most_common(1)[0]
        score = (hits, mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best
