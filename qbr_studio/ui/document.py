"""The open review as the app holds it: a :class:`~qbr_studio.document.Document`, its file and
its undo stack, with Qt signals. No widgets, and no edit rule of its own.

Views never change the review themselves: they call :meth:`DocumentController.edit` (or one
of the list operations), which asks the document's rules whether the edit may happen and
pushes a small undo command; the command calls one of the operations here (:meth:`set_value`,
:meth:`insert_item`…), which the document carries out and reports through its change events,
re-emitted as :attr:`changed`. Views refresh from that signal only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from qbr_studio.document import (
    DEEP_DIVE_ACCOUNT,
    DEEP_DIVE_LOGO,
    MEDIA,
    NO_LOGO,
    READ_ONLY_MESSAGE,
    Document,
    LogoState,
    Picture,
    TemplateState,
)
from qbr_studio.errors import UserError
from qbr_studio.ui.commands import (
    InsertItemCommand,
    MoveItemCommand,
    RemoveItemCommand,
    ReplaceReviewCommand,
    SetLogoCommand,
    SetTemplateCommand,
    SetValueCommand,
)

if TYPE_CHECKING:  # the model (pydantic) is imported only once a review is opened
    from qbr_studio.deck.planning.standard import DeckStandard
    from qbr_studio.model import Review
    from qbr_studio.storage import DiskVersion

REVIEW_SUFFIX = ".qbr"

__all__ = [
    "DEEP_DIVE_ACCOUNT",
    "DEEP_DIVE_LOGO",
    "MEDIA",
    "REVIEW_SUFFIX",
    "DocumentController",
    "LogoState",
    "Picture",
]


class DocumentController(QObject):
    """Holds one review (in :attr:`document`) and its undo history.

    ``media`` maps a picture's name to its bytes (as in ``ReviewFile.media``); ``path`` is the
    .qbr file the review was opened from or last saved to (None: never saved); ``revision``
    counts every change, so the autosaver can tell whether anything happened since it ran.
    """

    changed = Signal(str)
    """Something in the review changed: its JSON path; ``""`` means the whole review."""
    dirtyChanged = Signal(bool)
    """True when the review differs from its file (or has no file yet)."""
    fileChanged = Signal(object)
    """The review's file changed (open, save as): the new ``Path`` or None."""
    failed = Signal(str)
    """A user's edit was refused; the message says why in plain words."""
    readOnlyChanged = Signal(bool)
    """Review mode turned on (True) or off."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = Document()
        self.document.changed.connect(self.changed.emit)
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        self._standard: DeckStandard | None = None
        self.version: DiskVersion | None = None
        """The bytes of :attr:`path` the review was opened from or last saved as (None: not
        read from that file), to tell when another program changed the file."""
        self._unsaved_origin = False  # a new or recovered review is unsaved until it is saved
        self._stack_clean = True
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # --- state --------------------------------------------------------------------------

    @property
    def review(self) -> Review:
        return self.document.review

    @property
    def media(self) -> dict[str, bytes]:
        return self.document.media

    @property
    def revision(self) -> int:
        return self.document.revision

    @property
    def is_open(self) -> bool:
        return self.document.is_open

    @property
    def dirty(self) -> bool:
        return self._unsaved_origin or not self._stack_clean

    @property
    def standard(self) -> DeckStandard:
        """The team pack's health scorecard and slide budgets when the review's folder holds
        one (read once per open or save as), else the product's; a pack that cannot be read
        is said through :attr:`failed` and the product's standard is used."""
        from qbr_studio.team.follow import pack_beside, standard_of

        if self._standard is None:
            try:
                pack = pack_beside(self.path) if self.path is not None else None
            except UserError as err:
                self.failed.emit(f"{err} The product's own health weights are used.")
                pack = None
            self._standard = standard_of(pack)
        return self._standard

    @property
    def display_name(self) -> str:
        """The file's name, or "Untitled review" for a review never saved."""
        return self.path.name if self.path else "Untitled review"

    def load(
        self,
        review: Review,
        media: dict[str, bytes] | None = None,
        path: Path | None = None,
        *,
        dirty: bool = False,
    ) -> None:
        """Show ``review`` with an empty undo history; ``dirty`` for one not yet in its file."""
        self.undo_stack.clear()
        self._unsaved_origin = dirty
        self._standard = None  # the team pack is read again at every open
        self.document.load(review, media)
        self.version = None
        self._set_path(path)
        self.dirtyChanged.emit(self.dirty)

    def open_file(self, path: Path) -> int | None:
        """Open a .qbr file; the file format it was upgraded from, or None if current.

        Raises UserError (naming the file) and leaves the open review as it was.
        """
        from qbr_studio.storage import load_review

        loaded = load_review(path)
        self.load(loaded.review, loaded.media, Path(path))
        self.version = loaded.version
        return loaded.migrated_from

    def save_to(self, path: Path, *, expected: DiskVersion | None = None) -> None:
        """Save to ``path`` (atomic, keeps a .bak); raises UserError naming the file.

        With ``expected``, the save is refused (ReviewChangedError) unless the file still
        holds exactly those bytes (see ``storage.save_review``)."""
        from qbr_studio.storage import save_review

        path = Path(path)
        if path.suffix.lower() != REVIEW_SUFFIX:
            raise UserError(f"Could not save {path}: a review file must end in {REVIEW_SUFFIX}.")
        self._stamp_pack(path)
        self.version = save_review(path, self.review, self.media, expected=expected)
        self._unsaved_origin = False
        self._set_path(path)
        self.undo_stack.setClean()
        self.dirtyChanged.emit(False)

    def value(self, path: str) -> Any:
        """The value at ``path`` (see :mod:`qbr_studio.document.paths`); LookupError if none."""
        return self.document.value(path)

    def logo(self) -> LogoState:
        """The deep dive's logo as it is now; ``LogoState()`` when there is none."""
        return self.document.logo()

    # --- operations: called by undo commands only ---------------------------------------

    def set_value(self, path: str, value: Any) -> None:
        self.document.set_value(path, value)

    def insert_item(self, path: str, index: int, item: Any) -> None:
        self.document.insert_item(path, index, item)

    def remove_item(self, path: str, index: int) -> Any:
        return self.document.remove_item(path, index)

    def move_item(self, path: str, source: int, target: int) -> None:
        self.document.move_item(path, source, target)

    def swap_review(self, review: Review) -> Review:
        """Put ``review`` in place of the current one; returns the one taken out."""
        return self.document.swap_review(review)

    def swap_logo(self, logo: LogoState) -> LogoState:
        """Put ``logo`` in place of the deep dive's logo; returns the one taken out."""
        return self.document.swap_logo(logo)

    def swap_template(self, template: TemplateState) -> TemplateState:
        """Put ``template`` in place of the review's own template; returns the one taken out."""
        return self.document.swap_template(template)

    # --- user edits: each pushes one undo command ---------------------------------------

    def edit(self, path: str, value: Any, *, label: str = "", merge: bool = False) -> bool:
        """Set the field at ``path`` as an undoable edit.

        ``label`` names the field in the undo text and in messages ("Meeting date");
        ``merge`` joins consecutive edits of the same field into one undo step (typing).
        Returns False, emitting :attr:`failed` with the reason, if the model refuses the
        value; the review is then unchanged.
        """
        if not self._writable():
            return False
        try:
            new = self.document.checked(path, value, label)
        except UserError as err:
            self.failed.emit(str(err))
            return False
        old = self.value(path)
        if new == old:
            return True
        text = f"Edit {label or path}"
        command = SetValueCommand(self, path, old, new, text, merge)
        if self.document.drops_logo(path, old):
            self.undo_stack.beginMacro(text)
            self.undo_stack.push(command)
            self.undo_stack.push(SetLogoCommand(self, NO_LOGO, "Remove logo"))
            self.undo_stack.endMacro()
        else:
            self.undo_stack.push(command)
        return True

    def set_logo(self, picture: Picture | None) -> bool:
        """Make ``picture`` the deep dive's logo (None removes it) as one undo step.

        Returns False if that would change nothing, or, emitting :attr:`failed` with the
        reason, if the review's pictures would then be more than a review file may hold.
        """
        if not self._writable():
            return False
        had_logo = self.logo().name is not None
        try:
            logo = self.document.logo_change(picture)
        except UserError as err:
            self.failed.emit(str(err))
            return False
        if logo is None:
            return False
        text = "Remove logo" if logo.name is None else "Change logo" if had_logo else "Add logo"
        self.undo_stack.push(SetLogoCommand(self, logo, text))
        return True

    def set_template(self, name: str, data: bytes | None) -> bool:
        """Make ``data`` (a template chosen as ``name``; None: the default) the review's deck
        template as one undo step: its name, SHA-256 and bytes change together. False if that
        would change nothing."""
        if not self._writable():
            return False
        template = self.document.template_change(name, data)
        if template is None:
            return False
        text = "Use the default template" if template.ref is None else "Change deck template"
        self.undo_stack.push(SetTemplateCommand(self, template, text))
        return True

    def add_item(self, path: str, item: Any, index: int | None = None, *, what: str = "") -> int:
        """Insert ``item`` into the list at ``path`` (at the end by default); its index
        (-1: refused in review mode)."""
        if not self._writable():
            return -1
        index = len(self.value(path)) if index is None else index
        self.undo_stack.push(InsertItemCommand(self, path, index, item, f"Add {what or 'item'}"))
        return index

    def duplicate_item(self, path: str, index: int, *, what: str = "") -> int:
        """Insert a copy of item ``index`` (with a fresh id, if it has one) after it; its
        index (-1: refused in review mode)."""
        if not self._writable():
            return -1
        from qbr_studio.model import new_id

        copy = self.value(path)[index].model_copy(deep=True)
        if "id" in type(copy).model_fields:
            copy.id = new_id()
        command = InsertItemCommand(self, path, index + 1, copy, f"Duplicate {what or 'item'}")
        self.undo_stack.push(command)
        return index + 1

    def delete_item(self, path: str, index: int, *, what: str = "") -> None:
        if not self._writable():
            return
        self.undo_stack.push(RemoveItemCommand(self, path, index, f"Remove {what or 'item'}"))

    def reorder_item(self, path: str, source: int, target: int, *, what: str = "") -> bool:
        """Move item ``source`` to position ``target``; False if that is no move at all."""
        if not self._writable():
            return False
        count = len(self.value(path))
        if source == target or not (0 <= source < count and 0 <= target < count):
            return False
        self.undo_stack.push(MoveItemCommand(self, path, source, target, f"Move {what or 'item'}"))
        return True

    def replace_review(self, review: Review, text: str) -> None:
        """Swap in a whole new review (an import) as one undoable step."""
        if not self._writable():
            return
        self.undo_stack.push(ReplaceReviewCommand(self, review, text))

    def report(self, message: str) -> None:
        """Show a problem the user caused (emits :attr:`failed`)."""
        self.failed.emit(message)

    @property
    def read_only(self) -> bool:
        """Review mode: every new content edit is refused, saying why."""
        return self.document.read_only

    def set_read_only(self, read_only: bool) -> None:
        self.document.read_only = read_only
        self.readOnlyChanged.emit(read_only)

    # --- helpers ------------------------------------------------------------------------

    def _writable(self) -> bool:
        if self.document.read_only:
            self.failed.emit(READ_ONLY_MESSAGE)
            return False
        return True

    def _clean_changed(self, clean: bool) -> None:
        self._stack_clean = clean
        if shiboken6.isValid(self):  # the stack reports once more while the window is deleted
            self.dirtyChanged.emit(self.dirty)

    def _stamp_pack(self, path: Path) -> None:
        """Record the version of the team pack beside ``path`` in the review being saved (a
        pack that cannot be read leaves the stamp as it was; :attr:`standard` says why)."""
        from qbr_studio.team.follow import restamp

        restamp(path, self.review.meta)

    def _set_path(self, path: Path | None) -> None:
        if path != self.path:
            self.path = path
            self._standard = None
            self.fileChanged.emit(path)
