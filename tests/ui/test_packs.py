"""Print packs page: a PDF generated in the background, a cancellable progress dialog, the viewer."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton

from interview_panel.domain.progress import Progress
from interview_panel.ui.widgets.busy import BackgroundJob, is_cancelled

from .conftest import show, wait_idle


@pytest.fixture
def opened(monkeypatch: Any) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url.toLocalFile())))
    return urls


def test_one_candidate_one_member_pack_is_a_pdf(qtbot: Any, window: Any, tmp_path: Path, opened: list[str]) -> None:
    page = show(qtbot, window, "packs")
    assert page.candidate.count() == 13 and page.member.count() == 4  # "All" + 12, "All" + 3
    page.candidate.setCurrentIndex(2)
    page.member.setCurrentIndex(1)
    out = tmp_path / "packs" / "one.pdf"
    out.parent.mkdir()
    page.out.setText(str(out))
    with qtbot.waitSignal(page.generated, timeout=60000) as sig:
        page.generate_button.click()
    assert sig.args[0] == out
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert str(out) in page.result.text()
    assert opened == []  # INTERVIEW_PANEL_NO_VIEWER keeps the viewer shut in tests
    assert page.generate_button.isEnabled()


def test_the_pdf_opens_in_the_viewer_when_allowed(
    qtbot: Any, window: Any, tmp_path: Path, opened: list[str], monkeypatch: Any
) -> None:
    monkeypatch.delenv("INTERVIEW_PANEL_NO_VIEWER")
    page = show(qtbot, window, "packs")
    page.open_after.setChecked(True)
    page.candidate.setCurrentIndex(1)  # one candidate, all three members
    out = tmp_path / "three.pdf"
    page.out.setText(str(out))
    with qtbot.waitSignal(page.generated, timeout=60000):
        page.generate_button.click()
    assert out.read_bytes().startswith(b"%PDF")
    assert opened == [str(out.resolve())]


def test_progress_dialog_appears_late_and_cancel_stops_the_job(qtbot: Any, ctx: Any, window: Any) -> None:
    def slow(progress: Progress) -> str:
        for n in range(400):
            progress.step(n, 400, f"page {n}")
            time.sleep(0.01)
        return "finished"

    job = BackgroundJob(ctx, window, "Slow job", slow, delay_ms=150)
    assert job.dialog is None  # nothing flashes for quick jobs
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.value() > 0, timeout=5000)
    with qtbot.waitSignal(job.finished, timeout=10000) as sig:
        job.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    result, error = sig.args
    assert result is None and is_cancelled(error)
    assert job.dialog is None


def test_a_quick_job_never_shows_a_dialog(qtbot: Any, ctx: Any, window: Any) -> None:
    job = BackgroundJob(ctx, window, "Quick", lambda p: 42)
    with qtbot.waitSignal(job.finished, timeout=5000) as sig:
        pass
    assert sig.args == [42, None] and job.dialog is None
    wait_idle(qtbot, ctx)


def test_packs_default_to_a_folder_that_exists_and_remember_it_per_campaign(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from interview_panel.ui import settings

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(settings, "documents_location", lambda: str(home / "Documents"))  # a fresh machine
    page = show(qtbot, window, "packs")
    page.out.clear()
    page.reload()
    wait_idle(qtbot, window.ctx)
    assert Path(page.out.text()).parent == home  # no Documents folder: home, not a folder that is missing
    (home / "Documents").mkdir()
    page.out.clear()
    page.reload()
    wait_idle(qtbot, window.ctx)
    assert Path(page.out.text()).parent == home / "Documents"
    chosen = tmp_path / "panel packs"
    chosen.mkdir()
    page.candidate.setCurrentIndex(1)
    page.member.setCurrentIndex(1)
    page.out.setText(str(chosen / "one.pdf"))
    with qtbot.waitSignal(page.generated, timeout=60000):
        page.generate_button.click()
    cid = window.ctx.campaign_id
    prefs = window.ctx.prefs
    assert prefs.output_folder(window.ctx.db_path, cid) == chosen.resolve()
    assert prefs.output_folder(window.ctx.db_path, cid + 1) == home / "Documents"  # another campaign: its own
    page.out.clear()
    page.reload()
    wait_idle(qtbot, window.ctx)
    assert Path(page.out.text()).parent == chosen.resolve()
