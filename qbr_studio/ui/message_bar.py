"""The strip above the editors where the window speaks: errors in plain words, results, offers.

Not a modal dialog: the message stays readable while the user carries on, and the next
message replaces it. Buttons (such as "Open" and "Show in folder" after a build) sit beside it.
The bar lives in a strip of fixed height (:func:`strip_height`) that the window reserves, so a
message appearing or going never moves what the user is about to click; a message longer
than the strip's two lines shows whole in its tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

ERROR, INFO, SUCCESS = "error", "info", "success"
"""Kinds of message: each has its own tint and icon."""

_TINTS = {ERROR: "#d32f2f", INFO: "#1e88e5", SUCCESS: "#2e7d32"}
_ICONS = {
    ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
    SUCCESS: QStyle.StandardPixmap.SP_DialogApplyButton,
}
INFO_SECONDS = 12
"""How long an information message stays before it hides itself; errors stay until closed."""
TEXT_LINES = 2
"""Lines of text the strip has room for."""
MARGIN = 6


def strip_height(widget: QWidget) -> int:
    """The reserved strip's height in ``widget``'s font: two lines, or a button, plus margins."""
    lines = widget.fontMetrics().lineSpacing() * TEXT_LINES
    button = QPushButton("Open").sizeHint().height()
    return max(lines, button) + 2 * MARGIN


class MessageBar(QFrame):
    """One message at a time, with optional action buttons and a close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Message")
        self.kind = INFO
        self.icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Message text")
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.close_button.setToolTip("Close this message (Esc)")
        self.close_button.setAccessibleName("Close message")
        self.close_button.clicked.connect(self.hide)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, MARGIN, MARGIN, MARGIN)
        self._layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self._layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self._layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the strip stays when the message goes
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text()

    def show_message(
        self,
        text: str,
        kind: str = INFO,
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
    ) -> None:
        """Show ``text``; ``actions`` are (button text, callback) offered beside it."""
        self.kind = kind
        self.label.setText(text)
        self.label.setToolTip(text)
        self.setAccessibleDescription(text)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(_ICONS[kind]).pixmap(size, size))
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        for position, (caption, callback) in enumerate(actions):
            button = QPushButton(caption, self)
            button.setAccessibleName(caption)
            button.clicked.connect(callback)
            self._layout.insertWidget(2 + position, button, 0, Qt.AlignmentFlag.AlignVCenter)
            self._buttons.append(button)
        self.update()
        self.show()
        if kind == INFO and not actions:
            self._timer.start(INFO_SECONDS * 1000)
        else:
            self._timer.stop()

    def error(self, text: str) -> None:
        self.show_message(text, ERROR)

    def info(self, text: str) -> None:
        self.show_message(text, INFO)

    def success(self, text: str, actions: Sequence[tuple[str, Callable[[], object]]] = ()) -> None:
        self.show_message(text, SUCCESS, actions)

    def dismiss(self, *kinds: str) -> None:
        """Hide the message if it is of one of ``kinds`` (any kind if none is given)."""
        if not kinds or self.kind in kinds:
            self._timer.stop()
            self.hide()

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def paintEvent(self, event: QPaintEvent) -> None:
        """A faint wash of the kind's colour over the window colour (whichever palette is
        current, light or dark), with a solid edge."""
        base = self.palette().color(QPalette.ColorRole.Window)
        edge = QColor(_TINTS[self.kind])
        mix = 0.22 if base.lightness() < 128 else 0.10
        wash = QColor(
            round(base.red() * (1 - mix) + edge.red() * mix),
            round(base.green() * (1 - mix) + edge.green() * mix),
            round(base.blue() * (1 - mix) + edge.blue() * mix),
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(edge)
        painter.setBrush(wash)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.end()
