"""Undo commands: each user edit is one small command that calls one controller method.

The commands never touch a widget: the controller emits ``changed(path)`` and the views
refresh from that, so undo and redo look exactly like the edit itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from qbr_studio.document import TemplateState
    from qbr_studio.model import Review
    from qbr_studio.ui.document import DocumentController, LogoState

SET_VALUE_ID = 1
"""Command id under which consecutive edits of one field merge (typing is one undo step)."""


class SetValueCommand(QUndoCommand):
    """Set the field at ``path`` from ``old`` to ``new``.

    With ``merge`` true, a following merging edit of the same path joins this command, so a
    run of keystrokes in one field undoes in one step.
    """

    def __init__(
        self, doc: DocumentController, path: str, old: Any, new: Any, text: str, merge: bool
    ) -> None:
        super().__init__(text)
        self.doc, self.path, self.old, self.new, self.merge = doc, path, old, new, merge

    def redo(self) -> None:
        self.doc.set_value(self.path, self.new)

    def undo(self) -> None:
        self.doc.set_value(self.path, self.old)

    def id(self) -> int:
        return SET_VALUE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValueCommand) or other.path != self.path or not other.merge:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class InsertItemCommand(QUndoCommand):
    """Insert ``item`` into the list at ``path`` at ``index`` (add, duplicate)."""

    def __init__(self, doc: DocumentController, path: str, index: int, item: Any, text: str):
        super().__init__(text)
        self.doc, self.path, self.index, self.item = doc, path, index, item

    def redo(self) -> None:
        self.doc.insert_item(self.path, self.index, self.item)

    def undo(self) -> None:
        self.doc.remove_item(self.path, self.index)


class RemoveItemCommand(QUndoCommand):
    """Remove the item at ``index`` of the list at ``path``; undo puts the same item back."""

    def __init__(self, doc: DocumentController, path: str, index: int, text: str) -> None:
        super().__init__(text)
        self.doc, self.path, self.index = doc, path, index
        self.item: Any = None

    def redo(self) -> None:
        self.item = self.doc.remove_item(self.path, self.index)

    def undo(self) -> None:
        self.doc.insert_item(self.path, self.index, self.item)


class MoveItemCommand(QUndoCommand):
    """Move the item at ``source`` of the list at ``path`` so that it ends up at ``target``."""

    def __init__(self, doc: DocumentController, path: str, source: int, target: int, text: str):
        super().__init__(text)
        self.doc, self.path, self.source, self.target = doc, path, source, target

    def redo(self) -> None:
        self.doc.move_item(self.path, self.source, self.target)

    def undo(self) -> None:
        self.doc.move_item(self.path, self.target, self.source)


class ReplaceReviewCommand(QUndoCommand):
    """Swap in a whole new review (an import's result); undo brings the previous one back."""

    def __init__(self, doc: DocumentController, review: Review, text: str) -> None:
        super().__init__(text)
        self.doc, self.other = doc, review

    def redo(self) -> None:
        self.other = self.doc.swap_review(self.other)

    def undo(self) -> None:
        self.other = self.doc.swap_review(self.other)


class SwapCommand(QUndoCommand):
    """Put ``value`` in place of what ``swap`` exchanges (``swap`` returns what it took out),
    so redo and undo are the same exchange."""

    def __init__(self, swap: Callable[[Any], Any], value: Any, text: str) -> None:
        super().__init__(text)
        self.swap, self.other = swap, value

    def redo(self) -> None:
        self.other = self.swap(self.other)

    def undo(self) -> None:
        self.other = self.swap(self.other)


class SetLogoCommand(SwapCommand):
    """Put ``logo`` in place of the deep dive's logo: its name, its MediaRef and its bytes
    change together; undo puts the previous three back."""

    def __init__(self, doc: DocumentController, logo: LogoState, text: str) -> None:
        super().__init__(doc.swap_logo, logo, text)


class SetTemplateCommand(SwapCommand):
    """Put ``template`` in place of the review's own deck template: its ref and its bytes
    change together; undo puts the previous two back."""

    def __init__(self, doc: DocumentController, template: TemplateState, text: str) -> None:
        super().__init__(doc.swap_template, template, text)
