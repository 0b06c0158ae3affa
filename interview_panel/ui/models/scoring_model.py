"""The scoring list: one row per assessment item, in interview order, with this member's score.

The model holds what the member has typed, whether or not it has reached the database yet; each row
remembers its save state so the page can say "Saving…" or "Not saved" without losing the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QGuiApplication

from ...domain.campaign import Score
from ...domain.items import BEHAVIOUR, CRITERION, Item
from ...domain.scoring import Scale, ScoringRules
from ..context import tr
from ..widgets import colours
from .base import HeadedRowsModel

SAVED = "saved"
SAVING = "saving"
FAILED = "failed"

COL_NUMBER, COL_ITEM, COL_SCORE, COL_NOTE = range(4)

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Row:
    item: Item
    gating: bool
    score: int | None = None
    note: str = ""
    state: str = SAVED
    error: str = ""


def short_label(item: Item) -> str:
    """What the member reads in the list: the behaviour and its level, or the criterion's own words."""
    if item.kind == BEHAVIOUR:
        return tr("{name} (level {level})").format(name=item.text, level=item.level)
    if item.kind == CRITERION:
        return f"{item.id}: {item.text}"
    return tr("Values")


class ScoringModel(HeadedRowsModel):
    """Rows are items; columns: number, item, score (with anchor), notes taken."""

    headers = ("#", "Item", "Score", "Notes")
    _rows: list[Row]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scale: Scale | None = None

    # -- loading -------------------------------------------------------------------------------
    def load(self, items: list[Item] | tuple[Item, ...], rules: ScoringRules, scores: dict[str, Score]) -> None:
        """Replace the rows: ``scores`` is this member's own scores by item id (member_scores)."""
        self.beginResetModel()
        self._scale = rules.scale
        self._rows = []
        for it in items:
            s = scores.get(it.id)
            self._rows.append(
                Row(item=it, gating=rules.is_gating(it), score=s.score if s else None, note=(s.note or "") if s else "")
            )
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    # -- queries -------------------------------------------------------------------------------
    def row(self, r: int) -> Row:
        return self._rows[r]

    def row_of(self, item_id: str) -> int:
        return next(i for i, row in enumerate(self._rows) if row.item.id == item_id)

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    def unscored(self) -> list[Item]:
        return [r.item for r in self._rows if r.score is None]

    def progress_text(self) -> str:
        """ "3 of 8 items scored"; empty when there are no rows."""
        n = len(self._rows)
        return tr("{done} of {n} items scored").format(done=n - len(self.unscored()), n=n) if n else ""

    def unsaved(self) -> list[Row]:
        return [r for r in self._rows if r.state != SAVED]

    # -- edits (the page saves them) -----------------------------------------------------------
    def set_score(self, r: int, score: int | None) -> None:
        self._rows[r].score = score
        self._changed(r)

    def set_note(self, r: int, note: str) -> None:
        self._rows[r].note = note
        self._changed(r)

    def set_state(self, r: int, state: str, error: str = "") -> None:
        self._rows[r].state = state
        self._rows[r].error = error
        self._changed(r)

    def _changed(self, r: int) -> None:
        self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))

    # -- Qt model ------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == COL_NUMBER:
                return str(index.row() + 1)
            if col == COL_ITEM:
                return short_label(row.item)
            if col == COL_SCORE:
                if row.score is None:
                    text = "–"
                else:
                    anchor = self._scale.anchor(row.score) if self._scale else ""
                    text = f"{row.score}  {anchor}"
                if row.state == FAILED:
                    text += "  " + tr("(not saved)")
                elif row.state == SAVING:
                    text += "  …"
                return text
            if col == COL_NOTE:
                return tr("✎ notes") if row.note.strip() else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.state == FAILED:
                return tr("Not saved: {reason}").format(reason=row.error)
            if col == COL_ITEM:
                return row.item.describe
            if col == COL_NOTE and row.note:
                return row.note[:500]
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_SCORE and row.state == FAILED:
            return QBrush(colours.pick(colours.ERROR, QGuiApplication.palette()))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.item.id
        return None
