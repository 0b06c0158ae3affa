"""The import dialog maps HR columns, previews new / unchanged / changed rows, and Enter means Import;
Add candidate keeps what was typed when the reference is taken (issue 15, corrections)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from interview_panel.domain.campaign import Candidate
from interview_panel.services.campaigns import add_candidate, list_candidates
from interview_panel.services.store import open_store
from interview_panel.ui.dialogs.candidate import CandidateDialog
from interview_panel.ui.dialogs.import_candidates import ImportCandidatesDialog

from .conftest import read, show, wait_idle


def _import(qtbot: Any, window: Any, monkeypatch: Any, path: Path) -> ImportCandidatesDialog:
    page = show(qtbot, window, "candidates")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    page.import_button.click()
    dlg = page.findChild(ImportCandidatesDialog)
    assert dlg is not None
    wait_idle(qtbot, window.ctx)
    return dlg


def _stored(window: Any) -> list[Candidate]:
    cid = window.ctx.campaign_id
    return read(window.ctx.db_path, lambda s: list_candidates(s, cid))


def _seed(window: Any, *cands: Candidate) -> None:
    store = open_store(window.ctx.db_path)
    try:
        for c in cands:
            add_candidate(store, window.ctx.campaign_id, c)
    finally:
        store.close()


def _shown(dlg: ImportCandidatesDialog) -> list[tuple[str, str, str]]:
    m = dlg.model
    return [(m.index(r, 1).data(), m.index(r, 2).data(), m.index(r, 3).data()) for r in range(m.rowCount())]


def test_an_hr_export_with_forename_surname_and_date_time_columns_is_mapped(
    qtbot: Any, fresh_window: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    f = tmp_path / "hr.csv"
    f.write_text(
        "Candidate No.,Forename,Surname,Email,Interview date,Interview time\n"
        "0042,Ann,Lee,ann@example.org,02/03/2026,09:30\n0043,Ben,Ode,ben@example.org,02/03/2026,10:30\n",
        encoding="utf-8",
    )
    dlg = _import(qtbot, fresh_window, monkeypatch, f)
    assert dlg.combos["reference"].currentText() == "A: Candidate No."
    assert dlg.combos["forename"].currentText() == "B: Forename"
    assert dlg.combos["surname"].currentText() == "C: Surname"
    assert dlg.combos["date"].currentText() == "E: Interview date"
    assert dlg.combos["time"].currentText() == "F: Interview time"
    assert dlg.combos["name"].currentIndex() == 0 and dlg.combos["slot"].currentIndex() == 0
    assert _shown(dlg) == [("New", "0042", "Ann Lee"), ("New", "0043", "Ben Ode")]
    assert dlg.import_button.isEnabled() and not dlg.error_list.isVisible()
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        dlg.import_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    assert _stored(fresh_window) == [
        Candidate("0042", "Ann Lee", datetime(2026, 3, 2, 9, 30)),
        Candidate("0043", "Ben Ode", datetime(2026, 3, 2, 10, 30)),
    ]


def test_unknown_headers_are_mapped_by_the_chair_with_the_combo_boxes(
    qtbot: Any, fresh_window: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    f = tmp_path / "odd.csv"
    f.write_text("Code,Person,When\nX1,Ann Lee,2026-03-02 09:00\nX2,Ben Ode,2026-03-02 10:00\n", encoding="utf-8")
    dlg = _import(qtbot, fresh_window, monkeypatch, f)
    assert not dlg.import_button.isEnabled()
    assert dlg.banner.isVisible() and "Choose the columns" in dlg.banner.text()
    assert dlg.error_list.count() == 1 and "no reference column" in dlg.error_list.item(0).text()
    for role, text in (("reference", "A: Code"), ("name", "B: Person"), ("slot", "C: When")):
        combo = dlg.combos[role]
        combo.setCurrentIndex(combo.findText(text))
        wait_idle(qtbot, fresh_window.ctx)
    assert dlg.columns() == {"reference": 0, "name": 1, "slot": 2}
    assert _shown(dlg) == [("New", "X1", "Ann Lee"), ("New", "X2", "Ben Ode")]
    assert dlg.import_button.isEnabled() and not dlg.banner.isVisible()
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        dlg.import_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    assert [c.reference for c in _stored(fresh_window)] == ["X1", "X2"]


def test_re_import_previews_new_unchanged_and_changed_and_updates_only_when_ticked(
    qtbot: Any, fresh_window: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    _seed(
        fresh_window,
        Candidate("C1", "Ann Lee", datetime(2026, 3, 2, 9, 0)),
        Candidate("C2", "Ben Ode", datetime(2026, 3, 2, 10, 0)),
    )
    f = tmp_path / "updated.csv"
    f.write_text(
        "reference,name,slot\nC1,Ann Lee,02/03/2026 09:00\nC2,Ben Ode,03/03/2026 10:00\nC3,Cal Poe,\n", encoding="utf-8"
    )
    dlg = _import(qtbot, fresh_window, monkeypatch, f)
    assert _shown(dlg) == [("Unchanged", "C1", "Ann Lee"), ("Changed", "C2", "Ben Ode"), ("New", "C3", "Cal Poe")]
    assert "slot 2026-03-02T10:00 → 2026-03-03T10:00" in dlg.model.index(1, 5).data()
    assert "1 new, 1 unchanged, 1 changed" in dlg.summary.text()
    assert dlg.update_box.isVisible() and not dlg.update_box.isChecked()
    assert not dlg.import_button.isEnabled() and "Update" in dlg.banner.text()
    dlg.do_import()  # refused while the change is not accepted
    wait_idle(qtbot, fresh_window.ctx)
    assert [c.slot for c in _stored(fresh_window)] == [datetime(2026, 3, 2, 9, 0), datetime(2026, 3, 2, 10, 0)]

    dlg.update_box.click()
    assert dlg.import_button.isEnabled()
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        dlg.import_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    assert _stored(fresh_window) == [
        Candidate("C1", "Ann Lee", datetime(2026, 3, 2, 9, 0)),
        Candidate("C2", "Ben Ode", datetime(2026, 3, 3, 10, 0)),
        Candidate("C3", "Cal Poe", None),
    ]


def test_each_bad_value_gets_its_real_reason(qtbot: Any, fresh_window: Any, monkeypatch: Any, tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(
        "Ref,Name,Slot\nR1,Ann Lee,31/11/2026 09:00\nR2,Ben Ode,2026-02-29 10:00\nR3,Cal Poe,"
        "02/03/2026 25:00\nR4,Dee Ray,02/03/2026 11:00\n",
        encoding="utf-8",
    )
    dlg = _import(qtbot, fresh_window, monkeypatch, f)
    assert [dlg.error_list.item(i).text() for i in range(dlg.error_list.count())] == [
        "Line 2: 31/11/2026: November has 30 days",
        "Line 3: 2026-02-29: 2026 is not a leap year",
        "Line 4: 25:00 is not a time of day",
    ]
    assert not dlg.import_button.isEnabled()


def test_enter_presses_import_never_choose_another_file(
    qtbot: Any, fresh_window: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    f = tmp_path / "c.csv"
    f.write_text("reference,name\nC1,Ann Lee\n", encoding="utf-8")
    dlg = _import(qtbot, fresh_window, monkeypatch, f)

    def no_file_dialog(*_a: Any, **_k: Any) -> tuple[str, str]:
        pytest.fail("Enter opened the file chooser")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(no_file_dialog))
    assert dlg.import_button.isDefault() and not dlg.other_button.autoDefault()
    dlg.other_button.setFocus()
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        qtbot.keyClick(dlg.other_button, Qt.Key.Key_Return)
    wait_idle(qtbot, fresh_window.ctx)
    assert [c.reference for c in _stored(fresh_window)] == ["C1"]


def test_enter_on_a_column_box_imports_too(qtbot: Any, fresh_window: Any, monkeypatch: Any, tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text("reference,name\nC1,Ann Lee\n", encoding="utf-8")
    dlg = _import(qtbot, fresh_window, monkeypatch, f)
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        qtbot.keyClick(dlg.combos["reference"], Qt.Key.Key_Enter)
    wait_idle(qtbot, fresh_window.ctx)
    assert len(_stored(fresh_window)) == 1


def test_add_candidate_with_a_taken_reference_keeps_the_dialog_and_what_was_typed(
    qtbot: Any, fresh_window: Any
) -> None:
    _seed(fresh_window, Candidate("C1", "Ann Lee"))
    page = show(qtbot, fresh_window, "candidates")
    page.add_button.click()
    dlg = page.findChild(CandidateDialog)
    dlg.reference.setText("c1")
    dlg.name.setText("Bea Lookalike")
    dlg._ok()
    wait_idle(qtbot, fresh_window.ctx)
    assert dlg.isVisible()
    assert dlg.reference.text() == "c1" and dlg.name.text() == "Bea Lookalike"
    assert "already in campaign" in dlg.error.text() and "'C1'" in dlg.error.text()
    assert [c.reference for c in _stored(fresh_window)] == ["C1"]
    dlg.reference.setText("C2")
    dlg._ok()
    wait_idle(qtbot, fresh_window.ctx)
    assert not [d for d in page.findChildren(CandidateDialog) if d.isVisible()]  # closed (and deleted)
    assert [c.reference for c in _stored(fresh_window)] == ["C1", "C2"]
