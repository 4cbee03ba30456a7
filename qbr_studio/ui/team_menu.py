"""The window's "Team" menu. The team view (and the team package, watchdog) is imported only
when a folder is opened, so the window's first paint doesn't wait for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from qbr_studio.ui.team_view import TeamView


def install_team_menu(window: QMainWindow) -> list[TeamView]:
    """A "Team" menu on ``window`` opening team folders in their own windows; the open views."""
    views: list[TeamView] = []

    def open_folder() -> None:
        from PySide6.QtCore import Qt  # not at import: the shell names no Qt.* (main_window)

        from qbr_studio.ui.dialogs import ask_folder
        from qbr_studio.ui.team_view import TeamView

        folder = ask_folder(window, "Open a team folder", None)
        if folder is not None:
            view = TeamView(folder)
            view.setWindowFlag(Qt.WindowType.Window)
            views.append(view)
            view.resize(900, 600)
            view.show()

    menu = window.menuBar().addMenu("&Team")
    action = menu.addAction("Open team folder…")
    action.setToolTip("See each CSM's review in a shared team folder, updated as files arrive")
    action.triggered.connect(open_folder)
    return views
