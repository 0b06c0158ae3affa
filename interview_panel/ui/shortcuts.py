"""Keyboard shortcuts in one place: page actions shown in the Edit menu, and the shortcuts sheet.

A page never creates a bare ``QShortcut`` (it would be listed nowhere): it calls :func:`page_action`,
which makes a QAction with the keys, active while the focus is in the page (or in ``widget``). The main
window's Edit menu ends with the current page's actions and their keys, and Help ▸ Keyboard shortcuts
(:func:`shortcut_rows`) is generated from the menu bar's and the pages' actual actions, so the sheet
cannot drift from what the keys do. Keys handled inside one list (a digit scores the current item) are
not actions; they are listed in :data:`LIST_KEYS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from .context import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QMenu, QMenuBar, QWidget

PAGE_ACTION = "interviewPanelPageAction"  # dynamic property marking a page's own actions

# (where, keys, what): keys read by a list or control itself rather than by an action
LIST_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Scoring", "1 … 5 (1 … 7)", "Score the selected item and move to the next (item list or score buttons)"),
    ("Scoring", "Delete", "Clear the selected item's score (item list or score buttons)"),
    ("Dialogs", "Enter", "The dialog's default button (Import, Create, OK)"),
    ("Dialogs", "Esc", "Cancel the dialog"),
)


def page_action(
    page: QWidget,
    text: str,
    keys: str | QKeySequence.StandardKey,
    slot: Callable[[], object],
    *,
    widget: QWidget | None = None,
) -> QAction:
    """An action of ``page`` with ``keys`` (e.g. "Ctrl+T"), active while the focus is inside ``widget``
    (default: the page). It is listed in the Edit menu (while the page is shown) and on the shortcuts sheet."""
    action = QAction(page)
    action.setText(text)
    if isinstance(keys, str):
        action.setShortcuts(QKeySequence.listFromString(keys))
    else:
        action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setProperty(PAGE_ACTION, True)
    action.triggered.connect(lambda _checked=False: slot())
    (widget or page).addAction(action)
    return action


def page_actions(page: QWidget) -> list[QAction]:
    """The actions ``page`` made with :func:`page_action`, in the order made."""
    from PySide6.QtGui import QAction as _QAction

    return [a for a in page.findChildren(_QAction) if a.property(PAGE_ACTION)]


def keys_text(action: QAction) -> str:
    """The action's keys as the platform writes them ("Ctrl+S", several joined by " or ")."""
    return tr(" or ").join(
        k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()
    )


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def menu_rows(menubar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, keys, action) for every action with keys in the menu bar's menus, submenus included."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), where)  # type: ignore[arg-type]
            elif not action.isSeparator() and keys_text(action) and not action.property(PAGE_ACTION):
                rows.append((where, keys_text(action), _plain(action.text())))

    for action in menubar.actions():
        if action.menu() is not None:
            walk(action.menu(), _plain(action.text()))  # type: ignore[arg-type]
    return rows


def shortcut_rows(menubar: QMenuBar, pages: dict[str, QWidget]) -> list[tuple[str, str, str]]:
    """Every shortcut of the app as (where, keys, what): menus, then each page's actions, then list keys."""
    rows = menu_rows(menubar)
    for title, page in pages.items():
        rows += [(title, keys_text(a), _plain(a.text())) for a in page_actions(page) if keys_text(a)]
    rows += [(tr(w), k, tr(t)) for w, k, t in LIST_KEYS]
    return rows


def shortcuts_dialog(parent: QWidget, rows: list[tuple[str, str, str]]) -> QDialog:
    """The Help ▸ Keyboard shortcuts sheet: a read-only table of ``rows`` with a Close button."""
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QDialog,
        QDialogButtonBox,
        QHeaderView,
        QTableWidget,
        QTableWidgetItem,
        QVBoxLayout,
    )

    dlg = QDialog(parent)
    dlg.setObjectName("shortcutsDialog")
    dlg.setWindowTitle(tr("Keyboard shortcuts"))
    table = QTableWidget(len(rows), 3, dlg)  # a small fixed list, not data that grows
    table.setObjectName("shortcutsTable")
    table.setHorizontalHeaderLabels([tr("Where"), tr("Keys"), tr("What it does")])
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.resizeColumnsToContents()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dlg)
    buttons.rejected.connect(dlg.reject)
    buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
    lay = QVBoxLayout(dlg)
    lay.addWidget(table)
    lay.addWidget(buttons)
    fm = dlg.fontMetrics()
    dlg.resize(fm.averageCharWidth() * 90, min(fm.lineSpacing() * (len(rows) + 6), fm.lineSpacing() * 30))
    return dlg
