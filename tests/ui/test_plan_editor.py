"""The items page's plan widgets on their own: the timing row shows a plan without reporting an edit and
reports the chair's; the criteria box lists where each interview criterion sits and offers the places."""

from __future__ import annotations

from PySide6.QtCore import Qt

from interview_panel.domain.plan import ASKED, CHECKED, FOLDED
from interview_panel.services.questions import build_question_set, plan_of
from interview_panel.ui.widgets.plan_editor import PlacementsBox, TimingRow, plan_status

from .conftest import SUPERVISOR


def _qs():  # type: ignore[no-untyped-def]
    from interview_panel.services.profiles import load_profile

    profile = load_profile(SUPERVISOR)
    return profile, build_question_set(profile, slot=60)


def test_the_timing_row_shows_a_plan_quietly_and_reports_the_chairs_changes(qtbot) -> None:  # type: ignore[no-untyped-def]
    _profile, qs = _qs()
    plan = plan_of(qs)
    ids = [i.id for i in qs.items]
    row = TimingRow()
    qtbot.addWidget(row)
    row.show()
    changes: list[None] = []
    row.timingChanged.connect(lambda: changes.append(None))
    row.show_plan(plan, ids)
    assert changes == [] and row.slot.value() == plan.slot_minutes
    assert row.plan_label.text() == plan_status(plan, ids)
    row.slot.setFocus()
    row.slot.selectAll()
    qtbot.keyClicks(row.slot, "20")
    qtbot.keyClick(row.slot, Qt.Key.Key_Enter)
    assert changes and row.timing(plan).slot_minutes == 20
    over = row.timing(plan)
    assert "OVER" in plan_status(over, ids)  # twenty minutes cannot hold this interview
    row.set_editable(False)
    assert not row.slot.isEnabled() and not row.close_min.isEnabled()


def test_the_criteria_box_lists_placements_and_offers_the_places(qtbot) -> None:  # type: ignore[no-untyped-def]
    profile, qs = _qs()
    plan = plan_of(qs)
    box = PlacementsBox()
    qtbot.addWidget(box)
    box.show()
    texts = {c.id: c.text for c in profile.criteria}
    box.show_plan(plan, texts)
    assert box.placements.rowCount() == len(plan.placements) > 0
    assert box.selected() is None
    box.offer_places(qs.items, None)
    assert box.place_combo.count() == 0  # nothing selected: nowhere to move
    folded = next(p for p in plan.placements if p.mode == FOLDED)
    row = [p.criterion for p in plan.placements].index(folded.criterion)
    box.place_view.selectRow(row)
    assert box.selected() == folded.criterion
    box.offer_places(qs.items, folded)
    offered = [box.place_combo.itemData(n) for n in range(box.place_combo.count())]
    assert offered[0] == (ASKED, None) and offered[-1] == (CHECKED, None)
    assert (FOLDED, folded.under) in offered and box.choice() == (FOLDED, folded.under)
    assert box.placements.index(row, 2).data() == texts[folded.criterion]
    box.show_plan(plan, texts)  # a new plan keeps the criterion selected
    assert box.selected() == folded.criterion
    box.set_editable(False)
    assert not box.place_button.isEnabled()
