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
  two cells far apart (A1 and XFD1048576) would exhaust memory. A fast check (one regular
  expression per inflated piece) vouches for sheets whose every cell tag is written plainly
  inside A1:Z199999 or A1:RZ9999; any other sheet gets an exact walk that places every cell the
  way calamine does, however its tags are written (see "worksheet extents" below).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import NoReturn
from xml.etree import ElementTree

from qbr_studio.errors import UserError
from qbr_studio.ingest import limits
from qbr_studio.safeio import ZipLimits, check_zip, open_zip, parse_xml, read_bytes, read_member
from qbr_studio.safeio.limits import MAX_XML_BYTES
from qbr_studio.sheet_refs import column_letter

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
WORKBOOK_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".xltx", ".xltm"}
_CHUNK_IN = 1 << 17
_CHUNK_OUT = 1 << 22


@dataclass
class Preflight:
    """What a file turned out to be.

    ``fmt`` is ``"xlsx"`` (also .xlsm), ``"ods"``, ``"xls"`` or ``"csv"`` (any delimited text);
    ``sheet_parts`` maps an .xlsx sheet name to its XML part, for the lazy formula check;
    ``notes`` are things worth telling the user (an .xls file named .xlsx…); ``data`` the
    file's bytes, read once.
    """

    fmt: str
    sheet_parts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    data: bytes = field(default=b"", repr=False)
    """The file's bytes as checked: what the readers parse."""


def check_file(path: Path) -> Preflight:
    """Refuse (UserError) anything that is not a readable, reasonably sized spreadsheet.

    The file is read once, through the guarded reader; every check here and every parse
    after it looks at those bytes (``Preflight.data``), so a file swapped mid-import can't
    slip a different content past the checks.
    """
    name = path.name
    data = read_bytes(path, "spreadsheet", max_bytes=limits.MAX_FILE_BYTES)
    if not data:
        raise UserError(f"{name}: the file is empty")
    head = data[:4096]
    ext = path.suffix.lower()
    if head.startswith(ZIP_MAGICS):
        pre = _check_zip(name, data)
    elif head.startswith(CFB_MAGIC):
        pre = _check_cfb(path, data, ext)
    elif _looks_like_text(head):
        pre = _check_text(path, head, ext)
    else:
        raise UserError(
            f"{name}: is not a spreadsheet QBR Studio can read "
            "(expected .xlsx, .xlsm, .xls, .ods, .csv or .tsv)"
        )
    pre.data = data
    return pre


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


def _check_cfb(path: Path, data: bytes, ext: str) -> Preflight:
    names = _cfb_root_names(path, data)
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
    start = (first_dir + 1) * sector
    data = head[start : start + sector]
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


def _check_zip(name: str, data: bytes) -> Preflight:
    zf = open_zip(data, name, "workbook")
    with zf:
        infos = check_zip(zf, name, _zip_limits(), "workbook").infos
        names = {i.filename for i in infos}
        if "content.xml" in names and "xl/workbook.xml" not in names:
            fmt = "ods"
        elif "xl/workbook.xml" in names:
            fmt = "xlsx"
        elif "word/document.xml" in names or "ppt/presentation.xml" in names:
            raise UserError(f"{name}: is a Word or PowerPoint file, not a spreadsheet")
        else:
            raise UserError(f"{name}: is a zip archive, not a spreadsheet")
        sheet_parts = _sheet_parts(name, zf) if fmt == "xlsx" else {}
        part_to_sheet = {part: sheet for sheet, part in sheet_parts.items()}
        fh = io.BytesIO(data)
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")) or info.is_dir():
                continue
            sheet = part_to_sheet.get(info.filename)
            if fmt == "ods" and info.filename == "content.xml":
                _check_ods_content(name, fh, info)
            elif sheet is not None:
                _check_worksheet(name, sheet, fh, info)
            elif fmt == "xlsx" and info.filename.lower().endswith("sharedstrings.xml"):
                _check_shared_strings(name, fh, info)
            else:
                for _ in _inflate(name, fh, info):
                    pass
    return Preflight(fmt, sheet_parts=sheet_parts)


def _zip_limits() -> ZipLimits:
    """The workbook limits, read when used (so a test can lower one in ``limits``)."""
    return ZipLimits(
        max_members=limits.MAX_ZIP_ENTRIES,
        max_total=limits.MAX_UNCOMPRESSED_BYTES,
        max_member=limits.MAX_UNCOMPRESSED_BYTES,
        max_ratio=limits.MAX_COMPRESSION_RATIO,
    )


_SST_TAG = re.compile(rb"<(?:\w{1,20}:)?sst\b[^>]{0,4000}>")
_SST_ATTR = re.compile(rb"""\b(count|uniqueCount)\s*=\s*["']\s*(\d{1,30})\s*["']""")
_MIN_SI_BYTES = 5
"""The shortest a shared string can be written: ``<si/>``."""


def _check_shared_strings(name: str, fh, info: zipfile.ZipInfo) -> None:
    """Refuse a shared-strings part whose declared counts its size can't hold.

    python-calamine reserves memory for as many strings as the part's ``count`` /
    ``uniqueCount`` say before reading one: ``uniqueCount="4294967295"`` asks for about
    100 GB and aborts the process. Each string takes at least :data:`_MIN_SI_BYTES` bytes of
    the part, so a count above its size ÷ 5 is a lie.
    """
    bound = info.file_size // _MIN_SI_BYTES + 1
    first = True
    for chunk in _inflate(name, fh, info):
        if not first:
            continue
        first = False
        tag = _SST_TAG.search(chunk, 0, 65536)
        for attr, digits in _SST_ATTR.findall(tag.group(0) if tag else b""):
            declared = int(digits)
            if declared > bound:
                raise UserError(
                    f"{name}: part {info.filename} declares {declared:,} shared strings "
                    f"({attr.decode()}) but its {info.file_size:,} bytes can hold at most "
                    f"{bound:,}; the file is damaged or made to exhaust memory"
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


def _sheet_parts(name: str, zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part, from xl/workbook.xml and its relationships."""
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
    if info.file_size > MAX_XML_BYTES:
        raise UserError(f"{name}: part {part} is implausibly large ({limits.mb(info.file_size)})")
    data = read_member(zf, info, MAX_XML_BYTES, name)
    _refuse_doctype(name, part, data[:4096])
    return parse_xml(data, name, part)


# ------------------------------------------------------------------ worksheet extents
#
# python-calamine reads a worksheet's cells into a list, then allocates rows × columns for the
# rectangle they span: two cells far apart (A1 and XFD1048576) would ask for hundreds of GB, and
# a failed allocation aborts the process (no exception to catch). Where calamine puts a cell, as
# measured on the version QBR Studio ships with (tests/test_ingest_hostile.py keeps the cases):
#
# - a cell is any start tag whose local name is ``c``, with any namespace prefix, self-closing
#   or not; a row is any start tag whose local name is ``row``;
# - a cell's ``r`` attribute gives its position: letters in either case, then digits, in either
#   quote, with whitespace allowed around ``=`` and before the attribute; when ``r`` is repeated
#   the last one counts; long column letters and long row numbers wrap around;
# - a cell without ``r`` takes the current row and the column after the previous cell; a row's
#   ``r`` sets the current row, a row without one is the row after the previous one.
#
# The fast check is one regular expression per inflated piece that only matches a cell start
# tag *not* written the way spreadsheet programs write it: ``r`` first and only, inside
# A1:Z199999 (26 × 199,999 cells is below MAX_CELLS), then plain attributes none of which is
# named ``r``; a sheet it flags is checked once more against A1:RZ9999 (wide exports). A sheet
# flagged by both gets the exact walk, which models the rules above. The dimension element is
# never trusted: calamine ignores it, so it says nothing about what calamine will allocate.
#
# Checking each tag to its end costs about a third of the fast check; checking only the first
# attribute would let a second r (``<c r="A1" r="XFD1048576">``, which calamine obeys) through.

_ROOT_PREFIX = re.compile(rb"<(\w+:)?worksheet[\s>]")

_FAST_BOUNDS = (
    (199_999, 26, rb'[A-Z](?:1\d{5}|\d{1,5})"'),
    (9_999, 494, rb'[A-R]?[A-Z]\d{1,4}"'),
)
"""(rows, columns, reference and its closing quote) of the areas the fast check can vouch for:
up to Z199999 (long exports), else up to RZ9999 (wide ones); each is below MAX_CELLS."""

_PLAIN_TAIL = (
    rb'(?: t="\w++">| s="\d++" t="\w++">|>| s="\d++">|/>| t="\w++"/>| s="\d++"/>'
    rb'| s="\d++" t="\w++"/>|(?: [a-qs-z]\w*+="[^"<>]*+")++/?>)'
)
"""The rest of a well-written cell start tag. The shapes writers use most come first and decide
nearly every cell at once; the last one takes any attributes whose names don't start with
``r``, each after one space and in double quotes without ``<`` or ``>``, so a second ``r``
hidden after the first can't pass."""

_CARRY = 1024
"""Bytes of a piece's last tag carried over to be checked with the start of the next piece."""

_SEAM = 256
"""Bytes of the next piece read with that carry (a well-written cell tag is far shorter)."""

_MAX_TAG = 1 << 16
"""A cell or row start tag longer than this is refused (no program writes one; following it
across pieces would copy it over and over)."""

_OPENING = 300
"""Longest start of a row or cell tag before its name ends (``<`` + a prefix + ``row``)."""

_FAR = 1 << 40
"""Stands for a column or row number too long to read: past every limit."""


@dataclass(frozen=True)
class _Flags:
    """The patterns that flag a cell tag for the exact walk, for one root prefix.

    ``main`` is the fast check for cells with the root element's prefix; each ``(guard, rx)``
    of ``extra`` finds cell tags with another prefix (or none), searched only when the piece
    contains ``guard`` (None: always).
    """

    main: re.Pattern[bytes]
    extra: tuple[tuple[bytes | None, re.Pattern[bytes]], ...]

    def find(self, data: bytes, end: int) -> bool:
        if self.main.search(data, 0, end):
            return True
        return any(
            (guard is None or guard in data) and rx.search(data, 0, end) for guard, rx in self.extra
        )


@cache
def _flags(prefix: bytes, good_ref: bytes) -> _Flags:
    main = re.compile(
        b"<" + re.escape(prefix) + rb'c(?! r="' + good_ref + _PLAIN_TAIL + rb")[\s/>]"
    )
    if not prefix:
        return _Flags(main, ((b":", re.compile(rb":c[\s/>]")),))
    own = re.escape(prefix[:-1])
    other = re.compile(rb"(?<!<" + own + rb")(?<!</" + own + rb"):c[\s/>]")
    return _Flags(main, ((b":", other), (None, re.compile(rb"<c[\s/>]"))))


def _check_worksheet(name: str, sheet: str, fh, info: zipfile.ZipInfo) -> None:
    """Refuse a worksheet whose cells would make calamine allocate past the limits."""
    for rows, cols, good_ref in _FAST_BOUNDS:
        within = rows <= limits.MAX_ROWS and cols <= limits.MAX_COLUMNS
        if within and rows * cols <= limits.MAX_CELLS and _fits(name, fh, info, good_ref):
            return
    _exact_extent(name, sheet, fh, info)


def _fits(name: str, fh, info: zipfile.ZipInfo, good_ref: bytes) -> bool:
    """Whether every cell tag of the sheet is well written with a reference ``good_ref`` takes."""
    flags: _Flags | None = None
    carry = b""
    for chunk in _inflate(name, fh, info):
        if flags is None:
            root = _ROOT_PREFIX.search(chunk)
            flags = _flags(root.group(1) or b"" if root else b"", good_ref)
        cut = chunk.rfind(b"<")
        # A tag cut by the piece boundary is checked whole in the seam: the end of the last
        # piece and the start of this one (a tag longer than the seam is flagged, never missed).
        seam = carry + chunk[:_SEAM]
        seam_end = seam.rfind(b"<")
        if flags.find(seam, seam_end if seam_end > 0 else len(seam)) or (
            cut > 0 and flags.find(chunk, cut)
        ):
            return False
        carry = chunk[cut : cut + _CARRY] if cut >= 0 else carry
    return True


_TAG_REST = (
    rb"(row|(?<!/)c)(?=[\s/>])(?:\s+r=\"([A-Za-z]{0,3})0*(\d{1,9})\"(?=[\s/>]))?"
    rb"((?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+)(>?)"
)
_SHEET_TAG = re.compile(rb"<(/?)(?:[^\s/<>:\"'=]{1,256}:)?" + _TAG_REST)
"""A row or cell tag (start, self-closing, or a row's end) with any prefix, read as the XML
reader does (a ``>`` inside a quoted value doesn't end the tag). Groups: ``/`` of an end tag;
``row`` or ``c``; the letters and digits of a plain first ``r`` (the usual case, read without
a second pattern); the other attributes; ``>``, empty when the tag doesn't end in the text
given (cut by the end of a piece, or malformed)."""

_PLAIN_SHEET_TAG = re.compile(rb"<(/?)" + _TAG_REST)
""":data:`_SHEET_TAG` without prefixes: much quicker, used for pieces that have none."""

_PREFIXED = re.compile(rb"<[^\s/<>:\"'=]{1,256}:(?:row|c)[\s/>]|</[^\s/<>:\"'=]{1,256}:row\b")

_R_ATTR = re.compile(rb"""r(?<=[\s"']r)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF_VALUE = re.compile(rb"([A-Za-z]*)0*(\d+)")

_Tag = tuple[bytes, bytes, bytes, bytes, bytes, bytes]


@dataclass
class _SheetWalk:
    """Where calamine's reader is (0-based current row and next column) and the extent so far
    (1-based: the largest row and column any cell lands on)."""

    row: int = 0
    col: int = 0
    rows: int = 0
    cols: int = 0
    columns: dict[bytes, int] = field(default_factory=dict)
    """Column letters → 0-based index, computed once each."""

    def tags(self, tags: list[_Tag]) -> None:
        columns = self.columns
        for closing, kind, letters, digits, rest, _end in tags:
            if kind != b"c":
                self._row_tag(closing, digits, rest)
                continue
            if closing:
                continue
            if letters and (b"r" not in rest or not _R_ATTR.search(rest)):  # nearly every cell
                col = columns.get(letters)
                if col is None:
                    col = columns[letters] = _column(letters)
                row = int(digits) - 1
                if row < 0:
                    continue  # row 0: calamine refuses the whole sheet
            else:
                row, col = self._place(letters + digits, rest)
            self.col = col + 1
            if row >= self.rows:
                self.rows = row + 1
            if col >= self.cols:
                self.cols = col + 1

    def _row_tag(self, closing: bytes, digits: bytes, rest: bytes) -> None:
        if not closing:
            values = ([digits] if digits else []) + _r_values(rest)
            numbers = [
                int(v) if len(v.lstrip(b"0")) <= 16 else _FAR
                for v in values
                if v.isdigit() and v.strip(b"0")
            ]
            if numbers:  # calamine reads the first r; the largest is a safe bound
                self.row = min(max(numbers), _FAR) - 1
            if not rest.endswith(b"/"):  # <row r="5"/> ends at once
                return
        self.row, self.col = self.row + 1, 0

    def _place(self, first: bytes, rest: bytes) -> tuple[int, int]:
        """(row, column) of a cell whose ``r`` is unusual, repeated or missing."""
        found = None
        # calamine takes the last r when there are several; the largest of each is a safe bound
        for value in ([first] if first else []) + _r_values(rest):
            m = _REF_VALUE.fullmatch(value)
            if m is None or not m.group(1) or not m.group(2).strip(b"0"):
                continue  # calamine can't read this reference and refuses the whole sheet
            letters, digits = m.groups()
            place = (int(digits) - 1 if len(digits) <= 16 else _FAR, _column(letters))
            found = place if found is None else (max(found[0], place[0]), max(found[1], place[1]))
        return found if found is not None else (self.row, self.col)


def _column(letters: bytes) -> int:
    """0-based column of letters in either case; past three calamine's arithmetic wraps."""
    return column_index(letters.upper().decode()) if len(letters) <= 3 else _FAR


def _r_values(attrs: bytes) -> list[bytes]:
    return [double or single for double, single in _R_ATTR.findall(attrs)]


def _exact_extent(name: str, sheet: str, fh, info: zipfile.ZipInfo) -> None:
    """Walk every row and cell tag the way calamine does; refuse as soon as a limit is passed."""
    walk = _SheetWalk()
    carry = b""
    for chunk in _inflate(name, fh, info):
        carry = _walk_piece(name, sheet, walk, carry + chunk if carry else chunk)
        check_extent(name, sheet, walk.rows, walk.cols)
    if _SHEET_TAG.match(carry):
        _refuse_tag(name, sheet)  # the sheet ends inside a cell or row tag


def _walk_piece(name: str, sheet: str, walk: _SheetWalk, data: bytes) -> bytes:
    """Feed the row and cell tags of ``data`` to ``walk``; return the tail to read again with
    the next piece (a tag, or the start of one, cut by the end of this piece)."""
    cut = data.rfind(b"<")
    if cut < 0:
        return b""
    if b":" in data and _PREFIXED.search(data):
        return _walk_slowly(name, sheet, walk, data)
    tags = _PLAIN_SHEET_TAG.findall(data, 0, cut)
    if any(not t[5] for t in tags):  # a tag with "<" in a value, or malformed: go slowly
        return _walk_slowly(name, sheet, walk, data)
    walk.tags(tags)
    tail = data[cut:]
    last = _SHEET_TAG.match(tail)
    if last is None:  # not a row or cell tag, or one whose name goes on in the next piece
        return tail if len(tail) < _OPENING else b""
    if last.group(6):
        walk.tags([last.groups(b"")])
        return b""
    if len(tail) > _MAX_TAG:
        _refuse_tag(name, sheet)
    return tail


def _walk_slowly(name: str, sheet: str, walk: _SheetWalk, data: bytes) -> bytes:
    matches = list(_SHEET_TAG.finditer(data))
    for i, m in enumerate(matches):
        if not m.group(6):
            if i < len(matches) - 1:  # a tag the XML reader can't end either: don't guess
                _refuse_tag(name, sheet)
            if len(data) - m.start() > _MAX_TAG:
                _refuse_tag(name, sheet)
            return data[m.start() :]
        walk.tags([m.groups(b"")])
    last = data.rfind(b"<")
    if last >= (matches[-1].end() if matches else 0) and len(data) - last < _OPENING:
        return data[last:]
    return b""


def _refuse_tag(name: str, sheet: str) -> NoReturn:
    raise UserError(
        f'{name}: sheet "{sheet}" has a cell or row tag that can\'t be read safely (unfinished '
        "or over 64 KB); open the file in Excel and save it again"
    )


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
    data = read_bytes(path, "spreadsheet", max_bytes=limits.MAX_FILE_BYTES)
    with open_zip(data, path.name, "workbook") as zf:
        info = zf.getinfo(part)
        fh = io.BytesIO(data)
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
