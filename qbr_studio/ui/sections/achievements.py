"""Achievements: the customers' measurable progress this quarter, as a rich list."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.list_editor import FieldSpec, ListEditor
from qbr_studio.ui.sections.base import SectionPage


def achievement_fields() -> list[FieldSpec]:
    from qbr_studio.model import AchievementKind

    return [
        FieldSpec("title", "Title", placeholder="e.g. Scrap rate down by a third"),
        FieldSpec(
            "kind",
            "Kind",
            "enum",
            enum=AchievementKind,
            tooltip="Business outcome, explicit adoption, or innovation with our products",
        ),
        FieldSpec("account_id", "Account", "account"),
        FieldSpec(
            "metric", "Metric", placeholder="What was measured, e.g. Tickets resolved by bot"
        ),
        FieldSpec("unit", "Unit", placeholder='"%", "hours", "$"… shown after the numbers'),
        FieldSpec("before", "Before", "number", tooltip="The value before (baseline)"),
        FieldSpec("after", "After", "number", tooltip="The value now"),
        FieldSpec("goal", "Goal", "number", tooltip="The value the customer aims for"),
        FieldSpec(
            "story",
            "Story",
            "text",
            placeholder="What the customer did, with our help, and what it meant for them.",
            lines=6,
        ),
    ]


class AchievementsPage(SectionPage):
    key = "achievements"
    description = (
        "Your customers' top achievements this quarter: measurable progress towards their "
        "goals, explicit adoption, innovation. Give each a before, an after and a goal."
    )

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        from qbr_studio.model import Achievement

        layout = self.page_layout(scroll=False)
        self.editor = ListEditor(
            doc,
            "achievements",
            what="achievement",
            fields=achievement_fields(),
            new_item=Achievement,
            describe=lambda a: a.title or "Untitled achievement",
            parent=self,
        )
        layout.addWidget(self.editor, 1)

    def focus_path(self, path: str) -> bool:
        return self.editor.focus_path(path)
