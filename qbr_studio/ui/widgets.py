"""Small reusable widgets: an optional date, a multi-line text box, a figure tile, headings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

NO_DATE = QDate(1900, 1, 1)
"""The date edit's minimum, shown as "Not set": how an empty date is represented."""
DATE_FORMAT = "d MMM yyyy"
"""How dates read in editors: day-month order, unambiguous everywhere (as on the slides)."""


def to_qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else NO_DATE


def from_qdate(value: QDate) -> dt.date | None:
    return None if not value.isValid() or value <= NO_DATE else value.toPython()


class OptionalDateEdit(QWidget):
    """A date that may be empty: a calendar date edit plus a button that clears it.

    :attr:`dateEdited` carries a ``datetime.date``, or None once cleared; it is emitted for
    the user's changes only, never for :meth:`set_date`.
    """

    dateEdited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DATE_FORMAT)
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText("Not set")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("30 Sep 2026") + 48)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Remove the date")
        self.clear_button.setAccessibleName("Clear date")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self._quiet = False
        self.edit.dateChanged.connect(self._changed)
        self.clear_button.clicked.connect(self._clear)
        self.setFocusProxy(self.edit)

    def date(self) -> dt.date | None:
        return from_qdate(self.edit.date())

    def set_date(self, value: dt.date | None) -> None:
        self._quiet = True
        try:
            self.edit.setDate(to_qdate(value))
            if value is None:  # open the calendar on this month, not on the 1900 sentinel
                today = QDate.currentDate()
                self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        finally:
            self._quiet = False
        self.clear_button.setEnabled(value is not None and self.isEnabled())

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.clear_button.setAccessibleName(f"Clear {name.lower()}")

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self.edit.setToolTip(text)

    def _changed(self, _value: QDate) -> None:
        self.clear_button.setEnabled(self.date() is not None)
        if not self._quiet:
            self.dateEdited.emit(self.date())

    def _clear(self) -> None:
        self.edit.setDate(NO_DATE)


class TextBox(QPlainTextEdit):
    """Multi-line plain text for the narrative; Tab moves focus instead of typing a tab."""

    def __init__(self, placeholder: str = "", lines: int = 4, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        return QSize(320, line * self._lines + 16)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        return QSize(160, line * min(self._lines, 3) + 16)


class FigureTile(QFrame):
    """A headline figure: a big value over a short caption ("ARR" / "$5.9M")."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.value_label = QLabel("—", self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption_label = HintLabel(caption, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        self.setAccessibleName(caption)

    def set_value(self, value: str, detail: str = "") -> None:
        self.value_label.setText(value)
        self.setToolTip(detail)
        self.setAccessibleDescription(f"{value}. {detail}".strip())


def heading(text: str, parent: QWidget | None = None, *, level: int = 1) -> QLabel:
    """A section or group heading: bold, larger for level 1."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    if level == 1:
        font.setPointSizeF(font.pointSizeF() * 1.35)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class HintLabel(QLabel):
    """A short explanation under a heading: wrapped, drawn in the palette's placeholder
    (muted) colour, so it follows the palette when the system switches light and dark."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def hint(text: str, parent: QWidget | None = None) -> QLabel:
    """See :class:`HintLabel`."""
    return HintLabel(text, parent)
