""" "Save chart as PNG/SVG…": any chart of the deck, drawn by matplotlib from its ChartSpec
(:mod:`qbr_studio.charts.mpl`), for emails and wikis. Shared by the preview's context menu and
the account view's charts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

from qbr_studio.errors import UserError
from qbr_studio.ui import dialogs

if TYPE_CHECKING:
    from qbr_studio.charts.render_style import RenderStyle
    from qbr_studio.charts.spec import ChartSpec

FILTERS = {"png": "PNG pictures (*.png)", "svg": "SVG drawings (*.svg)"}


def add_save_actions(
    menu: QMenu,
    parent: QWidget,
    spec: ChartSpec,
    style: Callable[[], RenderStyle],
    folder: Callable[[], Path],
    what: str = "chart",
) -> None:
    """Add "Save chart as PNG…" and "Save chart as SVG…" for ``spec`` to ``menu``."""
    for fmt in FILTERS:
        action = menu.addAction(f"Save {what} as {fmt.upper()}…")
        action.setToolTip(f"{spec.title}: a {fmt.upper()} file, described by its alt text")
        action.triggered.connect(
            lambda _=False, fmt=fmt: save_chart(parent, spec, style(), folder(), fmt)
        )


def save_chart(
    parent: QWidget, spec: ChartSpec, style: RenderStyle, folder: Path, fmt: str
) -> Path | None:
    """Ask where, then write the chart; a failure is said in the window (never lost)."""
    from qbr_studio.charts import mpl

    suggested = folder / f"{mpl.file_stem(spec)}.{fmt}"
    path = dialogs.ask_save_path(parent, "Save chart as", suggested, FILTERS[fmt])
    if path is None:
        return None
    try:
        mpl.save(spec, style, path)
    except UserError as err:
        _tell(parent, str(err), error=True)
        return None
    _tell(parent, f"Saved the chart “{spec.title}” to {path}")
    return path


def _tell(parent: QWidget, text: str, *, error: bool = False) -> None:
    """In the main window's message strip when there is one, else in a message box."""
    name = "show_error" if error else "show_message"
    window: QWidget | None = parent.window()
    while window is not None and not hasattr(window, name):  # the account view's owner
        owner = window.parentWidget()
        window = owner.window() if owner is not None else None
    if window is not None:
        getattr(window, name)(text)
        return
    from PySide6.QtWidgets import QMessageBox

    if error:
        QMessageBox.warning(parent, "Could not save the chart", text)
    else:
        QMessageBox.information(parent, "Chart saved", text)
