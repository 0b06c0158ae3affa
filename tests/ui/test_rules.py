"""Scoring rules page: defaults shown, changes saved and undoable, frozen once scoring started."""

from __future__ import annotations

from typing import Any

from interview_panel.domain.scoring import ScoringRules
from interview_panel.services.campaigns import get_campaign

from .conftest import read, show, wait_idle


def _rules(window: Any) -> ScoringRules:
    cid = window.ctx.campaign_id
    return read(window.ctx.db_path, lambda s: get_campaign(s, cid)).rules


def test_defaults_shown_and_a_change_saved_then_undone(qtbot: Any, fresh_window: Any) -> None:
    page = show(qtbot, fresh_window, "rules")
    assert page.form_rules() == ScoringRules()
    assert not page.save_button.isEnabled()
    assert "Meets the required level" in page.anchors.text()

    page.scale.setCurrentIndex(page.scale.findData("1-7"))
    assert page.pass_mark.value() == 4 and page.pass_mark.maximum() == 7
    page.gate_values.setChecked(True)
    page.use_minimum.setChecked(True)
    assert page.minimum.isEnabled()
    page.minimum.setValue(40)
    page.spread.setValue(3)
    assert page.save_button.isEnabled()
    page.save_button.click()
    wait_idle(qtbot, fresh_window.ctx)
    saved = _rules(fresh_window)
    assert (saved.scale.key, saved.pass_mark, saved.gate_values, saved.overall_minimum, saved.spread_threshold) == (
        "1-7",
        4,
        True,
        40,
        3,
    )
    assert not page.save_button.isEnabled()

    fresh_window.undo_action.trigger()
    wait_idle(qtbot, fresh_window.ctx)
    assert _rules(fresh_window) == ScoringRules()
    assert page.scale.currentData() == "1-5"

    fresh_window.redo_action.trigger()
    wait_idle(qtbot, fresh_window.ctx)
    assert _rules(fresh_window).scale.key == "1-7"
    page.defaults_button.click()
    assert page.form_rules() == ScoringRules() and page.save_button.isEnabled()


def test_rules_are_frozen_once_scoring_started(qtbot: Any, window: Any) -> None:
    page = show(qtbot, window, "rules")
    assert page.banner.isVisible() and "frozen" in page.banner.text()
    assert not page.scale.isEnabled() and not page.pass_mark.isEnabled()
    assert not page.save_button.isEnabled()
