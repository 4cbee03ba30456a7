"""Help › Check a Template… (and the Overview chooser's "Check…"): what ``qbr-studio template
check`` reports on a template, with a sample slide of each kind drawn by the app's painter.

The words are :func:`qbr_studio.deck.template_report.report_lines` (one home for the report),
the samples the bundled sample review planned on the template and drawn by
:mod:`qbr_studio.ui.slide_png`, so the user sees the result before building.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.errors import UserError

SAMPLE_WIDTH = 960
"""Pixels across each sample slide as drawn; shown scaled to :data:`SAMPLE_SHARE` of the page."""
SAMPLE_SHARE = 0.42
"""Share of the page's width the samples take beside the report (readable at 1280×800)."""

SAMPLE_KINDS = ("title", "content")
"""The kinds of slide shown (``SlideKind`` values; the model is imported only when used)."""


def sample_slides(path: Path | None, width: int = SAMPLE_WIDTH) -> dict[str, bytes]:
    """The sample review's first slide of each kind on the template at ``path`` (None: the
    bundled one), as PNG bytes drawn by the app's painter."""
    from qbr_studio.deck.produce import plan_deck
    from qbr_studio.sample import build_sample_review
    from qbr_studio.ui.slide_png import slide_png

    plan = plan_deck(build_sample_review(), path)
    shown: dict[str, bytes] = {}
    for kind in SAMPLE_KINDS:
        index = next((i for i, s in enumerate(plan.slides) if s.kind.value == kind), None)
        if index is not None:
            shown[kind] = slide_png(plan, index, width)
    return shown


class TemplateCheckDialog(QDialog):
    """The report on one template, its sample slides beside it, and "Check another…"."""

    def __init__(
        self, path: Path | None, parent: QWidget | None = None, *, label: str = ""
    ) -> None:
        from PySide6.QtCore import Qt  # not at import: the shell names no Qt.*

        super().__init__(parent)
        self.setWindowTitle("Check a template")
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Template report")
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.samples: dict[str, QLabel] = {}
        self._pictures: dict[str, QPixmap] = {}
        column = QWidget(self)
        samples = QVBoxLayout(column)
        samples.setContentsMargins(0, 0, 0, 0)
        for kind in SAMPLE_KINDS:
            caption = QLabel(f"Sample {kind} slide", column)
            picture = QLabel(column)
            picture.setAccessibleName(f"Sample {kind} slide")
            picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            picture.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            samples.addWidget(caption)
            samples.addWidget(picture)
            self.samples[kind] = picture
        samples.addStretch(1)
        split = self.split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.report)
        split.addWidget(column)
        split.setStretchFactor(0, 1)
        other = QPushButton("Check another…", self)
        other.clicked.connect(self._choose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(other)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self.path: Path | None = None
        self.show_template(path, label)

    def show_template(self, path: Path | None, label: str = "") -> bool:
        """Report on ``path`` (None: the bundled template), headed ``label`` when given (a
        review's own template is a file the user never saw); False, saying why, if it can't
        be used as a template."""
        from qbr_studio.deck.reading.template import default_template_path
        from qbr_studio.deck.template_report import report_lines

        self.path = path
        shown = default_template_path() if path is None else path
        try:
            lines = report_lines(shown)
            pictures = sample_slides(path)
        except UserError as err:
            self.report.setPlainText(f"{shown.name} cannot be used as a deck template:\n{err}")
            self._pictures = {}
            self._fit_samples()
            return False
        if label:
            lines[0] = label[0].upper() + label[1:]
        self.setWindowTitle(f"Check a template: {label or shown.name}")
        self.report.setPlainText("\n".join(lines))
        self._pictures = {}
        for kind, data in pictures.items():
            pixmap = QPixmap()
            pixmap.loadFromData(data, "PNG")
            self._pictures[kind] = pixmap
        self._fit_samples()
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_samples()

    def _fit_samples(self) -> None:
        """The samples scaled to their share of the page, the report taking the rest."""
        from PySide6.QtCore import Qt  # not at import: the shell names no Qt.*

        width = max(240, int(self.width() * SAMPLE_SHARE))
        for kind, label in self.samples.items():
            picture = self._pictures.get(kind)
            if picture is None or picture.isNull():
                label.clear()
                continue
            label.setPixmap(
                picture.scaledToWidth(
                    min(width, picture.width()), Qt.TransformationMode.SmoothTransformation
                )
            )
        self.split.setSizes([self.width() - width, width])

    def _choose(self) -> None:
        from qbr_studio.ui import dialogs

        folder = self.path.parent if self.path else None
        path = dialogs.ask_template_path(self, folder)
        if path is not None:
            self.show_template(path)


def show_template_check(
    parent: QWidget | None, path: Path | None, label: str = ""
) -> TemplateCheckDialog:
    """Open the check page on ``path`` (None: the bundled template), not modal."""
    from PySide6.QtCore import Qt  # not at import: the shell names no Qt.*

    dialog = TemplateCheckDialog(path, parent, label=label)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.resize(1180, 720)
    dialog.show()
    return dialog
