"""The chair's per-candidate view: every item on one screen with each member's score and notes, the agreed
score, the running total and the provisional outcome (``domain.moderation.Assessor.provisional``).

Built from the :class:`CandidateResult` the moderation page already holds: opening it reads nothing from the
database (it opens at once, even on a 2,000-candidate campaign). The page refreshes it after every agreement.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ...domain.campaign import CandidateResult, Member
from ...domain.items import Item
from ...domain.scoring import ScoringRules
from ...domain.status import CandidateStatus
from ..context import tr
from ..models.base import HeadedRowsModel
from ..models.moderation_model import flag_text

Index = QModelIndex | QPersistentModelIndex


class CandidateItemsModel(HeadedRowsModel):
    """Rows: the campaign's items; columns: item, one per member (score), agreed, flags, members' notes."""

    headers: tuple[str, ...] = ()
    _rows: list[tuple[str, ...]]

    def show(self, cr: CandidateResult | None, items: list[Item], members: list[Member], rules: ScoringRules) -> None:
        self.beginResetModel()
        self.headers = (tr("Item"), *(m.name for m in members), tr("Agreed"), tr("Flags"), tr("Notes"))
        self._rows = []
        if cr is not None:
            hidden = not cr.ready and cr.status != CandidateStatus.MODERATED
            for it in items:
                per = cr.scores.get(it.id, {})
                notes = cr.notes.get(it.id, {})
                scores = [("–" if hidden or per.get(m.name) is None else str(per[m.name])) for m in members]
                said = "" if hidden else "\n".join(f"{m.name}: {notes[m.name]}" for m in members if notes.get(m.name))
                head = f"{it.id}{' *' if rules.is_gating(it) else ''} — {it.short_label}"
                agreed = cr.agreed.get(it.id)
                self._rows.append(
                    (
                        head,
                        *scores,
                        "" if agreed is None else str(agreed),
                        "" if hidden else flag_text(cr.flags.get(it.id) or []),
                        said,
                    )
                )
        self.endResetModel()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < index.column() < len(self.headers) - 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class CandidateView(QDialog):
    """Non-modal; ``show_candidate`` fills it from the page's results (no database read)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidateView")
        self.setWindowTitle(tr("Candidate"))
        self.resize(1000, 640)
        self.title = QLabel(self)
        self.title.setObjectName("candidateViewTitle")
        self.title.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("candidateViewSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = CandidateItemsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("candidateViewTable")
        self.table.setAccessibleName(tr("Every item of the candidate: members' scores and notes, agreed score"))
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        self.reference: str | None = None

    def show_candidate(
        self, cr: CandidateResult, items: list[Item], members: list[Member], rules: ScoringRules
    ) -> None:
        self.reference = cr.reference
        e = html.escape
        self.setWindowTitle(tr("{ref} — {name}").format(ref=cr.reference, name=cr.candidate.name))
        self.title.setText(f"<b>{e(cr.reference)} — {e(cr.candidate.name)}</b> · {e(tr(str(cr.status)))}")
        self.model.show(cr, items, members, rules)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 260)
        hh.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        self.summary.setText(summary_text(cr, items, members, rules))

    def refresh(self, cr: CandidateResult, items: list[Item], members: list[Member], rules: ScoringRules) -> None:
        if self.isVisible() and cr.reference == self.reference:
            self.show_candidate(cr, items, members, rules)


def summary_text(cr: CandidateResult, items: list[Item], members: list[Member], rules: ScoringRules) -> str:
    """Running total, provisional outcome and reasons, as one paragraph."""
    if not cr.candidate.active:
        return tr("{status}: no outcome or rank. {why}").format(
            status=tr(str(cr.status)).capitalize(), why="; ".join(cr.reasons)
        )
    p = cr.provisional  # the domain's, while the candidate is being moderated
    maximum = rules.scale.maximum * len(items)
    parts = [
        tr("Running total {t} ({n} of {all} items agreed; maximum {max})").format(
            t=p.agreed_total if p else cr.total or 0, n=len(cr.agreed), all=len(items), max=maximum
        )
    ]
    if cr.outcome:
        parts.append(tr("Outcome: {o}, rank {r}").format(o=tr(cr.outcome), r=cr.rank if cr.rank else "–"))
        if cr.reasons:
            parts.append(tr("Reasons: {r}").format(r="; ".join(cr.reasons)))
    elif p is not None and p.outcome is not None and cr.ready:
        parts.append(
            tr("Provisional outcome: {o} (total {t} with the items still to agree at the panel median)").format(
                o=tr(p.outcome.result), t=p.outcome.total
            )
        )
        why = list(p.outcome.gating_failures)
        if p.outcome.below_overall_minimum:
            why.append(tr("the overall minimum ({m})").format(m=rules.overall_minimum))
        if why:
            parts.append(tr("Would fail on: {r}").format(r=", ".join(why)))
    elif not cr.ready:
        parts.append(cr.not_ready)
    return " · ".join(parts)
