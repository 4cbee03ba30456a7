"""Look and feel: the Fusion style with a light or dark palette that follows the system.

``QBR_STUDIO_COLOR_SCHEME=dark`` (or ``light``) overrides the system's choice.

Before the first paint the system's choice is read from the platform's own palette (is its
window colour dark?), which costs nothing; asking ``styleHints().colorScheme()`` would make
PySide create every ``Qt.*`` enum (about 15 ms). After the first paint,
:func:`follow_system` checks the colour scheme properly and follows its changes.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SCHEME_VARIABLE = "QBR_STUDIO_COLOR_SCHEME"
ACCENT = QColor("#2a7ab0")
"""The app's accent: selection, links and the icon."""


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """The Fusion style and the dark or light palette (default: as the system, see
    :func:`system_is_dark`)."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette_for(system_is_dark() if dark is None else dark))


def system_is_dark() -> bool:
    """The override, else whether the platform's default window colour is dark."""
    override = _override()
    if override is not None:
        return override
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def follow_system(app: QApplication) -> None:
    """From now on, switch palettes when the system switches between light and dark (and
    correct the first guess if the colour scheme says otherwise)."""
    from PySide6.QtCore import Qt

    if _override() is not None or getattr(app, "_qbr_follows_scheme", False):
        return
    app._qbr_follows_scheme = True  # type: ignore[attr-defined]
    hints = QGuiApplication.styleHints()

    def changed(scheme: Qt.ColorScheme) -> None:  # type: ignore[name-defined]
        if scheme != Qt.ColorScheme.Unknown:
            app.setPalette(palette_for(scheme == Qt.ColorScheme.Dark))

    hints.colorSchemeChanged.connect(changed)
    scheme = hints.colorScheme()
    if scheme != Qt.ColorScheme.Unknown and (scheme == Qt.ColorScheme.Dark) != is_dark(app):
        changed(scheme)


def is_dark(app: QApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _override() -> bool | None:
    value = os.environ.get(SCHEME_VARIABLE, "").strip().lower()
    return {"dark": True, "light": False}.get(value)


def palette_for(dark: bool) -> QPalette:
    return dark_palette() if dark else light_palette()


def light_palette() -> QPalette:
    palette = QApplication.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, ACCENT)
    palette.setColor(QPalette.ColorRole.Link, ACCENT.darker(115))
    return palette


def dark_palette() -> QPalette:
    """A dark palette with text contrast above 7:1 on the window and base colours."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colors = {
        role.Window: "#2b2d30",
        role.WindowText: "#e8e8e8",
        role.Base: "#1e1f22",
        role.AlternateBase: "#26282b",
        role.ToolTipBase: "#3c3f41",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#9a9da1",
        role.Text: "#e8e8e8",
        role.Button: "#3a3d41",
        role.ButtonText: "#e8e8e8",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4d51",
        role.Midlight: "#404347",
        role.Mid: "#34373a",
        role.Dark: "#1a1b1d",
        role.Shadow: "#000000",
        role.Highlight: ACCENT.name(),
        role.HighlightedText: "#ffffff",
        role.Link: "#6cb6ff",
        role.LinkVisited: "#b39ddb",
    }
    palette = QPalette()
    for color_role, value in colors.items():
        palette.setColor(color_role, QColor(value))
    for color_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, color_role, QColor("#7c7f83"))
    palette.setColor(group.Disabled, role.Base, QColor("#26282b"))
    return palette
