"""Add or edit one candidate: reference (fixed once added), name, interview slot."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from ...domain.campaign import Candidate
from ...domain.identity import MAX_NAME, MAX_REFERENCE
from ..context import tr
from .form import lay_out_form


class CandidateDialog(QDialog):
    """Emits ``submitted(Candidate)`` when confirmed; ``candidate`` None means a new one."""

    submitted = Signal(object)

    def __init__(self, candidate: Candidate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidateDialog")
        self.setWindowTitle(tr("Edit candidate") if candidate else tr("Add candidate"))
        self.reference = QLineEdit(candidate.reference if candidate else "")
        self.reference.setReadOnly(candidate is not None)
        self.reference.setAccessibleName(tr("Candidate reference"))
        self.reference.setMaxLength(MAX_REFERENCE)
        self.name = QLineEdit(candidate.name if candidate else "")
        self.name.setAccessibleName(tr("Candidate name"))
        self.name.setMaxLength(MAX_NAME)
        self.scheduled = QCheckBox(tr("&Scheduled"))
        self.slot = QDateTimeEdit()
        self.slot.setCalendarPopup(True)
        self.slot.setDisplayFormat("ddd dd MMM yyyy HH:mm")
        self.slot.setAccessibleName(tr("Interview slot"))
        start = candidate.slot if candidate and candidate.slot else None
        if start is None:
            d = QDateTime.currentDateTime().addDays(7)
            d.setTime(QTime(9, 0))
            self.slot.setDateTime(d)
        else:
            self.slot.setDateTime(QDateTime(start))
        self.scheduled.setChecked(start is not None)
        self.slot.setEnabled(start is not None)
        self.scheduled.toggled.connect(self.slot.setEnabled)
        form = QFormLayout()
        form.addRow(tr("&Reference:"), self.reference)
        form.addRow(tr("&Name:"), self.name)
        row = QHBoxLayout()
        row.addWidget(self.scheduled)
        row.addWidget(self.slot, 1)
        form.addRow(tr("Interview s&lot:"), row)
        self.error = lay_out_form(self, form, self._ok)

    def value(self) -> Candidate:
        slot: datetime | None = None
        if self.scheduled.isChecked():
            slot = self.slot.dateTime().toPython().replace(second=0, microsecond=0)
        return Candidate(" ".join(self.reference.text().split()), " ".join(self.name.text().split()), slot)

    def _ok(self) -> None:
        c = self.value()
        if not c.reference or not c.name:
            self.error.setText(tr("A candidate needs a reference and a name."))
            return
        self.submitted.emit(c)
        self.accept()
