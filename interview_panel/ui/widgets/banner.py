"""A one-line notice across the top of a page (e.g. why the page is read-only)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


FROZEN = "Scoring has started, so the profile, items and questions are frozen: what the panel scores " \
         "must not change under them."


class Banner(QLabel):
    """Word-wrapped, selectable, styled by resources/style.qss through palette roles (dark-mode safe)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("Notice"))
        self.hide()

    def show_message(self, text: str | None) -> None:
        """Show ``text``; hide the banner when it is empty or None."""
        self.setText(text or "")
        self.setVisible(bool(text))
