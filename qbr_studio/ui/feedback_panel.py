"""The feedback panel: every reviewer's notes on the open review (from the sidecars next to
it), grouped by target, by reviewer, open or resolved; a comment typed here goes to the
user's own sidecar, never into the review. "Import comments from a deck…" reads the comments
peers left in PowerPoint on a built deck, shows the new ones (author, date, slide, what they
are on) and adds them to the user's sidecar; importing the same deck again adds nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.errors import UserError
from qbr_studio.feedback.anchors import describe, target_for
from qbr_studio.feedback.events import FeedbackEvent, Kind, new_event
from qbr_studio.feedback.sidecar import add_events, gather
from qbr_studio.feedback.views import Grouping, grouped
from qbr_studio.ui.document import DocumentController

IMPORT_COLUMNS = ["Comment", "Author", "Date"]
"""The imported comments, under the slide they were left on; what each is on is its tooltip."""


class FeedbackPanel(QWidget):
    """Shows the review's feedback and adds ``author``'s comments to their sidecar.

    ``plan`` gives the deck plan of the review as it is now (the window's, for the preview),
    which read-back matches a deck's slides and places against; None: one is made."""

    def __init__(
        self,
        doc: DocumentController,
        author: str,
        parent: QWidget | None = None,
        plan: Callable[[], Any] | None = None,
    ):
        super().__init__(parent)
        self.doc, self.author = doc, author
        self._plan = plan or (lambda: None)
        self.events: tuple[FeedbackEvent, ...] = ()
        self.pending: list[FeedbackEvent] = []
        self.grouping = QComboBox()
        self.grouping.addItems([g.value for g in Grouping])
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Note", "Reviewer"])
        _fit_columns(self.tree)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.target = QLineEdit()
        self.target.setPlaceholderText("On (e.g. achievements[0].title; empty: the whole review)")
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText("Your comment")
        self.add_button = QPushButton("Comment")
        self.import_button = QPushButton("Import comments from a deck…")
        self.import_button.setToolTip(
            "Read the comments peers left in PowerPoint on a deck built from this review"
        )
        self.imported_label = QLabel()
        self.imported_label.setWordWrap(True)
        self.imported = QTreeWidget()
        self.imported.setHeaderLabels(IMPORT_COLUMNS)
        _fit_columns(self.imported)
        self.imported.hide()
        self.keep_button = QPushButton("Add them to the feedback")
        self.keep_button.hide()
        layout = QVBoxLayout(self)
        for widget in (self.grouping, self.tree, self.problems, self.target, self.comment):
            layout.addWidget(widget)
        layout.addWidget(self.add_button)
        layout.addWidget(self.import_button)
        layout.addWidget(self.imported_label)
        layout.addWidget(self.imported)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keep_button)
        layout.addLayout(row)
        self.grouping.currentTextChanged.connect(lambda _text: self._fill())
        self.add_button.clicked.connect(self.add_comment)
        self.import_button.clicked.connect(lambda: self.import_deck())
        self.keep_button.clicked.connect(self.add_imported)
        doc.fileChanged.connect(lambda _path: self._forget_import())
        doc.fileChanged.connect(lambda _path: self.reload())
        self.reload()

    def reload(self) -> None:
        """Read every sidecar next to the review again."""
        path = self.doc.path
        loaded = gather(path) if path is not None and self.doc.is_open else None
        self.events = loaded.events if loaded else ()
        self.problems.setText("\n".join(loaded.problems) if loaded else "")
        for button in (self.add_button, self.import_button):
            button.setEnabled(path is not None)
            button.setToolTip("" if path else "Save the review first: notes go beside it.")
        self._fill()

    def add_comment(self) -> bool:
        """Add the typed comment to the user's sidecar; False (reported) if it can't be."""
        text = self.comment.toPlainText().strip()
        target = self.target.text().strip()
        path = self.doc.path
        if path is None or not text:
            self.doc.report("Type a comment first." if path else "Save the review first.")
            return False
        try:
            on = target_for(self.doc.review, target)
            event = new_event(self.author, Kind.COMMENT, target=on, text=text)
            add_events(Path(path), self.author, [event])
        except UserError as err:
            self.doc.report(str(err))
            return False
        except ValueError:
            self.doc.report(f'"{target}" is not a path.')
            return False
        except LookupError:
            self.doc.report(f'The review has nothing at "{target}".')
            return False
        self.comment.clear()
        self.reload()
        return True

    # --- comments left in PowerPoint -----------------------------------------------------

    def import_deck(self, deck: Path | None = None) -> int:
        """Read the comments of ``deck`` (asks which if None) and show the new ones, ready to
        be added; how many are new (-1: nothing read)."""
        from qbr_studio.feedback.pptx_read import importable

        if self.doc.path is None or not self.doc.is_open:
            self.doc.report("Save the review first: notes go beside it.")
            return -1
        if deck is None:
            deck = self._ask_deck()
            if deck is None:
                return -1
        try:
            new, read = importable(Path(deck), self._deck_plan(), self.doc.review, self.events)
        except UserError as err:
            self.doc.report(str(err))
            return -1
        self.pending = new
        self.imported.clear()
        slides: dict[str, QTreeWidgetItem] = {}
        for event in new:
            _, _, slide = (event.source or "").partition(", ")
            if slide not in slides:
                slides[slide] = QTreeWidgetItem(self.imported, [slide[:1].upper() + slide[1:]])
                slides[slide].setFirstColumnSpanned(True)
                slides[slide].setExpanded(True)
            text = event.text if event.kind is Kind.COMMENT else f"Reply: {event.text}"
            item = QTreeWidgetItem(slides[slide], [text, event.author, _when(event)])
            item.setToolTip(0, f"{event.text}\nOn: {describe(self.doc.review, event.target)}")
        name = Path(deck).name
        known = read - len(new)
        self.imported_label.setText(
            f"{len(new)} new comment{'' if len(new) == 1 else 's'} in {name}"
            + (f" ({known} already in the feedback or written by QBR Studio)" if known else "")
            + ("." if new else "; nothing to add.")
        )
        self.imported.setVisible(bool(new))
        self.keep_button.setVisible(bool(new))
        return len(new)

    def add_imported(self) -> int:
        """Add the comments read from a deck to the user's sidecar; how many were added."""
        path = self.doc.path
        if not self.pending or path is None:
            return 0
        try:
            add_events(Path(path), self.author, self.pending)
        except UserError as err:
            self.doc.report(str(err))
            return 0
        count = len(self.pending)
        self._forget_import()
        self.imported_label.setText(
            f"{count} comment{'' if count == 1 else 's'} from the deck added to the feedback."
        )
        self.reload()
        return count

    def _forget_import(self) -> None:
        self.pending = []
        self.imported.clear()
        self.imported.hide()
        self.keep_button.hide()
        self.imported_label.setText("")

    def _deck_plan(self) -> Any:
        plan = self._plan()
        if plan is not None:
            return plan
        from qbr_studio.deck.produce import plan_deck

        return plan_deck(self.doc.review, None, self.doc.media)

    def _ask_deck(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        from qbr_studio.ui.dialogs import DECK_FILTER

        folder = self.doc.path.parent if self.doc.path else Path.home()
        name, _ = QFileDialog.getOpenFileName(
            self, "Import comments from a deck", str(folder), DECK_FILTER
        )
        return Path(name) if name else None

    # --- the tree ------------------------------------------------------------------------

    def _fill(self) -> None:
        self.tree.clear()
        if not self.doc.is_open:
            return
        by = Grouping(self.grouping.currentText())
        for heading, threads in grouped(self.events, self.doc.review, by):
            group = QTreeWidgetItem(self.tree, [heading, ""])
            for thread in threads:
                note = thread.note
                text = note.text if note.kind is Kind.COMMENT else f"{note.area} {note.score}: "
                if note.kind is Kind.SCORE:
                    text += note.text
                if thread.resolved:
                    text += " (resolved)"
                item = QTreeWidgetItem(group, [text, note.author])
                item.setToolTip(0, _about(note))
                for reply in thread.replies:
                    QTreeWidgetItem(item, [reply.text, reply.author]).setToolTip(0, _about(reply))
            group.setExpanded(True)


def _fit_columns(tree: QTreeWidget) -> None:
    """The first column takes the room and wraps; the others are as wide as their text."""
    from PySide6.QtWidgets import QHeaderView

    tree.setWordWrap(True)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, tree.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _when(event: FeedbackEvent) -> str:
    """``10 Dec 2026 09:30`` (UTC) from the event's ISO time; the time as written if odd."""
    try:
        moment = dt.datetime.fromisoformat(event.time)
    except ValueError:
        return event.time
    return moment.strftime("%d %b %Y %H:%M").lstrip("0")


def _about(event: FeedbackEvent) -> str:
    """A note's tooltip: when, and where a comment read from a deck was left."""
    return f"{_when(event)}" + (f" — from {event.source}" if event.source else "")
