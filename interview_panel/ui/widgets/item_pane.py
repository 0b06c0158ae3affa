"""The scoring page's right-hand pane: the selected item's question, the score buttons and the notes.

It only shows; the page reacts to ``score_buttons.scoreChosen`` and to the notes' ``edited`` and ``pause``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.items import Question
from ..context import tr
from ..models.scoring_model import Row
from .notes_edit import NotesEdit
from .question_view import QuestionView
from .score_buttons import ScoreButtons


class ItemPane(QWidget):
    def __init__(self, note_debounce_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QuestionView(self)
        self.score_buttons = ScoreButtons(parent=self)
        self.notes = NotesEdit(note_debounce_ms, self)
        notes_label = QLabel(tr("&Notes:"), self)
        notes_label.setBuddy(self.notes)
        score_label = QLabel(tr("Score (type a digit or click):"), self)
        score_label.setBuddy(self.score_buttons)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.question, 4)
        lay.addWidget(score_label)
        lay.addWidget(self.score_buttons)
        lay.addWidget(notes_label)
        lay.addWidget(self.notes, 2)
        self.notes.setMinimumHeight(110)

    def show_nothing(self) -> None:
        self.question.show_nothing()
        self.notes.set_text("")
        self.score_buttons.set_value(None)

    def show_row(self, number: int, row: Row, question: Question | None, *, pass_mark: int) -> None:
        """Row ``number`` (1-based) of the list with its ``question``; notes and score as the row holds them."""
        self.notes.set_text(row.note)
        self.score_buttons.set_value(row.score)
        self.question.show_item(number, row.item, question, gating_mark=pass_mark if row.gating else None)

    def set_read_only(self, read_only: bool) -> None:
        self.score_buttons.set_read_only(read_only)
        self.notes.setReadOnly(read_only)
