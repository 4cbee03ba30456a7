"""Checks a source file before any parser touches it, so a hostile file is refused cheaply.

What is checked, and why:

- the file's real format from its first bytes (an export's extension often lies: a CSV named
  .xls, an HTML table named .xls, an encrypted workbook that is an OLE2 container named .xlsx);
- size on disk (:data:`~qbr_studio.ingest.limits.MAX_FILE_BYTES`);
- for a zip (.xlsx/.xlsm/.ods): its central directory — number of parts, declared uncompressed
  sizes and compression ratios (zip bombs), encrypted parts — *before* python-calamine opens it;
  then every XML part is inflated in bounded steps, so a part whose header lies about its size
  is caught, an XML part declaring a DOCTYPE (entity expansion, external entities) is refused,
  and each worksheet's used area is measured: calamine allocates rows × columns for a sheet, so
  two cells far apart (A1 and XFD1048576) would exhaust memory. The measure uses one regular
  expression per worksheet that only matches a cell whose reference is outside A1:Z199999 (or
  that has no reference); only then is the exact extent computed.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from qbr_studio.errors import UserError
from qbr_studio.ingest import limits

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
WORKBOOK_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".xltx", ".xltm"}
TEXT_EXTENSIONS = {".csv", ".tsv", ".txt", ".tab"}
_CHUNK_IN = 1 << 17
_CHUNK_OUT = 1 << 22


@dataclass
class Preflight:
    """What a file turned out to be.

    ``fmt`` is ``"xlsx"`` (also .xlsm), ``"ods"``, ``"xls"`` or ``"csv"`` (any delimited text);
    ``sheet_parts`` maps an .xlsx sheet name to its XML part, for the lazy formula check;
    ``notes`` are things worth telling the user (an .xls file named .xlsx…).
    """

    fmt: str
    sheet_parts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def check_file(path: Path) -> Preflight:
    """Refuse (UserError) anything that is not a readable, reasonably sized spreadsheet."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"{name}: file not found ({path})") from None
    except OSError as err:
        raise UserError(f"{name}: can't be read ({err.strerror})") from None
    if path.is_dir():
        raise UserError(f"{name}: is a folder, not a spreadsheet")
    if size == 0:
        raise UserError(f"{name}: the file is empty")
    if size > limits.MAX_FILE_BYTES:
        raise UserError(
            f"{name}: the file is {limits.mb(size)}, above the {limits.mb(limits.MAX_FILE_BYTES)} "
            "limit for one source file (MAX_FILE_BYTES); export fewer rows or split it"
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as err:
        raise UserError(f"{name}: can't be read ({err.strerror or err})") from None
    ext = path.suffix.lower()
    if head.startswith(ZIP_MAGICS):
        return _check_zip(path)
    if head.startswith(CFB_MAGIC):
        return _check_cfb(path, head, ext)
    if _looks_like_text(head):
        return _check_text(path, head, ext)
    raise UserError(
        f"{name}: is not a spreadsheet QBR Studio can read "
        "(expected .xlsx, .xlsm, .xls, .ods, .csv or .tsv)"
    )


# ----------------------------------------------------------------------------- text


def _looks_like_text(head: bytes) -> bool:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:3] == b"\xef\xbb\xbf":
        return True
    sample = head[:4096]
    if b"\x00" in sample:
        # UTF-16 without a BOM: every other byte is NUL for Latin text.
        return sample.count(b"\x00") >= len(sample) // 3 and _utf16_guess(sample)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls <= len(sample) // 100


def _utf16_guess(sample: bytes) -> bool:
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    return max(even, odd) >= len(sample) // 3


def _check_text(path: Path, head: bytes, ext: str) -> Preflight:
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table")):
        raise UserError(
            f"{path.name}: is a web page (HTML) with a spreadsheet name; open it in Excel and "
            "save it as .xlsx, or export the report as CSV"
        )
    if lowered.startswith(b"<?xml"):
        raise UserError(
            f"{path.name}: is an XML file, not a spreadsheet; open it in Excel and save it as "
            ".xlsx, or export as CSV"
        )
    if lowered.startswith(b"%pdf"):
        raise UserError(f"{path.name}: is a PDF, not a spreadsheet")
    notes = []
    if ext in WORKBOOK_EXTENSIONS:
        notes.append(f"{path.name} is a text (CSV) file despite its {ext} name; read it as CSV")
    return Preflight("csv", notes=notes)


# ------------------------------------------------------------------------------ OLE2


def _check_cfb(path: Path, head: bytes, ext: str) -> Preflight:
    names = _cfb_root_names(path, head)
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        raise UserError(
            f"{path.name}: the workbook is password-protected (encrypted); open it in Excel, "
            "remove the password (File › Info › Protect Workbook) and save a copy to import"
        )
    if names and not ({"Workbook", "Book"} & set(names)):
        raise UserError(
            f"{path.name}: is an Office file but not an Excel workbook "
            "(expected .xlsx, .xlsm, .xls, .ods, .csv or .tsv)"
        )
    notes = []
    if ext not in {".xls", ""}:
        notes.append(f"{path.name} is an old-style .xls workbook despite its {ext} name")
    return Preflight("xls", notes=notes)


def _cfb_root_names(path: Path, head: bytes) -> list[str]:
    """Names in the first directory sector of an OLE2 compound file (where Excel puts them)."""
    if len(head) < 512:
        raise UserError(f"{path.name}: the file is damaged or incomplete (truncated)")
    sector_shift = struct.unpack_from("<H", head, 30)[0]
    first_dir = struct.unpack_from("<I", head, 48)[0]
    if sector_shift not in (9, 12) or first_dir >= 0xFFFFFFFA:
        raise UserError(f"{path.name}: the file is damaged (not a valid Office file)")
    sector = 1 << sector_shift
    with path.open("rb") as fh:
        fh.seek((first_dir + 1) * sector)
        data = fh.read(sector)
    if len(data) < 128:
        raise UserError(f"{path.name}: the file is damaged or incomplete (truncated)")
    names = []
    for offset in range(0, len(data) - 127, 128):
        length = struct.unpack_from("<H", data, offset + 64)[0]
        if 2 <= length <= 64:
            raw = data[offset : offset + length - 2]
            names.append(raw.decode("utf-16-le", errors="replace"))
    return names


# ------------------------------------------------------------------------------- zip


def _check_zip(path: Path) -> Preflight:
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserError(
            f"{name}: the file is damaged or incomplete (its zip directory is missing; "
            "was the download or copy cut short?)"
        ) from None
    with zf:
        infos = zf.infolist()
        _check_directory(name, infos)
        names = {i.filename for i in infos}
        if "content.xml" in names and "xl/workbook.xml" not in names:
            fmt = "ods"
        elif "xl/workbook.xml" in names:
            fmt = "xlsx"
        elif "word/document.xml" in names or "ppt/presentation.xml" in names:
            raise UserError(f"{name}: is a Word or PowerPoint file, not a spreadsheet")
        else:
            raise UserError(f"{name}: is a zip archive, not a spreadsheet")
        sheet_parts = _sheet_parts(path, zf) if fmt == "xlsx" else {}
        part_to_sheet = {part: sheet for sheet, part in sheet_parts.items()}
        with path.open("rb") as fh:
            for info in infos:
                if not info.filename.endswith((".xml", ".rels")) or info.is_dir():
                    continue
                sheet = part_to_sheet.get(info.filename)
                if fmt == "ods" and info.filename == "content.xml":
                    _check_ods_content(name, fh, info)
                elif sheet is not None:
                    _check_worksheet(name, sheet, fh, info)
                else:
                    for _ in _inflate(name, fh, info):
                        pass
    return Preflight(fmt, sheet_parts=sheet_parts)


def _check_directory(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > limits.MAX_ZIP_ENTRIES:
        raise UserError(
            f"{name}: the workbook holds {len(infos):,} parts, above the "
            f"{limits.MAX_ZIP_ENTRIES:,} limit (MAX_ZIP_ENTRIES)"
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UserError(
                f"{name}: the workbook is password-protected (encrypted); remove the password "
                "in Excel and save a copy to import"
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UserError(
                f"{name}: uses a zip compression Excel doesn't write ({info.compress_type}); "
                "open it in Excel and save it again"
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.MAX_COMPRESSION_RATIO:
            raise UserError(
                f"{name}: part {info.filename} expands {ratio:,.0f}× "
                f"(limit {limits.MAX_COMPRESSION_RATIO}×, MAX_COMPRESSION_RATIO); "
                "this looks like a zip bomb, not a spreadsheet"
            )
    if total > limits.MAX_UNCOMPRESSED_BYTES:
        raise UserError(
            f"{name}: the workbook expands to {limits.mb(total)}, above the "
            f"{limits.mb(limits.MAX_UNCOMPRESSED_BYTES)} limit (MAX_UNCOMPRESSED_BYTES)"
        )


def _inflate(name: str, fh, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Yield a part's bytes in bounded pieces; refuse a lying size, a DOCTYPE, a truncation."""
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise UserError(f"{name}: the file is damaged (part {info.filename} is missing)")
    name_len, extra_len = struct.unpack_from("<HH", local, 26)
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    cap = info.file_size + 1
    remaining = info.compress_size
    produced = 0
    first = True
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while remaining > 0:
        block = fh.read(min(remaining, _CHUNK_IN))
        if not block:
            raise UserError(f"{name}: the file is damaged or incomplete (truncated)")
        remaining -= len(block)
        pending = block
        while pending:
            if inflater is None:
                out, pending = pending, b""
            else:
                try:
                    out = inflater.decompress(pending, _CHUNK_OUT)
                except zlib.error:
                    raise UserError(
                        f"{name}: the file is damaged (part {info.filename} can't be unpacked)"
                    ) from None
                pending = inflater.unconsumed_tail
            produced += len(out)
            if produced > cap:
                raise UserError(
                    f"{name}: part {info.filename} unpacks to more than the "
                    f"{info.file_size:,} bytes it declares; this looks like a zip bomb"
                )
            if out:
                if first:
                    _refuse_doctype(name, info.filename, out[:4096])
                    first = False
                yield out
            if inflater is None or not out:
                break


def _refuse_doctype(name: str, part: str, head: bytes) -> None:
    probe = head
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        probe = head.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    if b"<!DOCTYPE" in probe or b"<!ENTITY" in probe:
        raise UserError(
            f"{name}: part {part} declares XML entities (a DOCTYPE), which no spreadsheet "
            "program writes; refusing it as unsafe"
        )


def _sheet_parts(path: Path, zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part, from xl/workbook.xml and its relationships."""
    name = path.name
    parts: dict[str, str] = {}
    try:
        workbook = _small_xml(name, zf, "xl/workbook.xml")
        rels = _small_xml(name, zf, "xl/_rels/workbook.xml.rels")
    except KeyError:
        return parts
    targets = {}
    for rel in rels.iter():
        if rel.tag.endswith("Relationship"):
            targets[rel.get("Id")] = rel.get("Target", "")
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid, "")
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = _normpath(part)
    if len(parts) > limits.MAX_SHEETS:
        raise UserError(
            f"{name}: the workbook has {len(parts):,} sheets, above the {limits.MAX_SHEETS} "
            "limit (MAX_SHEETS)"
        )
    return parts


def _normpath(part: str) -> str:
    out: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)


def _small_xml(name: str, zf: zipfile.ZipFile, part: str) -> ElementTree.Element:
    info = zf.getinfo(part)
    if info.file_size > 8 * 1024 * 1024:
        raise UserError(f"{name}: part {part} is implausibly large ({limits.mb(info.file_size)})")
    data = zf.read(part)
    _refuse_doctype(name, part, data[:4096])
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise UserError(f"{name}: the file is damaged (part {part} is not valid XML)") from None


# ------------------------------------------------------------------ worksheet extents

_ROOT_PREFIX = re.compile(rb"<(\w+:)?worksheet[\s>]")


def _fast_flag(prefix: bytes) -> re.Pattern[bytes]:
    """A cell whose reference is not a plain ``A1``…``Z199999`` (or that has none)."""
    return re.compile(b"<" + re.escape(prefix) + rb'c(?! r="[A-Z](?:1\d{5}|\d{1,5})")[ >]')


def _check_worksheet(name: str, sheet: str, fh, info: zipfile.ZipInfo) -> None:
    flag: re.Pattern[bytes] | None = None
    carry = b""
    flagged = False
    for chunk in _inflate(name, fh, info):
        if flag is None:
            root = _ROOT_PREFIX.search(chunk)
            flag = _fast_flag(root.group(1) or b"" if root else b"")
        cut = chunk.rfind(b"<")
        seam = carry + chunk[:256]
        seam_end = seam.rfind(b"<")
        if flag.search(seam, 0, seam_end if seam_end > 0 else len(seam)) or (
            cut > 0 and flag.search(chunk, 0, cut)
        ):
            flagged = True
            break
        # Only the first characters after "<c" decide a flag, so a short carry is enough.
        carry = chunk[cut : cut + 1024] if cut >= 0 else carry
    if flagged:
        rows, cols = _exact_extent(name, fh, info)
        check_extent(name, sheet, rows, cols)


_REF = re.compile(rb"""\sr=["']([A-Z]{0,8})(\d{1,18})["']""")
_CELL_START = re.compile(rb"<(?:\w{1,20}:)?c[\s>/]")
_CELL_WITH_REF = re.compile(rb"""<(?:\w{1,20}:)?c\s[^<>]{0,400}?\br=["']""")
_ROW_START = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _exact_extent(name: str, fh, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Largest row and column any cell of the sheet lands on (1-based), conservatively."""
    max_row = max_col = 0
    cells_in_row = 0
    widest_unreferenced = 0
    rows_seen = 0
    carry = b""
    for chunk in _inflate(name, fh, info):
        data = carry + chunk
        cut = data.rfind(b"<")
        body, carry = (data[:cut], data[cut : cut + 1024]) if cut > 0 else (data, b"")
        letters_seen = set()
        for letters, digits in _REF.findall(body):
            letters_seen.add(letters)
            row = int(digits)
            if row > max_row:
                max_row = row
        for letters in letters_seen:
            col = column_index(letters.decode()) + 1 if letters else 0
            max_col = max(max_col, col)
        starts = len(_CELL_START.findall(body))
        with_ref = len(_CELL_WITH_REF.findall(body))
        if starts != with_ref:
            # Cells without a reference take the next column of their row: count per row.
            pieces = _ROW_START.split(body)
            cells_in_row += pieces[0].count(b"<c") if pieces else 0
            for piece in pieces[1:]:
                widest_unreferenced = max(widest_unreferenced, cells_in_row)
                cells_in_row = piece.count(b"<c")
                rows_seen += 1
            widest_unreferenced = max(widest_unreferenced, cells_in_row)
        else:
            rows_seen += len(_ROW_START.findall(body))
    return max(max_row, rows_seen), max(max_col, 0) + widest_unreferenced


def check_extent(name: str, sheet: str, rows: int, cols: int) -> None:
    """Refuse a sheet whose used area passes MAX_ROWS, MAX_COLUMNS or MAX_CELLS."""
    where = f'{name}: sheet "{sheet}"' if sheet else name
    if rows > limits.MAX_ROWS:
        raise UserError(
            f"{where} reaches row {rows:,}; QBR Studio reads at most {limits.MAX_ROWS:,} rows "
            "per sheet (MAX_ROWS); delete unused rows or split the data"
        )
    if cols > limits.MAX_COLUMNS:
        raise UserError(
            f"{where} reaches column {column_letter(cols - 1)} ({cols:,} columns); QBR Studio "
            f"reads at most {limits.MAX_COLUMNS:,} columns (MAX_COLUMNS)"
        )
    if rows * cols > limits.MAX_CELLS:
        raise UserError(
            f"{where} spans {rows:,} rows × {cols:,} columns = {rows * cols:,} cells; QBR Studio "
            f"reads at most {limits.MAX_CELLS:,} cells per sheet (MAX_CELLS); delete unused "
            "columns or split the data"
        )


def column_index(letters: str) -> int:
    """``"A"`` → 0, ``"AA"`` → 26 (capped so a 50-letter reference can't build a huge int)."""
    index = 0
    for ch in letters[:8]:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def column_letter(index: int) -> str:
    """0 → ``"A"``, 26 → ``"AA"``."""
    letters = ""
    index += 1
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ------------------------------------------------------------------------------ ODS

_ODS_ELEMENT = re.compile(
    rb"<table:table(?=[\s>/])[^<>]{0,4000}?(/?)>|</table:table>"
    rb"|<table:table-row(?=[\s>/])([^<>]{0,4000}?)(/?)>|</table:table-row>"
    rb"|<table:(?:covered-)?table-cell(?=[\s>/])([^<>]{0,4000}?)(/?)>"
)


@dataclass
class _OdsWalk:
    """Where the walk through an ODS content.xml is: table, row and column counters."""

    table: str = ""
    rows: int = 0
    cols: int = 0
    row_at: int = 0
    row_repeat: int = 1
    col_at: int = 0
    row_last_col: int = 0


def _check_ods_content(name: str, fh, info: zipfile.ZipInfo) -> None:
    """Measure each table's used area the way calamine materializes repeated rows/cells.

    Streams content.xml piece by piece (an element cut by a piece boundary is carried to the
    next piece); a cell counts as used when it has a value or content, an empty self-closing
    cell only moves the column on.
    """
    walk = _OdsWalk()
    carry = b""
    for chunk in _inflate(name, fh, info):
        data = carry + chunk
        cut = data.rfind(b"<")
        body, carry = (data[:cut], data[cut:]) if cut >= 0 else (data, b"")
        if len(carry) > 8192:  # no element is that long; don't let a carry grow
            body, carry = data, b""
        for m in _ODS_ELEMENT.finditer(body):
            _ods_step(name, walk, m)


def _ods_step(name: str, walk: _OdsWalk, m: re.Match[bytes]) -> None:
    text = m.group(0)
    if text.startswith((b"<table:table ", b"<table:table>")):
        found = re.search(rb'table:name="([^"]*)"', text)
        walk.table = found.group(1).decode("utf-8", "replace") if found else ""
        walk.rows = walk.cols = walk.row_at = 0
    elif text == b"</table:table>":
        check_extent(name, walk.table, walk.rows, walk.cols)
    elif text.startswith(b"<table:table-row"):
        walk.row_repeat = _repeat(m.group(2), b"rows")
        walk.col_at = walk.row_last_col = 0
        if m.group(3):
            walk.row_at += walk.row_repeat
    elif text == b"</table:table-row>":
        if walk.row_last_col:
            walk.rows = walk.row_at + walk.row_repeat
            walk.cols = max(walk.cols, walk.row_last_col)
            if walk.rows > limits.MAX_ROWS or walk.rows * walk.cols > limits.MAX_CELLS:
                check_extent(name, walk.table, walk.rows, walk.cols)
        walk.row_at += walk.row_repeat
    else:
        walk.col_at += _repeat(m.group(4), b"columns")
        if not m.group(5) or b"value-type" in (m.group(4) or b""):
            walk.row_last_col = walk.col_at
            if walk.col_at > limits.MAX_COLUMNS:
                check_extent(name, walk.table, walk.row_at + 1, walk.col_at)


def _repeat(attrs: bytes | None, what: bytes) -> int:
    if not attrs:
        return 1
    found = re.search(b"number-" + what + rb'-repeated="(\d{1,9})"', attrs)
    return int(found.group(1)) if found else 1


# ----------------------------------------------------------- formulas and error cells

_FORMULA_NO_VALUE = re.compile(
    rb"""<(?:\w{1,20}:)?c\s[^<>]{0,400}?\br=["']([A-Z]{1,3}\d{1,7})["'][^<>]{0,400}>\s*"""
    rb"""<(?:\w{1,20}:)?f\b[^<>]{0,400}?(?:/>|>[^<]{0,9000}</(?:\w{1,20}:)?f>)\s*"""
    rb"""(?:<(?:\w{1,20}:)?v\s*/>|<(?:\w{1,20}:)?v>\s*</(?:\w{1,20}:)?v>)?\s*</(?:\w{1,20}:)?c>"""
)
_ERROR_CELL = re.compile(
    rb"""<(?:\w{1,20}:)?c\s[^<>]{0,400}?\br=["']([A-Z]{1,3}\d{1,7})["'][^<>]{0,400}?"""
    rb"""\bt=["']e["'][^<>]{0,400}>(?:<(?:\w{1,20}:)?f\b[^<>]{0,400}?"""
    rb"""(?:/>|>[^<]{0,9000}</(?:\w{1,20}:)?f>))?\s*<(?:\w{1,20}:)?v>([^<]{0,100})</"""
)


def blank_cell_causes(path: Path, part: str) -> tuple[list[str], dict[str, str]]:
    """Cells python-calamine reads as blank although they are not, in one .xlsx worksheet.

    Returns the references of formulas saved without a result (the file was written by a
    program that doesn't calculate) and a map reference → Excel error text (``#DIV/0!``…),
    which calamine also turns into blanks. Only called when a table has blank cells.
    """
    no_value: list[str] = []
    errors: dict[str, str] = {}
    with zipfile.ZipFile(path) as zf, path.open("rb") as fh:
        info = zf.getinfo(part)
        carry = b""
        for chunk in _inflate(path.name, fh, info):
            data = carry + chunk
            cut = data.rfind(b"<c")
            body, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            if b"<f" in body or b":f" in body:
                no_value.extend(r.decode() for r in _FORMULA_NO_VALUE.findall(body))
            if b'"e"' in body or b"'e'" in body:
                for ref, text in _ERROR_CELL.findall(body):
                    errors[ref.decode()] = text.decode("utf-8", "replace")
        if carry:
            no_value.extend(r.decode() for r in _FORMULA_NO_VALUE.findall(carry))
    return no_value, errors
