"""The window's import workflow: the wizard on chosen files, applied as one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from qbr_studio.ui import dialogs

if TYPE_CHECKING:
    from qbr_studio.ui.import_wizard import ImportWizard
    from qbr_studio.ui.main_window import MainWindow


class ImportActions(QObject):
    """Runs one import wizard at a time for ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.wizard: ImportWizard | None = None

    def import_spreadsheets(self, paths: list[Path] | None = None) -> None:
        """Open the import wizard on ``paths`` (asks which files if None); one undo step."""
        window = self.window
        try:
            from qbr_studio.ui.import_wizard import ImportWizard
        except ImportError:
            window.show_error("Spreadsheet import is not available in this version of QBR Studio.")
            return
        if paths is None:
            paths = dialogs.ask_import_paths(window, window.files.folder())
        if not paths:
            return
        if self.wizard is not None:
            self.wizard.reject()
        names = ", ".join(p.name for p in paths)
        wizard = ImportWizard(list(paths), window.doc.review.model_copy(deep=True), window)
        wizard.importDone.connect(lambda result: self._imported(result, names))
        wizard.finished.connect(lambda _code: self._wizard_closed(wizard))
        self.wizard = wizard
        wizard.open()

    def _wizard_closed(self, wizard: Any) -> None:
        if self.wizard is wizard:
            self.wizard = None
        wizard.deleteLater()

    def _imported(self, result: Any, names: str) -> None:
        window = self.window
        window.doc.replace_review(result.review, f"Import {names}")
        window.show_done(f"Imported {names}. Edit › Undo takes it back.")
        window.imported.emit()
        dialogs.show_report(window, "Import report", result.report.to_text())
