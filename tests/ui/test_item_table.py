"""The scoring page's item list on its own: a digit of the scale is a score for the selected item, other
keys are not, Delete clears, and the selection is reported as a row."""

from __future__ import annotations

from PySide6.QtCore import Qt

from interview_panel.domain.campaign import Score
from interview_panel.domain.items import Item, items_from_profile
from interview_panel.domain.scoring import SCALE_1_5, ScoringRules
from interview_panel.ui.models.scoring_model import COL_NOTE, COL_SCORE, ScoringModel
from interview_panel.ui.widgets.item_table import ItemTable

from .live_fixtures import small_profile


def make(qtbot, scores: dict[str, Score] | None = None) -> tuple[ItemTable, ScoringModel, list[object], list[object]]:  # type: ignore[no-untyped-def]
    items: list[Item] = items_from_profile(small_profile())
    model = ScoringModel()
    model.load(items, ScoringRules(), scores or {})
    table = ItemTable(model)
    qtbot.addWidget(table)
    table.resize(600, 300)
    table.show()
    keys: list[object] = []
    rows: list[object] = []
    table.scoreKey.connect(keys.append)
    table.rowSelected.connect(rows.append)
    return table, model, keys, rows


def test_digits_of_the_scale_are_scores_and_delete_clears(qtbot) -> None:  # type: ignore[no-untyped-def]
    table, _model, keys, rows = make(qtbot)
    table.select_row(1)
    assert table.current_row() == 1 and rows == [1]
    table.setFocus()
    for key in ("3", "5", "0", "6", "9"):  # 0, 6 and 9 are not on a 1–5 scale
        qtbot.keyClick(table, key)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.keyClick(table, Qt.Key.Key_Backspace)
    qtbot.keyClick(table, "4", Qt.KeyboardModifier.ControlModifier)  # a shortcut, not a score
    assert keys == [3, 5, None, None]
    assert table.current_row() == 1  # the page moves on, not the list


def test_a_seven_point_scale_takes_six_and_seven(qtbot) -> None:  # type: ignore[no-untyped-def]
    from interview_panel.domain.scoring import SCALE_1_7

    table, _model, keys, _rows = make(qtbot)
    table.select_row(0)
    table.setFocus()
    qtbot.keyClick(table, "7")
    table.set_scale(SCALE_1_7)
    qtbot.keyClick(table, "7")
    qtbot.keyClick(table, "6")
    table.set_scale(SCALE_1_5)
    qtbot.keyClick(table, "6")
    assert keys == [7, 6]


def test_arrows_move_the_selection_and_rows_show_score_and_notes(qtbot) -> None:  # type: ignore[no-untyped-def]
    table, model, _keys, rows = make(qtbot)
    first = model.row(0).item.id
    model.set_score(0, 4)
    model.set_note(0, "Owned the mistake")
    table.select_row(0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.current_row() == 1 and rows == [0, 1]
    assert model.index(0, COL_SCORE).data().startswith("4")
    assert model.index(0, COL_NOTE).data() and not model.index(1, COL_NOTE).data()
    assert model.index(0, 1).data(Qt.ItemDataRole.UserRole) == first
    assert table.columnWidth(COL_SCORE) == 170 and not table.verticalHeader().isVisible()
