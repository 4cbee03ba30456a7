"""Adoption challenges: patterns across the book with plans, and the communication with the
critical parties (who, when, status)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from qbr_studio.ui import json_path
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.list_editor import FieldSpec, ListEditor
from qbr_studio.ui.sections.base import SectionPage
from qbr_studio.ui.widgets import hint


def challenge_fields() -> list[FieldSpec]:
    return [
        FieldSpec("pattern", "Pattern", placeholder="The trend you see across your accounts"),
        FieldSpec("evidence", "Evidence", "text", placeholder="The data that shows it", lines=3),
        FieldSpec("plan", "Plan", "text", placeholder="How you will address it", lines=3),
        FieldSpec(
            "account_ids", "Accounts", "accounts", tooltip="Tick the accounts that show the pattern"
        ),
    ]


def communication_fields() -> list[FieldSpec]:
    from qbr_studio.model import Status

    return [
        FieldSpec("party", "Who", placeholder="The critical party, e.g. CFO of Riverbend"),
        FieldSpec("topic", "Topic", placeholder="What the conversation is about"),
        FieldSpec("when", "When", "date"),
        FieldSpec("status", "Status", "enum", enum=Status),
    ]


class ChallengesPage(SectionPage):
    key = "challenges"
    description = (
        "Trends and patterns across your book of business, your plan for each, "
        "and the conversations with the critical parties."
    )

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        from qbr_studio.model import Challenge, Communication

        layout = self.page_layout(scroll=False)
        self.challenges = ListEditor(
            doc,
            "challenges",
            what="challenge",
            fields=challenge_fields(),
            new_item=Challenge,
            describe=lambda c: c.pattern or "Unnamed pattern",
        )
        self.communications = ListEditor(
            doc,
            "communications",
            what="communication",
            fields=communication_fields(),
            new_item=Communication,
            describe=lambda c: (
                " — ".join(x for x in (c.party, c.topic) if x) or "New communication"
            ),
        )
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Challenges and communications")
        self.tabs.addTab(
            self._tab(
                "The patterns you see across your accounts, the evidence, and your plan.",
                self.challenges,
            ),
            "Patterns and plans",
        )
        self.tabs.addTab(
            self._tab(
                "Who you need to reach, about what, by when, and where it stands.",
                self.communications,
            ),
            "Communication with critical parties",
        )
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _tab: self.locationChanged.emit())

    def _tab(self, text: str, editor: ListEditor) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.addWidget(hint(text, box))
        layout.addWidget(editor, 1)
        return box

    def location(self) -> str:
        return (self.challenges, self.communications)[max(0, self.tabs.currentIndex())].path

    def show_location(self, root: str) -> None:
        for tab, editor in enumerate((self.challenges, self.communications)):
            if editor.path == root:
                self.tabs.setCurrentIndex(tab)

    def focus_path(self, path: str) -> bool:
        for tab, editor in enumerate((self.challenges, self.communications)):
            if json_path.is_within(path, editor.path):
                self.tabs.setCurrentIndex(tab)
                return editor.focus_path(path)
        return False
