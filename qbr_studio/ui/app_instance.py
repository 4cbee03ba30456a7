"""One Qt application object for code that paints without a window (PDF export, the CLI).

Qt needs a :class:`~PySide6.QtGui.QGuiApplication` before fonts can be registered or text
painted. The desktop app creates its own ``QApplication``; :func:`ensure_gui_app` reuses it,
and creates a ``QApplication`` when none exists yet (headless use) — a widgets application,
so that widgets can still be made later in the same process (tests, the app after a CLI
export).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

OFFSCREEN = "offscreen"
"""The Qt platform plugin that draws without a display (servers, CI, ``qbr-studio build``)."""

_DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY")
"""Environment variables that say an X11 or Wayland display is reachable."""

_app: QGuiApplication | None = None
"""The application this module created, kept alive for the life of the process."""


def _needs_offscreen() -> bool:
    """True on a Unix-like system with no display and no platform chosen by the user."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not any(os.environ.get(name) for name in _DISPLAY_VARIABLES)


def ensure_gui_app() -> QGuiApplication:
    """The running Qt GUI application, created (offscreen when there is no display) if none.

    Raises ``RuntimeError`` when a non-GUI ``QCoreApplication`` is already running, since Qt
    allows only one application object and text cannot be painted without a GUI one.
    """
    global _app
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if existing is not None:
        raise RuntimeError("a QCoreApplication is running; painting needs a QGuiApplication")
    if _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = OFFSCREEN
    _app = QApplication([sys.argv[0] if sys.argv else "qbr-studio"])
    return _app
