"""Add a custom item (something the chair wants scored that the profile does not list) with its question."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...domain.items import CRITERION, Item, Question
from ..context import tr
from .form import lay_out_form


class CustomItemDialog(QDialog):
    """Emits ``submitted(item, question)`` when the chair confirms. Ids are X1, X2, … (unique in the set)."""

    submitted = Signal(object, object)

    def __init__(self, taken_ids: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customItemDialog")
        self.setWindowTitle(tr("Add a custom item"))
        n = 1
        while f"X{n}" in taken_ids:
            n += 1
        self.item_id = f"X{n}"
        self.text = QLineEdit()
        self.text.setAccessibleName(tr("What is assessed"))
        self.requirement = QComboBox()
        self.requirement.addItem(tr("Essential (must reach the pass mark)"), "essential")
        self.requirement.addItem(tr("Desirable (adds to the total)"), "desirable")
        self.requirement.setAccessibleName(tr("Requirement"))
        self.question = QPlainTextEdit()
        self.question.setTabChangesFocus(True)
        self.question.setAccessibleName(tr("Question"))
        self.probes = QPlainTextEdit()
        self.probes.setTabChangesFocus(True)
        self.probes.setAccessibleName(tr("Probes, one per line"))
        form = QFormLayout()
        form.addRow(tr("Item id:"), QLabel(self.item_id))
        form.addRow(tr("&Assesses:"), self.text)
        form.addRow(tr("&Requirement:"), self.requirement)
        form.addRow(tr("&Question:"), self.question)
        form.addRow(tr("&Probes (one per line):"), self.probes)
        self.error = lay_out_form(self, form, self._ok)

    def _ok(self) -> None:
        text = " ".join(self.text.text().split())
        question = " ".join(self.question.toPlainText().split())
        if not text or not question:
            self.error.setText(tr("Say what is assessed and what will be asked."))
            return
        item = Item(
            id=self.item_id, kind=CRITERION, text=text, requirement=self.requirement.currentData(), section="other"
        )
        probes = tuple(p.strip() for p in self.probes.toPlainText().splitlines() if p.strip())
        self.submitted.emit(item, Question(item_id=item.id, text=question, probes=probes, origin="custom"))
        self.accept()
