"""Candidates page: import with a preview (a bad row refuses the whole file), add, edit with undo."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from interview_panel.services.campaigns import list_candidates
from interview_panel.ui.dialogs.candidate import CandidateDialog
from interview_panel.ui.dialogs.import_candidates import ImportCandidatesDialog

from .conftest import read, show, wait_idle


def _refs(window: Any) -> list[str]:
    cid = window.ctx.campaign_id
    return [c.reference for c in read(window.ctx.db_path, lambda s: list_candidates(s, cid))]


def _import(qtbot: Any, window: Any, monkeypatch: Any, path: Path) -> ImportCandidatesDialog:
    page = show(qtbot, window, "candidates")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    page.import_button.click()
    dlg = page.findChild(ImportCandidatesDialog)
    assert dlg is not None
    wait_idle(qtbot, window.ctx)
    return dlg


def test_a_bad_row_is_shown_with_its_line_and_nothing_is_imported(
    qtbot: Any, fresh_window: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    csv = tmp_path / "candidates.csv"
    csv.write_text(
        "reference,name,slot\nC1,Ann Example,2026-03-02 09:00\nC2,,2026-03-02 10:00\nC3,Cal Example,2026-03-02 11:00\n",
        encoding="utf-8",
    )
    dlg = _import(qtbot, fresh_window, monkeypatch, csv)
    assert dlg.model.rowCount() == 2  # the good rows are previewed
    assert dlg.error_list.count() == 1
    assert dlg.error_list.item(0).text().startswith("Line 3:")
    assert "name" in dlg.error_list.item(0).text()
    assert not dlg.import_button.isEnabled()
    dlg.do_import()  # even if forced, nothing happens
    wait_idle(qtbot, fresh_window.ctx)
    assert _refs(fresh_window) == []
    assert dlg.isVisible()


def test_a_clean_file_imports_and_the_page_lists_it(
    qtbot: Any, fresh_window: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    csv = tmp_path / "candidates.csv"
    csv.write_text("reference,name,slot\nC1,Ann Example,2026-03-02 09:00\nC2,Bo Example,\n", encoding="utf-8")
    dlg = _import(qtbot, fresh_window, monkeypatch, csv)
    assert dlg.import_button.isEnabled() and dlg.error_list.count() == 0
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        dlg.import_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    assert sorted(_refs(fresh_window)) == ["C1", "C2"]
    page = fresh_window.pages["candidates"]
    assert page.model.rowCount() == 2
    assert page.model.index(1, 2).data() == "not scheduled"
    page.filter.setText("bo")
    assert page.proxy.rowCount() == 1


def test_add_then_edit_a_candidate_with_undo(qtbot: Any, fresh_window: Any) -> None:
    page = show(qtbot, fresh_window, "candidates")
    page.add_button.click()
    dlg = page.findChild(CandidateDialog)
    dlg.reference.setText("Z9")
    dlg.name.setText("Zed Example")
    dlg.scheduled.setChecked(True)
    dlg._ok()
    wait_idle(qtbot, fresh_window.ctx)
    assert page.model.rowCount() == 1

    page.view.selectRow(0)
    page.edit_button.click()
    dlg = next(d for d in page.findChildren(CandidateDialog) if d.isVisible())
    assert not dlg.reference.isReadOnly()  # no scores yet: the reference can be corrected too (issue 15)
    dlg.reference.setText("Z10")
    dlg.name.setText("Zed Corrected")
    dlg.scheduled.setChecked(False)
    dlg._ok()
    wait_idle(qtbot, fresh_window.ctx)
    cid = fresh_window.ctx.campaign_id
    c = read(fresh_window.ctx.db_path, lambda s: list_candidates(s, cid))[0]
    assert (c.reference, c.name, c.slot) == ("Z10", "Zed Corrected", None)
    fresh_window.undo_action.trigger()
    wait_idle(qtbot, fresh_window.ctx)
    c = read(fresh_window.ctx.db_path, lambda s: list_candidates(s, cid))[0]
    assert c.reference == "Z9" and c.name == "Zed Example" and isinstance(c.slot, datetime)
    assert page.model.rows[0].name == "Zed Example"


def test_the_add_candidate_dialog_takes_at_most_200_characters_of_name(qtbot: Any) -> None:
    dlg = CandidateDialog(None)
    qtbot.addWidget(dlg)
    dlg.name.setText("N" * 8000)
    dlg.reference.setText("R" * 500)
    c = dlg.value()
    assert len(c.name) == 200 and len(c.reference) == 100


def test_the_chair_records_checks_and_adjustments_for_the_selected_candidate(qtbot: Any, fresh_window: Any) -> None:
    from interview_panel.domain.campaign import Candidate
    from interview_panel.services.campaigns import add_candidate
    from interview_panel.services.checks import adjustments, check_states
    from interview_panel.services.moderation import results

    cid = fresh_window.ctx.campaign_id
    read(fresh_window.ctx.db_path, lambda s: add_candidate(s, cid, Candidate("S1", "Sam Example")))
    page = show(qtbot, fresh_window, "candidates")
    fresh_window.ctx.notify("candidates")
    page.reload()
    wait_idle(qtbot, fresh_window.ctx)
    page.view.selectRow(0)
    wait_idle(qtbot, fresh_window.ctx)
    assert page.detail.isEnabled() and set(page.check_boxes) == {"O2"}  # the 24/7 shift pattern is a check
    assert page.check_boxes["O2"].currentText() == "pending"
    page.check_boxes["O2"].setCurrentText("confirmed")
    wait_idle(qtbot, fresh_window.ctx)
    assert read(fresh_window.ctx.db_path, lambda s: check_states(s, cid))["S1"] == {"O2": "confirmed"}
    page.adjustments.setPlainText("Large-print papers; a break after 30 minutes")
    assert page.save_adjustments.isEnabled()
    page.save_adjustments.click()
    wait_idle(qtbot, fresh_window.ctx)
    assert read(fresh_window.ctx.db_path, lambda s: adjustments(s, cid, "S1")).startswith("Large-print")
    res = read(fresh_window.ctx.db_path, lambda s: results(s, cid))  # checks shown in results, never scored
    assert res.candidates[0].checks == {"O2": "confirmed"} and "O2" not in [i.id for i in res.items]
