"""Zip containers (workbooks, templates, reviews) checked from their directory before inflating.

:func:`check_zip` reads only the central directory: the number of members, each member's
declared uncompressed size and compression ratio, the total, encryption flags and compression
methods. :func:`read_member` then inflates one member with a hard cap, so a member whose header
lies about its size is caught too. Member names that would escape a folder (``../``, absolute
paths, drive letters, backslashes) or that claim to be symbolic links are reported, never used
as paths: nothing in the project extracts a zip to disk.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field

from qbr_studio.errors import UserError
from qbr_studio.safeio.limits import ZIP_KINDS, ZipLimits, mb

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class ZipScan:
    """What the directory said: the members, their total size, and the unsafe names found."""

    infos: list[zipfile.ZipInfo]
    total: int
    unsafe_names: list[str] = field(default_factory=list)


def open_zip(data: bytes, name: str, what: str) -> zipfile.ZipFile:
    """A ZipFile over ``data``; UserError naming ``name`` if it is not a zip at all."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise UserError(
            f"{name}: the {what} is damaged or incomplete (its zip directory is missing; "
            "was the download or copy cut short?)"
        ) from None


def check_zip(
    archive: zipfile.ZipFile, name: str, kind: str | ZipLimits, what: str = "file"
) -> ZipScan:
    """Refuse (UserError naming ``name`` and the limit) a zip that breaks the limits of
    ``kind`` (a key of :data:`ZIP_KINDS`, or the limits themselves); ``what`` names the
    container in messages (``"workbook"``)."""
    lim = ZIP_KINDS[kind] if isinstance(kind, str) else kind
    infos = archive.infolist()
    if len(infos) > lim.max_members:
        raise UserError(
            f"{name}: the {what} holds {len(infos):,} parts, above the {lim.max_members:,} "
            "limit (MAX_ZIP_ENTRIES)"
        )
    total = 0
    unsafe: list[str] = []
    for info in infos:
        if info.flag_bits & 0x1:
            raise UserError(
                f"{name}: the {what} is password-protected (encrypted); remove the password "
                "and save a copy to use it"
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UserError(
                f"{name}: uses a zip compression Office programs don't write "
                f"({info.compress_type}); open it and save it again"
            )
        total += info.file_size
        if total > lim.max_total:
            declared = sum(i.file_size for i in infos)
            raise UserError(
                f"{name}: the {what} expands to {mb(declared)}, above the {mb(lim.max_total)} "
                "limit (MAX_UNCOMPRESSED_BYTES)"
            )
        if info.file_size > lim.max_member:
            raise UserError(
                f"{name}: part {_shown(info.filename)} would unpack to "
                f"{mb(info.file_size)}, above the {mb(lim.max_member)} limit for one part "
                "(MAX_MEMBER_BYTES)"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if lim.max_ratio is not None and info.file_size > lim.ratio_floor and ratio > lim.max_ratio:
            raise UserError(
                f"{name}: part {_shown(info.filename)} expands {ratio:,.0f}× "
                f"(limit {lim.max_ratio:g}×, MAX_COMPRESSION_RATIO); "
                f"this looks like a zip bomb, not a {what}"
            )
        if not is_safe_member_name(info.filename) or is_symlink(info):
            unsafe.append(info.filename)
    return ZipScan(infos=infos, total=total, unsafe_names=unsafe)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """A member's bytes, inflating at most ``limit + 1`` bytes; UserError past ``limit``
    (its header lied) or for a damaged member."""
    if info.file_size > limit:
        raise _too_large(name, info.filename, limit)
    try:
        with archive.open(info) as entry:
            data = entry.read(limit + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ):
        raise UserError(
            f"{name}: the file is damaged (part {_shown(info.filename)} can't be unpacked)"
        ) from None
    if len(data) > limit:
        raise _too_large(name, info.filename, limit)
    return data


def _too_large(name: str, member: str, limit: int) -> UserError:
    return UserError(
        f"{name}: part {_shown(member)} unpacks to more than {mb(limit)}; "
        "this looks like a zip bomb"
    )


def is_safe_member_name(member: str) -> bool:
    """Whether a member name stays inside the archive's own folder when read as a path."""
    if not member or "\x00" in member or "\\" in member or member.startswith("/"):
        return False
    if _DRIVE.match(member):
        return False
    return ".." not in member.split("/")


def is_symlink(info: zipfile.ZipInfo) -> bool:
    """Whether the member's Unix mode (as Info-ZIP stores it) says symbolic link."""
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _shown(member: str) -> str:
    text = member.encode("unicode_escape").decode("ascii")
    return text if len(text) <= 80 else text[:77] + "…"
