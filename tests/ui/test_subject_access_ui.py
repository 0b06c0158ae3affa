"""Candidates ▸ Subject access copy…: the selected candidate's PDF, members redacted when the chair says No."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from interview_panel.ui.main_window import MainWindow
from tests.services.test_privacy import NAMES, NOTES, fill
from tests.ui.live_fixtures import idle, make_ctx  # noqa: F401 - fixture


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")
def test_subject_access_copy_from_the_candidates_page(
    tmp_path: Path,
    qtbot,
    make_ctx,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "gui.db"
    cid = fill(db, tmp_path)
    ctx = make_ctx(db)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    ctx.set_campaign(cid)
    idle(qtbot, ctx)
    page = win.show_page("candidates")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 3, timeout=10_000)
    assert not page.subject_button.isEnabled()
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    assert page.subject_button.isEnabled()
    out = tmp_path / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    msgs: list[str] = []
    ctx.statusMessage.connect(msgs.append)
    page.subject_button.click()
    qtbot.waitUntil(lambda: out.exists() or bool(msgs), timeout=15_000)
    assert out.exists(), msgs
    idle(qtbot, ctx)
    text = " ".join(
        subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert NAMES[0] in text and NOTES[0] in text
    assert "Member 1" in text and "Ann Chair" not in text
