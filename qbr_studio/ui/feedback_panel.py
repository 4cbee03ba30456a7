"""The feedback panel: every reviewer's notes on the open review (from the sidecars next to
it), grouped by target, by reviewer, open or resolved; a comment typed here goes to the
user's own sidecar, never into the review."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
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
from qbr_studio.feedback.anchors import target_for
from qbr_studio.feedback.events import FeedbackEvent, Kind, new_event
from qbr_studio.feedback.sidecar import add_events, gather
from qbr_studio.feedback.views import Grouping, grouped
from qbr_studio.ui.document import DocumentController


class FeedbackPanel(QWidget):
    """Shows the review's feedback and adds ``author``'s comments to their sidecar."""

    def __init__(self, doc: DocumentController, author: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc, self.author = doc, author
        self.events: tuple[FeedbackEvent, ...] = ()
        self.grouping = QComboBox()
        self.grouping.addItems([g.value for g in Grouping])
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Note", "Reviewer"])
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.target = QLineEdit()
        self.target.setPlaceholderText("On (e.g. achievements[0].title; empty: the whole review)")
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText("Your comment")
        self.add_button = QPushButton("Comment")
        layout = QVBoxLayout(self)
        for widget in (self.grouping, self.tree, self.problems, self.target, self.comment):
            layout.addWidget(widget)
        layout.addWidget(self.add_button)
        self.grouping.currentTextChanged.connect(lambda _text: self._fill())
        self.add_button.clicked.connect(self.add_comment)
        doc.fileChanged.connect(lambda _path: self.reload())
        self.reload()

    def reload(self) -> None:
        """Read every sidecar next to the review again."""
        path = self.doc.path
        loaded = gather(path) if path is not None and self.doc.is_open else None
        self.events = loaded.events if loaded else ()
        self.problems.setText("\n".join(loaded.problems) if loaded else "")
        self.add_button.setEnabled(path is not None)
        self.add_button.setToolTip("" if path else "Save the review first: notes go beside it.")
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
                for reply in thread.replies:
                    QTreeWidgetItem(item, [reply.text, reply.author])
            group.setExpanded(True)
