"""Check & Build: what is missing before the meeting (click an item to fix it), then the deck."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.model.agenda import describe, locate
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.sections.base import SectionPage
from qbr_studio.ui.widgets import heading, hint
from qbr_studio.wording import plural

if TYPE_CHECKING:
    from qbr_studio.checks import Finding

PATH_ROLE = Qt.ItemDataRole.UserRole
"""Item data holding a finding's JSON path."""


class CheckBuildPage(SectionPage):
    key = "check_build"
    description = (
        "What is still missing before the meeting; click an item to go and fill it in. "
        "Then build the deck, or export it as a PDF."
    )

    buildRequested = Signal()
    exportPdfRequested = Signal()

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        layout = self.page_layout(scroll=False)
        self.status = heading("", self, level=2)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Checklist status")
        layout.addWidget(self.status)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("Missing before the meeting")
        self.tree.setToolTip("Click an item to go to the field to fill in")
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self._build_group())
        self.room = QWidget(self)  # takes the tree's place when nothing is missing
        self.room.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.room, 1)
        self.findings: list[Finding] = []

    def _build_group(self) -> QGroupBox:
        group = QGroupBox("Deck", self)
        style = self.style()
        self.build_button = QPushButton("Build deck…", group)
        self.build_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.build_button.setToolTip("Write the PowerPoint deck (Ctrl+B)")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.buildRequested)
        self.pdf_button = QPushButton("Export PDF…", group)
        self.pdf_button.setToolTip("Save the deck as a PDF, drawn like the preview")
        self.pdf_button.clicked.connect(self.exportPdfRequested)
        self.template_label = QLabel(group)
        self.template_label.setWordWrap(True)
        self.template_label.setAccessibleName("Template")
        self.result_label = hint("", group)
        self.result_label.setAccessibleName("Last build")
        buttons = QHBoxLayout()
        buttons.addWidget(self.build_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(group)
        layout.addWidget(self.template_label)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        return group

    def set_template(self, text: str, tooltip: str = "") -> None:
        self.template_label.setText(f"Template: {text} (change it on the Overview page)")
        self.template_label.setToolTip(tooltip)

    def set_result(self, text: str) -> None:
        self.result_label.setText(text)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show the checklist, grouped by the editor page that fixes each item (the agenda's
        mapping), in the order the checks give."""
        self.findings = list(findings)
        count = sum(f.blocking for f in self.findings)
        data = len(self.findings) - count
        if count:
            things = "thing" if count == 1 else "things"
            status = f"{count} {things} to finish before the meeting"
        else:
            status = "Ready for the meeting: nothing is missing"
        if data:
            status += f"; {plural(data, 'data problem')} to look at"
        self.status.setText(status + ".")
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        look = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        for finding in self.findings:
            where = locate(finding.path)
            page = where.page.title if where is not None else finding.section
            group = groups.get(page)
            if group is None:
                group = QTreeWidgetItem(self.tree, [page])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[page] = group
            text = finding.message[:1].upper() + finding.message[1:]
            item = QTreeWidgetItem(group, [text])
            item.setIcon(0, warn if finding.blocking else look)
            item.setData(0, PATH_ROLE, finding.path)
            item.setToolTip(0, f"{text}. Click to go to {describe(finding.path)}.")
        for group in groups.values():
            group.setText(0, f"{group.text(0)} ({group.childCount()})")
        self.tree.expandAll()
        self.tree.setVisible(bool(self.findings))
        self.room.setVisible(not self.findings)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.jumpRequested.emit(path)
