"""Do something once a widget is on screen: in the event-loop turn after its next paint
event, so after the whole paint pass it was part of (its window's other widgets included).

Names no ``Qt.*`` enum: the window's shell uses it before its first paint (see
:mod:`qbr_studio.ui.main_window`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """Calls ``then`` once, in the event-loop turn after ``widget`` is next painted — or
    after ``timeout_ms`` if it isn't painted by then (a minimized window)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], timeout_ms: int) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(timeout_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.deleteLater()
            then()
