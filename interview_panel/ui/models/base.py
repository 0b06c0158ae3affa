"""A read-only table model over a list of objects, described by columns (header, getter)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..context import tr

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


class Column(Generic[T]):
    def __init__(
        self,
        header: str,
        get: Callable[[T], Any],
        *,
        tooltip: Callable[[T], str] | None = None,
        align: Qt.AlignmentFlag | None = None,
    ) -> None:
        self.header, self.get, self.tooltip, self.align = header, get, tooltip, align


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Rows are ``self.rows`` (a list of domain objects); ``set_rows`` replaces them all at once."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> T | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        obj, col = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.get(obj)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(obj)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align is not None:
            return int(col.align | Qt.AlignmentFlag.AlignVCenter)
        return self.extra_data(obj, index.column(), role)

    def extra_data(self, obj: T, column: int, role: int) -> Any:
        """Other roles (fonts, check states) for subclasses."""
        return None


class HeadedRowsModel(QAbstractTableModel):
    """A table over ``self._rows`` (one entry per row) with fixed column headers.

    Subclasses set ``headers`` (untranslated; shown through tr()) and answer ``data``."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.headers[section])
        return None
