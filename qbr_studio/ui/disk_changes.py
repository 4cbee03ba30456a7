""" "The file changed on disk": the open review's file rewritten, moved or deleted by another
program (a sync client, another QBR Studio, a colleague on a shared folder).

The file is looked at when the app becomes active again, when a file watcher reports a change
while it is active, and before every save. A change is offered once
(:func:`~qbr_studio.ui.dialogs.ask_changed_on_disk`):

- **Reload theirs**: the file is opened again; unsaved changes are first saved beside it as
  ``<name> (my unsaved changes <date time>).qbr`` (see :mod:`qbr_studio.storage.conflicts`);
- **Keep mine**: nothing changes now; the next save copies their version beside the file as
  ``<name> (changed elsewhere <date time>).qbr``, then replaces it with mine;
- **Decide later**: asked again before the next save, never silently overwritten.

A file moved or deleted is said once; Save then writes it again. Comparing is cheap (a
``stat``; the bytes only when the stamp moved), and a file merely touched is no change.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from qbr_studio.errors import UserError
from qbr_studio.ui import dialogs

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from qbr_studio.storage import DiskVersion
    from qbr_studio.ui.main_window import MainWindow

DELETED = "deleted"
"""What :attr:`DiskChanges.offered` holds once a missing file was reported."""
SETTLE_MS = 400
"""A sync client writes in bursts: the watcher's reports are gathered this long."""


class SaveCheck:
    """What a save to the review's own file may do: go (with ``expected``), or not at all."""

    def __init__(self, go: bool, expected: DiskVersion | None = None, theirs: Path | None = None):
        self.go = go
        self.expected = expected
        """The version the save replaces, so a change after this check still refuses it."""
        self.theirs = theirs
        """The copy of the version saved elsewhere, when the save replaces it."""


class DiskChanges(QObject):
    """Watches the file of ``window``'s review and offers Reload / Keep mine on a change."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.doc = window.doc
        self.offered: str | None = None
        """The change last offered (a digest, or DELETED): not offered again."""
        self.replacing: DiskVersion | None = None
        """Their version, which the user chose to replace with theirs ("Keep mine")."""
        self._asking = False
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._reported)
        self.watcher.directoryChanged.connect(self._reported)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(lambda: self.check(only_if_active=True))
        self.doc.fileChanged.connect(lambda _path: self.follow())
        self._activation_followed = False

    # --- watching -------------------------------------------------------------------------

    def follow(self) -> None:
        """The review's file (or its version) changed here: start again from it."""
        self.offered = None
        self.replacing = None
        self._follow_activation()
        for old in self.watcher.files() + self.watcher.directories():
            self.watcher.removePath(old)
        path = self.doc.path
        if path is not None and self.doc.version is not None:
            self.watcher.addPath(str(path.parent))
            if path.exists():
                self.watcher.addPath(str(path))

    def _follow_activation(self) -> None:
        """Check again when the user comes back to the app — from the first review on: the
        app is activated at its first show, before any ``Qt.*`` enum exists (see
        main_window), and PySide cannot pass an enum to a slot then (a TypeError)."""
        app = QGuiApplication.instance()
        if not self._activation_followed and isinstance(app, QGuiApplication):
            self._activation_followed = True
            app.applicationStateChanged.connect(self._state_changed)

    def _reported(self, _what: str) -> None:
        path = self.doc.path
        if path is not None and str(path) not in self.watcher.files() and path.exists():
            self.watcher.addPath(str(path))  # replaced by a rename: watch the new file
        self._settle.start()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        from PySide6.QtCore import Qt  # not at import: the shell names no Qt.* (first paint)

        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    # --- looking --------------------------------------------------------------------------

    def current(self) -> tuple[bool, DiskVersion | None]:
        """(whether the file differs from the version the review was read from, the file's
        version now: None when it is gone). Raises UserError if it can't be read."""
        from qbr_studio.storage import changed_on_disk, disk_version

        path, version = self.doc.path, self.doc.version
        if path is None or version is None or not changed_on_disk(path, version):
            return False, version
        return True, disk_version(path)

    def check(self, *, only_if_active: bool = False) -> None:
        """Offer Reload / Keep mine if the file changed since it was read, once per change."""
        from PySide6.QtCore import Qt

        if self._asking or not self.doc.is_open or not self.window.isVisible():
            return  # (a window being closed asks nothing)
        if only_if_active and QGuiApplication.applicationState() != (
            Qt.ApplicationState.ApplicationActive
        ):
            return  # the offer waits for the user to come back
        if QApplication.activeModalWidget() is not None:
            return  # not over another question; asked at activation or before saving
        try:
            changed, now = self.current()
        except UserError:
            return  # unreadable for now (being synced): looked at again later
        if not changed or self._decided(now):
            return
        key = DELETED if now is None else now.digest
        if key == self.offered:
            return
        self.offered = key
        if now is None:
            self.window.show_message(
                f"{self.doc.display_name} was moved or deleted by another program. "
                "Save (Ctrl+S) writes it again where it was."
            )
            return
        self._ask(now)

    def _decided(self, now: DiskVersion | None) -> bool:
        return (
            now is not None and self.replacing is not None and (now.digest == self.replacing.digest)
        )

    def _ask(self, now: DiskVersion) -> str:
        self._asking = True
        try:
            answer = dialogs.ask_changed_on_disk(
                self.window, self.doc.display_name, unsaved=self.doc.dirty
            )
        finally:
            self._asking = False
        if answer == dialogs.RELOAD:
            self.reload()
        elif answer == dialogs.KEEP_MINE:
            self.replacing = now
            self.window.show_message(
                f"Keeping your version of {self.doc.display_name}. Saving replaces the version "
                "saved elsewhere, which is then kept in a copy beside it."
            )
        return answer

    # --- answers --------------------------------------------------------------------------

    def reload(self) -> bool:
        """Open the file again; unsaved changes go to a copy beside it first. True if done."""
        from qbr_studio.storage import keep_mine

        path = self.doc.path
        assert path is not None
        kept = None
        if self.doc.dirty:
            try:
                kept = keep_mine(path, self.doc.review, self.doc.media)
            except UserError as err:
                self.window.show_error(f"{err} Your changes are still open; nothing was reloaded.")
                return False
        try:
            self.doc.open_file(path)
        except UserError as err:
            where = f" Your changes are kept in {kept.name}." if kept else ""
            self.window.show_error(f"{err}{where}")
            return False
        self.window.files.forget_session()
        self.window.outputs.forget_last_output()
        self.follow()
        text = f"Reloaded {path.name} as it was saved elsewhere."
        if kept is None:
            self.window.show_message(text)
        else:
            self.tell_copy(f"{text} Your unsaved changes are kept in {kept.name}, beside it.", kept)
        return True

    def tell_copy(self, text: str, copy: Path) -> None:
        """Say where the version not kept went; the message stays until closed, with a button
        to show the copy."""
        from qbr_studio.ui import desktop
        from qbr_studio.ui.message_bar import INFO

        actions = [("Show in folder", lambda: desktop.show_in_folder(copy))]
        self.window.message.show_message(text, INFO, actions)

    def before_save(self) -> SaveCheck:
        """Before saving to the review's own file: ask if it changed and nobody decided."""
        from qbr_studio.storage import keep_theirs

        try:
            changed, now = self.current()
        except UserError as err:
            self.window.show_error(str(err))
            return SaveCheck(False)
        if not changed:
            return SaveCheck(True, now)
        if now is None:
            return SaveCheck(True)  # moved or deleted: Save writes it again
        if not self._decided(now):
            self.offered = now.digest
            answer = self._ask(now)
            if answer != dialogs.KEEP_MINE:
                if answer == dialogs.CANCEL:
                    self.window.show_message("Not saved: the file changed on disk; decide first.")
                return SaveCheck(False)
        try:
            copy = keep_theirs(self.doc.path, now)  # type: ignore[arg-type]
        except UserError as err:
            self.window.show_error(f"{err} Not saved; your changes are still open.")
            return SaveCheck(False)
        return SaveCheck(True, now, copy)
