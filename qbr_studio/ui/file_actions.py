"""The window's file workflows: new, open, save, save as, recent reviews, recovery."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from qbr_studio.errors import UserError
from qbr_studio.ui import dialogs
from qbr_studio.ui.disk_changes import DiskChanges

if TYPE_CHECKING:
    from qbr_studio.ui.main_window import MainWindow


class FileActions(QObject):
    """Opens and saves ``window``'s review; errors show in the window's message bar."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.doc = window.doc
        self.disk = DiskChanges(window)
        """The review's file changed on disk: Reload / Keep mine (see disk_changes)."""

    # --- opening ----------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Before the review is closed: True if it may go (saved, discarded, or unchanged)."""
        if not self.doc.is_open or not self.doc.dirty:
            return True
        answer = dialogs.ask_save_changes(self.window, self.doc.display_name)
        if answer == dialogs.SAVE:
            return self.save()
        return answer == dialogs.DISCARD

    def new_review(self) -> None:
        if not self.maybe_save():
            return
        answer = dialogs.ask_new_review(self.window, self.window.preferences.author_name)
        if answer is None:
            return
        from qbr_studio.model import Meta, Review

        review = Review(meta=Meta(csm=answer.csm, quarter=answer.quarter, team=answer.team))
        self.forget_session()
        self.doc.load(review, dirty=True)
        self._default_template()
        self.window.outputs.forget_last_output()
        self.window.go_to_section("overview")
        self.window.show_message("New review started. Import your data, then write the story.")

    def open_review(self, path: Path | None = None, *, ask: bool = True) -> bool:
        """Open ``path`` (or ask which); True if it opened. Errors show in the window."""
        from qbr_studio.ui import recent

        if ask and not self.maybe_save():
            return False
        if path is None:
            path = dialogs.ask_open_path(self.window, self.folder())
            if path is None:
                return False
        replacing = self.doc.is_open
        try:
            migrated = self.doc.open_file(Path(path))
        except UserError as err:
            self.window.show_error(str(err))
            return False
        if replacing:
            self.forget_session()
        self.disk.follow()
        self.window.outputs.forget_last_output()
        recent.remember(Path(path))
        if migrated is not None:
            self.window.show_message(
                f"{Path(path).name} was made by an older QBR Studio (file format {migrated}); "
                "saving it writes the current format."
            )
        return True

    def open_first(self, path: Path | None) -> None:
        """``path``, else the last review opened, else a copy of the bundled sample."""
        from qbr_studio.ui import recent
        from qbr_studio.ui.startup import sample_review_path

        candidates = [p for p in (path, recent.last_existing()) if p is not None]
        for candidate in candidates:
            if self.open_review(candidate, ask=False):
                return
        try:
            self.open_review(sample_review_path(), ask=False)
        except UserError as err:
            self.window.show_error(str(err))
        if not self.doc.is_open:
            self.load_blank()

    def load_blank(self) -> None:
        from qbr_studio.model import Meta, Review

        author = self.window.preferences.author_name or "Your name"
        self.doc.load(Review(meta=Meta(csm=author, quarter=dialogs.current_quarter())), dirty=True)
        self._default_template()

    def _default_template(self) -> None:
        """A new review is built on the Preferences' default template (if one is set)."""
        from qbr_studio.ui.template_chooser import default_for_new_review

        problem = default_for_new_review(self.doc, self.window.preferences.template_path)
        if problem:
            self.window.show_error(problem)

    def offer_recovery(self) -> bool:
        """Offer reviews autosaved by a session that crashed; True if one was opened."""
        from qbr_studio.storage import discard, list_recoverable, load_recovered

        entries = list_recoverable()
        if not entries:
            return False
        answer, entry = dialogs.ask_recover(self.window, entries)
        if answer == dialogs.DISCARD:
            for item in entries:
                discard(item.key)
            return False
        if answer != dialogs.RECOVER or entry is None:
            return False
        try:
            loaded = load_recovered(entry)
        except UserError as err:
            self.window.show_error(str(err))
            return False
        self.doc.load(loaded.review, loaded.media, entry.original_path, dirty=True)
        if entry.original_path is not None and entry.original_digest is not None:
            from qbr_studio.storage import DiskVersion

            # the file as the crashed session knew it: saving asks if it changed since
            self.doc.version = DiskVersion(entry.original_digest, None)
            self.disk.follow()
        self.window.outputs.forget_last_output()
        assert self.window.autosaver is not None
        self.window.autosaver.adopt(entry.key)
        where = entry.original_path.name if entry.original_path else "the unsaved review"
        self.window.show_message(f"Recovered your unsaved changes to {where}. Save to keep them.")
        return True

    # --- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        from qbr_studio.ui.startup import is_sample

        if self.doc.path is None or is_sample(self.doc.path):  # not into the hidden folder
            return self.save_as()
        return self.save_to(self.doc.path)

    def save_as(self) -> bool:
        suggested = self.folder() / f"{self.default_stem()}.qbr"
        path = dialogs.ask_save_path(
            self.window, "Save review as", suggested, dialogs.REVIEW_FILTER
        )
        if path is None:
            return False
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Save to ``path``; to the review's own file only as :meth:`DiskChanges.before_save`
        allows, so a version saved elsewhere is never silently overwritten."""
        from qbr_studio.ui import recent

        check = self.disk.before_save() if self._own_file(path) else None
        if check is not None and not check.go:
            return False
        try:
            self.doc.save_to(path, expected=check.expected if check else None)
        except UserError as err:
            self.window.show_error(str(err))
            return False
        self.disk.follow()
        if self.window.autosaver is not None:
            self.window.autosaver.discard()
        recent.remember(path)
        if check is not None and check.theirs is not None:
            self.disk.tell_copy(
                f"Saved your version of {path.name}; the version saved elsewhere is kept "
                f"as {check.theirs.name}, beside it.",
                check.theirs,
            )
        self.window.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _own_file(self, path: Path) -> bool:
        """Whether ``path`` is the file the review was opened from or last saved to."""
        own = self.doc.path
        if own is None:
            return False
        return Path(path).absolute() == own.absolute() or (
            Path(path).exists() and own.exists() and Path(path).samefile(own)
        )

    def forget_session(self) -> None:
        """The open review is being replaced: its recovery copy is no longer needed."""
        if self.window.autosaver is not None:
            self.window.autosaver.restart()

    # --- where files go ---------------------------------------------------------------

    def folder(self) -> Path:
        """The review's own folder; the documents folder for a new review or the sample."""
        from qbr_studio.ui.startup import default_folder

        return default_folder(self.doc.path)

    def output_folder(self) -> Path:
        return self.window.preferences.output_folder or self.folder()

    def default_stem(self) -> str:
        if self.doc.path is not None:
            return self.doc.path.stem
        meta = self.doc.review.meta
        return f"QBR {meta.quarter} {meta.csm}".strip()

    # --- recent reviews ---------------------------------------------------------------

    def fill_recent_menu(self) -> None:
        from qbr_studio.ui import recent

        menu = self.window.actions.recent_menu
        menu.clear()
        paths = recent.load_recent()
        for number, path in enumerate(paths, start=1):
            action = menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not paths:
            menu.addAction("No recent reviews").setEnabled(False)

    def open_recent(self, path: Path) -> None:
        from qbr_studio.ui import recent

        if not path.is_file():
            recent.forget(path)
            self.window.show_error(f"Could not open {path}: the file was moved or deleted.")
            return
        self.open_review(path)
