"""The notes a member types for the selected item, written once the typing pauses.

``edited`` follows each change the member makes (not :meth:`NotesEdit.set_text`). The owner calls
:meth:`NotesEdit.wait` to have ``pause`` emitted ``debounce_ms`` after the last keystroke; leaving the
editor or :meth:`NotesEdit.flush` emits it at once when a pause is still waiting, so a note is never left
only on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ..context import tr


class NotesEdit(QPlainTextEdit):
    edited = Signal()
    pause = Signal()

    def __init__(self, debounce_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesEdit")
        self.setAccessibleName(tr("Notes for this item"))
        self.setPlaceholderText(tr("Evidence heard: situation, task, what the candidate did, result…"))
        self.setTabChangesFocus(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.pause)
        self.textChanged.connect(self.edited)

    @property
    def waiting(self) -> bool:
        """A pause is still to come (what is on screen has not been handed over yet)."""
        return self._timer.isActive()

    def set_text(self, text: str) -> None:
        """Show ``text`` without reporting an edit."""
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)

    def wait(self) -> None:
        """(Re)start the pause: ``pause`` follows ``debounce_ms`` after the last call."""
        self._timer.start()

    def cancel(self) -> None:
        """The note is being written another way: no pause to come."""
        self._timer.stop()

    def flush(self) -> None:
        """Emit ``pause`` now if one is waiting."""
        if self._timer.isActive():
            self._timer.stop()
            self.pause.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)
