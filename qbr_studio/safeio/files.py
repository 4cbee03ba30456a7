"""Reading a user's file: regular files only, bounded in size, read once into memory.

A path may name a FIFO (opening it waits forever), a device (``/dev/zero`` never ends), a
folder, or a symlink to any of these; it may also be swapped for another file between a check
and a read. :func:`read_bytes` resolves the path, refuses anything but a regular file within
its kind's size limit, opens it without blocking, checks the *opened* file again and reads it
once, so every later check and parse looks at the very bytes that were checked.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from qbr_studio.errors import UserError, os_reason
from qbr_studio.safeio.limits import FILE_KINDS, mb

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 20


class GuardedReadError(UserError):
    """A file the guard refused. ``reason`` is the sentence without the file's name, for
    callers that phrase their own message (``Could not open X: <reason>.``)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path.name or path}: {reason}")


@dataclass(frozen=True)
class FileStamp:
    """What identifies a file's content cheaply: device, inode, size and modification time.

    Two equal stamps mean the file was (almost certainly) not replaced or rewritten between
    them; the save path also compares bytes where it matters.
    """

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileStamp:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def file_stamp(path: Path) -> FileStamp | None:
    """The stamp of the file at ``path`` now, or None if there is none (or it can't be seen)."""
    try:
        return FileStamp.of(os.stat(path))
    except OSError:
        return None


def read_bytes(path: Path, kind: str, *, max_bytes: int | None = None) -> bytes:
    """The whole content of ``path``, refused (GuardedReadError) unless it is a regular file
    of at most the size limit of ``kind`` (a key of :data:`FILE_KINDS`; ``max_bytes``
    overrides the number)."""
    data, _ = read_bytes_stamped(path, kind, max_bytes=max_bytes)
    return data


def read_bytes_stamped(
    path: Path, kind: str, *, max_bytes: int | None = None
) -> tuple[bytes, FileStamp]:
    """:func:`read_bytes` and the stamp of the file those bytes came from."""
    spec = FILE_KINDS[kind]
    limit = spec.max_bytes if max_bytes is None else max_bytes
    path = Path(path)
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise GuardedReadError(path, f"file not found ({path})") from None
    except RuntimeError:  # a symlink loop
        raise GuardedReadError(path, "the path is a loop of symbolic links") from None
    except OSError as err:
        raise GuardedReadError(path, _os_reason(err)) from None
    try:
        st = os.stat(real)
    except OSError as err:
        raise GuardedReadError(path, _os_reason(err)) from None
    _require_regular(path, st.st_mode, spec.label)
    _require_size(path, st.st_size, limit, spec.label, spec.limit_name)
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as err:
        raise GuardedReadError(path, _os_reason(err)) from None
    try:
        opened = os.fstat(fd)
        _require_regular(path, opened.st_mode, spec.label)  # swapped after the first look
        _require_size(path, opened.st_size, limit, spec.label, spec.limit_name)
        data = _read_at_most(fd, path, limit, spec.label, spec.limit_name)
    finally:
        os.close(fd)
    return data, FileStamp.of(opened)


def _read_at_most(fd: int, path: Path, limit: int, label: str, limit_name: str) -> bytes:
    pieces: list[bytes] = []
    total = 0
    while True:
        try:
            piece = os.read(fd, min(_CHUNK, limit + 1 - total))
        except BlockingIOError:  # not a regular file after all
            raise GuardedReadError(path, f"is not a regular file, not a {label}") from None
        except OSError as err:
            raise GuardedReadError(path, _os_reason(err)) from None
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        total += len(piece)
        if total > limit:  # the file grew while it was read
            _require_size(path, total, limit, label, limit_name)


def _require_regular(path: Path, mode: int, label: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        what = "a folder"
    elif stat.S_ISFIFO(mode):
        what = "a pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "not a regular file"
    raise GuardedReadError(path, f"is {what}, not a {label}; choose the file itself")


def _require_size(path: Path, size: int, limit: int, label: str, limit_name: str) -> None:
    if size > limit:
        raise GuardedReadError(
            path,
            f"the file is {mb(size)}, above the {mb(limit)} limit for a {label} ({limit_name})",
        )


def _os_reason(err: OSError) -> str:
    return os_reason(err, other="can't be read ({})")
