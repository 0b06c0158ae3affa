"""Who is scoring whom: the member and candidate pickers at the top of the scoring page.

Both lists may shrink (long names elide) so the page fits 1,067 logical px (1,600 px at 150 %). Item data
is always a ``str`` (``""`` for "none chosen"): PySide6 6.12 mis-counts references to a ``None`` stored in
a QVariant (the interpreter aborts with "deallocating None" after a few reads). ``memberChanged`` and
``candidateChanged`` follow the user's choice and each refill.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ...domain.campaign import Candidate, Member
from ..context import tr


def _combo(name: str, accessible: str, chars: int, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo


def candidate_text(c: Candidate, submitted: datetime | None) -> str:
    """The candidate as listed: reference, name, slot, and whether this member submitted."""
    when = c.slot.strftime("%d %b %H:%M") if c.slot else tr("unscheduled")
    done = tr("  ✓ submitted") if submitted else ""
    if not c.active:
        done += "  ✗ " + tr(str(c.attendance))
    return f"{c.reference} — {c.name} ({when}){done}"


class ScoringChooser(QWidget):
    memberChanged = Signal()
    candidateChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member_combo = _combo("memberCombo", tr("Panel member"), 10, self)
        self.candidate_combo = _combo("candidateCombo", tr("Candidate"), 12, self)
        member_label = QLabel(tr("&Member:"), self)
        member_label.setBuddy(self.member_combo)
        cand_label = QLabel(tr("&Candidate:"), self)
        cand_label.setBuddy(self.candidate_combo)
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(member_label)
        top.addWidget(self.member_combo, 1)
        top.addSpacing(12)
        top.addWidget(cand_label)
        top.addWidget(self.candidate_combo, 2)
        self.setTabOrder(self.member_combo, self.candidate_combo)
        self.member_combo.currentIndexChanged.connect(self.memberChanged)
        self.candidate_combo.currentIndexChanged.connect(self.candidateChanged)

    @staticmethod
    def _data(combo: QComboBox) -> str | None:
        value = combo.currentData()
        return value if isinstance(value, str) and value else None

    @property
    def member(self) -> str | None:
        return self._data(self.member_combo)

    @property
    def candidate(self) -> str | None:
        return self._data(self.candidate_combo)

    def fill_members(self, members: Sequence[Member], choose: str | None) -> None:
        """List ``members`` and choose ``choose`` (else nobody); emits ``memberChanged`` once."""
        self.member_combo.blockSignals(True)
        self.member_combo.clear()
        self.member_combo.addItem(tr("— choose yourself —"), "")
        for m in members:
            self.member_combo.addItem(m.name + (tr(" (chair)") if m.chair else ""), m.name)
        idx = self.member_combo.findData(choose) if choose else -1
        self.member_combo.setCurrentIndex(max(idx, 0))
        self.member_combo.blockSignals(False)
        self.memberChanged.emit()

    def choose_nobody(self) -> None:
        self.member_combo.setCurrentIndex(0)

    def clear_candidates(self) -> None:
        self.candidate_combo.blockSignals(True)
        self.candidate_combo.clear()
        self.candidate_combo.blockSignals(False)

    def fill_candidates(
        self, candidates: Sequence[Candidate], submitted: dict[str, datetime | None], choose: str | None
    ) -> None:
        """List ``candidates`` (with this member's submissions) and choose ``choose``; emits ``candidateChanged``."""
        self.candidate_combo.blockSignals(True)
        self.candidate_combo.clear()
        self.candidate_combo.addItem(tr("— choose a candidate —"), "")
        for c in candidates:
            self.candidate_combo.addItem(candidate_text(c, submitted.get(c.reference)), c.reference)
        idx = self.candidate_combo.findData(choose) if choose else 0
        self.candidate_combo.setCurrentIndex(max(idx, 0))
        self.candidate_combo.blockSignals(False)
        self.candidateChanged.emit()

    def has_candidate(self, ref: str) -> bool:
        return self.candidate_combo.findData(ref) >= 0

    def update_candidate(self, c: Candidate, submitted: datetime | None) -> None:
        idx = self.candidate_combo.findData(c.reference)
        if idx >= 0:
            self.candidate_combo.setItemText(idx, candidate_text(c, submitted))

    def candidate_name(self) -> str:
        """The chosen candidate as listed, without the submission mark."""
        return self.candidate_combo.currentText().split("  ✓")[0]
