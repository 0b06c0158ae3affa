"""The items page's detail of the selected item: its question (rewordable), other questions from the bank,
its minutes, probes, indicators, anchors and the criteria its answer also evidences.

The box only shows; the page turns the chair's edits into undoable commands (``rewordRequested``,
``pickRequested``, ``minutesChanged``, ``wordingEdited``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.items import Item, Question
from ..context import tr
from .look import bold


def bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"• {x}" for x in lines) if lines else tr("(none)")


class ItemDetail(QGroupBox):
    rewordRequested = Signal()
    pickRequested = Signal()
    minutesChanged = Signal()
    wordingEdited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Selected item"), parent)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.minutes.setSuffix(tr(" min"))
        self.minutes.setKeyboardTracking(False)
        self.minutes.setAccessibleName(tr("Minutes for this question"))
        self.minutes.valueChanged.connect(self.minutesChanged)
        self.covers = QLabel()
        self.anchors = QLabel()
        self.item_label = QLabel()
        self.item_label.setObjectName("itemHeading")
        bold(self.item_label)
        self.item_label.setWordWrap(True)
        self.question = QPlainTextEdit()
        self.question.setTabChangesFocus(True)
        self.question.setAccessibleName(tr("Question wording"))
        self.question.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.question.textChanged.connect(self.wordingEdited)
        self.reword_button = QPushButton(tr("Save &wording"))
        self.reword_button.setEnabled(False)
        self.reword_button.clicked.connect(self.rewordRequested)
        self.bank = QComboBox()
        self.bank.setAccessibleName(tr("Other questions from the bank"))
        self.bank.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.bank.setMinimumContentsLength(16)
        self.pick_button = QPushButton(tr("Use &this question"))
        self.pick_button.clicked.connect(self.pickRequested)
        self.probes = QLabel()
        self.positive = QLabel()
        self.negative = QLabel()
        for lab, name in (
            (self.probes, tr("Probes")),
            (self.positive, tr("Positive indicators")),
            (self.negative, tr("Negative indicators")),
            (self.covers, tr("Also listen for")),
            (self.anchors, tr("Anchors")),
        ):
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lab.setAccessibleName(name)
            lab.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._lay_out()

    def _lay_out(self) -> None:
        dl = QVBoxLayout(self)
        dl.addWidget(self.item_label)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long lists get the full width
        qrow = QVBoxLayout()
        qrow.addWidget(self.question)
        qb = QHBoxLayout()
        qb.addStretch(1)
        qb.addWidget(self.reword_button)
        qrow.addLayout(qb)
        q_label = QLabel(tr("&Question:"))
        q_label.setBuddy(self.question)
        form.addRow(q_label, qrow)
        brow = QHBoxLayout()
        brow.addWidget(self.bank, 1)
        brow.addWidget(self.pick_button)
        bank_label = QLabel(tr("From the &bank:"))
        bank_label.setBuddy(self.bank)
        form.addRow(bank_label, brow)
        form.addRow(tr("M&inutes:"), self.minutes)
        form.addRow(tr("Probes:"), self.probes)
        form.addRow(tr("Good answers show:"), self.positive)
        form.addRow(tr("Weak answers show:"), self.negative)
        form.addRow(tr("Anchors (weak, acceptable, strong):"), self.anchors)
        form.addRow(tr("Also listen for:"), self.covers)
        for w in (self.probes, self.positive, self.negative, self.anchors, self.covers):
            label = form.labelForField(w)
            if isinstance(label, QLabel):
                label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        dl.addLayout(form)
        dl.addStretch(1)

    def show_item(self, item: Item | None, q: Question | None, *, covers: str, minutes: int) -> None:
        """Show ``item`` and its question ``q`` (None: nothing selected) without reporting an edit."""
        self.question.blockSignals(True)
        self.question.setPlainText(q.text if q else "")
        self.question.blockSignals(False)
        self.item_label.setText(item.describe if item else tr("No item selected."))
        self.probes.setText(bullets(q.probes) if q else "")
        self.positive.setText(bullets(q.positive) if q else "")
        self.negative.setText(bullets(q.negative) if q else "")
        self.anchors.setText(bullets(q.anchors) if q and q.anchors else tr("(the scale's own words)"))
        self.covers.setText(covers)
        self.minutes.blockSignals(True)
        self.minutes.setValue(minutes)
        self.minutes.blockSignals(False)
        self.bank.clear()

    def wording(self) -> str:
        """The question as typed, spaces normalised."""
        return " ".join(self.question.toPlainText().split())

    def offer_bank(self, questions: list[Question], current: Question | None) -> None:
        """Other questions for the item from the bank (the one in use left out)."""
        for q in questions:
            if current is None or q.text != current.text:
                self.bank.addItem(q.text, q)
                self.bank.setItemData(self.bank.count() - 1, q.text, Qt.ItemDataRole.ToolTipRole)

    def set_editable(self, editable: bool, *, changed_wording: bool) -> None:
        self.question.setReadOnly(not editable)
        self.pick_button.setEnabled(editable and self.bank.count() > 0)
        self.bank.setEnabled(editable)
        self.minutes.setEnabled(editable)
        self.reword_button.setEnabled(editable and changed_wording)
