"""Add or edit one candidate: reference (fixed once added), name, interview slot."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...domain.campaign import Candidate
from ...domain.identity import MAX_NAME, MAX_REFERENCE
from ..context import tr
from .form import lay_out_form


class CandidateDialog(QDialog):
    """Emits ``submitted(Candidate)`` when confirmed; ``candidate`` None means a new one.

    With ``wait=True`` the dialog stays open after OK until the caller answers: ``saved()`` closes it,
    ``refused(message)`` keeps what was typed and shows why (e.g. a reference already in the campaign)."""

    submitted = Signal(object)

    def __init__(
        self, candidate: Candidate | None = None, parent: QWidget | None = None, *, wait: bool = False
    ) -> None:
        super().__init__(parent)
        self.wait = wait
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
            self.slot.setDateTime(QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute)))
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
            chosen = self.slot.dateTime().toPython()
            assert isinstance(chosen, datetime)  # a QDateTime always converts to a datetime
            slot = chosen.replace(second=0, microsecond=0)
        return Candidate(" ".join(self.reference.text().split()), " ".join(self.name.text().split()), slot)

    def _ok(self) -> None:
        c = self.value()
        if not c.reference or not c.name:
            self.error.setText(tr("A candidate needs a reference and a name."))
            return
        self.error.setText("")
        if self.wait:
            self._ok_button().setEnabled(False)  # until the caller answers: no second submission
            self.submitted.emit(c)
            return
        self.submitted.emit(c)
        self.accept()

    def _ok_button(self) -> QPushButton:
        box = self.findChild(QDialogButtonBox)
        assert box is not None
        return box.button(QDialogButtonBox.StandardButton.Ok)

    def saved(self) -> None:
        """The caller stored the candidate: close."""
        self.accept()

    def refused(self, message: str) -> None:
        """The caller refused the candidate: keep everything typed, say why, and let the chair correct it."""
        self._ok_button().setEnabled(True)
        self.error.setText(message)
        self.reference.setFocus()
        self.reference.selectAll()
