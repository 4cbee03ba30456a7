"""What ``team status`` learnt of each good review, kept by the file's identity on disk, so a
review that has not changed since the last status is not opened again.

Opening a review is ~10 ms (unzipping, parsing and validating its whole book of business);
a status needs only its meta and its checklist. Each good review's meta, findings and file
format are kept in the user's own state folder (``paths.state_dir()/team-status``, never the
team folder, which is read-only to the VP's tools), one JSON file per team folder, keyed by:

- the file's size, modification and change times and inode (a sync client that replaces or
  rewrites a file changes at least one of them);
- the fields the team pack requires, and this month (a usage month "in the future" is a
  finding of this month's checklist);
- a fingerprint of the code that decides what a review says: the version, the checklist, the
  model and the file format's reading and migrations — so an upgraded QBR Studio re-reads.

A file that is new, changed or unreadable is read as before; a cache that cannot be read or
written is ignored (a status is then only slower, never wrong). So it is written atomically
but not fsynced (two disk flushes per folder, ~12 ms each on the bench's machine):
after a power cut it holds either statuses that are still keyed by their files' identity,
or nothing readable, which is ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from qbr_studio.checks import Finding
from qbr_studio.errors import UserError
from qbr_studio.model import Meta
from qbr_studio.storage import kept

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
_CODE = (
    "checks.py",
    "model",
    "storage/container.py",
    "storage/migrations.py",
    "team/status_cache.py",
)
"""The sources whose change makes every kept status stale (a folder: its .py files)."""


@dataclass(frozen=True)
class Known:
    """A good review as a status needs it."""

    meta: Meta
    findings: list[Finding]
    migrated_from: int | None


def _identity(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


@cache
def code_fingerprint() -> str:
    """A digest of the QBR Studio code that decides what a review's status says."""
    return kept.code_fingerprint(_CODE, (CACHE_FORMAT,))


def cache_file(folder: Path) -> Path:
    from qbr_studio.paths import state_dir

    key = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return state_dir() / "team-status" / f"{key[:32]}.json"


@dataclass
class StatusCache:
    """The kept statuses of one team folder's reviews, for one set of required fields."""

    path: Path
    scope: str
    """Fingerprint of the code, the required fields and the month the entries hold for."""
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def open(
        cls, folder: Path, required: Sequence[str], today: dt.date | None = None
    ) -> StatusCache:
        month = (today or dt.date.today()).strftime("%Y-%m")
        scope = hashlib.sha256(
            json.dumps([code_fingerprint(), list(required), month]).encode()
        ).hexdigest()
        path = cache_file(folder)
        kept = cls(path, scope)
        try:
            raw = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return kept  # none yet, or damaged: start again
        if isinstance(raw, dict) and raw.get("scope") == scope:
            entries = raw.get("entries")
            kept.entries = entries if isinstance(entries, dict) else {}
        return kept

    def get(self, name: str, stat: os.stat_result) -> Known | None:
        """The kept status of the file ``name`` (relative to the folder) if it is unchanged."""
        entry = self.entries.get(name)
        if not isinstance(entry, dict) or entry.get("file") != _identity(stat):
            return None
        try:
            return Known(
                Meta.model_validate(entry["meta"]),
                [Finding(*f) for f in entry["findings"]],
                entry["migrated_from"],
            )
        except (KeyError, TypeError, ValueError):  # a damaged entry: read the file again
            return None

    def put(self, name: str, stat: os.stat_result, known: Known) -> None:
        self.entries[name] = {
            "file": _identity(stat),
            "meta": known.meta.model_dump(mode="json"),
            "findings": [[f.section, f.path, f.message] for f in known.findings],
            "migrated_from": known.migrated_from,
        }
        self.changed = True

    def keep_only(self, names: set[str]) -> None:
        """Forget files no longer in the folder."""
        gone = set(self.entries) - names
        for name in gone:
            del self.entries[name]
        self.changed = self.changed or bool(gone)

    def save(self) -> None:
        """Write the cache if anything changed (atomically); a failure only costs speed."""
        if not self.changed:
            return
        from qbr_studio.storage import atomic_write_bytes

        body = json.dumps({"scope": self.scope, "entries": self.entries}).encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, body, durable=False)  # a cache: no fsync
        except (OSError, UserError) as err:  # a read-only or full home: status stays correct
            log.info("The team status cache %s was not written: %s", self.path, err)
        self.changed = False
