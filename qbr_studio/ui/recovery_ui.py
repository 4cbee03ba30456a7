"""Autosave for crash recovery: a copy of the open review in the recovery area every few
seconds while it has unsaved changes, and when the app loses focus.

The copy is discarded once the review is saved or closed normally (or undone back to its
saved state); what is left after a crash is offered at the next start
(:func:`qbr_studio.ui.dialogs.ask_recover`).
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from qbr_studio.errors import UserError
from qbr_studio.ui.document import DocumentController

log = logging.getLogger(__name__)

AUTOSAVE_SECONDS: float = 5
"""Longest time typed changes wait before they are safe from a crash (read when the
autosaver starts)."""


def new_session_key() -> str:
    """A recovery key for one editing session (lower-case hex: a safe file name everywhere)."""
    return uuid.uuid4().hex


class Autosaver(QObject):
    """Keeps the recovery copy of ``doc`` current; ``key`` names this editing session."""

    saved = Signal(object)
    """An autosave was written: its path."""

    def __init__(
        self,
        doc: DocumentController,
        parent: QObject | None = None,
        interval_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.key = new_session_key()
        self._saved_revision: int | None = None  # doc.revision at the last autosave
        self._has_copy = False
        self._warned = False
        self.timer = QTimer(self)
        self.timer.setInterval(
            round(AUTOSAVE_SECONDS * 1000) if interval_ms is None else interval_ms
        )
        self.timer.timeout.connect(self.autosave_now)
        self.timer.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def autosave_now(self) -> Path | None:
        """Write the recovery copy if there are changes it doesn't hold yet; its path."""
        from qbr_studio.storage import autosave

        if not self.doc.is_open:
            return None
        if not self.doc.dirty:
            self.discard()
            return None
        if self._saved_revision == self.doc.revision:
            return None
        try:
            version = self.doc.version  # what the session started from, to compare on save
            digest = version.digest if version is not None else None
            path = autosave(self.key, self.doc.review, self.doc.media, self.doc.path, digest)
        except (UserError, ValueError) as err:
            log.warning("Autosave failed: %s", err)
            if not self._warned:  # once per session: a full disk shouldn't nag every 5 s
                self._warned = True
                self.doc.report(f"Unsaved changes could not be kept for recovery: {err}")
            return None
        self._saved_revision = self.doc.revision
        self._has_copy = True
        self.saved.emit(path)
        return path

    def discard(self) -> None:
        """Delete this session's recovery copy (after a save or a normal close)."""
        from qbr_studio.storage import discard

        if self._has_copy:
            try:
                discard(self.key)
            except OSError as err:
                log.warning("Could not delete the recovery copy: %s", err)
            self._has_copy = False
        self._saved_revision = None

    def adopt(self, key: str) -> None:
        """Continue a recovered session: its copy stays until the review is saved."""
        self.key = key
        self._has_copy = True
        self._saved_revision = None

    def restart(self) -> None:
        """A different review was opened: drop this session's copy and start a new one."""
        self.discard()
        self.key = new_session_key()

    def stop(self) -> None:
        self.timer.stop()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.autosave_now()
