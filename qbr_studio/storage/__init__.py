"""The .qbr review file: zip container, schema migrations, atomic save, crash recovery.

Typical use::

    from qbr_studio.storage import load_review, save_review

    loaded = load_review(path)          # ReviewFile(review, media, migrated_from)
    save_review(path, loaded.review, loaded.media)

Every problem caused by a user's file or folder is raised as
:class:`qbr_studio.errors.UserError` with one sentence naming the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qbr_studio.storage.atomic import atomic_write, atomic_write_bytes
from qbr_studio.storage.conflicts import (
    conflict_copy_path,
    disk_version,
    keep_mine,
    keep_theirs,
)
from qbr_studio.storage.container import (
    MAX_MEDIA_BYTES,
    MAX_REVIEW_JSON_BYTES,
    MIMETYPE,
    DiskVersion,
    ReviewChangedError,
    ReviewFile,
    backup_path,
    changed_on_disk,
    load_review,
    review_from_bytes,
    review_to_bytes,
    save_review,
)
from qbr_studio.storage.lock import ReviewLockedError, review_lock
from qbr_studio.storage.migrations import migrate

if TYPE_CHECKING:
    from qbr_studio.storage.recovery import (
        RecoveryEntry,
        autosave,
        discard,
        list_recoverable,
        load_recovered,
    )

__all__ = [
    "MAX_MEDIA_BYTES",
    "MAX_REVIEW_JSON_BYTES",
    "MIMETYPE",
    "DiskVersion",
    "RecoveryEntry",
    "ReviewChangedError",
    "ReviewFile",
    "ReviewLockedError",
    "atomic_write",
    "atomic_write_bytes",
    "autosave",
    "backup_path",
    "changed_on_disk",
    "conflict_copy_path",
    "discard",
    "disk_version",
    "keep_mine",
    "keep_theirs",
    "list_recoverable",
    "load_recovered",
    "load_review",
    "migrate",
    "review_from_bytes",
    "review_json_schema",
    "review_lock",
    "review_to_bytes",
    "save_review",
]


_RECOVERY = {"RecoveryEntry", "autosave", "discard", "list_recoverable", "load_recovered"}
"""Crash recovery (and its logging) is imported when the app first uses it, not by a command."""


def __getattr__(name: str) -> Any:
    # Imported lazily so `python -m qbr_studio.storage.schema` doesn't import itself twice.
    if name == "review_json_schema":
        from qbr_studio.storage.schema import review_json_schema

        return review_json_schema
    if name in _RECOVERY:
        from qbr_studio.storage import recovery

        return getattr(recovery, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
