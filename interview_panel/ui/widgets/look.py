"""The app's few visual accents, set directly on widgets instead of through an application stylesheet.

An application-wide stylesheet makes Qt polish every widget through ``QStyleSheetStyle`` (~8 ms at
start-up for five rules). The same look is set here with fonts and palette *roles* (never fixed colours
or point sizes), so it follows the platform's light or dark palette, and a palette change after start.

Start-up note: PySide builds a class's Python enums the first time the class is used from Python (QStyle:
~7 ms, QFont, QPainter, QStyleOptionViewItem: ~1 ms each). The navigation list's padding is therefore set
as row size hints at start, and its row delegate (which needs those classes) once the first page is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .nav_list import NavList

Role = QPalette.ColorRole

NAV_PADDING = 4  # around the navigation list's rows
NAV_ITEM_PADDING = (6, 4)  # (vertical, horizontal) inside each row
ICON_SPACING = 6  # what the style puts around an item's icon


def bold(widget: QWidget) -> QWidget:
    """Make ``widget``'s text bold; its family and size stay inherited (no fixed sizes)."""
    font = widget.font()
    font.setBold(True)
    widget.setFont(font)
    return widget


def italic(widget: QWidget) -> QWidget:
    """Make ``widget``'s text italic; family and size stay inherited."""
    font = widget.font()
    font.setItalic(True)
    widget.setFont(font)
    return widget


def hint(widget: QWidget) -> QWidget:
    """Draw ``widget``'s text as a quiet hint: the palette's text colour toned down only as far as AA
    contrast allows (the placeholder colour is below 4.5:1 in Fusion's light palette); follows dark mode."""
    from .colours import set_quiet

    return set_quiet(widget)


def style_nav(nav: NavList) -> None:
    """Pad the navigation list and its rows (rows sized for their icon, which is set later)."""
    nav.setViewportMargins(NAV_PADDING, NAV_PADDING, NAV_PADDING, NAV_PADDING)
    nav.setBackgroundRole(Role.Base)
    nav.setAutoFillBackground(True)  # the padding is part of the list, not of the window behind it
    size_nav_rows(nav)


def size_nav_rows(nav: NavList) -> None:
    """Give every row its padded size: room for the icon and the text, plus the row padding."""
    v, h = NAV_ITEM_PADDING
    icon = nav.iconSize()
    model = nav.model()
    for row in range(nav.count()):
        text = nav.sizeHintForIndex(model.index(row, 0))  # the text alone (no icon yet)
        item = nav.item(row)
        if item is None:
            continue
        item.setSizeHint(
            QSize(text.width() + icon.width() + ICON_SPACING + 2 * h, max(text.height(), icon.height() + 2) + 2 * v)
        )


def finish_nav(nav: NavList) -> None:
    """Install the row delegate: icon and text inside the row padding, selection across the whole row,
    the selected row in the active highlight even when the window is not active, disabled rows in the
    placeholder colour. Called once the first page is on screen (see the module note)."""
    cls = _nav_delegate_class()
    if not isinstance(nav.itemDelegate(), cls):
        nav.setItemDelegate(cls(nav))


_DELEGATE: list[type] = []


def _nav_delegate_class() -> type:
    if _DELEGATE:
        return _DELEGATE[0]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

    active, inactive, disabled = (
        QPalette.ColorGroup.Active,
        QPalette.ColorGroup.Inactive,
        QPalette.ColorGroup.Disabled,
    )

    class NavDelegate(QStyledItemDelegate):
        def paint(self, painter: Any, option: Any, index: Any) -> None:
            view = self.parent()
            selection = view.selectionModel() if isinstance(view, QAbstractItemView) else None
            pal = QPalette(option.palette)
            for role in (Role.Highlight, Role.HighlightedText):
                pal.setColor(inactive, role, pal.color(active, role))
            if not index.flags() & Qt.ItemFlag.ItemIsEnabled:
                for role in (Role.Text, Role.WindowText):
                    pal.setColor(disabled, role, pal.color(Role.PlaceholderText))
            if selection is not None and selection.isSelected(index):
                painter.fillRect(option.rect, pal.color(active, Role.Highlight))
            inner = QStyleOptionViewItem(option)
            inner.palette = pal
            h = NAV_ITEM_PADDING[1]
            inner.rect = option.rect.adjusted(h, 0, -h, 0)
            super().paint(painter, inner, index)

    _DELEGATE.append(NavDelegate)
    return NavDelegate
