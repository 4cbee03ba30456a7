"""One Qt application object for code that paints without a window (PDF export, the CLI),
and a guard against a reference-counting bug of one PySide6 release.

Qt needs a :class:`~PySide6.QtGui.QGuiApplication` before fonts can be registered or text
painted. The desktop app creates its own ``QApplication``; :func:`ensure_gui_app` reuses it,
and creates a ``QApplication`` when none exists yet (headless use) — a widgets application,
so that widgets can still be made later in the same process (tests, the app after a CLI
export).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from collections.abc import Iterator
from functools import lru_cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication

OFFSCREEN = "offscreen"
"""The Qt platform plugin that draws without a display (servers, CI, ``qbr-studio build``)."""

_DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY")
"""Environment variables that say an X11 or Wayland display is reachable."""

_PROBE_CALLS = 8
"""Calls of a void Qt method made to find out whether the binding drops references to None."""

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


@lru_cache(maxsize=1)
def binding_drops_none() -> bool:
    """True when this PySide6 build releases a reference to ``None`` it never took on every
    call of a method returning ``void`` (seen with PySide6 6.12.0 on Python 3.11). Python 3.12+
    never frees ``None``, so there the bug is harmless and this is False."""
    if sys.version_info >= (3, 12):
        return False
    color = QColor()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        color.setRgb(0, 0, 0)
    return sys.getrefcount(None) - before <= -_PROBE_CALLS


@contextlib.contextmanager
def none_refcount_guard() -> Iterator[None]:
    """Give back, on leaving, the references to ``None`` the binding dropped meanwhile.

    Painting a slide makes hundreds of void Qt calls; with the buggy binding (see
    :func:`binding_drops_none`) Python would abort ("deallocating None") after a few thousand.
    Extra references to ``None`` are harmless, so the guard errs on the side of adding. Usable
    as a decorator. Does nothing with a correct binding.
    """
    if not binding_drops_none():
        yield
        return
    before = sys.getrefcount(None)
    try:
        yield
    finally:
        for _ in range(before - sys.getrefcount(None)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
