"""Two panes side by side (or one above the other) that the user can resize but never collapse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget


def two_panes(
    first: QWidget,
    second: QWidget,
    stretch: tuple[int, int],
    *,
    orientation: Qt.Orientation = Qt.Orientation.Horizontal,
    sizes: tuple[int, int] | None = None,
    parent: QWidget | None = None,
) -> QSplitter:
    """A splitter holding ``first`` and ``second``, sharing extra room by ``stretch``, starting at ``sizes``."""
    split = QSplitter(orientation, parent)
    split.addWidget(first)
    split.addWidget(second)
    split.setStretchFactor(0, stretch[0])
    split.setStretchFactor(1, stretch[1])
    split.setChildrenCollapsible(False)
    if sizes is not None:
        split.setSizes(list(sizes))
    return split
