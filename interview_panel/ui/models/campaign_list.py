"""The campaign list, the first table anyone sees: a ``QStandardItemModel`` filled from the rows of
``services.campaign_list.list_campaigns``.

It is not a ``ListTableModel`` on purpose. That model answers the view from Python, and Qt hands its
``headerData`` a ``Qt.Orientation``, which makes PySide build the whole ``Qt`` namespace (~21 ms) before
the first window can be used (see ``ui/qt_values.py``). Here the cells are plain items that the view
reads in C++; there are a handful of campaigns per database, so filling them is instant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..context import tr
from ..qt_values import ALIGN_RIGHT, ALIGN_VCENTER, TEXT_ALIGNMENT_ROLE, TOOLTIP_ROLE
from ..times import fmt_when


class _Col(NamedTuple):
    header: str  # untranslated; shown through tr()
    get: Callable[[Any], Any]
    numeric: bool = False  # right-aligned


COLUMNS = (
    _Col("Campaign", lambda c: c.name),
    _Col("Post", lambda c: getattr(c, "post_title", "") or ""),
    _Col("Created", lambda c: fmt_when(getattr(c, "created_at", None))),
    _Col("Candidates", lambda c: getattr(c, "candidates", ""), numeric=True),
    _Col("Panel", lambda c: getattr(c, "members", ""), numeric=True),
    _Col("Moderated", lambda c: getattr(c, "moderated", ""), numeric=True),
)


class CampaignListModel(QStandardItemModel):
    """Read-only rows, one per campaign; ``rows`` keeps the summaries in display order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([tr(col.header) for col in COLUMNS])
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
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

    def row_object(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None
