"""Panel page: add members; a panel has one chair."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from interview_panel.services.campaigns import list_members

from .conftest import read, show, wait_idle


def test_add_members_and_only_one_chair(qtbot: Any, fresh_window: Any) -> None:
    page = show(qtbot, fresh_window, "panel")
    assert not page.add_button.isEnabled()
    qtbot.keyClicks(page.name, "Pat Chair")
    page.chair.setChecked(True)
    page.add_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    assert page.model.rowCount() == 1 and page.name.text() == ""
    assert page.model.index(0, 1).data() == "Chair"
    assert not page.chair.isEnabled() and "Pat Chair" in page.chair.toolTip()

    qtbot.keyClicks(page.name, "Sam Member")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    wait_idle(qtbot, fresh_window.ctx)
    cid = fresh_window.ctx.campaign_id
    members = read(fresh_window.ctx.db_path, lambda s: list_members(s, cid))
    assert [(m.name, m.chair) for m in members] == [("Pat Chair", True), ("Sam Member", False)]


def test_demo_panel_is_listed_with_its_chair(qtbot: Any, window: Any) -> None:
    page = show(qtbot, window, "panel")
    assert page.model.rowCount() == 3
    assert sum(1 for m in page.model.rows if m.chair) == 1
    assert not page.chair.isEnabled()
