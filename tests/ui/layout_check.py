"""What "usable" means for the layout tests: every visible button lies inside its window, unclipped by any
parent (inside a scroll area it may be scrolled out of view: the scroll area is what must fit), at least
as large as it needs to show its text; and every list shows at least three rows (or all it has)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractScrollArea, QAbstractSpinBox, QWidget


def _clipped_by(widget: QWidget, top: QWidget) -> str | None:
    """The first ancestor (up to ``top``) that cuts ``widget`` off, or None."""
    rect = QRect(QPoint(0, 0), widget.size())
    node = widget
    while node is not top:
        parent = node.parentWidget()
        if parent is None:
            return None
        rect = rect.translated(node.pos())
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            node, rect = area, QRect(QPoint(0, 0), area.size())  # scrolled into view on demand
            continue
        if not QRect(QPoint(0, 0), parent.size()).contains(rect):
            return parent.objectName() or type(parent).__name__
        node = parent
    return None


def problems(top: QWidget) -> list[str]:
    found = []
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) or isinstance(w.parentWidget(), QAbstractSpinBox):
            continue
        name = f"{type(w).__name__} {w.objectName()!r}"
        if isinstance(w, QAbstractButton):
            name += f" {w.text()!r}"
            cut = _clipped_by(w, top)
            if cut:
                found.append(f"{name} is cut off by {cut}")
            need = w.minimumSize() if w.minimumWidth() > 0 else w.minimumSizeHint()  # what the layout honours
            if w.width() < need.width() - 1 or w.height() < need.height() - 1:
                found.append(f"{name} is squeezed to {w.width()}x{w.height()} (needs {need.width()}x{need.height()})")
        elif isinstance(w, QAbstractItemView) and w.model() is not None and type(w).__name__ != "QListView":
            rows = w.model().rowCount()
            if rows and _clipped_by(w, top) is None:
                first = w.sizeHintForRow(0) if hasattr(w, "sizeHintForRow") else 0
                if first > 0 and w.viewport().height() < min(rows, 3) * first - 2:
                    found.append(
                        f"{name} shows under {min(rows, 3)} rows ({w.viewport().height()} px, rows of {first})"
                    )
    return found


# screens as the offscreen platform is told to show them (width, height, QT_SCALE_FACTOR)
SCREENS = {
    "1366x768 at 100%": (1366, 768, "1"),
    "1920x1080 at 150%": (1920, 1080, "1.5"),
}
TASKBAR_AND_TITLE = 70  # logical pixels of the screen height a window cannot use (taskbar, title bar)
