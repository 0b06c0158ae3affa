"""New campaign from a role profile, and correcting the profile of a campaign before scoring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from interview_panel.services.questions import load_bank
from interview_panel.ui.dialogs.new_campaign import NewCampaignDialog
from interview_panel.ui.models.profile import BehavioursModel

from .conftest import SUPERVISOR, read, show, wait_idle


def _pick(monkeypatch: Any, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _open_dialog(qtbot: Any, window: Any, monkeypatch: Any, path: Path) -> NewCampaignDialog:
    _pick(monkeypatch, path)
    window.new_campaign_action.trigger()
    wait_idle(qtbot, window.ctx)
    dlg = window.findChild(NewCampaignDialog)
    assert dlg is not None and dlg.isVisible()
    return dlg


def test_import_sample_profile_through_the_dialog(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    dlg = _open_dialog(qtbot, window, monkeypatch, SUPERVISOR)
    form = dlg.form
    # left: the source text; right: the parsed profile, what is asked at interview highlighted
    assert "Contact Centre Team Supervisor" in dlg.source.toPlainText()
    assert form.post_title.text() == "Contact Centre Team Supervisor"
    assert len(dlg.source.extraSelections()) >= 3
    asked = [b for b in form.behaviours.rows if b.at_interview]
    assert asked and form.behaviours.index(0, 0).data(Qt.ItemDataRole.FontRole).bold() == asked[0].at_interview
    assert "Asked at interview" in form.summary.text()

    # the chair corrects the post title and one level, and drops a criterion
    form.post_title.setText("Contact Centre Team Leader")
    form.post_title.textEdited.emit("Contact Centre Team Leader")
    row = next(n for n, b in enumerate(form.behaviours.rows) if b.level == 2)
    slug = form.behaviours.rows[row].competency
    assert form.behaviours.setData(form.behaviours.index(row, BehavioursModel.LEVEL), 3)
    n_criteria = len(form.criteria.rows)
    form.criteria_view.selectRow(0)
    form.remove_criterion.click()
    assert len(form.criteria.rows) == n_criteria - 1
    dlg.name.setText("Team leader 2026")

    with qtbot.waitSignal(dlg.created, timeout=20000) as created:
        dlg.save_button.click()
    cid = created.args[0]
    wait_idle(qtbot, window.ctx)
    assert window.ctx.campaign_id == cid
    assert "Team leader 2026" in window.windowTitle()

    from interview_panel.services.campaigns import get_campaign

    c = read(window.ctx.db_path, lambda s: get_campaign(s, cid))
    assert c.profile.post_title == "Contact Centre Team Leader"
    assert c.profile.behaviour(slug).level == 3
    assert len(c.profile.criteria) == n_criteria - 1
    # the campaign list shows it
    page = show(qtbot, window, "campaigns")
    assert "Team leader 2026" in [r.name for r in page.model.rows]


def test_a_file_that_is_not_a_profile_gives_a_readable_message(
    qtbot: Any, window: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    junk = tmp_path / "shopping.txt"
    junk.write_text("eggs\nmilk\nbread\n", encoding="utf-8")
    _pick(monkeypatch, junk)
    window.new_campaign_action.trigger()
    wait_idle(qtbot, window.ctx)
    assert window.findChild(NewCampaignDialog) is None
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible()
    assert "shopping.txt" in box.text() and "Traceback" not in box.text()


def test_a_profile_without_a_post_title_cannot_be_saved(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    dlg = _open_dialog(qtbot, window, monkeypatch, SUPERVISOR)
    dlg.form.post_title.clear()
    dlg.save_button.click()
    assert dlg.isVisible()
    assert "no post title" in dlg.banner.text()
    assert window.ctx.tasks.pending == 0


def test_changing_a_level_changes_the_items_indicators(qtbot: Any, fresh_window: Any) -> None:
    window = fresh_window
    items = show(qtbot, window, "items")
    slug = next(i.id for i in items.model.rows if i.kind == "behaviour" and i.level == 2)
    items.select_row(items.model.row_of(slug))
    before = items.positive.text()
    bank = load_bank()["competencies"][slug]

    def level_of(text: str) -> set[str]:  # which levels' bank questions the shown indicators belong to
        table = (
            bank.get("levels_2024")
            if items.campaign.profile.framework == "CVF-2024" and slug in ("collaborative", "deliver-support-inspire")
            else bank["levels"]
        )
        return {n for n, e in table.items() for q in e["questions"] if q["positive"][0] in text}

    assert level_of(before) == {"2"}  # the question's own indicators at level 2

    page = show(qtbot, window, "profile")
    row = next(n for n, b in enumerate(page.form.behaviours.rows) if b.competency == slug)
    page.form.behaviours.setData(page.form.behaviours.index(row, BehavioursModel.LEVEL), 3)
    assert page.save_button.isEnabled()
    page.save_button.click()
    wait_idle(qtbot, window.ctx)

    items = show(qtbot, window, "items")
    items.select_row(items.model.row_of(slug))
    assert items.selected_item().level == 3
    after = items.positive.text()
    assert after != before and level_of(after) == {"3"}

    # undo puts the level (and so the indicators) back
    window.undo_action.trigger()
    wait_idle(qtbot, window.ctx)
    items = show(qtbot, window, "items")
    items.select_row(items.model.row_of(slug))
    assert items.selected_item().level == 2
    assert items.positive.text() == before


def test_the_profile_is_read_only_once_scoring_started(qtbot: Any, window: Any) -> None:
    page = show(qtbot, window, "profile")
    assert page.banner.isVisible() and "frozen" in page.banner.text()
    assert page.form.post_title.isReadOnly()
    assert not page.form.add_criterion.isEnabled()
    assert not page.save_button.isEnabled()
