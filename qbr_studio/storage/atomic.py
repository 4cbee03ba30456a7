"""Atomic file writes: a reader (or a sync service) sees the old file or the new one, never half.

The new content goes to a temporary file in the same folder (so the final rename never crosses
a disk), is flushed and fsynced, then ``os.replace``-d onto the target. If anything fails the
temporary file is removed and an existing target is left exactly as it was. Operating-system
errors become :class:`~qbr_studio.errors.UserError` with one plain sentence naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from qbr_studio.errors import UserError, os_reason

TEMP_SUFFIX = ".tmp"
"""Suffix of the temporary file written beside the target (``.<name>.<random>.tmp``)."""

_umask_lock = threading.Lock()
_umask: int | None = None


def atomic_write(
    path: Path,
    write: Callable[[BinaryIO], None],
    *,
    before_replace: Callable[[], None] | None = None,
    durable: bool = True,
) -> None:
    """Replace ``path`` with what ``write`` puts into the binary stream it is given.

    ``write`` receives an open, empty binary file; it should not close it. Exceptions raised by
    ``write`` propagate unchanged (after the temporary file is removed), except ``OSError``,
    which like every OS error here becomes a ``UserError`` naming ``path``. ``before_replace``
    runs once the new content is safely on disk, just before it replaces ``path``; raising
    there leaves ``path`` untouched. Without ``durable`` the file and its folder are not
    fsynced: still all or nothing while the system runs, but a power cut may leave the old
    content or an empty file; only for a file that is merely a cache, read with care.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        if folder.exists():
            raise UserError(f"Could not save {path}: {folder} is not a folder.")
        raise UserError(f"Could not save {path}: the folder {folder} does not exist.")
    if path.is_dir():
        raise UserError(f"Could not save {path}: there is a folder with that name.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as err:
        raise _user_error(path, err, replacing=False) from err
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        _copy_permissions(path, tmp)
        if before_replace is not None:
            before_replace()
        try:
            os.replace(tmp, path)
        except OSError as err:
            raise _user_error(path, err, replacing=True) from err
    except BaseException as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(err, OSError):
            raise _user_error(path, err, replacing=False) from err
        raise
    if durable:
        _fsync_folder(folder)


def atomic_write_bytes(
    path: Path,
    data: bytes,
    *,
    before_replace: Callable[[], None] | None = None,
    durable: bool = True,
) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`atomic_write`)."""
    atomic_write(
        path, lambda stream: stream.write(data), before_replace=before_replace, durable=durable
    )


def sweep_temporaries(path: Path) -> int:
    """Delete temporary files a killed writer left beside ``path`` (and its backup).

    Only call while holding the file's lock: then no live writer owns them. Returns how many
    were removed. A process killed with kill -9 between writing its temporary file and the
    rename can't clean up; the next save does.
    """
    path = Path(path)
    removed = 0
    for stem in (path.name, path.name + ".bak"):
        for leftover in path.parent.glob(f".{glob.escape(stem)}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed += 1
    return removed


def _user_error(path: Path, err: OSError, *, replacing: bool) -> UserError:
    """One plain sentence for an OS error met while saving ``path``."""
    if isinstance(err, PermissionError) and replacing and err.errno != errno.EROFS:
        reason = "the file is open in another program or is read-only; close it and try again"
    else:
        reason = os_reason(err, path, writing=True)
    return UserError(f"Could not save {path}: {reason}.")


def _copy_permissions(path: Path, tmp: Path) -> None:
    """Give the temp file the mode a normal write would have (mkstemp makes it owner-only)."""
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_current_umask()
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _current_umask() -> int:
    """The process umask, read once. Setting it to 0o077 meanwhile is safe for other threads."""
    global _umask
    with _umask_lock:
        if _umask is None:
            _umask = os.umask(0o077)
            os.umask(_umask)
        return _umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (POSIX); best effort."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
