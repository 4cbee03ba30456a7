"""Conflict copies: when a review changed on disk under the app, neither version is lost.

The app holds a review opened from ``Q4 review.qbr``; another program (a sync client, another
QBR Studio) rewrites that file. Whichever version the user keeps, the other one is written
beside it as a review of its own, e.g. ``Q4 review (changed elsewhere 2026-12-03 14.05).qbr``
or ``Q4 review (my unsaved changes 2026-12-03 14.05).qbr``, which opens like any review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from qbr_studio.errors import UserError
from qbr_studio.model import Review
from qbr_studio.safeio import GuardedReadError, read_bytes_stamped
from qbr_studio.storage.atomic import atomic_write_bytes
from qbr_studio.storage.container import (
    DiskVersion,
    ReviewChangedError,
    changed_message,
    save_review,
)

THEIRS = "changed elsewhere"
"""Label of the copy holding the version another program wrote."""
MINE = "my unsaved changes"
"""Label of the copy holding the app's version, when the user reloads theirs."""


def conflict_copy_path(path: Path, label: str, when: dt.datetime | None = None) -> Path:
    """A free name beside ``path`` for a copy labelled ``label`` at ``when`` (now, local)."""
    path = Path(path)
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d %H.%M")
    base = f"{path.stem} ({label} {stamp})"
    candidate = path.with_name(base + path.suffix)
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{base} {number}{path.suffix}")
        number += 1
    return candidate


def keep_theirs(path: Path, version: DiskVersion, when: dt.datetime | None = None) -> Path:
    """Copy the file at ``path`` beside it as the "changed elsewhere" copy; its path.

    ``version`` is the content the caller is about to replace (from :func:`disk_version`): if
    the file no longer holds exactly that, nothing is copied and ReviewChangedError says so,
    so the copy is always of the very bytes the next save replaces.
    """
    path = Path(path)
    try:
        data, _ = read_bytes_stamped(path, "review")
    except GuardedReadError as err:
        raise UserError(f"Could not keep a copy of {path}: {err.reason}.") from None
    if DiskVersion.of(data, None).digest != version.digest:
        raise ReviewChangedError(changed_message(path))
    target = conflict_copy_path(path, THEIRS, when)
    atomic_write_bytes(target, data)
    return target


def keep_mine(
    path: Path,
    review: Review,
    media: Mapping[str, bytes] | None = None,
    when: dt.datetime | None = None,
) -> Path:
    """Save ``review`` beside ``path`` as the "my unsaved changes" copy; its path."""
    target = conflict_copy_path(path, MINE, when)
    save_review(target, review, media)
    return target


def disk_version(path: Path) -> DiskVersion | None:
    """The version of the review file at ``path`` now, or None if there is no such file.

    Raises UserError (naming the file) if it exists but can't be read."""
    try:
        data, stamp = read_bytes_stamped(Path(path), "review")
    except GuardedReadError as err:
        if "file not found" in err.reason:
            return None
        raise
    return DiskVersion.of(data, stamp)
