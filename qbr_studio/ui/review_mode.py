"""Review mode in the main window: a "Review" menu whose checkable action makes the content
read-only and shows the feedback panel in a dock. The window calls :func:`attach` once.

Read-only for real, not only refused by the document: every editing widget of the section
pages is made read-only (text, numbers, dates) or greyed out (choices, check boxes, buttons
that change the review), lists can be browsed but not edited or dragged, undo and redo and
Import are disabled, and spreadsheets dropped on the window are refused. Building the deck and
exporting the PDF stay (they read the review). Leaving review mode puts every widget back as
it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from qbr_studio.ui.document import DocumentController

DROP_REFUSED = "Review mode is on: the review is read-only, so spreadsheets are not imported."

KEEP_PROPERTY = "reviewModeKeeps"
"""A widget with this property set stays usable in review mode (a choice of how to build)."""
DOCK_TITLE = "Feedback (review mode: read-only)"
DOCK_WIDTH = 420
"""The feedback dock's width the first time it is shown, pixels."""

_READ_ONLY = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
_GREYED = (QComboBox, QAbstractButton, QAbstractSlider)


class ReadOnlyGuard(QObject):
    """Makes the editing widgets under ``roots()`` read-only and the ``actions`` disabled
    while engaged, remembering how each was, and refuses spreadsheet drops on ``window``.
    ``actions()`` maps each action to how to tell, on release, whether it is enabled (None:
    as it was); ``kept()`` are widgets that stay usable (building the deck reads the review)."""

    def __init__(
        self,
        window: QMainWindow,
        roots: Callable[[], list[QWidget]],
        actions: Callable[[], dict[QAction, Callable[[], bool] | None]],
        kept: Callable[[], list[QWidget]] = list,
        say: Callable[[str], Any] | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.roots, self.actions = window, roots, actions
        self.kept, self.say = kept, say
        self.engaged = False
        self.field_focused: Callable[[str], Any] | None = None
        self._locking = False
        self._widgets: dict[QWidget, Any] = {}
        self._actions: dict[QAction, Callable[[], bool]] = {}
        window.installEventFilter(self)

    def engage(self) -> None:
        """Make everything read-only (again: widgets added since are covered too)."""
        self.engaged = True
        kept = set(self.kept())
        for root in self.roots():
            for widget in [root, *root.findChildren(QWidget)]:
                if widget in kept or widget.property(KEEP_PROPERTY):
                    continue
                if widget not in self._widgets:
                    self._lock(widget)
        for action, state in self.actions().items():
            if action not in self._actions:
                was = action.isEnabled()
                self._actions[action] = state or (lambda was=was: was)
                action.enabledChanged.connect(self._keep_disabled)
            action.setEnabled(False)

    def release(self) -> None:
        """Put every widget and action back as it was before :meth:`engage`."""
        self.engaged = False
        for widget, state in self._widgets.items():
            if _alive(widget):
                if isinstance(widget, _GREYED):
                    widget.removeEventFilter(self)
                _unlock(widget, state)
        for action, state in self._actions.items():
            if _alive(action):
                action.enabledChanged.disconnect(self._keep_disabled)
                action.setEnabled(state())
        self._widgets.clear()
        self._actions.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.EnabledChange
            and self.engaged
            and not self._locking
            and isinstance(watched, _GREYED)
            and watched in self._widgets
        ):  # a form enables its fields as another item is shown: they stay greyed
            self._widgets[watched] = _enabled_itself(watched)  # …and get this back on release
            if _enabled_itself(watched):
                self._grey(watched)
            return False
        if self.engaged and event.type() in (QEvent.Type.DragEnter, QEvent.Type.Drop):
            urls = event.mimeData().urls()  # type: ignore[attr-defined]
            files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
            if any(path.suffix.lower() != ".qbr" for path in files):
                event.ignore()
                if event.type() == QEvent.Type.DragEnter and self.say is not None:
                    self.say(DROP_REFUSED)  # as the drag comes in: the cursor says no
                return True
        return super().eventFilter(watched, event)

    def focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """While engaged, tell :attr:`field_focused` the review path of a field focused."""
        if self.engaged and self.field_focused is not None:
            path = bound_path(new)
            if path:
                self.field_focused(path)

    def _keep_disabled(self) -> None:
        """The undo stack re-enables its actions as it changes: not while engaged."""
        if not self.engaged:
            return
        for action in self._actions:
            if _alive(action) and action.isEnabled():
                action.setEnabled(False)

    def _grey(self, widget: QWidget) -> None:
        self._locking = True
        try:
            widget.setEnabled(False)
        finally:
            self._locking = False

    def _lock(self, widget: QWidget) -> None:
        if isinstance(widget, _READ_ONLY):
            self._widgets[widget] = widget.isReadOnly()
            widget.setReadOnly(True)
        elif isinstance(widget, _GREYED):
            self._widgets[widget] = _enabled_itself(widget)
            widget.installEventFilter(self)
            self._grey(widget)
        elif isinstance(widget, QAbstractItemView):
            self._widgets[widget] = (
                widget.editTriggers(),
                widget.dragDropMode(),
                widget.acceptDrops(),
            )
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
            widget.setAcceptDrops(False)


def _unlock(widget: QWidget, state: Any) -> None:
    if isinstance(widget, _READ_ONLY):
        widget.setReadOnly(state)
    elif isinstance(widget, _GREYED):
        widget.setEnabled(state)
    elif isinstance(widget, QAbstractItemView):
        triggers, mode, drops = state
        widget.setEditTriggers(triggers)
        widget.setDragDropMode(mode)
        widget.setAcceptDrops(drops)


def _enabled_itself(widget: QWidget) -> bool:
    """Whether ``widget`` itself is enabled (it may still be greyed by a disabled parent)."""
    from PySide6.QtCore import Qt  # not at import: the shell names no Qt.* (first paint)

    return not widget.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)


def _alive(obj: QObject) -> bool:
    return shiboken6.isValid(obj)


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
    guard = ReadOnlyGuard(
        window,
        roots=lambda: list(getattr(window, "pages", [])),
        actions=lambda: _editing_actions(window, doc),
        kept=lambda: _kept(window),
        say=getattr(window, "show_message", None),
    )
    window.review_guard = guard  # type: ignore[attr-defined]
    stack = getattr(window, "stack", None)
    if stack is not None:  # a page shown for the first time gets locked too
        stack.currentChanged.connect(lambda _index: guard.engage() if guard.engaged else None)

    def toggle(on: bool) -> None:
        from qbr_studio.ui.feedback_panel import FeedbackPanel

        panel = dock.widget()
        first = not isinstance(panel, FeedbackPanel)
        if first:
            panel = FeedbackPanel(
                doc, author() or "Reviewer", plan=lambda: getattr(window, "plan", None)
            )
            dock.setWidget(panel)
        panel.author = author() or "Reviewer"
        doc.set_read_only(on)
        if on:
            guard.engage()
        else:
            guard.release()
        panel.reload()
        dock.setWindowTitle(DOCK_TITLE)
        dock.setVisible(on)
        if first and on:
            window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

    def comment_on(path: str) -> None:
        """In review mode, clicking a field offers it as what the next comment is on."""
        panel = dock.widget()
        if panel is not None and hasattr(panel, "target"):
            panel.target.setText(path)

    guard.field_focused = comment_on
    action.toggled.connect(toggle)
    app = QApplication.instance()
    if isinstance(app, QApplication):  # a slot of the guard: gone with the window
        app.focusChanged.connect(guard.focus_moved)
    window.menuBar().addMenu("&Review").addAction(action)
    return action


def bound_path(widget: QWidget | None) -> str | None:
    """The review path the field ``widget`` (or the editor it is part of) shows, if any."""
    from PySide6.QtCore import Qt

    from qbr_studio.ui.bindings import Binding

    while widget is not None:
        for binding in widget.findChildren(
            Binding, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if binding.path:
                return binding.path
        widget = widget.parentWidget()
    return None


def _editing_actions(
    window: QMainWindow, doc: DocumentController
) -> dict[QAction, Callable[[], bool] | None]:
    """Undo, redo (enabled again as the undo stack allows) and Import: the window's actions
    that change the review."""
    stack = doc.undo_stack
    found: dict[QAction, Callable[[], bool] | None] = {}
    for name, allows in (("undo_action", stack.canUndo), ("redo_action", stack.canRedo)):
        action = getattr(window, name, None)
        if isinstance(action, QAction):
            found[action] = allows
    imports = getattr(getattr(window, "actions", None), "import_", None)
    if isinstance(imports, QAction):
        found[imports] = None
    return found


def _kept(window: QMainWindow) -> list[QWidget]:
    """Widgets of the pages that only read the review: Build deck, Export PDF."""
    try:
        page = window.check_page  # type: ignore[attr-defined]
    except (AttributeError, IndexError, KeyError):
        return []
    return [
        w for w in (getattr(page, "build_button", None), getattr(page, "pdf_button", None)) if w
    ]
