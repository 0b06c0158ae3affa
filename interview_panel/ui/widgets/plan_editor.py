"""The interview plan on the items page: the slot and its timing, and where each interview criterion sits.

:class:`TimingRow` shows the slot, the minutes to open and to close, and the plan against the slot in words
(``timingChanged`` when the chair changes a number). :class:`PlacementsBox` lists every interview criterion
with where the plan puts it (asked on its own, folded under a behaviour or values question, or checked by
the chair) and offers the other places (``placeRequested`` when the chair moves one).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.items import Item
from ...domain.plan import ASKED, CHECKED, FOLDED, Placement, Plan
from ..context import tr
from ..models.base import Column, ListTableModel
from .look import bold


def plan_status(plan: Plan, item_ids: list[str]) -> str:
    """The plan against the slot, in words the chair sees at once."""
    planned, slot = plan.planned_minutes(item_ids), plan.slot_minutes
    if planned > slot:
        return tr("\u26a0 Planned {p} min: RUNS {o} MIN OVER the {s}-minute slot").format(
            p=planned, o=planned - slot, s=slot
        )
    short = plan.short(item_ids)
    if short:
        return tr("\u26a0 Planned {p} of {s} min, but {ids} under {m} min a question").format(
            p=planned, s=slot, ids=", ".join(short), m=plan.min_minutes
        )
    return tr("Planned {p} of {s} min: fits ({spare} min to spare)").format(p=planned, s=slot, spare=slot - planned)


def _where(p: Placement) -> str:
    if p.mode == FOLDED:
        return tr("folded under {id}").format(id=p.under)
    return tr("checked by the chair") if p.mode == CHECKED else tr("asked on its own")


class PlacementsModel(ListTableModel[Placement]):
    """Every interview criterion and where the plan puts it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.texts: dict[str, str] = {}
        super().__init__(
            [
                Column(tr("Criterion"), lambda p: p.criterion),
                Column(tr("Where"), _where),
                Column(
                    tr("Text"),
                    lambda p: self.texts.get(p.criterion, ""),
                    tooltip=lambda p: self.texts.get(p.criterion, ""),
                ),
            ],
            parent,
        )


class TimingRow(QWidget):
    """Slot, open and close minutes, and the plan's status line."""

    timingChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot = QSpinBox()
        self.slot.setRange(10, 480)
        self.slot.setSuffix(tr(" min"))
        self.slot.setAccessibleName(tr("Slot length"))
        self.open_min = QSpinBox()
        self.open_min.setRange(0, 60)
        self.open_min.setAccessibleName(tr("Minutes to open"))
        self.close_min = QSpinBox()
        self.close_min.setRange(0, 60)
        self.close_min.setAccessibleName(tr("Minutes to close"))
        for spin in (self.slot, self.open_min, self.close_min):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self.timingChanged)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("planStatus")
        bold(self.plan_label)
        self.plan_label.setAccessibleName(tr("Planned time against the slot"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for text, w in ((tr("S&lot:"), self.slot), (tr("O&pen:"), self.open_min), (tr("&Close:"), self.close_min)):
            lab = QLabel(text)
            lab.setBuddy(w)
            row.addWidget(lab)
            row.addWidget(w)
        row.addSpacing(12)
        row.addWidget(self.plan_label, 1)

    def show_plan(self, plan: Plan, item_ids: list[str]) -> None:
        """Show ``plan`` without reporting a change."""
        for spin, value in (
            (self.slot, plan.slot_minutes),
            (self.open_min, plan.open_minutes),
            (self.close_min, plan.close_minutes),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.plan_label.setText(plan_status(plan, item_ids))

    def timing(self, plan: Plan) -> Plan:
        """``plan`` with the numbers on screen."""
        return plan.with_timing(
            slot=self.slot.value(), open_minutes=self.open_min.value(), close_minutes=self.close_min.value()
        )

    def set_editable(self, editable: bool) -> None:
        for w in (self.slot, self.open_min, self.close_min):
            w.setEnabled(editable)


class PlacementsBox(QGroupBox):
    """The interview criteria and where each one goes; see the module docstring."""

    placeRequested = Signal()
    criterionSelected = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Interview criteria: asked, folded under a question, or checked"), parent)
        self.placements = PlacementsModel(self)
        self.place_view = QTableView()
        self.place_view.setModel(self.placements)
        self.place_view.setAccessibleName(tr("Interview criteria"))
        self.place_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.place_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.place_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.place_view.verticalHeader().hide()
        self.place_view.setWordWrap(False)
        self.place_view.horizontalHeader().setStretchLastSection(True)
        self.place_view.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        self.place_view.selectionModel().currentRowChanged.connect(lambda _cur, _prev: self.criterionSelected.emit())
        self.place_combo = QComboBox()
        self.place_combo.setAccessibleName(tr("Where the criterion goes"))
        self.place_button = QPushButton(tr("&Move criterion"))
        self.place_button.clicked.connect(self.placeRequested)
        cl = QVBoxLayout(self)
        cl.addWidget(self.place_view)
        prow = QHBoxLayout()
        prow.addWidget(self.place_combo, 1)
        prow.addWidget(self.place_button)
        cl.addLayout(prow)

    def show_plan(self, plan: Plan, texts: dict[str, str]) -> None:
        """List ``plan``'s placements (criterion texts from ``texts``), keeping the selected criterion."""
        current = self.selected()
        self.placements.texts = texts
        self.placements.set_rows(list(plan.placements))
        self.place_view.resizeColumnsToContents()
        rows = [p.criterion for p in plan.placements]
        if current in rows:
            self.place_view.selectRow(rows.index(current))

    def selected(self) -> str | None:
        idx = self.place_view.selectionModel().currentIndex()
        p = self.placements.row_object(idx.row()) if idx.isValid() else None
        return p.criterion if p else None

    def offer_places(self, items: Sequence[Item] | None, placement: Placement | None) -> None:
        """The places the selected criterion can go among ``items`` (its current one chosen); none when no
        criterion is selected or there are no items."""
        self.place_combo.clear()
        if items is None or self.selected() is None:
            return
        self.place_combo.addItem(tr("Ask it on its own"), (ASKED, None))
        for it in items:
            if it.kind in ("behaviour", "values"):
                self.place_combo.addItem(tr("Fold it under {id} (also listen for)").format(id=it.id), (FOLDED, it.id))
        self.place_combo.addItem(tr("Check it (the chair confirms it; not scored)"), (CHECKED, None))
        for n in range(self.place_combo.count()):
            wanted = (placement.mode, placement.under if placement.mode == FOLDED else None) if placement else None
            if wanted is not None and self.place_combo.itemData(n) == wanted:
                self.place_combo.setCurrentIndex(n)

    def choice(self) -> tuple[str, str | None] | None:
        data = self.place_combo.currentData()
        return (data[0], data[1]) if data else None

    def set_editable(self, editable: bool) -> None:
        self.place_combo.setEnabled(editable)
        self.place_button.setEnabled(editable and self.place_combo.count() > 0)
