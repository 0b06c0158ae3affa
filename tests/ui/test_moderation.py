"""The moderation page: the grid, opening only once all submitted, rationale rules, median in one action."""
from __future__ import annotations

from PySide6.QtCore import Qt

from interview_panel.services import moderation
from interview_panel.services.store import open_store
from interview_panel.ui.models.moderation_model import FIXED_COLUMNS, StateRole
from interview_panel.ui.pages.moderation import ModerationPage

from .live_fixtures import CHAIR, MEMBER_B, MEMBER_C, campaign_db, idle, make_ctx, score_all  # noqa: F401

# K1 (gating, essential) is flagged: 2 / 4 / 3 is a spread of 2 and straddles the pass mark 3;
# ownership 3 / 3 / 2 straddles it.
PANEL = {
    CHAIR: {"ownership": 3, "analyse-critically": 4, "K1": 2, "K2": 3, "values": 4},
    MEMBER_B: {"ownership": 3, "analyse-critically": 4, "K1": 4, "K2": 3, "values": 4},
    MEMBER_C: {"ownership": 2, "analyse-critically": 4, "K1": 3, "K2": 3, "values": 3},
}


def open_page(qtbot, ctx, cid: int) -> ModerationPage:  # type: ignore[no-untyped-def]
    page = ModerationPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    ctx.set_campaign(cid)
    qtbot.waitUntil(lambda: page.results is not None, timeout=10_000)
    idle(qtbot, ctx)
    return page


def cell(page: ModerationPage, ref: str, item: str) -> str:
    return page.model.index(page.model.row_of(ref), page.model.column_of(item)).data()


def test_grid_shows_scores_flags_in_text_and_hides_unsubmitted(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    score_all(db, cid, "C001", PANEL)
    # C002: two of three submitted; the third has scored but not submitted
    score_all(db, cid, "C002", {CHAIR: PANEL[CHAIR], MEMBER_B: PANEL[MEMBER_B]})
    score_all(db, cid, "C002", {MEMBER_C: PANEL[MEMBER_C]}, submit=False)
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    assert page.model.rowCount() == 3
    assert page.model.columnCount() == FIXED_COLUMNS + 5 + 1
    assert cell(page, "C001", "K1") == "2 4 3\n⚠ spread ± pass"  # panel order, flags as words
    assert cell(page, "C001", "ownership") == "3 3 2\n± pass"
    assert cell(page, "C001", "K2") == "3 3 3"
    idx = page.model.index(page.model.row_of("C001"), page.model.column_of("K1"))
    assert idx.data(StateRole) == "flagged" and idx.data(Qt.ItemDataRole.BackgroundRole) is not None
    # independence: no member's score is shown before everyone submitted
    assert cell(page, "C002", "K1") == "awaiting"
    assert page.model.index(page.model.row_of("C002"), 0).data() == "2/3 submitted"
    # the candidate is the row header, so it stays in view when scrolling across items
    assert page.model.headerData(page.model.row_of("C002"), Qt.Orientation.Vertical) == "C002  Candidate 2"
    assert "1 ready to moderate" in page.summary.text()


def test_moderation_opens_only_when_all_submitted(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    score_all(db, cid, "C002", {CHAIR: PANEL[CHAIR], MEMBER_B: PANEL[MEMBER_B]})
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    page.select("C002", "K2")
    qtbot.waitUntil(lambda: page._open is not None and page._open[0] == "C002", timeout=5000)
    assert page.reason.isVisible()
    assert f"waiting for {MEMBER_C}" in page.reason.text()
    assert not page.agree_button.isEnabled() and not page.median_button.isEnabled()
    page.agree()  # even if called, nothing is written
    idle(qtbot, ctx)
    with open_store(db) as store:
        assert moderation.candidate_result(store, cid, "C002").agreed == {}


def test_flagged_item_needs_a_rationale(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    score_all(db, cid, "C001", PANEL)
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    page.select("C001", "K1")
    qtbot.waitUntil(lambda: page._open is not None and page._open[1], timeout=5000)
    assert not page.reason.isVisible()
    assert page.members_model.rowCount() == 3
    assert page.members_model.index(1, 1).data() == "4"
    assert f"{MEMBER_B} heard evidence for K1" in page.members_model.index(1, 2).data()
    assert page.agreed_spin.value() == 3  # starts at the panel median

    # refused without a rationale, with a message saying why; nothing written
    qtbot.mouseClick(page.agree_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert "rationale is required" in page.message.text()
    assert "⚠ spread" in page.message.text()
    with open_store(db) as store:
        assert "K1" not in moderation.candidate_result(store, cid, "C001").agreed

    # accepted with one (keyboard: type the rationale, Ctrl+Enter)
    page.rationale.setFocus()
    qtbot.keyClicks(page.rationale, "Clear example of accurate records under pressure; 3 agreed")
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    qtbot.keyClick(page.rationale, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Agreed 3" in page.message.text(), timeout=5000)
    idle(qtbot, ctx)
    with open_store(db) as store:
        cr = moderation.candidate_result(store, cid, "C001")
    assert cr.agreed["K1"] == 3
    assert cr.rationale["K1"].startswith("Clear example")
    assert cell(page, "C001", "K1") == "2 4 3  → 3\n⚠ spread ± pass"
    idx = page.model.index(page.model.row_of("C001"), page.model.column_of("K1"))
    assert idx.data(StateRole) == "agreed"


def test_agree_unflagged_at_median_in_one_action(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    score_all(db, cid, "C001", PANEL)
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    page.select("C001", "K2")
    qtbot.waitUntil(lambda: page.median_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(page.median_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "at the panel median" in page.message.text(), timeout=5000)
    idle(qtbot, ctx)
    with open_store(db) as store:
        cr = moderation.candidate_result(store, cid, "C001")
    # unflagged items agreed at the median; the flagged ones (ownership straddles, K1) left for discussion
    assert cr.agreed == {"analyse-critically": 4, "K2": 3, "values": 4}
    assert "ownership" in page.message.text() and "K1" in page.message.text()
    assert cell(page, "C001", "values").startswith("4 4 3  → 4")
    # the page moved on to the first item still to agree
    assert page._selected() == ("C001", "ownership")
