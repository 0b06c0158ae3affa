"""The database file in the desktop app: a damaged database found in the background and refused, automatic
backups (when opened, and when the chair leaves the moderation page), empty files never filled unless
"New database", a private data folder."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from interview_panel.storage.backup import check_file, list_backups
from interview_panel.ui.app import EXIT_WHEN_READY_ENV, AppController
from interview_panel.ui.pages.moderation import ModerationPage

from ..storage.factories import damage_scores_page, scored_campaign
from .conftest import wait_idle
from .live_fixtures import CHAIR, MEMBER_B, MEMBER_C, campaign_db, idle, make_ctx, open_results_page, score_all  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def controller(qtbot: Any, qsettings: QSettings) -> Iterator[AppController]:
    c = AppController(QApplication.instance(), qsettings)  # type: ignore[arg-type]
    yield c
    if c.ctx is not None:
        wait_idle(qtbot, c.ctx)
    if c.window is not None:
        c.window.close()
    c.shutdown()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def boxes(name: str) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()
    ]


def test_a_damaged_database_is_found_after_the_window_shows_and_then_refuses_writes(
    qtbot: Any, controller: AppController, tmp_path: Path
) -> None:
    db = tmp_path / "c.sqlite"
    cid, items = scored_campaign(db)
    damage_scores_page(db)
    before = sha(db)
    controller.start(str(db), demo=False)
    assert controller.window is not None and controller.window.isVisible()  # shown before any check
    ctx = controller.ctx
    assert ctx is not None
    with qtbot.waitSignal(ctx.healthChecked, timeout=20_000) as found:
        pass
    assert found.args[0] and "damaged" in found.args[0]
    qtbot.waitUntil(lambda: bool(boxes("damagedBox")), timeout=5000)
    assert "damaged" in boxes("damagedBox")[0].text()
    from interview_panel.services.scoring import record_score

    with qtbot.waitSignal(ctx.tasks.failed, timeout=10_000) as failed:
        ctx.db(lambda store: record_score(store, cid, candidate="C001", member="Bob", item=items[0], score=5))
    assert "damaged" in str(failed.args[0])
    wait_idle(qtbot, ctx)
    assert sha(db) == before
    assert not list_backups(db)  # a damaged file is never backed up
    boxes("damagedBox")[0].close()


def test_a_whole_database_is_backed_up_in_the_background_when_opened(
    qtbot: Any, controller: AppController, tmp_path: Path
) -> None:
    db = tmp_path / "c.sqlite"
    scored_campaign(db, candidates=3)
    controller.start(str(db), demo=False)
    ctx = controller.ctx
    assert ctx is not None
    with qtbot.waitSignal(ctx.backedUp, timeout=20_000) as made:
        pass
    assert made.args[0].path is not None and check_file(made.args[0].path) is None
    assert [b.path for b in list_backups(db)] == [made.args[0].path]


def test_leaving_the_moderation_page_after_agreeing_takes_a_backup(
    qtbot: Any, campaign_db: tuple[Path, int], make_ctx: Any
) -> None:
    db, cid = campaign_db
    calm = {
        m: {"ownership": 4, "analyse-critically": 4, "K1": 4, "K2": 4, "values": 4} for m in (CHAIR, MEMBER_B, MEMBER_C)
    }
    score_all(db, cid, "C001", calm)
    ctx = make_ctx(db)
    page = open_results_page(qtbot, ctx, cid, ModerationPage)
    page.hide()  # looked, agreed nothing: no session to back up
    idle(qtbot, ctx)
    assert list_backups(db) == []
    page.show()
    page.select("C001", "K2")
    qtbot.waitUntil(lambda: page.median_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(page.median_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "at the panel median" in page.message.text(), timeout=5000)
    idle(qtbot, ctx)
    with qtbot.waitSignal(ctx.backedUp, timeout=20_000) as made:
        page.hide()  # the chair moves to another page
    assert made.args[0].path is not None
    conn_path = made.args[0].path
    import sqlite3

    conn = sqlite3.connect(conn_path)
    try:
        assert conn.execute("SELECT count(*) FROM agreed").fetchone()[0] == 5
    finally:
        conn.close()


def test_an_empty_file_is_refused_at_start_and_left_empty(tmp_path: Path) -> None:
    empty = tmp_path / "e.sqlite"
    empty.write_bytes(b"")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        **{EXIT_WHEN_READY_ENV: "1"},
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path),
    )
    proc = subprocess.run(
        [sys.executable, "-m", "interview_panel", "--db", str(empty)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "empty file" in proc.stderr and "Traceback" not in proc.stderr
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("e.sqlite")) == ["e.sqlite"]


def test_new_database_may_fill_an_empty_file_but_open_may_not(
    qtbot: Any, controller: AppController, tmp_path: Path
) -> None:
    first = tmp_path / "first.sqlite"
    controller.start(str(first), demo=False)
    wait_idle(qtbot, controller.ctx)
    empty = tmp_path / "e.sqlite"
    empty.write_bytes(b"")
    controller.open_database(empty)  # File > Open on an empty file: refused, the current one stays
    mine = lambda: [b for b in boxes("errorBox") if str(empty) in b.text()]  # noqa: E731
    qtbot.waitUntil(lambda: bool(mine()), timeout=10_000)
    assert "empty file" in mine()[0].text()
    mine()[0].close()
    assert empty.stat().st_size == 0 and controller.ctx.db_path == first
    controller.new_database(empty)  # File > New database, the user chose that name
    qtbot.waitUntil(lambda: controller.ctx.db_path == empty, timeout=10_000)
    wait_idle(qtbot, controller.ctx)
    assert check_file(empty) is None


def test_the_default_data_folder_and_database_are_private(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        **{EXIT_WHEN_READY_ENV: "1"},
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path),
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.umask(0o022); from interview_panel.cli import main; sys.exit(main([]))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    (made,) = list((tmp_path / "data").rglob("interview-panel.sqlite"))
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
