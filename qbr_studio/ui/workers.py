"""Long jobs (build a deck, read spreadsheets) in a worker thread, with progress and cancel.

A job is a plain function ``work(task)`` run on a QThread. It reports progress with
:meth:`Task.report` and makes its one visible change (replacing the deck file) inside
:meth:`Task.commit`, so a cancel either happens before that change — and nothing changed —
or is refused because the change is already made. It always gets its own copy of the review.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal

from qbr_studio.errors import Cancelled, UserError, os_reason

if TYPE_CHECKING:
    from qbr_studio.deck.planning.standard import DeckStandard
    from qbr_studio.model import Review

log = logging.getLogger(__name__)

BUSY = -1
"""Progress value meaning "working, no way to tell how far"."""

__all__ = ["BUSY", "Cancelled", "Task", "build_job", "check_deck_target"]


class Task(QObject):
    """Runs ``work(task)`` once on its own thread; the outcome arrives as one of the
    signals, on the GUI thread: :attr:`succeeded` (the work's return value), :attr:`failed`
    (a plain-words message), or :attr:`cancelled`; :attr:`finished` follows each."""

    progressed = Signal(int, str)
    """Percent done (or BUSY) and what is happening, in a few words."""
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, title: str, work: Callable[[Task], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.title = title
        self._work = work
        self._lock = threading.Lock()
        self._cancel_requested = False
        self._committed = False
        self._thread = _Thread(self)
        self._thread.finished.connect(self._done)

    # --- GUI thread ---------------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> bool:
        """Ask the job to stop; False if too late (its change is already made)."""
        with self._lock:
            if self._committed:
                return False
            self._cancel_requested = True
            return True

    @property
    def stopped(self) -> bool:
        """The work itself stopped on a cancel (it raised Cancelled), rather than finishing
        and having its result dropped. Meaningful once :attr:`finished` was emitted."""
        return self._thread.outcome[0] == "cancelled" and self._thread.isFinished()

    def wait(self, milliseconds: int) -> bool:
        """Block until the thread ends (True) or the time is up (False)."""
        return self._thread.wait(milliseconds)

    def _done(self) -> None:
        self._thread.wait()  # past its last instruction, so the task may be deleted now
        kind, payload = self._thread.outcome
        if kind == "ok" and not self._cancel_requested:
            self.succeeded.emit(payload)
        elif kind == "failed" and not self._cancel_requested:
            self.failed.emit(str(payload))
        else:
            self.cancelled.emit()
        self.finished.emit()

    # --- worker thread ------------------------------------------------------------------

    def report(self, percent: int, text: str) -> None:
        self.check_cancelled()
        self.progressed.emit(percent, text)

    def check_cancelled(self) -> None:
        if self._cancel_requested:
            raise Cancelled

    def commit(self, change: Callable[[], None]) -> None:
        """Make the job's visible change unless it was cancelled (then raise Cancelled)."""
        with self._lock:
            if self._cancel_requested:
                raise Cancelled
            change()
            self._committed = True

    def run(self) -> tuple[str, object]:
        try:
            return "ok", self._work(self)
        except Cancelled:
            return "cancelled", None
        except UserError as err:
            return "failed", str(err)
        except Exception as err:  # a bug: say so in the window, keep the details in the log
            log.exception("%s failed", self.title)
            return "failed", f"{self.title} failed unexpectedly ({type(err).__name__}: {err})."


class _Thread(QThread):
    """Runs the task; ``outcome`` is read on the GUI thread once the thread has finished."""

    def __init__(self, task: Task) -> None:
        super().__init__(task)
        self._task = task
        self.outcome: tuple[str, object] = ("cancelled", None)

    def run(self) -> None:
        self.outcome = self._task.run()


# --- jobs -----------------------------------------------------------------------------------


def build_job(
    review: Review,
    out: Path,
    template: Path | None,
    media: Mapping[str, bytes] | None = None,
    standard: DeckStandard | None = None,
) -> Callable[[Task], Path]:
    """Write ``review``'s deck to ``out``; until the last step nothing at ``out`` changes.
    ``media`` holds the review's pictures (name → bytes), e.g. the deep-dive logo;
    ``standard`` the team pack's health weights and slide budgets (None: the product's)."""
    media = dict(media or {})  # the job's own copy, as it has its own review

    def work(task: Task) -> Path:
        from qbr_studio.deck.planning.standard import PRODUCT_STANDARD
        from qbr_studio.deck.produce import build_deck

        check_deck_target(out)
        part = out.with_name(f".{out.stem}.{uuid.uuid4().hex[:8]}.part.pptx")
        task.report(BUSY, "Laying out the slides and drawing the charts…")
        try:
            build_deck(review, part, template, media, standard or PRODUCT_STANDARD)
            task.report(BUSY, "Saving the deck…")
            task.commit(lambda: _replace(part, out))
        finally:
            part.unlink(missing_ok=True)
        return out

    return work


def check_deck_target(out: Path) -> None:
    """Refuse a deck path that cannot work, before any slide is drawn."""
    if out.suffix.lower() != ".pptx":
        raise UserError(f"Could not save {out}: a deck must be saved as a .pptx file.")
    if not out.parent.is_dir():
        raise UserError(f"Could not save {out}: the folder {out.parent} does not exist.")
    if out.is_dir():
        raise UserError(f"Could not save {out}: there is a folder with that name.")


def _replace(part: Path, out: Path) -> None:
    try:
        os.replace(part, out)
    except OSError as err:
        reason = os_reason(err, out, writing=True)
        raise UserError(
            f"Could not save {out}: {reason}. If the deck is open in PowerPoint, close it "
            "and build again; the previous deck was not changed."
        ) from err
