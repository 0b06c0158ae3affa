"""The window's page list: a ``QListView`` over a ``QStandardItemModel``, with the few ``QListWidget``
conveniences the window uses (``count``, ``item``, ``currentRow``, ``setCurrentRow``, ``currentRowChanged``).

Why not ``QListWidget``: pages that need an open campaign are disabled at start. A ``QListWidgetItem`` can
only be disabled through its ``Qt.ItemFlag`` flags, and touching that enum makes PySide build the whole
``Qt`` namespace (~21 ms) before the window is usable; ``QStandardItem`` takes a plain bool.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget


class NavList(QListView):
    currentRowChanged = Signal(int)  # -1 when nothing is current

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.currentRowChanged.emit(cur.row()))

    def add(self, text: str) -> QStandardItem:
        """Append a row showing ``text``."""
        item = QStandardItem(text)
        item.setEditable(False)
        self._model.appendRow(item)
        return item

    def count(self) -> int:
        return self._model.rowCount()

    def item(self, row: int) -> QStandardItem | None:
        return self._model.item(row) if 0 <= row < self.count() else None

    def currentRow(self) -> int:
        return self.currentIndex().row()

    def setCurrentRow(self, row: int) -> None:
        self.setCurrentIndex(self._model.index(row, 0))

    def visualItemRect(self, item: QStandardItem) -> QRect:
        return self.visualRect(item.index())
