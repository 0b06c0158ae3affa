"""A one-line notice across the top of a page (e.g. why the page is read-only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from .look import bold

FROZEN = (
    "Scoring has started, so the profile, items and questions are frozen: what the panel scores "
    "must not change under them."
)

BAR = 4  # the highlight bar on the left edge
BORDER = 1
PADDING = (8, 6)  # (horizontal, vertical) between the border and the text


class Banner(QLabel):
    """Word-wrapped, selectable, bold text on the palette's alternate-base colour, framed in its mid colour
    with a highlight-coloured bar on the left. Palette roles only, so it reads well in light and dark modes
    and follows a palette change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("Notice"))
        bold(self)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setForegroundRole(QPalette.ColorRole.WindowText)
        self.setAutoFillBackground(True)
        h, v = PADDING
        self.setContentsMargins(BAR + h, BORDER + v, BORDER + h, BORDER + v)
        self.setIndent(self.fontMetrics().horizontalAdvance("x") // 2)  # as QLabel does inside a frame
        self.hide()

    def show_message(self, text: str | None) -> None:
        """Show ``text``; hide the banner when it is empty or None."""
        self.setText(text or "")
        self.setVisible(bool(text))

    def paintEvent(self, event: Any) -> None:
        """The frame and the bar; QLabel draws the text inside the contents margins."""
        painter = QPainter(self)
        pal = self.palette()
        rect = self.rect()
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.fillRect(0, 0, BAR, rect.height(), pal.color(QPalette.ColorRole.Highlight))
        painter.end()
        super().paintEvent(event)
