"""Collect a team folder: every file in it classified, read-only, with the reason it is left
out when it is.

A team folder is any shared or synced folder where each CSM saves their review. Besides good
reviews it holds what sync clients and people leave there: conflict copies (``review (1).qbr``,
``review-DESKTOP-ABC.qbr``, ``review (Maya's conflicted copy).qbr``), temporaries of a transfer
still running, backups, lock files, and stray files. Each is reported by name with its reason;
only the good reviews of the meeting's quarter go to the meeting deck, and two reviews for the
same CSM and quarter are both left out (the tool does not guess which one is meant).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from qbr_studio.checks import Finding, blocking_findings
from qbr_studio.deck.planning.standard import PRODUCT_STANDARD, DeckStandard
from qbr_studio.errors import UserError, os_reason
from qbr_studio.gc_pause import gc_paused
from qbr_studio.model import Review, parse_quarter
from qbr_studio.storage import load_review
from qbr_studio.storage.atomic import TEMP_SUFFIX
from qbr_studio.storage.container import BACKUP_SUFFIX, is_sidecar_name
from qbr_studio.storage.lock import LOCK_SUFFIX
from qbr_studio.team.pack import LoadedPack, find_pack
from qbr_studio.team.status_cache import Known, StatusCache
from qbr_studio.team.workers import Workers

REVIEW_SUFFIX = ".qbr"
MAX_DEPTH = 2
"""Sub-folders looked into below the team folder (a CSM's own folder, and one more)."""

_CONFLICT = re.compile(
    r"(?ix)"
    r"( \s\(\d+\)$"  # review (1): OneDrive, Google Drive, a browser's second download
    r"| conflict"  # Dropbox/Nextcloud "conflicted copy", Syncthing ".sync-conflict-"
    r"| [-_\s](desktop|laptop|pc|mac|macbook|surface|win)[-_][a-z0-9]+$"  # review-DESKTOP-ABC
    r")"
)
_TEMPORARY_SUFFIXES = (
    TEMP_SUFFIX,
    ".partial",
    ".part",
    ".crdownload",
    ".download",
    ".sb-",
    ".!sync",
    ".syncthing",
)
_TEMPORARY_PREFIXES = ("~$", ".~lock.", "~", ".syncthing.", ".~")
_SYSTEM_NOISE = {"desktop.ini", "thumbs.db", ".ds_store", ".dropbox", ".dropbox.attr", "icon\r"}


class Kind(str, Enum):
    """What a file in the team folder turned out to be."""

    REVIEW = "review"
    """A good review of the meeting's quarter."""
    OTHER_QUARTER = "other quarter"
    """A good review of another quarter (last quarter's, usually): not part of this meeting."""
    DUPLICATE = "duplicate"
    CONFLICT = "conflict copy"
    SYNCING = "still syncing"
    LOCKED = "locked"
    CORRUPT = "unreadable"
    NEWER = "newer version"
    PACK = "team pack"
    IGNORED = "ignored"
    STRAY = "stray file"

    @property
    def left_out(self) -> bool:
        """Whether a file of this kind is named as a problem (backups, lock files, the
        system's own files and the team pack are expected in a folder)."""
        return self not in (Kind.REVIEW, Kind.OTHER_QUARTER, Kind.PACK, Kind.IGNORED)


@dataclass
class Entry:
    """One file of the team folder, what it is, and for a review what it says."""

    path: Path
    kind: Kind
    reason: str = ""
    review: Review | None = None
    media: dict[str, bytes] = field(default_factory=dict)
    modified: dt.datetime | None = None
    migrated_from: int | None = None
    findings: list[Finding] = field(default_factory=list)
    folder: Path | None = None

    @property
    def name(self) -> str:
        base = self.folder if self.folder is not None else self.path.parent
        try:
            return self.path.relative_to(base).as_posix()
        except ValueError:
            return self.path.name

    @property
    def csm(self) -> str:
        return self.review.meta.csm if self.review else ""

    @property
    def quarter(self) -> str:
        return self.review.meta.quarter if self.review else ""

    @property
    def complete(self) -> bool:
        return self.review is not None and not self.findings

    def to_dict(self) -> dict[str, object]:
        meta = self.review.meta if self.review else None
        return {
            "file": self.name,
            "kind": self.kind.value,
            "reason": self.reason,
            "csm": meta.csm if meta else None,
            "team": meta.team if meta else None,
            "quarter": meta.quarter if meta else None,
            "meeting_date": meta.meeting_date.isoformat() if meta and meta.meeting_date else None,
            "modified": self.modified.isoformat(timespec="seconds") if self.modified else None,
            "older_format": self.migrated_from,
            "team_pack": (
                {"team": meta.team_pack.team, "version": meta.team_pack.version}
                if meta and meta.team_pack
                else None
            ),
            "missing": [str(f) for f in self.findings] if self.review else None,
        }


@dataclass
class Presenter:
    """A CSM of the team, and whether they submitted this quarter's review."""

    csm: str
    entry: Entry | None
    """Their one good review of the quarter; None if not submitted (or only in duplicate)."""

    @property
    def submitted(self) -> bool:
        return self.entry is not None


@dataclass
class TeamFolder:
    """A team folder read for one quarter."""

    folder: Path
    quarter: str
    entries: list[Entry]
    pack: LoadedPack | None = None
    """The team's standard, when the folder holds one (read again at every collect)."""

    @property
    def reviews(self) -> list[Entry]:
        """The good reviews of the quarter, one per CSM, by CSM name."""
        found = [e for e in self.entries if e.kind is Kind.REVIEW]
        return sorted(found, key=lambda e: (e.csm.casefold(), e.name))

    @property
    def problems(self) -> list[Entry]:
        return [e for e in self.entries if e.kind.left_out]

    @property
    def standard(self) -> DeckStandard:
        """The pack's health scorecard and slide budgets for this folder's reviews (the
        product's own when the folder holds no pack)."""
        return self.pack.pack.standard if self.pack is not None else PRODUCT_STANDARD

    @property
    def team(self) -> str:
        if self.pack is not None:
            return self.pack.pack.team
        names = [e.review.meta.team for e in self.reviews if e.review and e.review.meta.team]
        return max(set(names), key=names.count) if names else self.folder.name

    @property
    def presenters(self) -> list[Presenter]:
        """Every CSM of the pack's roster and seen in the folder (in any quarter), with this
        quarter's review if any."""
        good = {e.csm.casefold(): e for e in self.reviews}
        names: dict[str, str] = {}
        for csm in self.pack.pack.roster if self.pack else ():
            names.setdefault(csm.casefold(), csm)
        for e in self.entries:
            if e.review is not None and e.kind is not Kind.CORRUPT:
                names.setdefault(e.csm.casefold(), e.csm)
        return [
            Presenter(names[key], good.get(key))
            for key in sorted(names, key=lambda k: (names[k].casefold(), k))
        ]


def classify_name(path: Path) -> tuple[Kind, str] | None:
    """What a file is from its name alone, or None when it must be opened to tell."""
    name = path.name
    lower = name.casefold()
    if lower in _SYSTEM_NOISE or lower.startswith("._"):
        return Kind.IGNORED, "a file the operating system or sync client keeps"
    if lower.endswith(LOCK_SUFFIX):
        return Kind.IGNORED, "a lock file: QBR Studio is saving the review beside it"
    if lower.endswith(BACKUP_SUFFIX):
        return Kind.IGNORED, "the previous version QBR Studio keeps of a review; ignored"
    if lower.startswith(_TEMPORARY_PREFIXES) or any(s in lower for s in _TEMPORARY_SUFFIXES):
        return Kind.SYNCING, "a temporary file of a save or transfer still running"
    if lower.endswith(".qbrteam"):
        return Kind.PACK, "the team's standard"
    if is_sidecar_name(name):
        return Kind.IGNORED, "a reviewer's feedback on the review beside it"
    if not lower.endswith(REVIEW_SUFFIX):
        return Kind.STRAY, "not a review (.qbr): leave other files out of the team folder"
    if _CONFLICT.search(path.stem):
        return (
            Kind.CONFLICT,
            "a sync client's conflict copy: keep the right version under the review's own name "
            "and delete this one",
        )
    return None


@dataclass
class _ToOpen:
    """A file whose name and size say it may be a review, not known from the cache."""

    path: Path
    folder: Path
    stat: os.stat_result
    modified: dt.datetime

    def entry(self, opened: _Opened | _Refused, cache: StatusCache | None) -> Entry:
        """Its entry, once opened (kept in ``cache`` when it is a good review)."""
        path, folder, modified = self.path, self.folder, self.modified
        if isinstance(opened, _Refused):
            return Entry(path, opened.kind, opened.reason, modified=modified, folder=folder)
        if cache is not None:
            cache.put(path.relative_to(folder).as_posix(), self.stat, opened.known)
        review = opened.review if opened.review is not None else Review(meta=opened.known.meta)
        return _good(path, review, opened.known, modified, folder, opened.media)


@dataclass
class _Opened:
    known: Known
    review: Review | None = None
    """The whole review when it is kept, else None (only its meta is)."""
    media: dict[str, bytes] = field(default_factory=dict)


@dataclass
class _Refused:
    kind: Kind
    reason: str


def _look(path: Path, folder: Path, cache: StatusCache | None) -> Entry | _ToOpen:
    """What a file is without opening it (by its name, its size, the cache), or the file
    to open to tell."""
    try:
        stat = path.stat()
    except OSError as err:
        return Entry(path, Kind.LOCKED, _os_reason(err), folder=folder)
    modified = dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.timezone.utc)
    named = classify_name(path)
    if named is not None:
        return Entry(path, named[0], named[1], modified=modified, folder=folder)
    if stat.st_size == 0:
        return Entry(path, Kind.SYNCING, "empty: still being synced or saved", folder=folder)
    name = path.relative_to(folder).as_posix()
    known = cache.get(name, stat) if cache is not None else None
    if known is not None:
        return _good(path, Review(meta=known.meta), known, modified, folder)
    return _ToOpen(path, folder, stat, modified)


def _open(path: Path, required: Sequence[str], keep: bool) -> _Opened | _Refused:
    """Open and check one review, the collector paused: a review is thousands of objects and
    no cycles, all freed (unless kept) before it resumes, so it never scans them."""
    with gc_paused():
        return _open_here(path, required, keep)


def _open_here(path: Path, required: Sequence[str], keep: bool) -> _Opened | _Refused:
    try:
        if not os.access(path, os.R_OK):
            raise PermissionError(13, "permission denied")
        loaded = load_review(path)
    except PermissionError as err:
        return _Refused(Kind.LOCKED, _os_reason(err))
    except UserError as err:
        return _Refused(*_load_failure(str(err), path))
    review = loaded.review
    findings = blocking_findings(review, loaded.media, required)  # readiness only
    known = Known(review.meta, findings, loaded.migrated_from)
    return _Opened(known, review, loaded.media) if keep else _Opened(known)


def _status_of(job: tuple[Path, tuple[str, ...]]) -> _Opened | _Refused:
    """:func:`_open` for a status, as a worker process runs it: (path, required fields)."""
    path, required = job
    return _open(path, required, keep=False)


def _good(
    path: Path,
    review: Review,
    known: Known,
    modified: dt.datetime,
    folder: Path,
    media: dict[str, bytes] | None = None,
) -> Entry:
    reason = (
        f"saved by an older QBR Studio (file format {known.migrated_from}); read as upgraded, "
        "the file was not changed"
        if known.migrated_from is not None
        else ""
    )
    return Entry(
        path,
        Kind.REVIEW,
        reason,
        review=review,
        media=media or {},
        modified=modified,
        migrated_from=known.migrated_from,
        findings=known.findings,
        folder=folder,
    )


def _load_failure(message: str, path: Path) -> tuple[Kind, str]:
    text = message.replace(str(path), "").strip()
    text = re.sub(r"^(Could not open\s*:?\s*)", "", text).strip(" :")
    if "newer QBR Studio" in message:
        return Kind.NEWER, text.rstrip(".")
    if "damaged or incomplete" in message or "not a zip file" in message:
        return Kind.CORRUPT, "damaged or incomplete: still syncing, or broken (try its .bak)"
    return Kind.CORRUPT, text.rstrip(".")


def _os_reason(err: OSError) -> str:
    return (
        f"cannot be read ({os_reason(err)}): open in another program or locked by the sync client"
    )


def folder_files(folder: Path) -> list[Path]:
    """Every file of ``folder`` and its sub-folders down to :data:`MAX_DEPTH`, by name; hidden
    sub-folders (a sync client's own) are skipped. Raises UserError if it is not a folder."""
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        raise UserError(f"{folder}: the team folder {what}")
    found: list[Path] = []
    base_depth = len(folder.parts)
    for root, dirs, files in os.walk(folder):
        depth = len(Path(root).parts) - base_depth
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and depth < MAX_DEPTH)
        found += [Path(root) / f for f in files]
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix().casefold())


def latest_quarter(entries: Iterable[Entry]) -> str | None:
    """The latest quarter any readable review among ``entries`` is for."""
    quarters = {e.quarter for e in entries if e.review is not None}
    return max(quarters, key=parse_quarter) if quarters else None


@dataclass
class _Listed:
    """A team folder's files, its pack, and what each file is without opening it."""

    folder: Path
    files: list[Path]
    pack: LoadedPack | None
    required: tuple[str, ...]
    cache: StatusCache | None
    looked: list[Entry | _ToOpen]

    @property
    def to_open(self) -> list[_ToOpen]:
        return [e for e in self.looked if isinstance(e, _ToOpen)]

    def entries(self, opened: Iterable[_Opened | _Refused]) -> list[Entry]:
        """Every file's entry, given what opening :attr:`to_open` gave (in its order); the
        status cache keeps what was learnt for the next status."""
        results = iter(opened)
        entries = [
            e if isinstance(e, Entry) else e.entry(next(results), self.cache) for e in self.looked
        ]
        if self.cache is not None:
            self.cache.keep_only({p.relative_to(self.folder).as_posix() for p in self.files})
            self.cache.save()
        return entries


def _list_folder(folder: Path, keep: bool) -> _Listed:
    """The folder's files, pack and cache; a status (not ``keep``) uses what the cache kept of
    each review (:mod:`~qbr_studio.team.status_cache`)."""
    files = folder_files(folder)  # first: names a missing folder before looking for a pack
    pack = find_pack(folder)
    required = tuple(pack.pack.required_fields) if pack else ()
    cache = None if keep else StatusCache.open(folder, required)
    return _Listed(folder, files, pack, required, cache, [_look(p, folder, cache) for p in files])


def _open_all(listed: Sequence[_Listed], keep: bool) -> list[list[_Opened | _Refused]]:
    """Open every folder's :attr:`~_Listed.to_open`, for a status (not ``keep``) all folders'
    in one batch, on every core when there are enough (:mod:`~qbr_studio.team.workers`)."""
    if keep:
        return [[_open(e.path, f.required, keep) for e in f.to_open] for f in listed]
    jobs = [[(e.path, f.required) for e in f.to_open] for f in listed]
    with Workers() as workers:
        results = iter(workers.map(_status_of, [job for folder in jobs for job in folder]))
    return [[next(results) for _ in folder] for folder in jobs]


def _settle(
    folder: Path, pack: LoadedPack | None, entries: list[Entry], quarter: str
) -> TeamFolder:
    """Reviews of another quarter set aside; two or more for one CSM all left out."""
    by_csm: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.kind is not Kind.REVIEW or e.review is None:
            continue
        if e.quarter != quarter:
            e.kind, e.reason = Kind.OTHER_QUARTER, f"for {e.review.meta.quarter_label}"
            continue
        by_csm[e.csm.casefold()].append(e)
    for same in by_csm.values():
        if len(same) > 1:
            names = ", ".join(e.name for e in same)
            for e in same:
                label = e.review.meta.quarter_label if e.review else quarter
                e.kind = Kind.DUPLICATE
                e.reason = f"{len(same)} reviews for {e.csm}, {label} ({names}): keep one"
    return TeamFolder(folder, quarter, entries, pack)


def collect(folder: Path, quarter: str | None = None, *, keep: bool = True) -> TeamFolder:
    """Read ``folder`` (read-only) for ``quarter`` (the latest any review is for when None);
    ``keep`` as for :func:`collect_all`."""
    return collect_all([folder], quarter, keep=keep)[0]


def collect_all(
    folders: Sequence[Path], quarter: str | None = None, *, keep: bool = True
) -> list[TeamFolder]:
    """Several team folders for one quarter (the latest any of them holds when None).

    A file is opened only if its name says it may be a review. Without ``keep`` (a status)
    only each review's meta is kept once it is checked (a status of hundreds of reviews holds
    no books of business), a review unchanged since the last status is not opened again
    (:mod:`~qbr_studio.team.status_cache`), and the others are opened on every core when
    there are many (:mod:`~qbr_studio.team.workers`)."""
    listed = [_list_folder(Path(f), keep) for f in folders]
    opened = _open_all(listed, keep)
    read = [(f.folder, f.pack, f.entries(o)) for f, o in zip(listed, opened, strict=True)]
    if quarter is None:
        quarter = latest_quarter(e for _, _, entries in read for e in entries) or ""
    return [_settle(folder, pack, entries, quarter) for folder, pack, entries in read]
