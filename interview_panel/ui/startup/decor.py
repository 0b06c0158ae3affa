"""Menu actions and navigation icons made the start-up way (see the package docstring).

``plain_action`` builds a ``QAction`` without its ``QIcon`` overload, and callers set shortcuts with
``setShortcuts(StandardKey)`` or ``setShortcuts(QKeySequence.listFromString(...))``: ``setShortcut(QKeySequence(...))``
matches overloads that take ``Qt.Key`` and so builds the ``Qt`` namespace. ``setShortcuts(StandardKey)``
also binds every platform key for the action. The icons are drawn once the campaign list is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction

from ..assets import resource

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QIcon, QImage


def plain_action(text: str, parent: QObject) -> QAction:
    """``QAction(text, parent)`` without matching its ``QIcon`` overload (that would build QIcon's class)."""
    action = QAction(parent)
    action.setText(text)
    return action


def _render_svg(svg: bytes, size: int = 64) -> QImage:
    from PySide6.QtCore import QBuffer, QByteArray
    from PySide6.QtGui import QImageReader

    buf = QBuffer()
    buf.setData(QByteArray(svg))
    reader = QImageReader(buf, QByteArray(b"svg"))
    reader.setScaledSize(QSize(size, size))
    return reader.read()


def _tinted(image: QImage, colour: str) -> QImage:
    """``image`` with every visible pixel painted ``colour``, its alpha (anti-aliasing) kept.

    The icons are drawn in one colour, so this equals rendering the SVG again with that stroke colour,
    without a second SVG parse and render.
    """
    from PySide6.QtGui import QColor, QImage, QPainter

    out = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(out)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(out.rect(), QColor(colour))
    painter.end()
    return out


def icon(name: str, selected_colour: str | None = None) -> QIcon:
    """A navigation icon (resources/icons); drawn in ``selected_colour`` when its row is selected."""
    from PySide6.QtGui import QIcon, QPixmap

    path = resource(f"icons/{name}.svg")
    if not path.is_file():
        return QIcon()
    image = _render_svg(path.read_bytes())
    result = QIcon()
    result.addPixmap(QPixmap.fromImage(image), QIcon.Mode.Normal)
    if selected_colour:
        result.addPixmap(QPixmap.fromImage(_tinted(image, selected_colour)), QIcon.Mode.Selected)
    return result
