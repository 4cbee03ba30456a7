"""Entry points of the desktop app.

``run(path)`` is what ``qbr-studio`` / ``qbr-studio gui [FILE]`` call: it shows the window
at once, then (right after its first paint) offers reviews recovered after a crash and opens
``path``, else the last review, else the user's copy of the bundled sample; the pages not on
screen are built once the review is shown.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from qbr_studio.ui import pyside_scan

# No pydantic plugin discovery (every installed package's metadata read when the first
# validator is built, ~60 ms CPU of start-up) for the window either, as for every command
# (qbr_studio.cli.PYDANTIC_PLUGINS): also when it is started without the command line.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
pyside_scan.install()  # before the app's own Qt modules are imported: see pyside_scan

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from qbr_studio.ui.after_paint import AfterPaint  # noqa: E402
from qbr_studio.ui.main_window import APP_TITLE, MainWindow  # noqa: E402
from qbr_studio.ui.startup_gc import pause_until  # noqa: E402
from qbr_studio.ui.theme import apply_theme  # noqa: E402

SMOKE_QUIT_MS = "QBR_STUDIO_SMOKE_QUIT_MS"
"""Smoke tests of a bundle: quit this many ms after start-up, printing the window's title
(and saving a picture of the window to ``$QBR_STUDIO_SMOKE_SCREENSHOT`` if set)."""
FIRST_PAINT_TIMEOUT_MS = 1000
"""If the window is never painted (started minimized), start-up finishes after this anyway."""


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, set up with the app's name, icon, style and palette."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName(APP_TITLE)
    app.setDesktopFileName("qbr-studio")
    apply_theme(app)
    return app


def start(path: Path | None = None) -> MainWindow:
    """Show the window now; open the review right after its first paint, with the page on
    screen, and build the other pages once it is shown (``window.shown``)."""
    window = MainWindow()
    pause_until(window.shown)  # start-up makes many objects and next to no garbage
    window.show()
    AfterPaint(
        window, lambda: window.finish_startup(path, pages_later=True), FIRST_PAINT_TIMEOUT_MS
    )
    return window


def create_window(path: Path | None = None, *, offer_recovery: bool = True) -> MainWindow:
    """The window, fully started (for tests and scripts): pages built, review open."""
    window = MainWindow()
    window.finish_startup(path, offer_recovery=offer_recovery)
    window.show()
    return window


def run(path: Path | None = None) -> int:
    """Run the desktop app until its window closes; the process exit code."""
    from qbr_studio.ui.problem_report import start_logging

    start_logging()
    app = create_app()
    window = start(Path(path) if path else None)
    smoke = os.environ.get(SMOKE_QUIT_MS, "")
    if smoke.isdigit():
        _quit_after_startup(window, int(smoke))
    code = app.exec()
    del window
    return code


def show_refusal(message: str) -> None:
    """Say why the app cannot start where there is no console to print it (the windowed
    executable): a message box, closed by the user."""
    from PySide6.QtWidgets import QMessageBox

    create_app()
    QMessageBox.critical(None, APP_TITLE, message)


def _quit_after_startup(window: MainWindow, ms: int) -> None:
    window.ready.connect(lambda: QTimer.singleShot(ms, lambda: _smoke_quit(window)))


def _smoke_quit(window: MainWindow) -> None:
    shot = os.environ.get("QBR_STUDIO_SMOKE_SCREENSHOT")
    if shot:
        window.grab().save(shot)
    print(f"window: {window.windowTitle().replace('[*]', '')}", flush=True)
    window.close()
    QApplication.quit()
