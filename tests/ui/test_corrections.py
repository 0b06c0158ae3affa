"""Corrections in the GUI, each undone with the undo stack: rename, remove and chair change on the Panel page
(Enter/Space on the Chair checkbox), and a withdrawn candidate shown as such on every page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from interview_panel.services import campaigns, moderation
from interview_panel.services.store import open_store
from interview_panel.ui.dialogs.candidate_status import CandidateStatusDialog
from interview_panel.ui.pages.candidates import CandidatesPage
from interview_panel.ui.pages.moderation import ModerationPage
from interview_panel.ui.pages.panel import PanelPage
from interview_panel.ui.pages.results import ResultsPage
from interview_panel.ui.pages.scoring import ScoringPage

from .live_fixtures import CHAIR, MEMBER_B, MEMBER_C, campaign_db, idle, make_ctx, open_results_page, score_all  # noqa: F401
from .test_moderation import PANEL


def members(db, cid):  # type: ignore[no-untyped-def]
    with open_store(db) as store:
        return [(m.name, m.chair) for m in campaigns.list_members(store, cid)]


def open_panel(qtbot, ctx, cid) -> PanelPage:  # type: ignore[no-untyped-def]
    page = PanelPage(ctx)
    qtbot.addWidget(page)
    page.show()
    ctx.set_campaign(cid)
    idle(qtbot, ctx)
    return page


def test_rename_remove_and_change_the_chair_each_undone(qtbot, campaign_db, make_ctx) -> None:  # type: ignore[no-untyped-def]
    db, cid = campaign_db
    score_all(db, cid, "C001", {MEMBER_B: PANEL[MEMBER_B]}, submit=False)
    ctx = make_ctx(db)
    page = open_panel(qtbot, ctx, cid)
    assert page.model.rowCount() == 3

    # rename through the dialog the button opens
    page.select(MEMBER_B)
    assert page.rename_button.isEnabled()
    page.rename_button.click()
    dlg = page.findChild(QInputDialog, "renameMemberDialog")
    assert dlg is not None and dlg.textValue() == MEMBER_B
    dlg.setTextValue("Blake  Morgan")
    dlg.accept()
    idle(qtbot, ctx)
    assert members(db, cid) == [(CHAIR, True), ("Blake Morgan", False), (MEMBER_C, False)]
    assert page.model.index(1, 0).data() == "Blake Morgan"
    ctx.undo_stack.undo()
    idle(qtbot, ctx)
    assert members(db, cid)[1] == (MEMBER_B, False)
    assert page.model.index(1, 0).data() == MEMBER_B

    # remove: refused for a member with scores (nothing changes), done for one without, undone
    page.select(MEMBER_B)
    page.remove_button.click()
    idle(qtbot, ctx)
    box = page.findChild(QMessageBox, "errorBox")
    assert box is not None and f"{MEMBER_B} has scores" in box.text()
    box.close()
    assert len(members(db, cid)) == 3
    page.select(MEMBER_C)
    page.remove_button.click()
    idle(qtbot, ctx)
    assert members(db, cid) == [(CHAIR, True), (MEMBER_B, False)]
    ctx.undo_stack.undo()
    idle(qtbot, ctx)
    assert [m for m, _ in members(db, cid)] == [CHAIR, MEMBER_B, MEMBER_C]

    # the chair: another member before moderation begins; undone
    page.select(MEMBER_C)
    page.chair_button.click()
    idle(qtbot, ctx)
    assert members(db, cid) == [(CHAIR, False), (MEMBER_B, False), (MEMBER_C, True)]
    assert page.model.index(2, 1).data() == "Chair"
    ctx.undo_stack.undo()
    idle(qtbot, ctx)
    assert members(db, cid)[0] == (CHAIR, True)
    ctx.undo_stack.redo()
    idle(qtbot, ctx)
    assert members(db, cid)[2] == (MEMBER_C, True)


def test_chair_change_is_refused_once_moderation_has_begun(qtbot, campaign_db, make_ctx) -> None:  # type: ignore[no-untyped-def]
    db, cid = campaign_db
    score_all(db, cid, "C001", PANEL)
    with open_store(db) as store:
        moderation.moderate(store, cid, candidate="C001", item="K2", score=3)
    ctx = make_ctx(db)
    page = open_panel(qtbot, ctx, cid)
    page.select(MEMBER_B)
    page.chair_button.click()
    idle(qtbot, ctx)
    box = page.findChild(QMessageBox, "errorBox")
    assert box is not None and "has begun" in box.text()
    assert members(db, cid)[0] == (CHAIR, True) and ctx.undo_stack.count() == 0


def test_enter_on_the_chair_checkbox_adds_the_member_and_space_toggles_it(qtbot, fresh_window) -> None:  # type: ignore[no-untyped-def]
    from .conftest import show, wait_idle

    page = show(qtbot, fresh_window, "panel")
    fresh_window.activateWindow()
    qtbot.waitUntil(fresh_window.isActiveWindow)
    qtbot.keyClicks(page.name, "Pat Chair")
    page.chair.setFocus()
    qtbot.keyClick(page.chair, Qt.Key.Key_Space)
    assert page.chair.isChecked()
    qtbot.keyClick(page.chair, Qt.Key.Key_Return)
    wait_idle(qtbot, fresh_window.ctx)
    cid = fresh_window.ctx.campaign_id
    assert members(fresh_window.ctx.db_path, cid) == [("Pat Chair", True)]
    assert page.name.text() == ""
    qtbot.keyClicks(page.name, "Sam Member")
    page.chair.setFocus()  # disabled now there is a chair: Enter in the name box adds
    qtbot.keyClick(page.name, Qt.Key.Key_Enter)
    wait_idle(qtbot, fresh_window.ctx)
    assert members(fresh_window.ctx.db_path, cid) == [("Pat Chair", True), ("Sam Member", False)]


def test_a_withdrawn_candidate_shows_as_such_everywhere_and_cannot_be_scored(qtbot, campaign_db, make_ctx) -> None:  # type: ignore[no-untyped-def]
    db, cid = campaign_db
    score_all(db, cid, "C001", PANEL)
    score_all(db, cid, "C002", PANEL)
    with open_store(db) as store:
        moderation.agree_unflagged_at_median(store, cid, candidate="C002")
        for item in ("ownership", "K1"):
            moderation.moderate(store, cid, candidate="C002", item=item, score=3, rationale="talked through")
    ctx = make_ctx(db)
    page = CandidatesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    ctx.set_campaign(cid)
    idle(qtbot, ctx)
    page.view.selectRow(1)  # C002
    assert page.status_button.isEnabled()
    page.status_button.click()
    dlg = page.findChild(CandidateStatusDialog)
    assert dlg is not None
    dlg.status.setCurrentIndex(dlg.status.findData("withdrawn"))
    dlg._ok()  # no reason: refused in the dialog
    assert "reason" in dlg.error.text() and dlg.isVisible()
    dlg.reason.setText("Accepted another post")
    dlg._ok()
    idle(qtbot, ctx)
    assert page.model.index(1, 3).data() == "withdrawn — Accepted another post"

    mod = open_results_page(qtbot, ctx, cid, ModerationPage)
    r = mod.model.row_of("C002")
    assert mod.model.index(r, 0).data() == "withdrawn"
    mod.select("C002", "K2")
    assert mod.reason.isVisible() and "withdrawn: Accepted another post" in mod.reason.text()
    assert not mod.agree_button.isEnabled()

    res = open_results_page(qtbot, ctx, cid, ResultsPage)
    c2 = next(c for c in res.results.candidates if c.reference == "C002")
    assert c2.status == "withdrawn" and c2.outcome is None and c2.rank is None

    ctx.member = MEMBER_C
    scoring = ScoringPage(ctx)
    qtbot.addWidget(scoring)
    scoring.show()
    idle(qtbot, ctx)
    scoring.member_combo.setCurrentIndex(scoring.member_combo.findData(MEMBER_C))
    idle(qtbot, ctx)
    i = scoring.candidate_combo.findData("C002")
    assert "withdrawn" in scoring.candidate_combo.itemText(i)
    scoring.candidate_combo.setCurrentIndex(i)
    idle(qtbot, ctx)
    assert scoring.locked and "C002 is withdrawn" in scoring.banner.text()
    assert not scoring.submit_button.isEnabled()

    ctx.undo_stack.undo()  # active again
    idle(qtbot, ctx)
    assert page.model.index(1, 3).data() == "active"
    with open_store(db) as store:
        cr = moderation.candidate_result(store, cid, "C002")
    assert cr.status == "moderated" and cr.rank == 1
