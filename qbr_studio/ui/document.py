"""The open review as the app holds it: document, pictures, file, undo stack. No widgets.

Views never change the review themselves: they call :meth:`DocumentController.edit` (or one
of the list operations), which pushes a small undo command; the command calls one of the
model methods here (:meth:`set_value`, :meth:`insert_item`…), which change the review and
emit :attr:`changed` with the path that changed. Views refresh from that signal only.

The deep dive's logo is three things that change together: ``deep_dive.logo`` (a name), the
``MediaRef`` of that name in ``review.media``, and the picture's bytes in
:attr:`DocumentController.media`. :meth:`DocumentController.set_logo` changes all three in
one undo step. A logo belongs to its account: choosing another deep-dive account removes it
in the same undo step as the choice (a logo added before any account was chosen stays).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from qbr_studio.errors import UserError
from qbr_studio.ui import json_path
from qbr_studio.ui.commands import (
    InsertItemCommand,
    MoveItemCommand,
    RemoveItemCommand,
    ReplaceReviewCommand,
    SetLogoCommand,
    SetValueCommand,
)

if TYPE_CHECKING:  # the model (pydantic) is imported only once a review is opened
    from pydantic import ValidationError

    from qbr_studio.model import MediaRef, Review

REVIEW_SUFFIX = ".qbr"
DEEP_DIVE_ACCOUNT = "deep_dive.account_id"
DEEP_DIVE_LOGO = "deep_dive.logo"
MEDIA = "media"


@dataclass(frozen=True)
class Picture:
    """A picture ready to go into the review: its MediaRef, its bytes, and the file it came
    from (for messages)."""

    ref: MediaRef
    data: bytes
    source: str = ""


@dataclass(frozen=True)
class LogoState:
    """All the deep dive's logo is made of: the name in ``deep_dive.logo``, the MediaRef of
    that name and its index in ``review.media`` (-1: none), and the bytes in
    :attr:`DocumentController.media` (None: none). ``LogoState()`` is "no logo"."""

    name: str | None = None
    ref: MediaRef | None = None
    index: int = -1
    data: bytes | None = None


class DocumentController(QObject):
    """Holds one review and its undo history.

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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.media: dict[str, bytes] = {}
        self.path: Path | None = None
        self.revision = 0
        self._review: Review | None = None
        self._unsaved_origin = False  # a new or recovered review is unsaved until it is saved
        self._stack_clean = True
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # --- state --------------------------------------------------------------------------

    @property
    def review(self) -> Review:
        if self._review is None:
            raise RuntimeError("no review is open")
        return self._review

    @property
    def is_open(self) -> bool:
        return self._review is not None

    @property
    def dirty(self) -> bool:
        return self._unsaved_origin or not self._stack_clean

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
        self._review = review
        self.media = dict(media or {})
        self._unsaved_origin = dirty
        self._set_path(path)
        self._touch("")
        self.dirtyChanged.emit(self.dirty)

    def open_file(self, path: Path) -> int | None:
        """Open a .qbr file; the file format it was upgraded from, or None if current.

        Raises UserError (naming the file) and leaves the open review as it was.
        """
        from qbr_studio.storage import load_review

        loaded = load_review(path)
        self.load(loaded.review, loaded.media, Path(path))
        return loaded.migrated_from

    def save_to(self, path: Path) -> None:
        """Save to ``path`` (atomic, keeps a .bak); raises UserError naming the file."""
        from qbr_studio.storage import save_review

        path = Path(path)
        if path.suffix.lower() != REVIEW_SUFFIX:
            raise UserError(f"Could not save {path}: a review file must end in {REVIEW_SUFFIX}.")
        save_review(path, self.review, self.media)
        self._unsaved_origin = False
        self._set_path(path)
        self.undo_stack.setClean()
        self.dirtyChanged.emit(False)

    def value(self, path: str) -> Any:
        """The value at ``path`` (see :mod:`qbr_studio.ui.json_path`); LookupError if none."""
        return json_path.resolve(self.review, path)

    def logo(self) -> LogoState:
        """The deep dive's logo as it is now; ``LogoState()`` when there is none."""
        name = self.review.deep_dive.logo
        if name is None:
            return LogoState()
        refs = self.review.media
        index = next((i for i, ref in enumerate(refs) if ref.name == name), -1)
        return LogoState(name, refs[index] if index >= 0 else None, index, self.media.get(name))

    # --- model methods: called by undo commands only ------------------------------------

    def set_value(self, path: str, value: Any) -> None:
        parent, key = self._parent(path)
        if isinstance(key, int):
            parent[key] = value
        else:
            setattr(parent, key, value)
        self._touch(path)

    def insert_item(self, path: str, index: int, item: Any) -> None:
        self.value(path).insert(index, item)
        self._touch(path)

    def remove_item(self, path: str, index: int) -> Any:
        item = self.value(path).pop(index)
        self._touch(path)
        return item

    def move_item(self, path: str, source: int, target: int) -> None:
        items = self.value(path)
        items.insert(target, items.pop(source))
        self._touch(path)

    def swap_review(self, review: Review) -> Review:
        """Put ``review`` in place of the current one; returns the one taken out."""
        previous, self._review = self.review, review
        self._touch("")
        return previous

    def swap_logo(self, logo: LogoState) -> LogoState:
        """Put ``logo`` in place of the deep dive's logo (name, MediaRef and bytes); returns
        the one taken out, so putting that back restores the review and media exactly."""
        previous = self.logo()
        refs = self.review.media
        if previous.index >= 0:
            del refs[previous.index]
        if previous.name is not None:
            self.media.pop(previous.name, None)
        if logo.ref is not None:
            refs.insert(logo.index if 0 <= logo.index <= len(refs) else len(refs), logo.ref)
        if logo.name is not None and logo.data is not None:
            self.media[logo.name] = logo.data
        self.review.deep_dive.logo = logo.name
        self._touch(MEDIA)
        self._touch(DEEP_DIVE_LOGO)
        return previous

    # --- user edits: each pushes one undo command ---------------------------------------

    def edit(self, path: str, value: Any, *, label: str = "", merge: bool = False) -> bool:
        """Set the field at ``path`` as an undoable edit.

        ``label`` names the field in the undo text and in messages ("Meeting date");
        ``merge`` joins consecutive edits of the same field into one undo step (typing).
        Returns False, emitting :attr:`failed` with the reason, if the model refuses the
        value; the review is then unchanged.
        """
        try:
            new = self._checked(path, value, label)
        except UserError as err:
            self.failed.emit(str(err))
            return False
        old = self.value(path)
        if new == old:
            return True
        text = f"Edit {label or path}"
        command = SetValueCommand(self, path, old, new, text, merge)
        if path == DEEP_DIVE_ACCOUNT and old is not None and self.review.deep_dive.logo:
            # The logo is the old account's: it goes, in the same undo step as the choice.
            self.undo_stack.beginMacro(text)
            self.undo_stack.push(command)
            self.undo_stack.push(SetLogoCommand(self, LogoState(), "Remove logo"))
            self.undo_stack.endMacro()
        else:
            self.undo_stack.push(command)
        return True

    def set_logo(self, picture: Picture | None) -> bool:
        """Make ``picture`` the deep dive's logo (None removes it) as one undo step.

        Returns False if that would change nothing, or, emitting :attr:`failed` with the
        reason, if the review's pictures would then be more than a review file may hold.
        """
        from qbr_studio.storage.container import MAX_MEDIA_BYTES, MiB

        current = self.logo()
        if picture is None:
            if current.name is None:
                return False
            self.undo_stack.push(SetLogoCommand(self, LogoState(), "Remove logo"))
            return True
        if current.ref == picture.ref and current.data == picture.data:
            return False
        others = sum(len(data) for name, data in self.media.items() if name != current.name)
        if others + len(picture.data) > MAX_MEDIA_BYTES:
            source = picture.source or "The picture"
            self.failed.emit(
                f"{source} was not used as the logo: the review's pictures would then take "
                f"more than the {MAX_MEDIA_BYTES // MiB} MB a review file can hold."
            )
            return False
        index = current.index if current.index >= 0 else len(self.review.media)
        logo = LogoState(picture.ref.name, picture.ref, index, picture.data)
        text = "Change logo" if current.name else "Add logo"
        self.undo_stack.push(SetLogoCommand(self, logo, text))
        return True

    def add_item(self, path: str, item: Any, index: int | None = None, *, what: str = "") -> int:
        """Insert ``item`` into the list at ``path`` (at the end by default); its index."""
        index = len(self.value(path)) if index is None else index
        self.undo_stack.push(InsertItemCommand(self, path, index, item, f"Add {what or 'item'}"))
        return index

    def duplicate_item(self, path: str, index: int, *, what: str = "") -> int:
        """Insert a copy of item ``index`` (with a fresh id, if it has one) after it."""
        from qbr_studio.model import new_id

        copy = self.value(path)[index].model_copy(deep=True)
        if "id" in type(copy).model_fields:
            copy.id = new_id()
        command = InsertItemCommand(self, path, index + 1, copy, f"Duplicate {what or 'item'}")
        self.undo_stack.push(command)
        return index + 1

    def delete_item(self, path: str, index: int, *, what: str = "") -> None:
        self.undo_stack.push(RemoveItemCommand(self, path, index, f"Remove {what or 'item'}"))

    def reorder_item(self, path: str, source: int, target: int, *, what: str = "") -> bool:
        """Move item ``source`` to position ``target``; False if that is no move at all."""
        count = len(self.value(path))
        if source == target or not (0 <= source < count and 0 <= target < count):
            return False
        self.undo_stack.push(MoveItemCommand(self, path, source, target, f"Move {what or 'item'}"))
        return True

    def replace_review(self, review: Review, text: str) -> None:
        """Swap in a whole new review (an import) as one undoable step."""
        self.undo_stack.push(ReplaceReviewCommand(self, review, text))

    def report(self, message: str) -> None:
        """Show a problem the user caused (emits :attr:`failed`)."""
        self.failed.emit(message)

    # --- helpers ------------------------------------------------------------------------

    def _clean_changed(self, clean: bool) -> None:
        self._stack_clean = clean
        if shiboken6.isValid(self):  # the stack reports once more while the window is deleted
            self.dirtyChanged.emit(self.dirty)

    def _touch(self, path: str) -> None:
        self.revision += 1
        self.changed.emit(path)

    def _set_path(self, path: Path | None) -> None:
        if path != self.path:
            self.path = path
            self.fileChanged.emit(path)

    def _parent(self, path: str) -> tuple[Any, json_path.Part]:
        parts = json_path.parse(path)
        if not parts:
            raise ValueError("the whole review is replaced with swap_review, not set_value")
        return json_path.resolve(self.review, json_path.join(parts[:-1])), parts[-1]

    def _checked(self, path: str, value: Any, label: str) -> Any:
        """The value as the model would store it (validated, stripped); UserError if refused."""
        from pydantic import ValidationError

        parent, key = self._parent(path)
        if isinstance(key, int):
            return value
        probe = parent.model_copy()
        try:
            setattr(probe, key, value)
        except ValidationError as err:
            raise UserError(_plain(err, label or key)) from None
        return getattr(probe, key)


def _plain(err: ValidationError, label: str) -> str:
    """``Currency must be at least 3 characters long (found "US").`` from pydantic's error."""
    from qbr_studio.storage.container import describe_validation_error
    from qbr_studio.storage.container import json_path as loc_text

    text = describe_validation_error(err)
    loc = loc_text(err.errors(include_url=False)[0]["loc"])
    if text.startswith(loc):
        text = text[len(loc) :].lstrip()
    return f"{label} {text}; it was left as it was."
