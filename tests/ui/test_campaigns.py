"""Campaigns page and window: list, open, drop a file, page switching, keyboard and accessibility."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
)

from interview_panel.ui.dialogs.new_campaign import NewCampaignDialog

from .conftest import ADMIN, show, wait_idle


def test_list_and_open_a_campaign(qtbot: Any, ctx: Any, window: Any, demo_db: Any) -> None:
    ctx.set_campaign(None)
    wait_idle(qtbot, ctx)
    page = show(qtbot, window, "campaigns")
    assert not window.go_actions[2].isEnabled()  # no campaign: its pages are off
    assert page.model.rowCount() == 1
    assert page.model.index(0, 3).data() == "12"  # candidates
    page.view.selectRow(0)
    page.open_button.click()
    wait_idle(qtbot, ctx)
    assert ctx.campaign_id == demo_db[1]
    assert window.current_page() is window.pages["items"]
    assert "Demo" in window.windowTitle() and "demo.sqlite" in window.windowTitle()


def test_dropping_a_profile_on_the_window_starts_a_campaign(qtbot: Any, window: Any) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ADMIN))])
    event = QDropEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    wait_idle(qtbot, window.ctx)
    dlg = window.findChild(NewCampaignDialog)
    assert dlg is not None and dlg.isVisible()
    assert dlg.form.post_title.text()


def test_ctrl_number_switches_pages(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["rules"]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["campaigns"]


def test_every_input_on_my_pages_has_an_accessible_name(qtbot: Any, window: Any) -> None:
    missing = []
    for key in ("campaigns", "profile", "items", "rules", "candidates", "panel", "packs"):
        page = show(qtbot, window, key)
        inputs = [
            w
            for t in (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTableView)
            for w in page.findChildren(t)
        ]
        for w in inputs:
            if isinstance(w.parent(), (QComboBox, QAbstractSpinBox)) or w.objectName() == "qt_spinbox_lineedit":
                continue
            if not w.accessibleName():
                missing.append(f"{key}: {type(w).__name__}")
        # labels that name a field carry a mnemonic and a buddy
        for lab in page.findChildren(QLabel):
            if "&" in lab.text() and not lab.text().startswith("Saved"):
                assert lab.buddy() is not None, f"{key}: label {lab.text()!r} has no buddy"
    assert missing == []


def _mnemonic(text: str) -> str | None:
    m = re.search(r"&([^&])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def test_mnemonics_are_unique_on_each_page_and_with_the_menu_bar(qtbot: Any, window: Any) -> None:
    """Alt+letter reaches every control without ambiguity (menu bar letters included)."""
    menus = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    assert len(menus) == len(set(menus))
    for key in ("campaigns", "profile", "items", "rules", "candidates", "panel", "packs"):
        page = show(qtbot, window, key)
        letters = list(menus)
        controls = [w for t in (QAbstractButton, QLabel) for w in page.findChildren(t)]
        for w in controls:
            letter = _mnemonic(w.text())
            if letter and not (isinstance(w, QLabel) and w.text().startswith("Saved")):
                letters.append(letter)
        dupes = sorted({x for x in letters if letters.count(x) > 1})
        assert dupes == [], f"{key}: Alt+{dupes} is ambiguous"
