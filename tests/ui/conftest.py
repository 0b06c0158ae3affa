"""GUI test fixtures: a temp database (demo campaign or a fresh one), an AppContext, the main window.

Background work is awaited with ``wait_idle`` (``ctx.tasks.pending == 0``) or ``qtbot.waitSignal``; no
test blocks on a modal ``exec()``. PDFs are never opened in a viewer (INTERVIEW_PANEL_NO_VIEWER).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["INTERVIEW_PANEL_NO_VIEWER"] = "1"

from PySide6.QtCore import QSettings, QStandardPaths

from tests.conftest import DATA

QStandardPaths.setTestModeEnabled(True)

SUPERVISOR = DATA / "sample_supervisor_l2.txt"
ADMIN = DATA / "sample_admin_l1.txt"


def wait_idle(qtbot: Any, ctx: Any, timeout: int = 20000) -> None:
    """Wait until every queued database task and job has delivered its result to the GUI thread."""
    qtbot.waitUntil(lambda: ctx.tasks.pending == 0, timeout=timeout)


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo_db(tmp_path: Path) -> tuple[Path, int]:
    """A database holding the demo campaign (scoring started: set-up pages are frozen)."""
    from interview_panel.services.demo import create_demo_campaign
    from interview_panel.services.store import open_store

    path = tmp_path / "demo.sqlite"
    store = open_store(path)
    try:
        cid = create_demo_campaign(store)
    finally:
        store.close()
    return path, cid


@pytest.fixture
def fresh_db(tmp_path: Path) -> tuple[Path, int]:
    """A database with one campaign made from the sample supervisor profile; no scores yet (editable)."""
    from interview_panel.services.campaigns import create_campaign
    from interview_panel.services.profiles import load_profile
    from interview_panel.services.store import open_store

    path = tmp_path / "fresh.sqlite"
    store = open_store(path)
    try:
        cid = create_campaign(store, profile=load_profile(SUPERVISOR), name="Supervisor test", actor="test")
    finally:
        store.close()
    return path, cid


def _context(qtbot: Any, db: tuple[Path, int], qsettings: QSettings) -> Iterator[Any]:
    from interview_panel.ui.context import AppContext

    ctx = AppContext(db[0], qsettings)
    yield ctx
    wait_idle(qtbot, ctx)
    ctx.close()


@pytest.fixture
def ctx(qtbot: Any, demo_db: tuple[Path, int], qsettings: QSettings) -> Iterator[Any]:
    yield from _context(qtbot, demo_db, qsettings)


@pytest.fixture
def fresh_ctx(qtbot: Any, fresh_db: tuple[Path, int], qsettings: QSettings) -> Iterator[Any]:
    yield from _context(qtbot, fresh_db, qsettings)


def _window(qtbot: Any, ctx: Any, cid: int | None) -> Any:
    from interview_panel.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    if cid is not None:
        ctx.set_campaign(cid)
    wait_idle(qtbot, ctx)
    return window


@pytest.fixture
def window(qtbot: Any, ctx: Any, demo_db: tuple[Path, int]) -> Any:
    """The main window on the demo campaign."""
    return _window(qtbot, ctx, demo_db[1])


@pytest.fixture
def fresh_window(qtbot: Any, fresh_ctx: Any, fresh_db: tuple[Path, int]) -> Any:
    """The main window on an editable campaign (nothing scored yet)."""
    return _window(qtbot, fresh_ctx, fresh_db[1])


def show(qtbot: Any, window: Any, key: str) -> Any:
    """Switch to a page and wait for its background load."""
    page = window.show_page(key)
    wait_idle(qtbot, window.ctx)
    return page


def read(db: Path, fn: Any) -> Any:
    """Read the database with a separate connection, as the CLI would."""
    from interview_panel.services.store import open_store

    store = open_store(db)
    try:
        return fn(store)
    finally:
        store.close()
