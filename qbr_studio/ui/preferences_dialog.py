"""The Preferences dialog: edits a copy of :class:`~qbr_studio.ui.preferences.Preferences`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.ui.preferences import Preferences, check_preferences


class PreferencesDialog(QDialog):
    """Edits a copy of the preferences; :meth:`value` is what the user chose."""

    def __init__(self, current: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.author = QLineEdit(current.author_name, self)
        self.author.setAccessibleName("Author name")
        self.author.setPlaceholderText("Your name, offered for new reviews")
        self.template = QLineEdit(current.default_template, self)
        self.template.setAccessibleName("Default template for new reviews")
        self.template.setPlaceholderText("Bundled QBR Studio template")
        self.template.setToolTip(
            "Your company's PowerPoint template (.pptx or .potx), given to each new review; "
            "a review's own template is chosen on its Overview page"
        )
        self.folder = QLineEdit(current.default_output_folder, self)
        self.folder.setAccessibleName("Default output folder")
        self.folder.setPlaceholderText("Beside the review file")
        self.folder.setToolTip("Where decks and PDFs are saved unless you choose otherwise")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        self.problem.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Author name:", self.author)
        form.addRow(
            "Template for new reviews:", self._with_buttons(self.template, self._browse_template)
        )
        form.addRow("Default output folder:", self._with_buttons(self.folder, self._browse_folder))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    def value(self) -> Preferences:
        return Preferences(
            author_name=self.author.text().strip(),
            default_template=self.template.text().strip(),
            default_output_folder=self.folder.text().strip(),
        )

    def accept(self) -> None:
        problem = check_preferences(self.value())
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if not problem:
            super().accept()

    def _with_buttons(self, edit: QLineEdit, browse: object) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        choose = QPushButton("Choose…", row)
        choose.setAccessibleName(f"Choose {edit.accessibleName().lower()}")
        choose.clicked.connect(browse)
        reset = QPushButton("Reset", row)
        reset.setToolTip("Go back to the default")
        reset.setAccessibleName(f"Reset {edit.accessibleName().lower()}")
        reset.clicked.connect(edit.clear)
        layout.addWidget(choose)
        layout.addWidget(reset)
        return row

    def _browse_template(self) -> None:
        from qbr_studio.ui import dialogs

        current = Path(self.template.text()).parent if self.template.text() else None
        path = dialogs.ask_template_path(self, current)
        if path is not None:
            self.template.setText(str(path))

    def _browse_folder(self) -> None:
        from qbr_studio.ui import dialogs

        current = Path(self.folder.text()) if self.folder.text() else None
        path = dialogs.ask_folder(self, "Default output folder", current)
        if path is not None:
            self.folder.setText(str(path))
