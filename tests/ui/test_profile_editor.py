"""A partial import opens the profile editor with its warnings; the CVF picker fills the gap; selecting a
field highlights its whole source span (issue 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFileDialog

from interview_panel.ui.dialogs.new_campaign import NewCampaignDialog
from interview_panel.ui.widgets.profile_form import ALL_SIX

from .conftest import read, wait_idle

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"


def _open_dialog(qtbot: Any, window: Any, monkeypatch: Any, path: Path) -> NewCampaignDialog:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window.new_campaign_action.trigger()
    wait_idle(qtbot, window.ctx)
    dlg = window.findChild(NewCampaignDialog)
    assert dlg is not None and dlg.isVisible()
    return dlg


def _span_text(dlg: NewCampaignDialog) -> str | None:
    span = dlg.selected_span_selection()
    return None if span is None else span.cursor.selectedText()


def test_no_behaviours_opens_the_editor_and_all_six_at_level_one_become_items(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    dlg = _open_dialog(qtbot, window, monkeypatch, TEMPLATES / "hollowmere_volunteer.docx")
    form = dlg.form
    assert form.post_title.text() == "Volunteer Programme Coordinator"
    assert form.warnings.isVisible()
    assert "No CVF behaviours found: add them in the editor" in form.warnings.text()
    assert not form.behaviours.rows

    form.pick_competency.setCurrentIndex(form.pick_competency.findData(ALL_SIX))
    form.pick_level.setCurrentIndex(form.pick_level.findData(1))
    assert form.pick_method.text() == "Interview"
    form.add_behaviour.click()
    assert len(form.behaviours.rows) == 6
    assert all(b.level == 1 and b.identified_by == ("Interview",) for b in form.behaviours.rows)
    assert "No CVF behaviours" not in form.warnings.text()
    assert form.behaviours.rows[2].name == "We collaborate"  # the profile's CVF 2024 wording

    dlg.name.setText("Volunteer coordinator 2026")
    with qtbot.waitSignal(dlg.created, timeout=20000) as created:
        dlg.save_button.click()
    cid = created.args[0]
    wait_idle(qtbot, window.ctx)

    from interview_panel.services.campaigns import get_campaign

    campaign = read(window.ctx.db_path, lambda s: get_campaign(s, cid))
    item_ids = [i.id for i in campaign.items]
    for slug in (
        "emotionally-aware",
        "ownership",
        "collaborative",
        "deliver-support-inspire",
        "analyse-critically",
        "innovative-open-minded",
    ):
        assert slug in item_ids
    assert [b.level for b in campaign.profile.behaviours] == [1] * 6


def test_picker_sets_one_competency_level_and_method(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    dlg = _open_dialog(qtbot, window, monkeypatch, TEMPLATES / "hollowmere_volunteer.txt")
    form = dlg.form
    form.pick_competency.setCurrentIndex(form.pick_competency.findData("analyse-critically"))
    form.pick_level.setCurrentIndex(form.pick_level.findData(2))
    form.pick_method.setText("Presentation / Interview")
    form.add_behaviour.click()
    assert [(b.competency, b.level, b.identified_by) for b in form.behaviours.rows] == [
        ("analyse-critically", 2, ("Presentation", "Interview"))
    ]
    dlg.reject()


def test_selecting_a_criterion_highlights_its_whole_source_span(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    dlg = _open_dialog(qtbot, window, monkeypatch, TEMPLATES / "hollowmere_analyst.pdf")
    form = dlg.form
    assert "Performance Analyst" in dlg.source.toPlainText()
    row = next(n for n, c in enumerate(form.criteria.rows) if c.id == "K3")
    text = form.criteria.rows[row].text
    assert len(text) > 40
    form.criteria_view.selectRow(row)
    span = dlg.selected_span_selection()
    assert span is not None
    shown = " ".join(span.cursor.selectedText().replace("\u2029", " ").split())
    assert shown == text  # the whole criterion, not its first words
    assert span.format.background().color() != dlg.palette().color(QPalette.ColorRole.Highlight)

    form.post_title.setFocus()
    qtbot.waitUntil(lambda: _span_text(dlg) == "Performance Analyst")
    dlg.reject()
