"""The first run that teaches: a banner over the sample review saying what it is and how to
start one's own — File › New or importing a CRM export — with the short path after that.

It shows whenever the open review is the user's copy of the bundled sample, and goes away
when another review is opened; "Don't show again" hides it for good (a window setting).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from qbr_studio.ui.startup import is_sample

if TYPE_CHECKING:
    from pathlib import Path

    from qbr_studio.ui.main_window import MainWindow

TEXT = "This is a sample review. Start your own (File › New) or import your CRM export."
STEPS = (
    "Then: 1 · Import your CRM and usage exports (Data)  →  2 · Write the deep dives  →  "
    "3 · Build the deck (Check & Build)."
)
DISMISSED_KEY = "firstrun/sample_banner_dismissed"


class SampleBanner(QFrame):
    """The banner; ``install`` puts it above the editors of ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("SampleBanner")
        self.setAccessibleName("Sample review")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._window = window
        self.label = QLabel(f"<b>{TEXT}</b>", self)
        self.label.setWordWrap(True)
        self.steps = QLabel(STEPS, self)
        self.steps.setWordWrap(True)
        self.new_button = QPushButton("Start my own review", self)
        self.new_button.setToolTip("File › New Review: an empty review for your quarter")
        self.import_button = QPushButton("Import my CRM export…", self)
        self.import_button.setToolTip("Read your CRM, usage or support exports")
        self.dismiss_button = QPushButton("Don't show again", self)
        self.dismiss_button.setFlat(True)
        self.new_button.clicked.connect(window.new_review)
        self.import_button.clicked.connect(lambda: window.import_spreadsheets())
        self.dismiss_button.clicked.connect(self.dismiss)
        text = QVBoxLayout()
        text.addWidget(self.label)
        text.addWidget(self.steps)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addLayout(text, 1)
        for button in (self.new_button, self.import_button, self.dismiss_button):
            layout.addWidget(button)
        self.hide()

    def update_for(self, path: Path | None) -> None:
        """Show the banner on the sample (unless dismissed for good), hide it otherwise."""
        self.setVisible(is_sample(path) and not dismissed())

    def dismiss(self) -> None:
        from qbr_studio.ui.main_window import window_settings

        settings = window_settings()
        settings.setValue(DISMISSED_KEY, True)
        settings.sync()
        self.hide()


def dismissed() -> bool:
    from qbr_studio.ui.main_window import window_settings

    return str(window_settings().value(DISMISSED_KEY, "false")).lower() == "true"


def install(window: MainWindow) -> SampleBanner:
    """Add the banner above ``window``'s editors; it follows the open review's file."""
    banner = SampleBanner(window)
    window._central_layout.insertWidget(0, banner)
    window.doc.fileChanged.connect(banner.update_for)
    banner.update_for(window.doc.path)
    return banner
