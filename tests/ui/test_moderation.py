"""The moderation page: the grid, opening only once all submitted, rationale rules, median in one action."""

from __future__ import annotations

from PySide6.QtCore import Qt

from interview_panel.domain.campaign import STATUS_MODERATED, STATUS_NOT_STARTED, STATUS_SCORING, STATUS_SUBMITTED
from interview_panel.services import moderation
from interview_panel.services.store import open_store
from interview_panel.ui.models.moderation_model import (
    FILTER_ALL,
    FILTER_FLAGGED,
    FILTER_MODERATED,
    FILTER_READY,
    FILTER_WAITING,
    FIXED_COLUMNS,
    StateRole,
)
from interview_panel.ui.pages.moderation import ModerationPage

from .live_fixtures import (  # noqa: F401
    CHAIR,
    MEMBER_B,
    MEMBER_C,
    build_campaign,
    campaign_db,
    idle,
    make_ctx,
    open_results_page,
    results_of,
    score_all,
)

# K1 (gating, essential) is flagged: 2 / 4 / 3 is a spread of 2 and straddles the pass mark 3;
# ownership 3 / 3 / 2 straddles it.
PANEL = {
    CHAIR: {"ownership": 3, "analyse-critically": 4, "K1": 2, "K2": 3, "values": 4},
    MEMBER_B: {"ownership": 3, "analyse-critically": 4, "K1": 4, "K2": 3, "values": 4},
    MEMBER_C: {"ownership": 2, "analyse-critically": 4, "K1": 3, "K2": 3, "values": 3},
}


def open_page(qtbot, ctx, cid: int) -> ModerationPage:  # type: ignore[no-untyped-def]
    return open_results_page(qtbot, ctx, cid, ModerationPage)


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
    assert page.model.columnCount() == FIXED_COLUMNS + 5  # status, total, outcome, then the items
    assert cell(page, "C001", "K1") == "2 4 3\n⚠ ±"  # panel order, flags as marks (words: tooltip, accessible)
    idx = page.model.index(page.model.row_of("C001"), page.model.column_of("K1"))
    assert idx.data(Qt.ItemDataRole.AccessibleTextRole) == "2 4 3 ⚠ spread ± pass"
    assert cell(page, "C001", "ownership") == "3 3 2\n±"
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
    assert not page.reason.isVisible() and page.agree_button.isEnabled()
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
    assert cell(page, "C001", "K1") == "2 4 3 →3\n⚠ ±"
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
    assert cell(page, "C001", "values").startswith("4 4 3 →4")
    # the page moved on to the first item still to agree
    assert page._selected() == ("C001", "ownership")


# -- filter and flagged-item navigation ------------------------------------------------------------------
CALM = {
    m: {"ownership": 4, "analyse-critically": 4, "K1": 4, "K2": 4, "values": 4} for m in (CHAIR, MEMBER_B, MEMBER_C)
}
# ownership 3 3 2 (± pass), K1 2 4 3 (⚠ spread ± pass), values 2 4 4 (⚠ spread ± pass)
THREE_FLAGS = {
    CHAIR: {"ownership": 3, "analyse-critically": 4, "K1": 2, "K2": 3, "values": 2},
    MEMBER_B: {"ownership": 3, "analyse-critically": 4, "K1": 4, "K2": 3, "values": 4},
    MEMBER_C: {"ownership": 2, "analyse-critically": 4, "K1": 3, "K2": 3, "values": 4},
}
WHY = "Discussed the evidence; the panel agreed this score"


def mixed_campaign(db) -> int:  # type: ignore[no-untyped-def]
    """Seven candidates, one of each state the chair meets:
    C001 ready, flagged ownership + K1 · C002 ready, nothing flagged · C003 two of three submitted ·
    C004 not started · C005 moderated · C006 ready, K1 agreed, ownership + values flagged still to agree ·
    C007 ready, its flagged items (ownership, K1) agreed, the rest not."""
    cid = build_campaign(db, candidates=7)
    score_all(db, cid, "C001", PANEL)
    score_all(db, cid, "C002", CALM)
    score_all(db, cid, "C003", {CHAIR: CALM[CHAIR], MEMBER_B: CALM[MEMBER_B]})
    score_all(db, cid, "C005", CALM)
    score_all(db, cid, "C006", THREE_FLAGS)
    score_all(db, cid, "C007", PANEL)
    with open_store(db) as store:
        moderation.agree_unflagged_at_median(store, cid, candidate="C005")
        moderation.moderate(store, cid, candidate="C006", item="K1", score=3, rationale=WHY)
        moderation.moderate(store, cid, candidate="C007", item="ownership", score=3, rationale=WHY)
        moderation.moderate(store, cid, candidate="C007", item="K1", score=3, rationale=WHY)
    return cid


def shown(page: ModerationPage) -> list[str]:
    """The candidate references in the grid's rows, top to bottom, as the view shows them."""
    view = page.grid.model()
    return [view.headerData(r, Qt.Orientation.Vertical).split()[0] for r in range(view.rowCount())]


def open_flagged_cells(db, cid: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """From the services: every (candidate, item) flagged and not agreed, for candidates every member
    submitted, in grid order (candidates by slot, items in campaign order)."""
    res = results_of(db, cid)
    return [
        (c.reference, it.id)
        for c in res.candidates
        if c.status == STATUS_SUBMITTED
        for it in res.items
        if c.flags.get(it.id) and it.id not in c.agreed
    ]


def activate(qtbot, page: ModerationPage) -> None:  # type: ignore[no-untyped-def]
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())


def test_filter_shows_the_candidates_the_services_say(qtbot, tmp_path, make_ctx) -> None:
    db = tmp_path / "mixed.db"
    cid = mixed_campaign(db)
    res = results_of(db, cid)
    status = {c.reference: c.status for c in res.candidates}
    expected = {
        FILTER_ALL: [c.reference for c in res.candidates],
        FILTER_READY: [r for r, s in status.items() if s == STATUS_SUBMITTED],
        FILTER_FLAGGED: list(dict.fromkeys(r for r, _ in open_flagged_cells(db, cid))),
        FILTER_WAITING: [r for r, s in status.items() if s in (STATUS_NOT_STARTED, STATUS_SCORING)],
        FILTER_MODERATED: [r for r, s in status.items() if s == STATUS_MODERATED],
    }
    # the services agree with how the campaign was built (so the comparison below is not vacuous)
    assert expected[FILTER_READY] == ["C001", "C002", "C006", "C007"]
    assert expected[FILTER_FLAGGED] == ["C001", "C006"]
    assert expected[FILTER_WAITING] == ["C003", "C004"]
    assert expected[FILTER_MODERATED] == ["C005"]

    page = open_page(qtbot, make_ctx(db), cid)
    assert shown(page) == expected[FILTER_ALL]
    assert "showing 7 of 7 candidates" in page.summary.text()
    for key, refs in expected.items():
        page.set_filter(key)
        assert page.filter_key == key
        assert shown(page) == refs, key
        assert f"showing {len(refs)} of 7 candidates" in page.summary.text()
        assert page.filter_combo.currentText().endswith(f"({len(refs)})")
        # the current cell is on a shown candidate, and the detail pane shows that candidate
        sel = page._selected()
        assert sel is not None and sel[0] in refs
        assert sel[0] in page.detail_title.text()

    # keyboard: Alt+W reaches the filter, which has an accessible name; arrow keys choose
    page.set_filter(FILTER_ALL)
    activate(qtbot, page)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert page.filter_combo.hasFocus()
    assert page.filter_combo.accessibleName() == "Show candidates"
    qtbot.keyClick(page.filter_combo, Qt.Key.Key_Down)
    qtbot.keyClick(page.filter_combo, Qt.Key.Key_Down)
    assert page.filter_key == FILTER_FLAGGED and shown(page) == ["C001", "C006"]


def test_f8_walks_every_flagged_item_still_to_agree_and_wraps(qtbot, tmp_path, make_ctx) -> None:
    db = tmp_path / "mixed.db"
    cid = mixed_campaign(db)
    walk = open_flagged_cells(db, cid)
    assert walk == [("C001", "ownership"), ("C001", "K1"), ("C006", "ownership"), ("C006", "values")]
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    activate(qtbot, page)
    page.grid.setFocus()
    page.grid.setCurrentIndex(page.grid.model().index(0, 0))  # C001's status cell: before every item
    seen = []
    for _ in walk:
        qtbot.keyClick(page.grid, Qt.Key.Key_F8)
        seen.append(page._selected())
        # the detail pane follows: candidate, item and its flags
        ref, _item = seen[-1]
        assert ref in page.detail_title.text()
        assert "± pass" in page.item_title.text()  # every flagged item here straddles the pass mark
    assert seen == walk
    qtbot.keyClick(page.grid, Qt.Key.Key_F8)  # wraps to the first
    assert page._selected() == walk[0]
    qtbot.keyClick(page.grid, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # and back, across the wrap
    assert page._selected() == walk[-1]
    qtbot.keyClick(page.grid, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert page._selected() == walk[-2]
    # the button does the same
    qtbot.mouseClick(page.next_flag_button, Qt.MouseButton.LeftButton)
    assert page._selected() == walk[-1]
    idle(qtbot, ctx)
    assert page.agree_button.isEnabled()  # the flagged cell is open to agree at once

    # only among the candidates shown: none are flagged among the moderated ones
    page.set_filter(FILTER_MODERATED)
    before = page._selected()
    qtbot.keyClick(page.grid, Qt.Key.Key_F8)
    assert page._selected() == before
    assert "No flagged items still to agree" in page.message.text()


def test_agreeing_moves_to_the_candidates_next_flagged_item(qtbot, tmp_path, make_ctx) -> None:
    db = tmp_path / "mixed.db"
    cid = mixed_campaign(db)
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    page.set_filter(FILTER_FLAGGED)
    activate(qtbot, page)
    page.select("C006", "ownership")
    qtbot.waitUntil(lambda: page.agree_button.isEnabled(), timeout=5000)
    page.rationale.setPlainText(WHY)
    qtbot.mouseClick(page.agree_button, Qt.MouseButton.LeftButton)
    # moved on to C006's other flagged item still to agree (K1 between was agreed already)
    qtbot.waitUntil(lambda: page._selected() == ("C006", "values"), timeout=5000)
    assert "Agreed 3 for C006 / ownership" in page.message.text()
    assert page.rationale.toPlainText() == ""  # the new cell's own (empty) rationale
    idle(qtbot, ctx)
    page.rationale.setPlainText(WHY)
    page.agreed_spin.setValue(4)
    qtbot.mouseClick(page.agree_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Agreed 4 for C006 / values" in page.message.text(), timeout=5000)
    idle(qtbot, ctx)
    # none left for C006: stays on the cell just agreed, and the row stays in view for now
    assert page._selected() == ("C006", "values")
    assert shown(page) == ["C001", "C006"]
    with open_store(db) as store:
        cr = moderation.candidate_result(store, cid, "C006")
    assert cr.agreed["ownership"] == 3 and cr.agreed["values"] == 4
    # F8 goes on to the flagged items left (C001's), and choosing the filter again drops C006
    qtbot.keyClick(page.grid, Qt.Key.Key_F8)
    assert page._selected() == ("C001", "ownership")
    page.set_filter(FILTER_FLAGGED)
    assert shown(page) == ["C001"]
    assert page._selected() == ("C001", "ownership")
    assert "showing 1 of 7 candidates" in page.summary.text()


# -- issue 15: readiness comes from the one domain answer, refreshed on every change ---------------------
def test_readiness_is_not_stale_after_the_last_member_submits(qtbot, campaign_db, make_ctx) -> None:
    """Open Moderation while one member has not submitted, submit as that member (the scoring page's way:
    the service on the app's database thread, then the change notice), come back: the detail pane no longer
    says "waiting" and Agree is enabled."""
    from interview_panel.services import scoring
    from interview_panel.ui.context import SCORES

    db, cid = campaign_db
    score_all(db, cid, "C002", {CHAIR: PANEL[CHAIR], MEMBER_B: PANEL[MEMBER_B]})
    score_all(db, cid, "C002", {MEMBER_C: PANEL[MEMBER_C]}, submit=False)
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    page.select("C002", "K2")
    qtbot.waitUntil(lambda: f"waiting for {MEMBER_C}" in page.reason.text(), timeout=5000)
    assert page.reason.isVisible() and not page.agree_button.isEnabled()

    page.hide()  # the chair goes to the scoring page; the last member submits there
    ctx.db(lambda store: scoring.submit(store, cid, candidate="C002", member=MEMBER_C), lambda _r: ctx.notify(SCORES))
    idle(qtbot, ctx)
    page.show()  # back to Moderation
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    idle(qtbot, ctx)
    assert page._selected() == ("C002", "K2")
    assert page.model.index(page.model.row_of("C002"), 0).data().startswith("ready")
    assert not page.reason.isVisible(), page.reason.text()
    assert "waiting" not in page.reason.text()
    assert page.agree_button.isEnabled() and page.median_button.isEnabled()


def test_refresh_clears_a_stale_waiting_pane(qtbot, campaign_db, make_ctx) -> None:
    """Same steps with the submission made elsewhere (another process) and F5 on the page."""
    db, cid = campaign_db
    score_all(db, cid, "C002", {CHAIR: PANEL[CHAIR], MEMBER_B: PANEL[MEMBER_B]})
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    page.select("C002", "K1")
    qtbot.waitUntil(lambda: f"waiting for {MEMBER_C}" in page.reason.text(), timeout=5000)
    score_all(db, cid, "C002", {MEMBER_C: PANEL[MEMBER_C]})
    activate(qtbot, page)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    idle(qtbot, ctx)
    assert not page.reason.isVisible(), page.reason.text()
    assert page.agree_button.isEnabled()
    page.rationale.setPlainText("Talked it through")
    qtbot.mouseClick(page.agree_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Agreed" in page.message.text(), timeout=5000)
