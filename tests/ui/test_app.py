"""Starting the app: which database opens, --demo, recent databases, window state, unusable databases."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from interview_panel.ui.app import EXIT_WHEN_READY_ENV, AppController
from interview_panel.ui.settings import Settings

from .conftest import wait_idle

ROOT = Path(__file__).resolve().parents[2]


def _run_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        **{EXIT_WHEN_READY_ENV: "1"},
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path),
    )
    return subprocess.run(
        [sys.executable, "-m", "interview_panel", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_file_that_is_not_a_database_exits_2_with_one_readable_line(tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("these are my interview notes, not a database\n" * 50)
    before = bad.read_bytes()
    proc = _run_cli("--db", str(bad), tmp_path=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "notes.sqlite" in proc.stderr or "database" in proc.stderr.lower()
    assert bad.read_bytes() == before


def test_default_database_is_created_in_the_data_directory(tmp_path: Path) -> None:
    proc = _run_cli(tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    made = list((tmp_path / "data").rglob("interview-panel.sqlite"))
    assert len(made) == 1


@pytest.fixture
def controller(qtbot: Any, qsettings: QSettings) -> Iterator[AppController]:
    c = AppController(QApplication.instance(), qsettings)  # type: ignore[arg-type]
    yield c
    if c.ctx is not None:
        wait_idle(qtbot, c.ctx)
    if c.window is not None:
        c.window.close()
    c.shutdown()


def test_open_db_remember_it_and_restore_the_window(
    qtbot: Any, controller: AppController, demo_db: tuple[Path, int], qsettings: QSettings
) -> None:
    controller.start(str(demo_db[0]), demo=False)
    wait_idle(qtbot, controller.ctx)
    window = controller.window
    assert window is not None and window.isVisible()
    assert "demo.sqlite" in window.windowTitle()
    assert window.pages["campaigns"].model.rowCount() == 1
    prefs = Settings(qsettings)
    assert prefs.recent_dbs() == [demo_db[0].resolve()]
    assert prefs.last_db() == demo_db[0].resolve()
    window.resize(window.width(), window.minimumSizeHint().height() + 3)
    expected = window.saveGeometry()
    window.close()
    geo, _state = prefs.window_state()
    assert geo == expected  # saved on close
    from interview_panel.ui.main_window import MainWindow

    again = MainWindow(controller.ctx)
    qtbot.addWidget(again)
    assert again.height() != window.height()
    assert again.restore_state()  # and given back to the next window
    assert again.height() == window.height()
    wait_idle(qtbot, controller.ctx)  # the new window's campaign list arrives before the window is deleted


def test_opening_a_bad_database_keeps_the_current_one(
    qtbot: Any, controller: AppController, demo_db: tuple[Path, int], tmp_path: Path
) -> None:
    controller.start(str(demo_db[0]), demo=False)
    wait_idle(qtbot, controller.ctx)
    first = controller.window
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00garbage" * 100)
    controller.open_database(bad)
    qtbot.waitUntil(lambda: first.findChild(QMessageBox, "errorBox") is not None, timeout=10000)
    box = first.findChild(QMessageBox, "errorBox")
    assert "Traceback" not in box.text()
    assert controller.window is first and controller.ctx.db_path == demo_db[0]
    assert controller.exit_code == 0


def test_switching_to_another_database_from_the_file_menu(
    qtbot: Any, controller: AppController, demo_db: tuple[Path, int], fresh_db: tuple[Path, int]
) -> None:
    controller.start(str(demo_db[0]), demo=False)
    wait_idle(qtbot, controller.ctx)
    controller.window.openDatabaseRequested.emit(fresh_db[0])
    qtbot.waitUntil(lambda: controller.ctx.db_path == fresh_db[0], timeout=10000)
    wait_idle(qtbot, controller.ctx)
    assert "fresh.sqlite" in controller.window.windowTitle()
    assert [r.name for r in controller.window.pages["campaigns"].model.rows] == ["Supervisor test"]
    assert controller.ctx.prefs.recent_dbs()[:2] == [fresh_db[0].resolve(), demo_db[0].resolve()]


def test_demo_mode_fills_every_screen_and_is_not_remembered(
    qtbot: Any, controller: AppController, qsettings: QSettings
) -> None:
    controller.start(None, demo=True)
    qtbot.waitUntil(lambda: controller.ctx.campaign_id is not None, timeout=30000)
    wait_idle(qtbot, controller.ctx)
    window = controller.window
    assert window.current_page() is window.pages["items"]
    assert window.pages["items"].model.rowCount() > 5
    assert "(demo)" in window.windowTitle() and "Demo" in window.windowTitle()
    assert Settings(qsettings).recent_dbs() == []
    folder = controller.ctx.db_path.parent
    window.close()
    controller.shutdown()
    controller.window = None
    assert not folder.exists()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(
    tmp_path: Path, demo_db: tuple[Path, int]
) -> None:
    import sqlite3

    con = sqlite3.connect(demo_db[0])
    version = con.execute("PRAGMA user_version").fetchone()[0]
    con.execute(f"PRAGMA user_version = {version + 50}")
    con.commit()
    con.close()
    before = demo_db[0].read_bytes()
    proc = _run_cli("--db", str(demo_db[0]), tmp_path=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "newer" in proc.stderr.lower()
    assert demo_db[0].read_bytes() == before
