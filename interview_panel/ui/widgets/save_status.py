"""The scoring page's save state: "Saving…", "Saved hh:mm:ss", or "Not saved: <reason>" with a Retry
button. ``changed`` carries each text shown; ``retryRequested`` the member's click on Retry."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..context import tr
from ..score_saver import SaveState, Summary
from . import colours


class SaveStatus(QWidget):
    changed = Signal(str)
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("saveState")
        self.label.setAccessibleName(tr("Save state"))
        self.label.setMinimumWidth(160)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.retry_button = QPushButton(tr("Retry saving"), self)
        self.retry_button.setObjectName("retrySave")
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self.retryRequested)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.retry_button)

    def show_text(self, text: str, *, error: bool = False) -> None:
        """Show ``text``; an error in the error colour with Retry beside it."""
        self.label.setText(text)
        self.label.setStyleSheet(
            f"color:{colours.css(colours.ERROR, self.palette())};font-weight:bold;" if error else ""
        )
        self.retry_button.setVisible(error)
        self.changed.emit(text)

    def show_failed(self, reason: str) -> None:
        self.show_text(tr("Not saved: {reason}").format(reason=reason), error=True)

    def show_summary(self, summary: Summary) -> None:
        if summary.state == SaveState.FAILED:
            self.show_failed(summary.reason or tr("unknown error"))
        elif summary.state == SaveState.SAVED and summary.at is not None:
            self.show_text(tr("Saved {time}").format(time=summary.at.strftime("%H:%M:%S")))
        else:
            self.show_text(tr("Saving…"))
