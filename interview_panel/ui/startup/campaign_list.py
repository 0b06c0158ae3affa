"""The campaign list, the first table anyone sees: a ``QStandardItemModel`` filled from the rows of
``services.campaign_list.list_campaigns``.

It is not a ``ListTableModel`` on purpose: that model answers the view from Python, and Qt would hand its
``headerData`` a ``Qt.Orientation`` (see the package docstring). Here the cells are plain items that the
view reads in C++; there are a handful of campaigns per database, so filling them is instant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..context import tr
from ..times import fmt_when
from .qt_values import ALIGN_RIGHT, ALIGN_VCENTER, TEXT_ALIGNMENT_ROLE, TOOLTIP_ROLE

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from ...services.campaign_list import CampaignSummary


class _Col(NamedTuple):
    header: str  # untranslated; shown through tr()
    get: Callable[[CampaignSummary], object]
    numeric: bool = False  # right-aligned


COLUMNS = (
    _Col("Campaign", lambda c: c.name),
    _Col("Post", lambda c: c.post_title or ""),
    _Col("Created", lambda c: fmt_when(c.created_at)),
    _Col("Candidates", lambda c: c.candidates, numeric=True),
    _Col("Panel", lambda c: c.members, numeric=True),
    _Col("Moderated", lambda c: c.moderated, numeric=True),
)


class CampaignListModel(QStandardItemModel):
    """Read-only rows, one per campaign; ``rows`` keeps the summaries in display order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([tr(col.header) for col in COLUMNS])
        self.rows: list[CampaignSummary] = []

    def set_rows(self, rows: Sequence[CampaignSummary]) -> None:
        self.rows = list(rows)
        self.setRowCount(0)
        for summary in self.rows:
            cells = []
            for col in COLUMNS:
                value = col.get(summary)
                cell = QStandardItem("" if value is None else str(value))
                cell.setEditable(False)
                if col.numeric:
                    cell.setData(ALIGN_RIGHT | ALIGN_VCENTER, TEXT_ALIGNMENT_ROLE)
                cells.append(cell)
            cells[0].setData(summary.name, TOOLTIP_ROLE)
            self.appendRow(cells)

    def row_object(self, row: int) -> CampaignSummary | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
