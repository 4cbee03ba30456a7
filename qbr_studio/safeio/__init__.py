"""The one guarded reader: every file the app reads from a user comes through here.

Regular files only (no FIFOs, devices or folders; symlinks resolved, then checked), a size
limit per kind of file, zip containers checked from their directory before inflating, JSON
with depth and size limits, XML without entities, and PowerPoint templates reduced to an
allow-list of parts. The limits live in :mod:`qbr_studio.safeio.limits`; docs/security.md
explains them. Nothing here imports the rest of the project except :mod:`qbr_studio.errors`.
"""

from __future__ import annotations

from pathlib import Path

from qbr_studio.safeio.files import (
    FileStamp,
    GuardedReadError,
    file_stamp,
    read_bytes,
    read_bytes_stamped,
)
from qbr_studio.safeio.jsondoc import check_depth, parse_json, read_json
from qbr_studio.safeio.limits import FILE_KINDS, MAX_JSON_DEPTH, ZIP_KINDS, ZipLimits
from qbr_studio.safeio.sanitise import Sanitised, sanitise_template
from qbr_studio.safeio.xmldoc import parse_lxml, parse_xml
from qbr_studio.safeio.zips import ZipScan, check_zip, is_safe_member_name, open_zip, read_member

__all__ = [
    "FILE_KINDS",
    "MAX_JSON_DEPTH",
    "ZIP_KINDS",
    "FileStamp",
    "GuardedReadError",
    "Sanitised",
    "ZipLimits",
    "ZipScan",
    "check_depth",
    "check_file",
    "check_zip",
    "file_stamp",
    "is_safe_member_name",
    "open_zip",
    "parse_json",
    "parse_lxml",
    "parse_xml",
    "read_bytes",
    "read_bytes_stamped",
    "read_json",
    "read_member",
    "sanitise_template",
]


def check_file(path: Path, kind: str) -> bytes:
    """Read ``path`` through the guard and check its container as its kind requires (a
    template's zip directory, a mapping's JSON); the bytes, or UserError naming the file."""
    data = read_bytes(path, kind)
    if kind == "template":
        with open_zip(data, Path(path).name, "template") as archive:
            check_zip(archive, Path(path).name, "template", "template")
    elif kind == "mapping":
        parse_json(data, Path(path).name)
    return data
