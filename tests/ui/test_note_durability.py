"""A note typed just before the app is killed is on disk: the app is a real subprocess, a member types a
note on the scoring page, and 350 ms after the last keystroke the process gets SIGKILL (TerminateProcess on
Windows). Reopening the database finds the note. (Notes are committed within 300 ms of the last keystroke.)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TYPIST = r"""
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from interview_panel.ui.context import AppContext
from interview_panel.ui.main_window import MainWindow

db, cid, member, ref, text, ini = sys.argv[1:]
app = QApplication([])
ctx = AppContext(db, QSettings(ini, QSettings.Format.IniFormat))
window = MainWindow(ctx)
window.show()
ctx.set_campaign(int(cid))
page = window.show_page("scoring")


def step():
    if page.member_combo.findData(member) < 0:
        return QTimer.singleShot(20, step)
    if page.member != member:
        page.member_combo.setCurrentIndex(page.member_combo.findData(member))
        return QTimer.singleShot(20, step)
    if page.candidate_combo.findData(ref) < 0:
        return QTimer.singleShot(20, step)
    if page.candidate != ref:
        page.candidate_combo.setCurrentIndex(page.candidate_combo.findData(ref))
        return QTimer.singleShot(20, step)
    if page.model.rowCount() == 0 or page.current_row() is None or ctx.tasks.pending:
        return QTimer.singleShot(20, step)
    page.notes.setFocus()
    QTest.keyClicks(page.notes, text)
    print("typed", page.model.row(page.current_row()).item.id, flush=True)


QTimer.singleShot(0, step)
app.exec()
"""


def _pick(db: Path, cid: int) -> tuple[str, str]:
    """A member and a candidate they have not submitted for."""
    from interview_panel.services import campaigns, scoring
    from interview_panel.services.store import open_store

    store = open_store(db)
    try:
        for m in campaigns.list_members(store, cid):
            subs = scoring.member_submissions(store, cid, m.name)
            ref = next((r for r, when in subs.items() if when is None), None)
            if ref is not None:
                return m.name, ref
    finally:
        store.close()
    raise AssertionError("the demo campaign has no open candidate")


@pytest.mark.slow
def test_a_note_typed_350_ms_before_a_kill_is_found_on_reopening(demo_db: tuple[Path, int], tmp_path: Path) -> None:
    from interview_panel.services import scoring
    from interview_panel.services.store import open_store

    db, cid = demo_db
    member, ref = _pick(db, cid)
    text = "Calm under pressure; named the risk first"
    proc = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(db), str(cid), member, ref, text, str(tmp_path / "settings.ini")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        typed_at = time.monotonic()
        assert line.startswith("typed "), (line, proc.stderr.read() if proc.poll() is not None and proc.stderr else "")
        item = line.split()[1]
        time.sleep(max(0.0, 0.35 - (time.monotonic() - typed_at)))
        assert proc.poll() is None, "the app ended by itself: the kill would prove nothing"
        proc.kill()  # SIGKILL: no close event, no flush, no clean shutdown
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    store = open_store(db)
    try:
        scores = scoring.member_scores(store, cid, candidate=ref, member=member)
    finally:
        store.close()
    assert item in scores and scores[item].note == text
