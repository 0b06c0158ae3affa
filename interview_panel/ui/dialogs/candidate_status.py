"""Set a candidate's status: active, withdrawn or absent (did not attend), with a reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QWidget

from ...domain.campaign import Candidate
from ...domain.moderation import Attendance
from ..context import tr
from .form import lay_out_form

LABELS = {Attendance.ACTIVE: "Active", Attendance.WITHDRAWN: "Withdrawn", Attendance.ABSENT: "Absent (did not attend)"}


class CandidateStatusDialog(QDialog):
    """Emits ``submitted(status, reason)`` when confirmed."""

    submitted = Signal(str, str)

    def __init__(self, candidate: Candidate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidateStatusDialog")
        self.setWindowTitle(tr("Status of {ref}").format(ref=candidate.reference))
        self.status = QComboBox()
        self.status.setAccessibleName(tr("Candidate status"))
        for a in Attendance:
            self.status.addItem(tr(LABELS[a]), a.value)
        self.status.setCurrentIndex(self.status.findData(candidate.attendance.value))
        self.reason = QLineEdit(candidate.attendance_reason)
        self.reason.setAccessibleName(tr("Reason"))
        self.reason.setPlaceholderText(tr("e.g. accepted another post; did not attend, no contact"))
        form = QFormLayout()
        form.addRow(tr("&Status:"), self.status)
        form.addRow(tr("&Reason:"), self.reason)
        self.error = lay_out_form(self, form, self._ok)

    def _ok(self) -> None:
        status = self.status.currentData()
        reason = " ".join(self.reason.text().split())
        if status != Attendance.ACTIVE and not reason:
            self.error.setText(tr("Give a reason: it goes on the record HR receives."))
            return
        self.submitted.emit(status, reason)
        self.accept()
