"""Review mode in the main window: a "Review" menu whose checkable action makes the content
read-only and shows the feedback panel in a dock. The window calls :func:`attach` once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow

from qbr_studio.ui.document import DocumentController


def attach(window: QMainWindow, doc: DocumentController, author: Callable[[], str]) -> QAction:
    """Add review mode to ``window``; ``author`` gives the user's name when it is turned on.
    Returns the checkable "Review mode" action. The feedback panel (and the storage it reads
    sidecars with) is made the first time review mode is turned on, so the window's first
    paint doesn't wait for it."""
    from PySide6.QtCore import Qt  # not at import: the shell names no Qt.* (main_window)

    dock = QDockWidget("Feedback", window)
    dock.setObjectName("feedbackDock")
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    action = QAction("&Review mode (read-only, with feedback)", window)
    action.setCheckable(True)

    def toggle(on: bool) -> None:
        from qbr_studio.ui.feedback_panel import FeedbackPanel

        panel = dock.widget()
        if not isinstance(panel, FeedbackPanel):
            panel = FeedbackPanel(doc, author() or "Reviewer")
            dock.setWidget(panel)
        panel.author = author() or "Reviewer"
        doc.set_read_only(on)
        panel.reload()
        dock.setVisible(on)

    action.toggled.connect(toggle)
    window.menuBar().addMenu("&Review").addAction(action)
    return action
