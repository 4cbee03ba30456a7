"""The .qbr file: a zip holding ``review.json`` and the review's pictures under ``media/``.

Layout (see ``docs/file-format.md``)::

    mimetype        "application/vnd.qbr-studio.review+zip", stored uncompressed, first
    review.json     Review.model_dump(mode="json"), UTF-8, indented, with "schema_version"
    media/<name>    picture bytes; <name> matches a MediaRef.name in review.json
    template/<hex>.pptx  the review's own deck template (``review.template``), <hex> the first
                    16 hex digits of its SHA-256; carried in ``ReviewFile.media`` under that name

Saving the same review and media twice gives the same bytes (fixed entry order, timestamps and
attributes), so an unchanged review is never rewritten and a sync service sees no change.
Every problem a user's file can have becomes a one-line :class:`~qbr_studio.errors.UserError`
naming the file.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from qbr_studio.document import paths
from qbr_studio.document.media import (
    MAX_MEDIA_BYTES,
    TEMPLATE_ENTRY,
    MiB,
    is_template_entry,
    template_entry,
)
from qbr_studio.document.messages import describe_validation_error, json_kind
from qbr_studio.errors import UserError, os_reason
from qbr_studio.model import SCHEMA_VERSION, Review
from qbr_studio.safeio import (
    FILE_KINDS,
    MAX_JSON_DEPTH,
    FileStamp,
    GuardedReadError,
    file_stamp,
    read_bytes_stamped,
)
from qbr_studio.safeio.jsondoc import too_deep
from qbr_studio.safeio.zips import is_symlink
from qbr_studio.storage.atomic import atomic_write_bytes, sweep_temporaries
from qbr_studio.storage.lock import review_lock
from qbr_studio.storage.migrations import MigrationError, file_version, migrate

MIMETYPE = "application/vnd.qbr-studio.review+zip"
"""Content of the optional first entry ``mimetype``; lets tools recognise a .qbr file."""

MIMETYPE_ENTRY = "mimetype"
REVIEW_ENTRY = "review.json"
MEDIA_PREFIX = "media/"
BACKUP_SUFFIX = ".bak"
"""The previous version of ``review.qbr`` is kept beside it as ``review.qbr.bak``."""
SIDECAR_INFIX, SIDECAR_SUFFIX = ".feedback-", ".json"
"""A reviewer's notes on ``review.qbr`` live beside it as ``review.qbr.feedback-<who>.json``
(written by :mod:`qbr_studio.feedback.sidecar`; named here for every tool that lists a
review's folder)."""


def is_sidecar_name(name: str) -> bool:
    """Whether a file named ``name`` is a reviewer's feedback on a review beside it."""
    lower = name.casefold()
    return lower.endswith(SIDECAR_SUFFIX) and f".qbr{SIDECAR_INFIX}" in lower


MAX_REVIEW_JSON_BYTES = 64 * MiB
"""Largest uncompressed ``review.json`` accepted; a real book of business is a few MiB."""
MAX_ENTRIES = 10_000
"""Most entries a .qbr zip may hold."""

MAX_TEMPLATE_ENTRY_BYTES = FILE_KINDS["template"].max_bytes
"""Largest ``template/`` entry read: the guarded reader's limit for a template on disk."""

MEDIA_NAME = re.compile(r"^[A-Za-z0-9._-]{1,80}$")
"""Allowed media names (the same rule as ``MediaRef.name``): no folders, nothing to escape."""

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # earliest zip timestamp: fixed so bytes are reproducible
_UNIX = 3  # ZipInfo.create_system; fixed so a file saved on Windows has the same bytes
_FILE_MODE = 0o100644 << 16  # regular file, rw-r--r--, in ZipInfo.external_attr
_PRECOMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".webp")  # deflating these gains nothing


class ReviewDataError(ValueError):
    """The review holds a value JSON can't store (NaN or infinity); ``str`` names its path."""


class ReviewChangedError(UserError):
    """The file changed on disk since it was opened; saving would overwrite someone's work."""


@dataclass(frozen=True)
class DiskVersion:
    """Which bytes of a review file were opened or saved: their SHA-256 and the file's stamp
    (device, inode, size, mtime). Compare with :func:`changed_on_disk`."""

    digest: str
    stamp: FileStamp | None

    @classmethod
    def of(cls, data: bytes, stamp: FileStamp | None) -> DiskVersion:
        return cls(hashlib.sha256(data).hexdigest(), stamp)


@dataclass
class ReviewFile:
    """A review as stored in a .qbr file.

    ``media`` maps a picture's name (``MediaRef.name``, also its ``media/<name>`` entry) to its
    bytes, and holds the review's own template under ``template/<hex>.pptx`` when it has one.
    ``migrated_from`` is the file format the file was upgraded from on open, or None if it was
    already current; saving writes the current format. ``version`` identifies the bytes
    it was opened from, for :func:`changed_on_disk` and ``save_review(expected=...)``.
    """

    review: Review
    media: dict[str, bytes] = field(default_factory=dict)
    migrated_from: int | None = None
    version: DiskVersion | None = None
    """The bytes this review was read from (None when not read from a file)."""

    @property
    def missing_media(self) -> list[str]:
        """Names the review refers to (``review.media``) that have no bytes in ``media``."""
        return [ref.name for ref in self.review.media if ref.name not in self.media]

    @property
    def missing_template(self) -> bool:
        """The review names a template of its own whose bytes the file does not hold (or
        holds damaged: their SHA-256 is not the one ``review.template`` names)."""
        ref = self.review.template
        return ref is not None and template_entry(ref.sha256) not in self.media


# --- writing --------------------------------------------------------------------------------


def review_to_bytes(review: Review, media: Mapping[str, bytes] | None = None) -> bytes:
    """The bytes of a .qbr file holding ``review`` and ``media`` (name → picture bytes).

    Raises ReviewDataError if the review holds NaN or infinity, ValueError for a media name
    that breaks :data:`MEDIA_NAME`.
    """
    return pack_review(review, media or {}, {})


def pack_review(review: Review, media: Mapping[str, bytes], extra: Mapping[str, bytes]) -> bytes:
    """Like :func:`review_to_bytes`, plus ``extra`` top-level entries (name → bytes) after
    the media; readers ignore entries they don't know (recovery keeps its notes there).

    ``media`` may hold the review's template under ``template/<hex>.pptx`` (see
    :mod:`qbr_studio.document.media`); it is written only while ``review.template`` names it.
    """
    wanted = None if review.template is None else template_entry(review.template.sha256)
    pictures = {n: b for n, b in media.items() if not is_template_entry(n)}
    templates = {n: b for n, b in media.items() if n == wanted}
    for name in pictures:
        if not MEDIA_NAME.match(name):
            raise ValueError(f"media name {name!r} must match {MEDIA_NAME.pattern}")
    for name in extra:
        if name in (MIMETYPE_ENTRY, REVIEW_ENTRY) or name.startswith(MEDIA_PREFIX):
            raise ValueError(f"extra entry {name!r} would clash with the review's own entries")
        if is_template_entry(name):
            raise ValueError(f"extra entry {name!r} would clash with the review's template")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _add(archive, MIMETYPE_ENTRY, MIMETYPE.encode("ascii"), compress=False)
        _add(archive, REVIEW_ENTRY, review_json_bytes(review), compress=True)
        for name in sorted(pictures):
            _add(archive, MEDIA_PREFIX + name, media[name], compress=not _precompressed(name))
        for name, payload in templates.items():  # a .pptx is a zip already: stored
            _add(archive, name, payload, compress=False)
        for name, payload in extra.items():
            _add(archive, name, payload, compress=True)
    return buffer.getvalue()


def review_json_bytes(review: Review) -> bytes:
    """``review.json`` as stored: the model's JSON form, UTF-8, two-space indent, final newline."""
    data = review.model_dump(mode="json")
    bad = _non_finite_path(data)
    if bad is not None:
        raise ReviewDataError(f"{bad} is not a finite number, which a review file cannot store")
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _add(archive: zipfile.ZipFile, name: str, payload: bytes, *, compress: bool) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.create_system = _UNIX
    info.external_attr = _FILE_MODE
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    archive.writestr(info, payload, compresslevel=6 if compress else None)


def _precompressed(name: str) -> bool:
    return name.lower().endswith(_PRECOMPRESSED)


def backup_path(path: Path) -> Path:
    """Where :func:`save_review` keeps the previous version of ``path`` (``<file>.bak``)."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def save_review(
    path: Path,
    review: Review,
    media: Mapping[str, bytes] | None = None,
    *,
    expected: DiskVersion | None = None,
) -> DiskVersion:
    """Save ``review`` and its ``media`` to ``path`` atomically, keeping the old file as .bak.

    ``media`` is every picture to store (name → bytes); pictures in the old file that are not
    given here are not kept, so pass ``ReviewFile.media`` back when re-saving a loaded review.

    The review's lock (:mod:`qbr_studio.storage.lock`) is held meanwhile, so two writers never
    interleave. With ``expected`` (the ``ReviewFile.version`` it was opened from), the save is
    refused with ReviewChangedError if the file no longer holds those bytes: someone else saved
    it meanwhile and their work would be lost. Nothing is written if the file already holds
    exactly these bytes. A file written by a newer QBR Studio is never overwritten. Raises
    UserError naming the file for anything that stops the save (folder missing, permission,
    disk full, file open elsewhere…). Returns the version now on disk.
    """
    path = Path(path)
    try:
        payload = review_to_bytes(review, media)
    except ReviewDataError as err:
        raise UserError(f"Could not save {path}: {err}.") from err
    with review_lock(path):
        sweep_temporaries(path)  # even when nothing is written: a killed writer's leftovers go
        previous_stamp = file_stamp(path)
        previous = _existing_bytes(path)
        if expected is not None:
            _require_unchanged(path, previous, expected)
        if previous == payload:
            return DiskVersion.of(payload, previous_stamp)
        if previous is not None:
            _refuse_newer(path, previous)
            atomic_write_bytes(backup_path(path), previous)

        def unchanged() -> None:  # a writer that ignores the lock (a sync service)
            if file_stamp(path) != previous_stamp:
                raise ReviewChangedError(changed_message(path))

        atomic_write_bytes(path, payload, before_replace=unchanged)
        return DiskVersion.of(payload, file_stamp(path))


def _require_unchanged(path: Path, previous: bytes | None, expected: DiskVersion) -> None:
    if previous is None or DiskVersion.of(previous, None).digest != expected.digest:
        raise ReviewChangedError(changed_message(path))


def changed_message(path: Path) -> str:
    return (
        f"Could not save {path}: it was changed on disk since it was opened (by another "
        "QBR Studio, another program or a sync service), and saving would overwrite that "
        "work. The file was not changed; open it again and repeat your change."
    )


def changed_on_disk(path: Path, version: DiskVersion | None) -> bool:
    """Whether ``path`` no longer holds the bytes of ``version`` (moved, deleted or rewritten).

    Cheap when nothing happened (one ``stat``); a changed stamp is confirmed by comparing the
    content, so a sync service touching the file without changing it is not a change. For the
    app's "the file changed on disk: reload or keep mine" offer.
    """
    if version is None:
        return False
    stamp = file_stamp(path)
    if stamp is not None and stamp == version.stamp:
        return False
    if stamp is None:
        return True
    try:
        data, _ = read_bytes_stamped(path, "review")
    except UserError:
        return True
    return DiskVersion.of(data, None).digest != version.digest


def _existing_bytes(path: Path) -> bytes | None:
    """The current content of ``path``, or None if there is no such file yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError as err:
        raise UserError(f"Could not save {path}: there is a folder with that name.") from err
    except OSError as err:
        reason = os_reason(err, path)
        raise UserError(
            f"Could not save {path}: the existing file could not be read to keep a backup "
            f"({reason})."
        ) from err


def _refuse_newer(path: Path, previous: bytes) -> None:
    """Refuse to overwrite a review saved by a newer QBR Studio (its content would be lost)."""
    try:
        with zipfile.ZipFile(io.BytesIO(previous)) as archive:
            info = archive.getinfo(REVIEW_ENTRY)
            raw = json.loads(_read_capped(archive, info, MAX_REVIEW_JSON_BYTES, str(path)))
        version = file_version(raw)
    except Exception:
        return  # not a readable review: the user chose to replace it
    if version > SCHEMA_VERSION:
        raise UserError(
            f"Could not save {path}: it was saved by a newer QBR Studio (file format {version}; "
            f"this version reads up to {SCHEMA_VERSION}) and would lose its newer content. "
            "Save under another name; the file was not changed."
        )


# --- reading --------------------------------------------------------------------------------


def load_review(path: Path) -> ReviewFile:
    """Open a .qbr file, upgrading an older file format in memory (the file is not written).

    The file is read once through the guarded reader (a regular file of at most
    ``MAX_REVIEW_FILE_BYTES``; no FIFO, device or folder). Raises UserError, one line naming
    the file, if it is missing, not a review, damaged, too large, from a newer QBR Studio, or
    holds a value the review model refuses.
    """
    path = Path(path)
    name = str(path)
    try:
        data, stamp = read_bytes_stamped(path, "review")
    except GuardedReadError as err:
        if "file not found" in err.reason:
            raise UserError(f"Could not open {name}: the file does not exist.") from None
        if "is a folder" in err.reason:
            raise UserError(f"Could not open {name}: it is a folder, not a review file.") from None
        raise UserError(f"Could not open {name}: {err.reason}.") from None
    loaded = review_from_bytes(data, name)
    loaded.version = DiskVersion.of(data, stamp)
    return loaded


def review_from_bytes(data: bytes, source_name: str) -> ReviewFile:
    """Read the bytes of a .qbr file; ``source_name`` names it in error messages."""
    return read_review(io.BytesIO(data), source_name)


def read_review(stream: IO[bytes], source_name: str) -> ReviewFile:
    """Read a .qbr file from a seekable binary stream (see :func:`load_review`)."""
    with _open_zip(stream, source_name) as archive:
        try:
            return _read_archive(archive, source_name)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
            raise _damaged(source_name) from err
        except (NotImplementedError, RuntimeError) as err:  # encrypted / unknown compression
            raise UserError(
                f"Could not open {source_name}: it uses zip encryption or compression that "
                "QBR Studio does not support."
            ) from err


def _open_zip(stream: IO[bytes], name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as err:
        raise UserError(
            f"Could not open {name}: it is not a QBR Studio review (not a zip file), "
            "or it is damaged or incomplete."
        ) from err


def _damaged(name: str) -> UserError:
    return UserError(
        f"Could not open {name}: the file is damaged or incomplete "
        "(try its .bak copy, or wait until it has finished syncing)."
    )


def _read_archive(archive: zipfile.ZipFile, name: str) -> ReviewFile:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise UserError(
            f"Could not open {name}: it holds more than {MAX_ENTRIES:,} entries, "
            "more than a review ever needs."
        )
    try:
        info = archive.getinfo(REVIEW_ENTRY)
    except KeyError:
        raise UserError(
            f"Could not open {name}: it has no {REVIEW_ENTRY} inside, "
            "so it is not a QBR Studio review."
        ) from None
    data = _read_capped(archive, info, MAX_REVIEW_JSON_BYTES, name)
    review, migrated_from = _current_review(data), None
    if review is None:  # not a plain current file: the careful read, and its messages
        raw, finite = _parse_json(data, name)
        review, migrated_from = _to_review(raw, name, finite=finite)
    media = dict(_read_media(archive, entries, name))
    media.update(_read_template(archive, review, name))
    return ReviewFile(review=review, media=media, migrated_from=migrated_from)


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """The entry's bytes, refused before unpacking if it claims (or turns out) to exceed
    ``limit`` bytes, so a zip bomb costs no time or memory."""
    if info.file_size > limit:
        raise _too_large(name, info.filename, limit)
    with archive.open(info) as entry:
        data = entry.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, info.filename, limit)
    return data


def _too_large(name: str, entry: str, limit: int) -> UserError:
    if entry == REVIEW_ENTRY:
        what = f"{entry} would unpack to more than {limit // MiB} MiB"
    elif is_template_entry(entry):
        what = f"its deck template {entry} would unpack to more than {limit // MiB} MiB"
    else:
        what = f"its pictures would unpack to more than {limit // MiB} MiB in total"
    return UserError(
        f"Could not open {name}: {what}, the most QBR Studio accepts "
        "(the file is damaged or was not made by QBR Studio)."
    )


def _read_media(
    archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], name: str
) -> Iterator[tuple[str, bytes]]:
    """(media name, bytes) for each ``media/<name>`` entry; odd names (a folder, ``..``, an
    absolute path) and entries marked as symbolic links are ignored: they are never loaded,
    so never saved back, and nothing in a .qbr is ever extracted to disk."""
    media = [
        info
        for info in entries
        if info.filename.startswith(MEDIA_PREFIX)
        and MEDIA_NAME.match(info.filename[len(MEDIA_PREFIX) :])
        and not is_symlink(info)
    ]
    if sum(info.file_size for info in media) > MAX_MEDIA_BYTES:
        raise _too_large(name, MEDIA_PREFIX, MAX_MEDIA_BYTES)
    budget = MAX_MEDIA_BYTES
    for info in media:
        try:
            data = _read_capped(archive, info, budget, name)
        except UserError:
            raise _too_large(name, MEDIA_PREFIX, MAX_MEDIA_BYTES) from None
        budget -= len(data)
        yield info.filename[len(MEDIA_PREFIX) :], data


def _read_template(
    archive: zipfile.ZipFile, review: Review, name: str
) -> Iterator[tuple[str, bytes]]:
    """The ``template/`` entry ``review.template`` names, if the file holds it with the very
    bytes named (same SHA-256); other template entries are ignored, so never saved back. It is
    read only up to the guarded reader's template limit, and sanitised when a deck uses it."""
    ref = review.template
    if ref is None:
        return
    entry = template_entry(ref.sha256)
    try:
        info = archive.getinfo(entry)
    except KeyError:
        return  # ReviewFile.missing_template says so
    if not TEMPLATE_ENTRY.match(info.filename) or is_symlink(info):
        return
    data = _read_capped(archive, info, MAX_TEMPLATE_ENTRY_BYTES, name)
    if hashlib.sha256(data).hexdigest() == ref.sha256:
        yield entry, data


_BOM = b"\xef\xbb\xbf"
_NUMBERS = bytes.maketrans(b"0123456789E", b"0000000000e")
"""Every digit read as 0 and ``E`` as ``e`` (signs dropped): one C pass finds long numbers."""
_SIGNS = b"+-"
_LONG_DIGITS = b"0" * 200
"""Below 200 digits and a two-digit exponent, a number is below 1e298: finite."""
_BIG_EXPONENT = b"e000"
_NUMBER_START = re.compile(rb"[:\[,]\s*\Z")
_ASCII_ESCAPE = re.compile(rb"\\u00[2-7][0-9a-fA-F]")


def _needs_careful_read(data: bytes) -> bool:
    """Whether ``review.json`` bytes may hold what pydantic's parser reads but the careful
    read refuses: NaN or Infinity, an integer too long to read or a float too large to hold
    (200 digits in a row, or an exponent of three digits), printable ASCII written as
    ``\\u00..`` (which could spell a key no byte search sees). Text that merely looks so
    (the word NaN in a note) only costs the careful read's time; an exponent counts only
    after ``:``, ``[`` or ``,``, so ids such as ``0015e00000`` in text do not."""
    if b"NaN" in data or b"Infinity" in data:
        return True
    if b"\\u00" in data and _ASCII_ESCAPE.search(data):
        return True
    digits = data.translate(_NUMBERS, _SIGNS)
    if _LONG_DIGITS in digits:
        return True
    at = digits.find(_BIG_EXPONENT)
    while at != -1:
        if _NUMBER_START.search(digits[max(0, at - 320) : at].rstrip(b"0.")):  # number's start
            return True
        at = digits.find(_BIG_EXPONENT, at + 1)
    return False


_VERSION_KEY = b'"schema_version"'
_VERSION = re.compile(rb'"schema_version"\s*:\s*(\d{1,7})\s*[,}]')


def _current_review(data: bytes) -> Review | None:
    """The review in ``review.json`` bytes read in one pass by pydantic's own JSON parser,
    when they are plainly a valid file of the current format; None for anything else, which
    the careful read (:func:`_parse_json`, :func:`_to_review`) then refuses with its message
    or accepts (migrating an older format).

    Nothing refused by the careful read gets through here: no NaN or Infinity, no number
    too long or too large (:func:`_needs_careful_read`); ``schema_version`` written once, as
    the current whole number; invalid UTF-8, lone surrogates, and JSON that ``json`` refuses
    are refused by pydantic's parser too (duplicate keys: the last wins in both); nesting is
    bounded by the model itself (every part forbids unknown keys and none holds free-form
    JSON, which ``test_storage_fast_read`` checks against :data:`MAX_JSON_DEPTH`).
    """
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if data.count(_VERSION_KEY) != 1 or _needs_careful_read(data):
        return None
    written = _VERSION.search(data)
    if written is None or int(written.group(1)) != SCHEMA_VERSION:
        return None
    try:
        review = Review.model_validate_json(data)
    except ValueError:  # ValidationError, or a value pydantic could not build
        return None
    return review


_KEEP = b'"[]{}'
_NOT_SKELETON = bytes(b for b in range(256) if b not in _KEEP)
_LEAF = re.compile(rb"\{\}|\[\]")


def _nesting_over(text: str, limit: int) -> bool:
    """Whether the objects and lists of ``text`` (JSON that parsed) nest more than ``limit``
    deep, measured in C on its skeleton: escaped backslashes and quotes dropped, everything but
    quotes and brackets dropped, strings dropped, then innermost pairs removed once per level.
    The exact (slower) walk of :func:`too_deep` runs only for a file that is too deep."""
    data = text.encode("utf-8", "surrogatepass").replace(b"\\\\", b"").replace(b'\\"', b"")
    shape = b"".join(data.translate(None, _NOT_SKELETON).split(b'"')[::2])  # out of strings
    for _ in range(limit):
        if not shape:
            return False
        shape = _LEAF.sub(b"", shape)
    return bool(shape)


def _parse_json(data: bytes, name: str) -> tuple[dict[str, Any], bool]:
    """``review.json`` parsed, and whether every number in it is finite (NaN, Infinity or a
    number too large for a float are read as such, and found by path later)."""
    finite = True

    def constant(word: str) -> float:  # NaN, Infinity, -Infinity
        nonlocal finite
        finite = False
        return float(word)

    def number(text: str) -> float:
        nonlocal finite
        value = float(text)
        finite = finite and math.isfinite(value)
        return value

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UserError(
            f"Could not open {name}: {REVIEW_ENTRY} is not UTF-8 text "
            f"(bad byte at position {err.start})."
        ) from err
    try:
        raw = json.loads(text, parse_constant=constant, parse_float=number)
    except json.JSONDecodeError as err:
        raise UserError(
            f"Could not open {name}: {REVIEW_ENTRY} is not valid JSON "
            f"(line {err.lineno}, column {err.colno}: {err.msg})."
        ) from err
    except RecursionError as err:
        raise UserError(f"Could not open {name}: {REVIEW_ENTRY} is nested too deeply.") from err
    except ValueError as err:  # an integer of more than 4,300 digits
        raise UserError(
            f"Could not open {name}: {REVIEW_ENTRY} holds a number too long to read."
        ) from err
    deep = too_deep(raw, MAX_JSON_DEPTH) if _nesting_over(text, MAX_JSON_DEPTH) else None
    if deep is not None:
        raise UserError(
            f"Could not open {name}: {REVIEW_ENTRY} is nested more than {MAX_JSON_DEPTH} "
            f"levels deep at {deep} (MAX_JSON_DEPTH)."
        )
    if not isinstance(raw, dict):
        raise UserError(
            f"Could not open {name}: {REVIEW_ENTRY} must hold a JSON object, not {json_kind(raw)}."
        )
    return raw, finite


def _to_review(
    raw: dict[str, Any], name: str, *, finite: bool = False
) -> tuple[Review, int | None]:
    """Check the version, migrate, validate: the Review and the format it came from if older."""
    try:
        version = file_version(raw)
    except MigrationError as err:
        raise UserError(f"Could not open {name}: {err}.") from err
    if version > SCHEMA_VERSION:
        raise UserError(
            f"{name} was saved by a newer QBR Studio (file format {version}; this version reads "
            f"up to {SCHEMA_VERSION}). Update QBR Studio to open it; the file was not changed."
        )
    bad = None if finite else _non_finite_path(raw)  # ``finite``: the parser saw none
    if bad is not None:
        raise UserError(f"Could not open {name}: {bad} is not a finite number.")
    try:
        # ``raw`` was parsed here and is not shared, so a current file needs no copy
        current = raw if version == SCHEMA_VERSION else migrate(raw)
    except Exception as err:  # a malformed old file a migration step could not handle
        raise UserError(
            f"Could not open {name}: it could not be upgraded from file format {version} ({err})."
        ) from err
    try:
        review = Review.model_validate(current)
    except ValidationError as err:
        problem = describe_validation_error(err, REVIEW_ENTRY)
        raise UserError(f"Could not open {name}: {problem}.") from err
    return review, (version if version < SCHEMA_VERSION else None)


def json_path(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """``("book", "accounts", 3, "arr")`` → ``book.accounts[3].arr``; empty → ``review.json``."""
    return paths.join(loc) or REVIEW_ENTRY


def _non_finite_path(value: Any, loc: tuple[int | str, ...] = ()) -> str | None:
    """JSON path of the first NaN or infinite number in ``value``, or None if there is none."""
    if isinstance(value, float) and not math.isfinite(value):
        return json_path(loc)
    if isinstance(value, dict):
        items: Iterator[tuple[int | str, Any]] = iter(value.items())
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _non_finite_path(item, (*loc, key))
        if found is not None:
            return found
    return None
