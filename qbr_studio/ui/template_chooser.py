"""The review's deck template in the app: which one the deck uses, and the Overview page's
chooser ("Deck template: Company.pptx  [Choose…] [Use default] [Check…]").

The rules are below the ui: the order (the review's own, the team pack's, the bundled one) is
:func:`qbr_studio.deck.review_template.choose_template`, the one-step change of ref and bytes is
:meth:`qbr_studio.document.Document.swap_template` (undoable through
:meth:`DocumentController.set_template`). Choosing a file reads it through the guarded reader
and describes it once, so a file that cannot be a template is refused before it is kept.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from qbr_studio.document import TEMPLATE
from qbr_studio.errors import UserError

if TYPE_CHECKING:
    from qbr_studio.deck.review_template import TemplateChoice
    from qbr_studio.team.pack import LoadedPack
    from qbr_studio.ui.document import DocumentController


def current_choice(doc: DocumentController) -> TemplateChoice:
    """The template the open review's deck is built on now (see the module docstring)."""
    from qbr_studio.deck.review_template import choose_template

    pack = None
    problem = ""
    if doc.path is not None:
        folder = doc.path.resolve().parent
        try:
            pack = _pack_in(folder, _pack_stamps(folder))
        except UserError as err:  # an unreadable pack: said, and not used
            problem = str(err)
    choice = choose_template(
        doc.review,
        doc.media,
        pack=pack.template if pack else None,
        pack_name=pack.path.name if pack else "",
    )
    if problem and not choice.problem:
        from dataclasses import replace

        choice = replace(choice, problem=problem)
    return choice


def _pack_stamps(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The team packs in ``folder`` as (name, mtime, size): a changed pack is read again."""
    from qbr_studio.team.pack import PACK_SUFFIX

    stamps = []
    for path in sorted(folder.glob(f"*{PACK_SUFFIX}")):
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


@lru_cache(maxsize=4)
def _pack_in(folder: Path, stamps: tuple[tuple[str, int, int], ...]) -> LoadedPack | None:
    """The team pack the review's folder holds, read once while its files are unchanged (the
    label, the planner and the checklist all ask after every change of template)."""
    from qbr_studio.team.pack import find_pack

    return find_pack(folder) if stamps else None


def read_template(path: Path) -> bytes:
    """The bytes of the template at ``path``, once they are known to make a deck; UserError
    naming the file otherwise."""
    from qbr_studio.deck.reading.template import load_template
    from qbr_studio.safeio import check_file

    data = check_file(path, "template")
    load_template(path)
    return data


def default_for_new_review(doc: DocumentController, default: Path | None) -> str:
    """Give the new review open in ``doc`` the Preferences' default template (no undo step: it
    is part of creating the review); what went wrong in words, "" if nothing."""
    if default is None:
        return ""
    try:
        data = read_template(default)
    except UserError as err:
        return f"{err} The new review uses the bundled template."
    change = doc.document.template_change(default.name, data)
    if change is not None:
        doc.swap_template(change)
    return ""


class TemplateChooser(QWidget):
    """One row: the template the deck uses and the buttons that change it (one undo step
    each); the preview follows through the document's change signal."""

    checkRequested = Signal(object, str)
    """"Check…": the template file to check (a Path; None: the bundled one) and what it is
    in words ("the review's own template Company.pptx")."""
    failed = Signal(str)

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Deck template")
        self.choose_button = QPushButton("Choose…", self)
        self.choose_button.setToolTip("Build this review's deck on a company template")
        self.choose_button.clicked.connect(lambda: self.choose())
        self.default_button = QPushButton("Use default", self)
        self.default_button.setToolTip(
            "Build on the team pack's template, or the bundled one when there is no pack"
        )
        self.default_button.clicked.connect(self.use_default)
        self.check_button = QPushButton("Check…", self)
        self.check_button.setToolTip("What the app finds in the template, with sample slides")
        self.check_button.clicked.connect(self._check)
        row = QHBoxLayout()
        for button in (self.choose_button, self.default_button, self.check_button):
            row.addWidget(button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.label)
        column.addLayout(row)
        doc.changed.connect(self._changed)
        doc.fileChanged.connect(lambda _path: self.refresh())
        self.choice: TemplateChoice | None = None
        self.refresh()

    def refresh(self) -> None:
        if not self.doc.is_open:
            self.label.setText("")
            return
        self.choice = current_choice(self.doc)
        own = self.doc.review.template
        said = self.choice.said[0].upper() + self.choice.said[1:]
        self.label.setText(f"{said}\n{self.choice.problem}" if self.choice.problem else said)
        self.label.setToolTip(str(self.choice.path or "Bundled with QBR Studio"))
        self.default_button.setEnabled(own is not None)

    def choose(self, path: Path | None = None) -> bool:
        """Make the template at ``path`` (asks which when None) the review's; True if it is."""
        if path is None:
            from qbr_studio.ui import dialogs

            folder = self.doc.path.parent if self.doc.path else None
            path = dialogs.ask_template_path(self, folder)
            if path is None:
                return False
        try:
            data = read_template(path)
        except UserError as err:
            self.failed.emit(f"{err} The deck template was not changed.")
            return False
        return self.doc.set_template(path.name, data)

    def use_default(self) -> bool:
        return self.doc.set_template("", None)

    def _check(self) -> None:
        choice = self.choice or current_choice(self.doc)
        self.checkRequested.emit(choice.path, choice.said)

    def _changed(self, path: str) -> None:
        if path in ("", TEMPLATE):
            self.refresh()
