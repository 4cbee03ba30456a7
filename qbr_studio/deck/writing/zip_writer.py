"""A deck's zip file written byte for byte as ``zipfile.ZipFile.writestr`` writes it (deflated,
each member stamped with the time it is written), deflating a template's parts only once.

A deck carries its template's masters, layouts, themes, pictures and fonts unchanged, build
after build; deflating them again is a fifth or more of writing the zip (and much more for a
template with large pictures). :func:`write_zip` takes the deflated bytes of a member it is told
is the template's from :class:`DeflatedParts`, which keeps them by the member's exact bytes, so
a part that did change is simply deflated anew. Anything this writer does not mirror exactly
(a stream that cannot seek, a member or an archive past the zip64 limits) goes through
``zipfile`` itself. ``tests/test_deck_zip_writer.py`` compares the two byte for byte.
"""

from __future__ import annotations

import struct
import threading
import time
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Collection, Iterable
from typing import BinaryIO

_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_ZIP64_LIMIT = (1 << 31) - 1
_MAX_MEMBERS = (1 << 16) - 1
_UTF8_NAME = 0x800
_PERMISSIONS = 0o600 << 16
"""What ``writestr`` gives a member named by a string: ``?rw-------``."""


class DeflatedParts:
    """Deflated bytes and CRC of members' contents, kept by the exact bytes, least recently
    used first out once they hold more than ``budget`` bytes (contents and deflated). Safe to
    share between threads (the app builds decks on a worker thread)."""

    def __init__(self, budget: int = 64 << 20) -> None:
        self._budget = budget
        self._held = 0
        self._kept: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, data: bytes) -> tuple[int, bytes]:
        with self._lock:
            found = self._kept.get(data)
            if found is not None:
                self._kept.move_to_end(data)
                return found
        found = zlib.crc32(data), deflate(data)
        size = len(data) + len(found[1])
        with self._lock:
            if size <= self._budget and data not in self._kept:
                self._kept[data] = found
                self._held += size
                while self._held > self._budget:
                    old, (_, packed) = self._kept.popitem(last=False)
                    self._held -= len(old) + len(packed)
        return found


TEMPLATE_PARTS = DeflatedParts()
"""The template parts of the decks this process wrote."""


def deflate(data: bytes) -> bytes:
    """``data`` deflated as ``zipfile`` deflates a member (default level, raw stream)."""
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def write_zip(
    out: BinaryIO,
    members: Iterable[tuple[str, bytes]],
    kept: Collection[str] = (),
    parts: DeflatedParts = TEMPLATE_PARTS,
) -> None:
    """``members`` (name, bytes) deflated into ``out`` in order; the members named in
    ``kept`` take their deflated bytes from ``parts``."""
    members = list(members)
    start = out.tell() if out.seekable() else None
    if start is None or not _plain(members, start):
        _with_zipfile(out, members)
        return
    chunks: list[bytes] = []
    infos: list[zipfile.ZipInfo] = []
    offset = start
    for name, data in members:
        info = zipfile.ZipInfo(name, time.localtime(time.time())[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = _PERMISSIONS
        info.file_size = len(data)
        info.CRC, packed = parts.get(data) if name in kept else (zlib.crc32(data), deflate(data))
        info.compress_size = len(packed)
        info.header_offset = offset
        header = info.FileHeader(False)
        chunks += (header, packed)
        offset += len(header) + len(packed)
        infos.append(info)
    if offset > _ZIP64_LIMIT:
        _with_zipfile(out, members)
        return
    directory = b"".join(_central(info) for info in infos)
    end = _END.pack(b"PK\005\006", 0, 0, len(infos), len(infos), len(directory), offset, 0)
    out.writelines(chunks)  # no joined copy of the whole deck: a big template's pictures
    out.write(directory + end)


def _plain(members: list[tuple[str, bytes]], start: int) -> bool:
    """Whether ``zipfile`` would write these members without zip64 records."""
    if len(members) > _MAX_MEMBERS or start > _ZIP64_LIMIT:
        return False
    return all(len(data) * 1.05 <= _ZIP64_LIMIT for _, data in members)


def _central(info: zipfile.ZipInfo) -> bytes:
    """The member's central directory record, as ``ZipFile._write_end_record`` packs it."""
    dt = info.date_time
    dosdate = (dt[0] - 1980) << 9 | dt[1] << 5 | dt[2]
    dostime = dt[3] << 11 | dt[4] << 5 | (dt[5] // 2)
    try:
        name, flags = info.filename.encode("ascii"), 0
    except UnicodeEncodeError:
        name, flags = info.filename.encode("utf-8"), _UTF8_NAME
    record = _CENTRAL.pack(
        b"PK\001\002",
        info.create_version,
        info.create_system,
        info.extract_version,
        info.reserved,
        flags,
        info.compress_type,
        dostime,
        dosdate,
        info.CRC,
        info.compress_size,
        info.file_size,
        len(name),
        0,
        0,
        0,
        info.internal_attr,
        info.external_attr,
        info.header_offset,
    )
    return record + name


def _with_zipfile(out: BinaryIO, members: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, strict_timestamps=False) as z:
        for name, data in members:
            z.writestr(name, data)
