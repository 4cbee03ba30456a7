"""A rich list editor: the items of one list of the review beside a form for the selected one.

Add, duplicate, remove, reorder (drag, or Alt+Up/Alt+Down), each one undo step; the form's
fields are bindings re-pointed at the selected item, so every keystroke is an edit too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.ui import json_path
from qbr_studio.ui.bindings import (
    AccountBinding,
    AccountsBinding,
    Binding,
    ChoiceBinding,
    DateBinding,
    LineBinding,
    NumberBinding,
    TextBinding,
    enum_choices,
)
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.icons import icon
from qbr_studio.ui.widgets import ChoiceBox, OptionalDateEdit, TextBox, hint

Index = QModelIndex | QPersistentModelIndex

SIDE_BY_SIDE_WIDTH = 760
"""Pixels: wider than this, the list sits beside its form; narrower, above it."""
LIST_ROWS = 7
"""Rows the list always has room for (beside its form or above it)."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of an item's form.

    ``kind`` is the editor: ``line`` (one line of text), ``text`` (several lines, ``lines``
    high), ``number`` (optional number), ``enum`` (combo of ``enum``'s members), ``date``
    (optional date), ``account`` (one account of the book or none), ``accounts`` (several).
    ``on_finish``: a line is committed when editing ends, not per keystroke (for values
    that are invalid half-typed, such as a quarter).
    """

    name: str
    label: str
    kind: str = "line"
    tooltip: str = ""
    placeholder: str = ""
    enum: type[Enum] | None = None
    lines: int = 4
    on_finish: bool = False


def make_field(doc: DocumentController, spec: FieldSpec, parent: QWidget) -> Binding:
    """The widget and binding for ``spec`` (path not yet set)."""
    kw: dict[str, Any] = {"tooltip": spec.tooltip}
    if spec.kind in ("line", "number"):
        edit = QLineEdit(parent)
        edit.setPlaceholderText(spec.placeholder)
        if spec.kind == "number":
            return NumberBinding(doc, edit, spec.label, **kw)
        return LineBinding(doc, edit, spec.label, on_finish=spec.on_finish, **kw)
    if spec.kind == "text":
        return TextBinding(doc, TextBox(spec.placeholder, spec.lines, parent), spec.label, **kw)
    if spec.kind == "enum":
        if spec.enum is None:
            raise ValueError(f"field {spec.name}: an enum field needs its enum")
        combo = ChoiceBox(parent)
        return ChoiceBinding(doc, combo, spec.label, enum_choices(spec.enum), **kw)
    if spec.kind == "date":
        return DateBinding(doc, OptionalDateEdit(parent), spec.label, **kw)
    if spec.kind == "account":
        combo = ChoiceBox(parent)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(18)
        return AccountBinding(doc, combo, spec.label, **kw)
    if spec.kind == "accounts":
        accounts = QListWidget(parent)
        accounts.setMinimumHeight(accounts.fontMetrics().lineSpacing() * 6)
        accounts.setMaximumHeight(accounts.fontMetrics().lineSpacing() * 9)
        return AccountsBinding(doc, accounts, spec.label, **kw)
    raise ValueError(f"field {spec.name}: unknown kind {spec.kind!r}")


class ItemListModel(QAbstractListModel):
    """The items of the list at ``path`` for a view; rows move through the document."""

    def __init__(
        self,
        doc: DocumentController,
        path: str,
        describe: Callable[[Any], str],
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc, self.path, self.describe, self.what = doc, path, describe, what
        self.on_move: Callable[[int, int], bool] = lambda source, target: doc.reorder_item(
            path, source, target, what=what
        )
        """Carries out a move (source row, target row); the list editor replaces it."""
        self.row_height = 0
        """Pixels per row (0: the view's own); roomier than Qt's default for easy clicking."""

    def items(self) -> list[Any]:
        if not self.doc.is_open:
            return []
        try:
            return self.doc.value(self.path)
        except LookupError:
            return []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        items = self.items()
        if not index.isValid() or index.row() >= len(items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.describe(items[index.row()])
        if role == Qt.ItemDataRole.SizeHintRole and self.row_height:
            return QSize(0, self.row_height)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{self.what.capitalize()} {index.row() + 1}: {self.describe(items[index.row()])}"
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        """Move ``source_row`` before ``destination_child`` (as Qt counts), as one edit."""
        if count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        target = destination_child - 1 if destination_child > source_row else destination_child
        target = max(0, min(target, self.rowCount() - 1))
        return self.on_move(source_row, target)


class ListEditor(QWidget):
    """Edits the list at ``path``: ``fields`` describe the form, ``new_item()`` makes an item
    for Add, ``describe(item)`` is its line in the list, ``what`` names one ("achievement")."""

    selectionChanged = Signal(int)
    """The selected row (-1 when none)."""

    def __init__(
        self,
        doc: DocumentController,
        path: str,
        *,
        what: str,
        fields: Sequence[FieldSpec],
        new_item: Callable[[], Any],
        describe: Callable[[Any], str],
        empty_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc, self.path, self.what, self.new_item = doc, path, what, new_item
        self.setAccessibleName(f"{what.capitalize()} list editor")
        self.model = ItemListModel(doc, path, describe, what, self)
        self.model.on_move = self.move_row
        self._row = -1
        self._want_row: int | None = None
        self.view = self._make_view()
        self.fields: dict[str, Binding] = {}
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._list_panel())
        splitter.addWidget(self._form_panel(fields, empty_text))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        doc.changed.connect(self._on_changed)
        self._reset()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._size_panes()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if orientation != self.splitter.orientation():
            self.splitter.setOrientation(orientation)
            self._size_panes()

    def _size_panes(self) -> None:
        """Side by side: the list two fifths, the form three. Stacked: the list a few rows."""
        if self.splitter.orientation() == Qt.Orientation.Horizontal:
            width = max(self.splitter.width(), 500)
            self.splitter.setSizes([width * 2 // 5, width - width * 2 // 5])
        else:
            height = max(self.splitter.height(), 400)
            rows = (
                self.view.fontMetrics().lineSpacing() * LIST_ROWS
                + self.add_button.sizeHint().height()
            )
            self.splitter.setSizes([rows + 16, max(height - rows - 16, 200)])

    # --- building ----------------------------------------------------------------------

    def _make_view(self) -> QListView:
        view = QListView(self)
        self.model.row_height = view.fontMetrics().height() + 8
        view.setModel(self.model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDropIndicatorShown(True)
        view.setAlternatingRowColors(True)
        view.setUniformItemSizes(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setAccessibleName(f"{self.what.capitalize()}s")
        view.setToolTip(f"Drag a {self.what} to reorder; Alt+Up and Alt+Down move it too.")
        view.setMinimumWidth(200)
        view.setMinimumHeight(self.model.row_height * LIST_ROWS + 2 * view.frameWidth())
        view.selectionModel().currentRowChanged.connect(lambda now, _: self._select(now.row()))
        return view

    def _list_panel(self) -> QWidget:
        panel = QWidget(self)
        self.add_button = self._button(panel, "Add", f"Add a {self.what} (Insert)", self.add)
        self.duplicate_button = self._button(
            panel, "Duplicate", f"Add a copy of the selected {self.what}", self.duplicate
        )
        self.remove_button = self._button(
            panel, "Remove", f"Remove the selected {self.what} (Delete)", self.remove
        )
        self.up_button = self._tool(panel, icon("up"), "Move up (Alt+Up)")
        self.down_button = self._tool(panel, icon("down"), "Move down (Alt+Down)")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self._shortcut(QKeySequence(Qt.Key.Key_Insert), self.add)
        self._shortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.remove)
        self._shortcut(QKeySequence("Alt+Up"), lambda: self.move(-1))
        self._shortcut(QKeySequence("Alt+Down"), lambda: self.move(1))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.duplicate_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        return panel

    def _form_panel(self, fields: Sequence[FieldSpec], empty_text: str) -> QWidget:
        self.form_stack = QStackedWidget(self)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setContentsMargins(8, 0, 4, 0)
        for spec in fields:
            binding = make_field(self.doc, spec, form_widget)
            label = QLabel(f"{spec.label}:", form_widget)
            label.setBuddy(binding.widget)
            form.addRow(label, binding.widget)
            self.fields[spec.name] = binding
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_widget)
        empty = hint(empty_text or f"No {self.what}s yet. Click Add to write the first one.")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form_stack.addWidget(scroll)
        self.form_stack.addWidget(empty)
        return self.form_stack

    def _button(self, parent: QWidget, text: str, tip: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text, parent)
        button.setToolTip(tip)
        button.setAccessibleName(f"{text} {self.what}")
        button.clicked.connect(slot)
        return button

    def _tool(self, parent: QWidget, icon: Any, tip: str) -> QToolButton:
        button = QToolButton(parent)
        button.setIcon(icon)
        button.setIconSize(QSize(16, 16))
        button.setToolTip(tip)
        button.setAccessibleName(f"{tip.split(' (')[0]} the {self.what}")
        return button

    def _shortcut(self, keys: QKeySequence, slot: Callable[[], Any]) -> None:
        action = QAction(self.view)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)

    # --- user actions ------------------------------------------------------------------

    @property
    def current_row(self) -> int:
        return self._row

    def add(self) -> None:
        index = self._row + 1 if self._row >= 0 else self.model.rowCount()
        self._want_row = index  # the reset the edit triggers selects the new item
        self.doc.add_item(self.path, self.new_item(), index, what=self.what)
        self.focus_first_field()

    def duplicate(self) -> None:
        if self._row >= 0:
            self._want_row = self._row + 1
            self.doc.duplicate_item(self.path, self._row, what=self.what)

    def remove(self) -> None:
        if self._row >= 0:
            self.doc.delete_item(self.path, self._row, what=self.what)

    def move(self, step: int) -> None:
        if self._row >= 0:
            self.move_row(self._row, self._row + step)

    def move_row(self, source: int, target: int) -> bool:
        """Move item ``source`` to ``target`` (one undo step) and keep it selected."""
        if not 0 <= target < self.model.rowCount():
            return False
        self._want_row = target  # the reset the move triggers selects the moved item
        moved = self.doc.reorder_item(self.path, source, target, what=self.what)
        if not moved:
            self._want_row = None
        return moved

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def focus_first_field(self) -> None:
        if self.fields:
            next(iter(self.fields.values())).widget.setFocus()

    def focus_path(self, path: str) -> bool:
        """Select the item and focus the field ``path`` points into; False if not ours."""
        if not json_path.is_within(path, self.path):
            return False
        rest = json_path.parse(path)[len(json_path.parse(self.path)) :]
        if rest and isinstance(rest[0], int) and rest[0] < self.model.rowCount():
            self.select_row(rest[0])
            field = rest[1] if len(rest) > 1 else None
            binding = self.fields.get(field) if isinstance(field, str) else None
            (binding.widget if binding else self._first_widget()).setFocus()
        else:
            self.view.setFocus()
        return True

    # --- following the document --------------------------------------------------------

    def _first_widget(self) -> QWidget:
        return next(iter(self.fields.values())).widget if self.fields else self.view

    def _on_changed(self, changed: str) -> None:
        if not json_path.related(changed, self.path):
            return
        if json_path.is_within(changed, self.path) and changed != self.path:
            row = json_path.parse(changed)[len(json_path.parse(self.path))]
            if isinstance(row, int):
                index = self.model.index(row, 0)
                self.model.dataChanged.emit(index, index)
            return
        self._reset()

    def _reset(self) -> None:
        """The list itself changed (add, remove, move, undo, a new review): show it again."""
        row = self._want_row if self._want_row is not None else self._row
        self._want_row = None
        self.model.beginResetModel()
        self.model.endResetModel()
        count = self.model.rowCount()
        row = min(max(row, 0), count - 1) if count else -1
        self._row = -2  # force re-pointing the form even if the row number is the same
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._select(row)

    def _select(self, row: int) -> None:
        if row == self._row:
            return
        self._row = row
        base = json_path.parse(self.path)
        for name, binding in self.fields.items():
            binding.set_path(json_path.join((*base, row, name)) if row >= 0 else None)
        self.form_stack.setCurrentIndex(0 if row >= 0 else 1)
        count = self.model.rowCount()
        for button in (self.duplicate_button, self.remove_button):
            button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        if row >= 0 and self.view.currentIndex().row() != row:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.selectionChanged.emit(row)
