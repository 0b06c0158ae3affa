"""The moderation grid: candidates × items (:class:`ModerationModel`) narrowed by a :class:`CandidateFilter`.

Compact: narrow item columns, the candidate as a frozen row header, Status, Total and Outcome before the
items. The current cell is a (candidate reference, item id) pair; :meth:`ModerationGrid.next_flagged` walks the
flagged items still to agree among the candidates shown (the domain's ``open_flags``).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from ...context import tr
from ...models.moderation_model import (
    COL_OUTCOME,
    COL_STATUS,
    COL_TOTAL,
    FILTERS,
    FIXED_COLUMNS,
    CandidateFilter,
    ModerationModel,
)

ITEM_COLUMN_WIDTH = 62  # compact: about 20 item columns beside the detail pane at 1,366 px


class ModerationGrid(QTableView):
    """The grid view with its model (``source``) and filter (``proxy``)."""

    candidateOpened = Signal(int)  # source row: a candidate's row header was double-clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moderationGrid")
        self.setAccessibleName(tr("Moderation grid: candidates by items"))
        self.source = ModerationModel(self)
        self.proxy = CandidateFilter(self.source, self)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)  # cells break lines themselves; wrapping layout is slow
        self.setAlternatingRowColors(False)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        vh.setFixedWidth(170)
        vh.setDefaultSectionSize(38)
        vh.sectionDoubleClicked.connect(lambda row: self.candidateOpened.emit(self.source_row(row)))
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setDefaultSectionSize(ITEM_COLUMN_WIDTH)
        hh.setMinimumSectionSize(40)
        for col, w in ((COL_STATUS, 116), (COL_TOTAL, 48), (COL_OUTCOME, 118)):
            self.setColumnWidth(col, w)

    # -- rows shown ------------------------------------------------------------------------------
    def source_row(self, proxy_row: int) -> int:
        return self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()

    def visible_row(self, source_row: int) -> int:
        """The grid row showing source row ``source_row``, or -1 when the filter hides it."""
        return self.proxy.mapFromSource(self.source.index(source_row, 0)).row()

    def shown_references(self) -> list[str]:
        return [self.source.candidate(self.source_row(p)).reference for p in range(self.proxy.rowCount())]

    # -- the current cell ------------------------------------------------------------------------
    def selected(self) -> tuple[str, str | None] | None:
        """(candidate reference, item id or None) of the current cell, or None."""
        idx = self.proxy.mapToSource(self.currentIndex())
        if not idx.isValid() or idx.row() >= self.source.rowCount():
            return None
        item = self.source.item_at(idx.column())
        return self.source.candidate(idx.row()).reference, item.id if item else None

    def _make_current(self, proxy_row: int, column: int) -> None:
        idx = self.proxy.index(proxy_row, column)
        self.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(idx)

    def select(self, reference: str, item_id: str | None = None) -> bool:
        """Make ``reference`` / ``item_id`` the current cell; False (nothing changed) when the filter hides
        that candidate."""
        row = self.visible_row(self.source.row_of(reference))
        if row < 0:
            return False
        column = self.source.column_of(item_id) if item_id and self.source.has_item(item_id) else FIXED_COLUMNS
        self._make_current(row, column)
        return True

    def select_first_visible(self) -> None:
        """Make the first shown candidate open to moderate (else the first shown) the current row."""
        shown = self.proxy.rowCount()
        if not shown:
            self.selectionModel().clearCurrentIndex()
            self.clearSelection()
            return
        first = next((p for p in range(shown) if self.source.is_ready(self.source_row(p))), 0)
        self._make_current(first, FIXED_COLUMNS)

    def next_flagged(self, *, forward: bool = True) -> bool:
        """Make the next (``forward``) or previous cell whose item is flagged and not yet agreed the current
        cell: row by row, left to right, among the candidates shown, wrapping at the end. False when there is
        none."""
        shown = self.proxy.rowCount()
        if not shown:
            return False
        cur = self.currentIndex()
        row, col = (cur.row(), cur.column()) if cur.isValid() else ((-1, 10**9) if forward else (shown, -1))
        # the current row after (before) the current column, then the other rows in turn, then the current
        # row before (after) the current column: the wrap ends back where it started
        step = 1 if forward else -1
        order = [(row + step * n) % shown for n in range(1, shown + 1)]
        if 0 <= row < shown:
            order = [row] + order  # the last entry is the current row again
        for n, p in enumerate(order):
            cols = self.source.open_flagged_columns(self.source_row(p))
            if n == 0 and 0 <= row < shown:  # the current row, beyond the current cell
                cols = [c for c in cols if (c > col if forward else c < col)]
            elif p == row and n == len(order) - 1:  # wrapped back to the current row
                cols = [c for c in cols if (c <= col if forward else c >= col)]
            if cols:
                self._make_current(p, cols[0] if forward else cols[-1])
                return True
        return False


class FilterBar(QWidget):
    """Above the grid: which candidates it shows (Alt+W), and the flagged-item navigation (F8, Shift+F8)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("moderationFilter")
        self.filter_combo.setAccessibleName(tr("Show candidates"))
        self.filter_combo.setToolTip(tr("Which candidates the grid shows (Alt+W)"))
        for key, label in FILTERS:
            self.filter_combo.addItem(tr(label), key)
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filter_label = QLabel(tr("Sho&w:"), self)
        filter_label.setBuddy(self.filter_combo)
        self.prev_flag_button = QPushButton(tr("Previous flagged (Shift+F8)"), self)
        self.prev_flag_button.setObjectName("previousFlaggedButton")
        self.prev_flag_button.setToolTip(tr("Go back to the previous flagged item still to agree (Shift+F8)"))
        self.next_flag_button = QPushButton(tr("&Next flagged item (F8)"), self)
        self.next_flag_button.setObjectName("nextFlaggedButton")
        self.next_flag_button.setToolTip(
            tr("Go to the next flagged item still to agree, among the candidates shown (F8; Shift+F8 goes back)")
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(filter_label)
        lay.addWidget(self.filter_combo)
        lay.addSpacing(12)
        lay.addWidget(self.prev_flag_button)
        lay.addWidget(self.next_flag_button)
        lay.addStretch(1)

    def show_counts(self, counts: dict[str, int] | None) -> None:
        """Put each filter's count of candidates in its label ("Ready to moderate (412)"); None: no counts."""
        for i, (key, label) in enumerate(FILTERS):
            self.filter_combo.setItemText(i, tr(label) if counts is None else f"{tr(label)} ({counts[key]})")
