"""Small reusable widgets: an optional date, a multi-line text box, a figure tile, headings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

DATE_EXAMPLE = "15 Dec 2026"


def format_date(value: dt.date) -> str:
    """How dates read in editors: day-month order, unambiguous everywhere (as on slides)."""
    return f"{value.day} {value.strftime('%b %Y')}"


def read_date(text: str, year: int) -> dt.date:
    """A date typed the way people write them — "15 Dec 2026", "15/12/2026", "2026-12-15",
    "Dec 15" (``year`` when none is written) — read by the import's own date parser;
    ValueError in plain words if it is not one."""
    from qbr_studio.ingest.values import ParseError, date_from_text

    cleaned = text.strip()
    candidates = [cleaned]
    if not re.search(r"\d{4}", cleaned):  # "Dec 15" is the 15th of this year, not Dec 2015
        candidates.insert(0, f"{cleaned} {year}")
    for candidate in candidates:
        try:
            return date_from_text(candidate, day_first=True)
        except ParseError:
            continue
    raise ValueError(
        f'"{cleaned}" is not a date I can read. Write it like {DATE_EXAMPLE} or 15/12/2026.'
    )


class OptionalDateEdit(QWidget):
    """A date that may be empty: a text field that reads dates as people type them, a
    calendar button and a button that clears it.

    :attr:`dateEdited` carries a ``datetime.date``, or None once cleared; it is emitted for
    the user's changes only, never for :meth:`set_date`. Text that is not a date stays in
    the field, with :attr:`problem` saying so in plain words, and changes nothing.
    """

    dateEdited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: dt.date | None = None
        self._reference: Callable[[], dt.date] = dt.date.today
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(f"Not set — e.g. {DATE_EXAMPLE}")
        self.edit.setClearButtonEnabled(False)
        self.edit.setMinimumWidth(
            self.edit.fontMetrics().horizontalAdvance(f"Not set — e.g. {DATE_EXAMPLE}") + 24
        )
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("Calendar")
        self.calendar_button.setToolTip("Pick the date from a calendar")
        self.calendar_button.setAccessibleName("Pick from calendar")
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(False)
        self.calendar_menu = QMenu(self.calendar_button)  # (not the button's menu: no arrow)
        picker = QWidgetAction(self.calendar_menu)
        picker.setDefaultWidget(self.calendar)
        self.calendar_menu.addAction(picker)
        self.calendar_menu.aboutToShow.connect(self._open_calendar)
        self.calendar_button.clicked.connect(
            lambda: self.calendar_menu.popup(
                self.calendar_button.mapToGlobal(self.calendar_button.rect().bottomLeft())
            )
        )
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Remove the date")
        self.clear_button.setAccessibleName("Clear date")
        self.problem = QLabel(self)
        self.problem.setAccessibleName("Date problem")
        self.problem.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.problem, 1)
        self.edit.editingFinished.connect(self._typed)
        self.clear_button.clicked.connect(self._clear)
        self.setFocusProxy(self.edit)

    def date(self) -> dt.date | None:
        return self._value

    def set_date(self, value: dt.date | None) -> None:
        self._value = value
        self.edit.setText(format_date(value) if value else "")
        self.problem.clear()
        self.clear_button.setEnabled(value is not None and self.isEnabled())

    def set_reference(self, reference: Callable[[], dt.date]) -> None:
        """Where the calendar opens on an empty date, and whose year "Dec 15" is in."""
        self._reference = reference

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.clear_button.setAccessibleName(f"Clear {name.lower()}")

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self.edit.setToolTip(text)

    def _typed(self) -> None:
        text = self.edit.text().strip()
        if not text:
            self._commit(None)
            return
        try:
            value = read_date(text, self._reference().year)
        except ValueError as err:
            self.problem.setText(str(err))  # the typed text stays for the user to correct
            return
        self._commit(value)

    def _open_calendar(self) -> None:
        shown = self._value or self._reference()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.setCurrentPage(shown.year, shown.month)

    def _picked(self, value: QDate) -> None:
        self.calendar_menu.hide()
        self._commit(value.toPython())

    def _commit(self, value: dt.date | None) -> None:
        changed = value != self._value
        self.set_date(value)
        if changed:
            self.dateEdited.emit(value)

    def _clear(self) -> None:
        self._commit(None)


def scroll_page(widget: QWidget, event: QWheelEvent) -> None:
    """Hand a wheel turn over ``widget`` to the scrolling page around it (if any)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        event.ignore()
        return
    QApplication.sendEvent(parent.viewport(), event)
    event.accept()


class TextBox(QPlainTextEdit):
    """Multi-line plain text for the narrative; Tab moves focus instead of typing a tab."""

    def __init__(self, placeholder: str = "", lines: int = 4, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self._lines = lines
        # As tall as its lines (it scrolls beyond them), not stretched to fill the form.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scrolls the text only while the box has focus; otherwise the page scrolls."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            scroll_page(self, event)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        return QSize(320, line * self._lines + 16)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        return QSize(160, line * min(self._lines, 3) + 16)


class ChoiceBox(QComboBox):
    """A combo box the mouse wheel changes only while it has focus (clicked or tabbed to):
    a page scrolled past it is not edited on the way."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            scroll_page(self, event)


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
