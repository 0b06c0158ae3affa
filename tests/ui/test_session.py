"""Reopen where you left: campaign, page, member and candidate come back on the next start, and the
window geometry is on disk soon after it changes (a killed app keeps both, not only a clean exit)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from interview_panel.ui.app import AppController
from interview_panel.ui.settings import Settings

from .conftest import wait_idle


def _disk(tmp_path: Path) -> QSettings:
    """A fresh read of the settings file, as the next process would see it."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_next_start_reopens_campaign_page_member_and_candidate(
    qtbot: Any, demo_db: tuple[Path, int], qsettings: QSettings, tmp_path: Path
) -> None:
    db, cid = demo_db
    first = AppController(QApplication.instance(), qsettings)  # type: ignore[arg-type]
    first.start(str(db), demo=False)
    wait_idle(qtbot, first.ctx)
    first.ctx.set_campaign(cid)
    page = first.window.show_page("scoring")
    qtbot.waitUntil(lambda: page.member_combo.count() > 2, timeout=10_000)
    page.member_combo.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.candidate_combo.count() > 3, timeout=10_000)
    page.candidate_combo.setCurrentIndex(3)
    wait_idle(qtbot, first.ctx)
    member, candidate = page.member, page.candidate
    assert member and candidate
    # no clean exit: the next start reads what is on disk now
    second = AppController(QApplication.instance(), _disk(tmp_path))  # type: ignore[arg-type]
    try:
        second.start(str(db), demo=False)
        qtbot.waitUntil(lambda: second.ctx.campaign_id == cid, timeout=10_000)
        wait_idle(qtbot, second.ctx)
        again = second.window.current_page()
        assert again is second.window.pages.get("scoring")
        qtbot.waitUntil(lambda: again.candidate is not None, timeout=10_000)
        assert (again.member, again.candidate) == (member, candidate)
    finally:
        for c in (second, first):
            wait_idle(qtbot, c.ctx)
            c.window.close()
            c.shutdown()


def test_a_campaign_that_is_gone_opens_the_campaign_list(
    qtbot: Any, demo_db: tuple[Path, int], qsettings: QSettings
) -> None:
    db, cid = demo_db
    Settings(qsettings).save_session(db, campaign=cid + 40, page="scoring")
    c = AppController(QApplication.instance(), qsettings)  # type: ignore[arg-type]
    try:
        c.start(str(db), demo=False)
        wait_idle(qtbot, c.ctx)
        assert c.ctx.campaign_id is None
        assert c.window.current_page() is c.window.pages["campaigns"]
    finally:
        c.window.close()
        c.shutdown()


def test_window_geometry_is_saved_when_it_changes_not_only_on_exit(
    qtbot: Any, demo_db: tuple[Path, int], qsettings: QSettings, tmp_path: Path
) -> None:
    from interview_panel.ui.context import AppContext
    from interview_panel.ui.main_window import MainWindow

    ctx = AppContext(demo_db[0], qsettings)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, ctx)
    window.resize(710, 530)  # inside the offscreen screen (restoreGeometry keeps a window on screen)
    qtbot.waitUntil(lambda: Settings(_disk(tmp_path)).window_state()[0] == window.saveGeometry(), timeout=3000)
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.restore_state() and again.size().toTuple() == (710, 530)
    window.hide()
    again.hide()
    ctx.close()
