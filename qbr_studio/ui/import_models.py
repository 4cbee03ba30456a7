"""The import wizard's two tables: the column mapping (editable) and the parsed-value preview.

Both show a :class:`~qbr_studio.ingest.sheet_preview.TablePreview`. The mapping model has one row
per column of the detected table; its "Read as" cell is edited with :class:`FieldDelegate`
(a combo box of the kind's fields) and reports the choice through :attr:`MappingModel.chosen`
— the wizard decides what follows. The preview model shows the first rows as they will be
imported: parsed values for mapped columns, the cells as written (greyed) for the others, and
unreadable values in the alert colour with the problem as tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QStyledItemDelegate, QWidget

from qbr_studio.ingest.sheet_preview import HOW_WORDS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from qbr_studio.ingest.sheet_preview import ColumnPreview, TablePreview

Index = QModelIndex | QPersistentModelIndex

NOT_IMPORTED = "Not imported"
PROBLEM_MARK = "⚠ "
"""How :mod:`qbr_studio.ingest.sheet_preview` marks an unreadable value."""


def alert() -> QColor:
    """The colour of unreadable values and problems: ≥ 4.5:1 on the light or dark base."""
    from qbr_studio.ui.theme import is_dark

    app = QApplication.instance()
    dark = isinstance(app, QApplication) and is_dark(app)
    return QColor("#ff8a80") if dark else QColor(178, 24, 40)


def _muted() -> QBrush:
    return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


class MappingModel(QAbstractTableModel):
    """One row per column of the table: which field it is read as, and how that was decided."""

    HEADERS = ("Column", "Read as", "Matched by", "Problems", "First value → imported as")
    FIELD = 1
    PROBLEMS = 3
    EXAMPLE = 4

    chosen = Signal(str, object)
    """Column letter, and the field name the user chose for it (None: not imported)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: list[ColumnPreview] = []
        self.fields: list[tuple[str, str, bool]] = []
        self.overrides: dict[str, str | None] = {}
        """Choices made since the preview was computed (shown at once, before it is redone)."""
        self._labels: dict[str, str] = {}

    def show(self, table: TablePreview, fields: list[tuple[str, str, bool]]) -> None:
        self.beginResetModel()
        self.columns = list(table.columns)
        self.fields = fields
        self._labels = {name: label for name, label, _ in fields}
        self.overrides = {}
        self.endResetModel()

    def field_of(self, row: int) -> str | None:
        column = self.columns[row]
        field = self.overrides.get(column.letter, column.field)
        return field if field in self._labels else None  # a field of another kind: none

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.columns)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.row()]
        field = self.field_of(index.row())
        changed = column.letter in self.overrides
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.column(), column, field, changed)
        if role == Qt.ItemDataRole.EditRole:
            return field
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.column(), column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == self.PROBLEMS and column.problem_count:
                return QBrush(alert())
            if field is None and index.column() in (self.FIELD, self.EXAMPLE):
                return _muted()
        return None

    def _text(self, section: int, column: ColumnPreview, field: str | None, changed: bool) -> str:
        if section == 0:
            return f"{column.letter} · {column.header}"
        if section == 1:
            return self._labels.get(field, field) if field else NOT_IMPORTED
        if section == 2:
            if changed:
                return "your choice"
            return HOW_WORDS.get(column.how, column.how) if field else ""
        if section == self.EXAMPLE:
            first = next((v for v in column.raw if v), "")
            parsed = next((p for v, p in zip(column.raw, column.parsed, strict=False) if v), "")
            if not first or field is None or changed or parsed == first:
                return first
            return f"{first} → {parsed}"
        if column.problem_count:
            noun = "value" if column.problem_count == 1 else "values"
            return f"{column.problem_count:,} unreadable {noun}"
        return ""

    def _tooltip(self, section: int, column: ColumnPreview) -> str | None:
        if section == self.PROBLEMS and column.problems:
            lines = [str(p) for p in column.problems[:12]]
            more = column.problem_count - len(lines)
            return "\n".join(lines + ([f"…and {more:,} more"] if more > 0 else []))
        if section == 1:
            return "Choose the field this column holds, or Not imported"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != self.FIELD or role != Qt.ItemDataRole.EditRole:
            return False
        letter = self.columns[index.row()].letter
        if value == self.field_of(index.row()):
            return False
        self.overrides[letter] = value
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.EXAMPLE))
        self.chosen.emit(letter, value)
        return True


class FieldDelegate(QStyledItemDelegate):
    """Edits "Read as" with a combo box: Not imported, then the kind's fields (* required)."""

    def __init__(self, model: MappingModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Read as")
        combo.addItem(NOT_IMPORTED, None)
        for name, label, required in self.model.fields:
            combo.addItem(f"{label} *" if required else label, name)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PreviewModel(QAbstractTableModel):
    """The first data rows, one column per column of the table, as they will be imported."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: TablePreview | None = None
        self._labels: dict[str, str] = {}
        self.overrides: dict[str, str | None] = {}
        """Column letter → field chosen since the preview was read (not parsed that way yet)."""

    def show(self, table: TablePreview | None, fields: list[tuple[str, str, bool]]) -> None:
        self.beginResetModel()
        self.table = table
        self._labels = {name: label for name, label, _ in fields}
        self.overrides = {}
        self.endResetModel()

    def override(self, choices: dict[str, str | None]) -> None:
        """Show the user's choices in the headers until the table is read again."""
        self.overrides = dict(choices)
        if self.table is not None and self.table.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.table.columns) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if self.table is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self.table.rows[section])
        column = self.table.columns[section]
        field = self.overrides.get(column.letter, column.field)
        read_as = self._labels.get(field, "") if field else NOT_IMPORTED
        return f"{column.letter} · {column.header}\n→ {read_as}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        column = self.table.columns[index.column()]
        row = index.row()
        raw = column.raw[row] if row < len(column.raw) else ""
        parsed = column.parsed[row] if row < len(column.parsed) else None
        bad = parsed is not None and parsed.startswith(PROBLEM_MARK)
        if role == Qt.ItemDataRole.DisplayRole:
            if parsed is None or bad:
                return raw
            return parsed
        if role == Qt.ItemDataRole.ToolTipRole:
            if bad:
                return f'"{raw}" {parsed[len(PROBLEM_MARK) :]}'
            if parsed is not None and parsed != raw:
                return f"Written as: {raw}"
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if bad:
                return QBrush(alert())
            if column.field is None:
                return _muted()
        return None

    def problem_cell(self, row: int, column: int) -> bool:
        """Whether the cell holds a value that can't be read."""
        if self.table is None:
            return False
        parsed = self.table.columns[column].parsed
        return row < len(parsed) and parsed[row].startswith(PROBLEM_MARK)
