"""Crash recovery: the app autosaves each open review to a private folder, offered back on start.

One file per editing session (``key``), in ``<state dir>/recovery/``: a complete .qbr container
(see :mod:`qbr_studio.storage.container`) with one extra entry, ``recovery.json``, recording the
key, the review's own file (if it has been saved anywhere) and when the autosave happened.
Autosaves are atomic, so a crash during one leaves the previous autosave. The app discards the
session's file after a normal save or close; whatever is left at the next start is recoverable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from qbr_studio.errors import UserError, os_reason
from qbr_studio.model import Review
from qbr_studio.paths import state_dir
from qbr_studio.safeio import GuardedReadError, parse_json, read_bytes, read_member
from qbr_studio.storage.atomic import atomic_write_bytes, sweep_temporaries
from qbr_studio.storage.container import ReviewFile, pack_review, review_from_bytes

log = logging.getLogger(__name__)

RECOVERY_ENTRY = "recovery.json"
"""Extra zip entry with the autosave's notes: ``key``, ``original_path``, ``saved_at``."""
SUFFIX = ".qbr"
_MAX_NOTES_BYTES = 64 * 1024
_SAFE_KEY = re.compile(r"^[a-z0-9_-]{1,64}$")  # lower case: Windows names ignore case
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class RecoveryEntry:
    """An autosaved review left behind by a session that did not end normally.

    ``key`` is the editing session's key given to :func:`autosave`; ``original_path`` the .qbr
    file the review was opened from or last saved to (None for a review never saved);
    ``saved_at`` the time of the autosave (timezone-aware, UTC); ``path`` the autosave file;
    ``original_digest`` the SHA-256 of the file's bytes the session was editing (None if not
    known), so that saving the recovered review can tell the file changed since.
    """

    key: str
    original_path: Path | None
    saved_at: dt.datetime
    path: Path
    original_digest: str | None = None


def recovery_dir() -> Path:
    """The folder holding autosaves (created on first autosave)."""
    return state_dir() / "recovery"


def autosave(
    key: str,
    review: Review,
    media: Mapping[str, bytes] | None,
    original_path: Path | None,
    original_digest: str | None = None,
) -> Path:
    """Save a recovery copy of the session ``key``'s review, replacing its previous autosave.

    ``original_path`` is the review's own .qbr file, or None if it was never saved;
    ``original_digest`` the digest of that file's bytes the session started from
    (``DiskVersion.digest``). Returns the autosave's path. Raises UserError if the recovery
    folder can't be written.
    """
    folder = recovery_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        reason = os_reason(err, folder, writing=True)
        raise UserError(f"Could not create the recovery folder {folder}: {reason}.") from err
    notes = {
        "key": key,
        "original_path": str(original_path) if original_path is not None else None,
        "saved_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "original_digest": original_digest,
    }
    extra = {RECOVERY_ENTRY: json.dumps(notes, ensure_ascii=False, indent=2).encode("utf-8")}
    path = _path_for(key)
    sweep_temporaries(path)  # one session writes its own autosave: leftovers are a killed one's
    atomic_write_bytes(path, pack_review(review, media or {}, extra))
    return path


def list_recoverable() -> list[RecoveryEntry]:
    """Autosaves that can be opened, newest first; unreadable files are logged and skipped."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    entries = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            entries.append(_read_entry(path))
        except Exception as err:  # a damaged autosave must never stop the app from starting
            log.warning("Skipping unreadable recovery file %s: %s", path, err)
    return sorted(entries, key=lambda entry: entry.saved_at, reverse=True)


def load_recovered(entry: RecoveryEntry) -> ReviewFile:
    """The review and media of an autosave. Raises UserError if it can no longer be read."""
    try:
        data = read_bytes(entry.path, "review")
    except GuardedReadError as err:
        raise UserError(f"Could not open the recovered copy {entry.path}: {err.reason}.") from err
    return review_from_bytes(data, _describe(entry))


def discard(key: str) -> None:
    """Delete the session ``key``'s autosave, if there is one."""
    _path_for(key).unlink(missing_ok=True)


def _path_for(key: str) -> Path:
    """Autosave file of a session: the key itself if it is a safe file name, else its hash."""
    stem = key if _SAFE_KEY.match(key) else hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return recovery_dir() / f"{stem}{SUFFIX}"


def _read_entry(path: Path) -> RecoveryEntry:
    """The entry for one autosave; raises if its notes or its review can't be read."""
    data = read_bytes(path, "review")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(RECOVERY_ENTRY)
        notes = parse_json(read_member(archive, info, _MAX_NOTES_BYTES, path.name), path.name)
    original = notes.get("original_path")
    digest = notes.get("original_digest")
    saved_at = dt.datetime.fromisoformat(notes["saved_at"])
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=dt.timezone.utc)
    entry = RecoveryEntry(
        key=str(notes["key"]),
        original_path=Path(original) if original else None,
        saved_at=saved_at,
        path=path,
        original_digest=digest if isinstance(digest, str) and _DIGEST.match(digest) else None,
    )
    review_from_bytes(data, _describe(entry))  # offer only what will open
    return entry


def _describe(entry: RecoveryEntry) -> str:
    """How messages name an autosave: after the review it is a copy of."""
    target = entry.original_path.name if entry.original_path else "an unsaved review"
    return f"the recovered copy of {target} ({entry.path})"
