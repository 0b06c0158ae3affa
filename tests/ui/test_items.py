"""Items and questions page: reword, pick from the bank, reorder, drop, add; frozen once scoring started."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from interview_panel.services.campaigns import get_campaign
from interview_panel.ui.dialogs.custom_item import CustomItemDialog

from .conftest import read, show, wait_idle


def _stored(window: Any) -> Any:
    cid = window.ctx.campaign_id
    return read(window.ctx.db_path, lambda s: get_campaign(s, cid)).question_set


def test_reword_is_saved_and_undone(qtbot: Any, fresh_window: Any) -> None:
    page = show(qtbot, fresh_window, "items")
    page.select_row(1)
    item = page.selected_item()
    assert not page.reword_button.isEnabled()
    page.question.setPlainText("Tell us about a time you owned a problem nobody else would take on.")
    assert page.reword_button.isEnabled()
    page.reword_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    q = _stored(fresh_window).questions[item.id]
    assert q.text == "Tell us about a time you owned a problem nobody else would take on."
    assert q.origin == "custom"
    assert page.model.index(1, 3).data() == q.text

    fresh_window.undo_action.trigger()
    wait_idle(qtbot, fresh_window.ctx)
    assert _stored(fresh_window).questions[item.id].origin != "custom"


def test_pick_another_question_from_the_bank(qtbot: Any, fresh_window: Any) -> None:
    page = show(qtbot, fresh_window, "items")
    page.select_row(0)
    wait_idle(qtbot, fresh_window.ctx)  # the bank is read on the job thread
    assert page.bank.count() >= 1 and page.pick_button.isEnabled()
    choice = page.bank.currentData()
    assert choice.text != page.selected_question().text
    page.pick_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    item = page.selected_item()
    assert _stored(fresh_window).questions[item.id].text == choice.text
    assert page.question.toPlainText() == choice.text


def test_reorder_drop_and_add_custom_item(qtbot: Any, fresh_window: Any) -> None:
    page = show(qtbot, fresh_window, "items")
    ids = [i.id for i in page.model.rows]
    page.select_row(0)
    assert not page.up_button.isEnabled()
    page.down_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    assert [i.id for i in _stored(fresh_window).items][:2] == [ids[1], ids[0]]
    assert page.selected_item().id == ids[0]  # the selection follows the moved item

    page.select_row(page.model.row_of(ids[2]))
    page.drop_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    assert ids[2] not in [i.id for i in _stored(fresh_window).items]

    page.add_button.click()
    dlg = page.findChild(CustomItemDialog)
    assert dlg is not None and dlg.isVisible()
    ok = next(b for b in dlg.findChildren(QPushButton) if b.text() in ("&OK", "OK"))
    ok.click()  # empty: refused with a message, still open
    assert dlg.isVisible() and dlg.error.text()
    dlg.text.setText("Welsh language: conversational")
    dlg.question.setPlainText("Please introduce yourself and your last role in Welsh.")
    ok.click()
    wait_idle(qtbot, fresh_window.ctx)
    stored = _stored(fresh_window)
    assert stored.items[-1].id == "X1" and stored.items[-1].text == "Welsh language: conversational"
    assert stored.questions["X1"].origin == "custom"
    assert page.model.rows[-1].id == "X1"

    # undo three times: back to the original order and items
    for _ in range(3):
        fresh_window.undo_action.trigger()
        wait_idle(qtbot, fresh_window.ctx)
    assert [i.id for i in _stored(fresh_window).items] == ids


def test_items_are_frozen_once_scoring_started(qtbot: Any, window: Any) -> None:
    page = show(qtbot, window, "items")
    assert page.banner.isVisible() and "frozen" in page.banner.text()
    page.select_row(1)
    for b in (page.up_button, page.down_button, page.drop_button, page.add_button, page.pick_button):
        assert not b.isEnabled()
    assert page.question.isReadOnly()
    # the indicators are still there to read
    assert page.positive.text().startswith("•")


def test_the_plan_shows_its_total_against_the_slot_and_says_at_once_when_it_runs_over(
    qtbot: Any, fresh_window: Any
) -> None:
    page = show(qtbot, fresh_window, "items")
    assert "fits" in page.plan_label.text()
    page.slot.setValue(20)  # a slot far too short for the questions
    wait_idle(qtbot, fresh_window.ctx)
    assert "OVER" in page.plan_label.text()
    assert _stored(fresh_window).plan.slot_minutes == 20
    fresh_window.undo_action.trigger()
    wait_idle(qtbot, fresh_window.ctx)
    assert _stored(fresh_window).plan.slot_minutes == 45 and "fits" in page.plan_label.text()
    page.select_row(0)
    item = page.selected_item()
    page.minutes.setValue(page.minutes.value() + 9)
    wait_idle(qtbot, fresh_window.ctx)
    assert _stored(fresh_window).plan.minutes_for(item.id) == page.minutes.value()
    assert "OVER" in page.plan_label.text()


def test_the_chair_moves_a_criterion_between_asked_folded_and_checked_undoably(qtbot: Any, fresh_window: Any) -> None:
    from interview_panel.services.audit import audit_log

    page = show(qtbot, fresh_window, "items")
    rows = [p.criterion for p in page.placements.rows]
    assert rows, "the demo profile has interview criteria"
    page.place_view.selectRow(0)
    cid = rows[0]
    before = _stored(fresh_window)
    target = next(n for n in range(page.place_combo.count()) if page.place_combo.itemData(n)[0] == "checked")
    page.place_combo.setCurrentIndex(target)
    page.place_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    stored = _stored(fresh_window)
    assert cid in stored.plan.checks and stored.item(cid) is None
    assert page.placements.index(0, 1).data() == "checked by the chair"
    log = read(fresh_window.ctx.db_path, lambda s: audit_log(s, fresh_window.ctx.campaign_id))
    assert any(e.action == "plan" and e.target == cid and e.new == "checked" for e in log)
    fresh_window.undo_action.trigger()
    wait_idle(qtbot, fresh_window.ctx)
    assert _stored(fresh_window).plan == before.plan
