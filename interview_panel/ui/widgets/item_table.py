"""The scoring page's item list: one row per item with the member's score and whether notes were taken.

A digit of the scale (while the list has focus) emits ``scoreKey`` with that score, Delete or Backspace
emits ``None``; the page decides whether the score is accepted. ``rowSelected`` carries the current row
(``None`` when there is none). The list shows a :class:`~interview_panel.ui.models.scoring_model.ScoringModel`.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ...domain.scoring import Scale
from ..context import tr
from ..models.scoring_model import COL_ITEM, COL_NOTE, COL_NUMBER, COL_SCORE, ScoringModel

SCORE_COLUMN_WIDTH = 170


class ItemTable(QTableView):
    """See the module docstring."""

    scoreKey = Signal(object)  # int | None
    rowSelected = Signal(object)  # int | None

    def __init__(self, model: ScoringModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digits: range = range(1, 6)
        self.setObjectName("itemTable")
        self.setAccessibleName(tr("Items to score. Type a score digit to score the selected item."))
        self.setModel(model)
        self._model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(COL_NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(COL_SCORE, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.ResizeToContents)
        self.setColumnWidth(COL_SCORE, SCORE_COLUMN_WIDTH)
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def set_scale(self, scale: Scale) -> None:
        """Digits outside ``scale`` are not scores (1–5 or 1–7)."""
        self.digits = scale.points

    def select_row(self, r: int) -> None:
        idx = self._model.index(r, COL_ITEM)
        self.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.scrollTo(idx)

    def current_row(self) -> int | None:
        idx = self.currentIndex()
        return idx.row() if idx.isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and int(text) in self.digits and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.scoreKey.emit(int(text))
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.scoreKey.emit(None)
            event.accept()
            return
        super().keyPressEvent(event)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.rowSelected.emit(current.row() if current.isValid() else None)
