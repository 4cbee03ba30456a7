"""Bindings: one editor widget kept in step with one path of the review.

A binding shows the value at its path, refreshes when the controller reports a change at or
above that path (an edit, an undo, a list reorder), and turns the user's changes into
undoable edits. The path can be re-pointed (a list's form follows the selected item);
``None`` leaves the widget empty and disabled.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from qbr_studio.ui import json_path
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.widgets import OptionalDateEdit, TextBox

NO_ACCOUNT = "No account"
"""How an empty account choice reads."""


class Binding(QObject):
    """Base: subclasses connect their widget's user signal to :meth:`commit` and implement
    :meth:`show` (put a model value into the widget)."""

    merge = False
    """Whether consecutive edits through this widget join into one undo step."""

    def __init__(
        self,
        doc: DocumentController,
        widget: QWidget,
        label: str,
        path: str | None = None,
        tooltip: str = "",
    ) -> None:
        super().__init__(widget)
        self.doc, self.widget, self.label = doc, widget, label
        self._path = path
        self._updating = False
        widget.setAccessibleName(label)
        if tooltip:
            widget.setToolTip(tooltip)
        doc.changed.connect(self._on_changed)

    @property
    def path(self) -> str | None:
        return self._path

    def set_path(self, path: str | None) -> None:
        self._path = path
        self.refresh()

    def refresh(self) -> None:
        """Show the model's current value (the widget is disabled if the path leads nowhere)."""
        value, found = None, False
        if self._path is not None and self.doc.is_open:
            with contextlib.suppress(LookupError):  # an item removed by undo: nothing to show
                value, found = self.doc.value(self._path), True
        self.widget.setEnabled(found)
        self._updating = True
        try:
            self.show(value)
        finally:
            self._updating = False

    def commit(self, value: Any) -> bool:
        """Edit the model; on refusal the widget shows the model's value again."""
        if self._updating or self._path is None:
            return True
        accepted = self.doc.edit(self._path, value, label=self.label, merge=self.merge)
        if not accepted:
            self.refresh()
        return accepted

    def show(self, value: Any) -> None:
        raise NotImplementedError

    def _on_changed(self, changed: str) -> None:
        if self._path is not None and json_path.is_within(self._path, changed):
            self.refresh()


class LineBinding(Binding):
    """One line of text. ``on_finish``: commit when editing ends (for values such as the
    quarter that are invalid half-typed) instead of on every keystroke."""

    def __init__(self, doc: DocumentController, widget: QLineEdit, label: str, **kw: Any):
        on_finish = kw.pop("on_finish", False)
        super().__init__(doc, widget, label, **kw)
        self.merge = not on_finish
        if on_finish:
            widget.editingFinished.connect(lambda: self.commit(self.parse(widget.text())))
        else:
            widget.textEdited.connect(lambda text: self.commit(self.parse(text)))

    def parse(self, text: str) -> Any:
        return text

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)

    def show(self, value: Any) -> None:
        widget: QLineEdit = self.widget  # type: ignore[assignment]
        text = self.format(value)
        # The model strips spaces: don't fight the user typing "word " by resetting the text.
        if widget.text().strip() != text.strip():
            widget.setText(text)


class NumberBinding(LineBinding):
    """An optional number typed as text; empty means "not known" (None)."""

    def __init__(self, doc: DocumentController, widget: QLineEdit, label: str, **kw: Any):
        super().__init__(doc, widget, label, on_finish=True, **kw)

    def commit(self, value: Any) -> bool:
        if value is _NOT_A_NUMBER:
            text = self.widget.text().strip()  # type: ignore[attr-defined]
            self.doc.report(
                f'{self.label} must be a number such as 1250 or 12.5, not "{text}"; '
                "it was left as it was."
            )
            self.refresh()
            return False
        return super().commit(value)

    def parse(self, text: str) -> Any:
        cleaned = text.strip().replace(",", "").replace(" ", "").replace("\u00a0", "")
        if not cleaned:
            return None
        try:
            return float(cleaned)
        except ValueError:
            return _NOT_A_NUMBER

    def format(self, value: Any) -> str:
        if value is None:
            return ""
        return f"{value:.6f}".rstrip("0").rstrip(".")

    def show(self, value: Any) -> None:
        if self.parse(self.widget.text()) != value:  # type: ignore[attr-defined]
            self.widget.setText(self.format(value))  # type: ignore[attr-defined]


_NOT_A_NUMBER = object()


class TextBinding(Binding):
    """Multi-line narrative text, committed as the user types (one undo step per run)."""

    merge = True

    def __init__(self, doc: DocumentController, widget: TextBox, label: str, **kw: Any):
        super().__init__(doc, widget, label, **kw)
        widget.textChanged.connect(lambda: self.commit(widget.toPlainText()))

    def show(self, value: Any) -> None:
        widget: TextBox = self.widget  # type: ignore[assignment]
        text = value or ""
        if widget.toPlainText().strip() == text.strip():
            return
        position = widget.textCursor().position()
        widget.setPlainText(text)
        cursor = widget.textCursor()
        cursor.setPosition(min(position, len(text)))  # keep the caret near where it was
        widget.setTextCursor(cursor)


class ChoiceBinding(Binding):
    """A fixed set of values shown by label in a combo box."""

    def __init__(
        self,
        doc: DocumentController,
        widget: QComboBox,
        label: str,
        choices: Sequence[tuple[str, Any]] = (),
        **kw: Any,
    ) -> None:
        super().__init__(doc, widget, label, **kw)
        self._values: list[Any] = []
        self.set_choices(choices)
        widget.activated.connect(self._activated)

    def set_choices(self, choices: Sequence[tuple[str, Any]]) -> None:
        widget: QComboBox = self.widget  # type: ignore[assignment]
        widget.blockSignals(True)
        try:
            widget.clear()
            self._values = [value for _, value in choices]
            widget.addItems([text for text, _ in choices])
        finally:
            widget.blockSignals(False)

    def show(self, value: Any) -> None:
        widget: QComboBox = self.widget  # type: ignore[assignment]
        widget.setCurrentIndex(self._values.index(value) if value in self._values else -1)

    def _activated(self, index: int) -> None:
        if 0 <= index < len(self._values):
            self.commit(self._values[index])


def enum_choices(kind: type[Enum]) -> list[tuple[str, Any]]:
    """``[(member.label, member), …]`` for the model's enums (each has a ``label``)."""
    return [(getattr(member, "label", member.value), member) for member in kind]


class AccountBinding(ChoiceBinding):
    """An account of the book (``account_id``), or none; the list follows the book."""

    def __init__(self, doc: DocumentController, widget: QComboBox, label: str, **kw: Any):
        super().__init__(doc, widget, label, **kw)
        widget.setMaxVisibleItems(20)

    def show(self, value: Any) -> None:
        self.set_choices(self._choices(value))
        super().show(value)

    def _choices(self, current: str | None) -> list[tuple[str, Any]]:
        choices: list[tuple[str, Any]] = [(NO_ACCOUNT, None)]
        if self.doc.is_open:
            accounts = sorted(self.doc.review.book.accounts, key=lambda a: a.name.lower())
            choices += [(account.name, account.id) for account in accounts]
        if current is not None and current not in [value for _, value in choices]:
            choices.append((f"{current} (not in the data)", current))
        return choices

    def _on_changed(self, changed: str) -> None:
        if self._path is not None and json_path.is_within("book.accounts", changed):
            self.refresh()
        else:
            super()._on_changed(changed)


REFERENCE_DAYS = 200
"""A date field's calendar opens on today within this many days of the review's quarter end."""


class DateBinding(Binding):
    """An optional date."""

    merge = True

    def __init__(self, doc: DocumentController, widget: OptionalDateEdit, label: str, **kw: Any):
        super().__init__(doc, widget, label, **kw)
        widget.dateEdited.connect(self.commit)
        widget.set_reference(self._reference)

    def _reference(self) -> dt.date:
        """Today, unless the review's quarter is far from it: then the quarter's end."""
        today = dt.date.today()
        if not self.doc.is_open:
            return today
        as_of = self.doc.review.as_of
        return today if abs((today - as_of).days) <= REFERENCE_DAYS else as_of

    def show(self, value: dt.date | None) -> None:
        self.widget.set_date(value)  # type: ignore[attr-defined]


class AccountsBinding(Binding):
    """A set of accounts (``account_ids``) as a checkable list of the book's accounts."""

    def __init__(self, doc: DocumentController, widget: QListWidget, label: str, **kw: Any):
        self._rows: list[tuple[str, str]] = []  # (name, id) shown, in order
        super().__init__(doc, widget, label, **kw)
        widget.itemChanged.connect(self._item_changed)

    def show(self, value: list[str] | None) -> None:
        widget: QListWidget = self.widget  # type: ignore[assignment]
        chosen = set(value or [])
        accounts = self.doc.review.book.accounts if self.doc.is_open else []
        known = {a.id for a in accounts}
        rows = [(a.name, a.id) for a in sorted(accounts, key=lambda a: a.name.lower())]
        rows += [(f"{i} (not in the data)", i) for i in value or [] if i not in known]
        widget.blockSignals(True)
        try:
            if rows != self._rows:  # rebuild only when the accounts change: keeps the scroll
                widget.clear()
                for name, account_id in rows:
                    item = QListWidgetItem(name, widget)
                    item.setData(Qt.ItemDataRole.UserRole, account_id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self._rows = rows
            for row, (_, account_id) in enumerate(rows):
                checked = account_id in chosen
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                widget.item(row).setCheckState(state)
        finally:
            widget.blockSignals(False)

    def _item_changed(self, _item: QListWidgetItem) -> None:
        widget: QListWidget = self.widget  # type: ignore[assignment]
        items = [widget.item(row) for row in range(widget.count())]
        self.commit(
            [
                item.data(Qt.ItemDataRole.UserRole)
                for item in items
                if item.checkState() == Qt.CheckState.Checked
            ]
        )

    def _on_changed(self, changed: str) -> None:
        if self._path is not None and json_path.is_within("book.accounts", changed):
            self.refresh()
        else:
            super()._on_changed(changed)
