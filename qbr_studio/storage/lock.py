"""One writer at a time: a lock file beside the review, naming who holds it.

``review.qbr.lock`` is created exclusively (``O_CREAT | O_EXCL``) by whoever saves or imports
into ``review.qbr`` and removed when they finish. It holds JSON naming the holder (program,
process id, user, computer, since when), so a refusal can say who is working on the file. A
lock is *stale*, and is taken over, when its holder is a process on this computer that no
longer runs (a kill -9, a power cut), or when it is older than :data:`STALE_AFTER_SECONDS`
(a holder on another computer of a synced folder that never finished). Locks are re-entrant
within a process, so a save inside an import does not wait for itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from qbr_studio.errors import UserError

LOCK_SUFFIX = ".lock"
WAIT_SECONDS = 10.0
"""How long a writer waits for another one to finish before refusing."""
STALE_AFTER_SECONDS = 15 * 60
"""A lock older than this is abandoned whoever holds it (no save or import takes so long)."""
_POLL = 0.05
_MAX_LOCK_BYTES = 4096

_held: dict[Path, int] = {}
_held_guard = threading.RLock()


class ReviewLockedError(UserError):
    """Another process holds the review's lock; ``holder`` describes it in words."""

    def __init__(self, message: str, holder: str) -> None:
        super().__init__(message)
        self.holder = holder


def lock_path(path: Path) -> Path:
    """Where the lock of ``path`` lives: ``<file>.lock`` beside it."""
    path = Path(path)
    return path.with_name(path.name + LOCK_SUFFIX)


@contextlib.contextmanager
def review_lock(path: Path, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold ``path``'s lock for the ``with`` block, waiting up to ``wait`` seconds for another
    holder; ReviewLockedError naming the holder if it doesn't finish in time."""
    key = Path(os.path.abspath(path))
    with _held_guard:
        if _held.get(key):
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    target = lock_path(key)
    _acquire(target, key, wait)
    with _held_guard:
        _held[key] = 1
    try:
        yield
    finally:
        with _held_guard:
            _held.pop(key, None)
        with contextlib.suppress(OSError):
            target.unlink()


def _acquire(target: Path, review: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    notes = json.dumps(_me(), ensure_ascii=False).encode("utf-8")
    while True:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = _holder(target)
            if holder is None or _stale(holder):
                _break(target, holder)
                continue
            if time.monotonic() >= deadline:
                words = _describe(holder)
                raise ReviewLockedError(
                    f"Could not save {review}: it is being saved by {words}; wait until it "
                    f"has finished and try again (the file was not changed). If no program is "
                    f"working on it, delete {target.name}.",
                    words,
                ) from None
            time.sleep(_POLL)
            continue
        except FileNotFoundError:
            return  # the folder is gone: the save itself will say so
        except OSError:
            return  # a read-only folder or an odd file system: the save will say why
        try:
            os.write(fd, notes)
        finally:
            os.close(fd)
        return


def _me() -> dict[str, object]:
    import getpass  # only a save takes the lock: reading a review never needs the user's name

    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment
        user = ""
    return {
        "program": "QBR Studio",
        "pid": os.getpid(),
        "user": user,
        "host": socket.gethostname(),
        "since": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


def read_holder(path: Path) -> dict[str, object] | None:
    """Who holds ``path``'s lock now (its notes), or None if nobody does."""
    return _holder(lock_path(Path(path)))


def _holder(target: Path) -> dict[str, object] | None:
    try:
        with target.open("rb") as fh:
            raw = fh.read(_MAX_LOCK_BYTES)
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        notes = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        notes = {}
    if not isinstance(notes, dict):
        notes = {}
    with contextlib.suppress(OSError):
        notes["_age"] = time.time() - target.stat().st_mtime
    return notes


def _stale(holder: dict[str, object]) -> bool:
    age = holder.get("_age")
    if isinstance(age, float) and age > STALE_AFTER_SECONDS:
        return True
    if not holder.get("pid"):
        # A lock being written this instant has no notes yet; one that stays empty is junk.
        return isinstance(age, float) and age > 2.0
    if holder.get("host") != socket.gethostname():
        return False
    pid = holder.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return True
    if pid == os.getpid():
        return True  # our own lock from a block that ended abnormally
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, owned by someone else
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().split(b") ", 1)[1][:1] == b"Z"
    except (OSError, IndexError):
        return False


def _break(target: Path, holder: dict[str, object] | None) -> None:
    """Remove a stale lock, unless someone replaced it meanwhile (then the loop looks again)."""
    if holder is None:
        return
    with contextlib.suppress(OSError):
        current = _holder(target)
        if current is not None and current.get("pid") == holder.get("pid"):
            target.unlink()


def _describe(holder: dict[str, object]) -> str:
    if not holder.get("pid"):
        return "another program"
    who = f"{holder.get('program') or 'another program'} (process {holder.get('pid')}"
    if holder.get("user"):
        who += f", user {holder.get('user')}"
    if holder.get("host"):
        who += f" on {holder.get('host')}"
    if holder.get("since"):
        who += f", since {holder.get('since')}"
    return who + ")"
