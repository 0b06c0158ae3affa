"""The live scoring page: keyboard scoring that survives a restart, independence, submit and lock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from interview_panel.services import scoring
from interview_panel.services.store import open_store
from interview_panel.ui.models.scoring_model import FAILED
from interview_panel.ui.pages.scoring import ScoringPage

from .live_fixtures import CHAIR, MEMBER_B, MEMBER_C, campaign_db, idle, make_ctx, score_all  # noqa: F401

ITEMS = ["ownership", "analyse-critically", "K1", "K2", "values"]


def open_page(qtbot, ctx, cid: int, member: str | None = None) -> ScoringPage:  # type: ignore[no-untyped-def]
    if member is not None:
        ctx.member = member
    page = ScoringPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    ctx.set_campaign(cid)
    qtbot.waitUntil(
        lambda: page.model.rowCount() > 0 or (page.member is None and page.member_combo.count() > 1), timeout=10_000
    )
    idle(qtbot, ctx)
    return page


def test_keyboard_scoring_is_saved_and_survives_a_restart(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    # nobody chosen yet: the member picks themselves with the keyboard
    assert page.member is None
    page.member_combo.setFocus()
    qtbot.keyClick(page.member_combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS), timeout=10_000)
    assert page.member == CHAIR
    # the first scheduled candidate not yet submitted is offered
    assert page.candidate == "C001"
    assert [r.item.id for r in page.model.rows] == ITEMS  # interview order
    assert "Tell us" in page.question.toPlainText() or page.question.toPlainText().strip()

    page.table.setFocus()
    for digit in "34253":  # one keypress per item; each moves to the next item
        qtbot.keyClick(page.table, digit)
    idle(qtbot, ctx)
    assert [r.score for r in page.model.rows] == [3, 4, 2, 5, 3]
    assert page.save_label.text().startswith("Saved ")

    # a note on the first item: saved after the debounce, without leaving the editor
    page.select_row(0)
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "Gave a clear example of owning a missed deadline")
    qtbot.waitUntil(lambda: page.save_label.text().startswith("Saved ") and ctx.tasks.pending == 0, timeout=5000)
    # digits typed into the notes are text, not scores
    qtbot.keyClicks(page.notes, " 2")
    assert page.model.row(0).score == 3
    # a note on the K1 item typed just before closing: written on close, not lost
    page.select_row(2)
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "Checked records weekly")
    page.close()
    idle(qtbot, ctx)
    ctx.close()

    with open_store(db) as store:
        saved = scoring.member_scores(store, cid, candidate="C001", member=CHAIR)
    assert {k: v.score for k, v in saved.items()} == dict(zip(ITEMS, [3, 4, 2, 5, 3]))
    assert saved["ownership"].note == "Gave a clear example of owning a missed deadline 2"
    assert saved["K1"].note == "Checked records weekly"

    # a new context and page on the same file show the same scores and notes
    ctx2 = make_ctx(db)
    page2 = open_page(qtbot, ctx2, cid, member=CHAIR)
    qtbot.waitUntil(lambda: page2.model.rowCount() == len(ITEMS), timeout=10_000)
    assert page2.candidate == "C001"
    assert [r.score for r in page2.model.rows] == [3, 4, 2, 5, 3]
    page2.select_row(2)
    assert page2.notes.toPlainText() == "Checked records weekly"
    assert page2.score_buttons.button(2).isChecked()


def test_score_buttons_click_and_digit_keys(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=MEMBER_B)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS), timeout=10_000)
    page.select_row(1)
    assert "Strong evidence" in page.score_buttons.button(4).toolTip()  # the anchors are at hand
    qtbot.mouseClick(page.score_buttons.button(4), Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert page.model.row(1).score == 4
    page.score_buttons.setFocus()
    qtbot.keyClick(page.score_buttons, "2")  # from the buttons, a digit scores and moves on
    idle(qtbot, ctx)
    assert page.model.row(1).score == 2 and page.current_row() == 2
    qtbot.keyClick(page.score_buttons, "9")  # off the scale: ignored
    idle(qtbot, ctx)
    assert page.model.row(2).score is None
    with open_store(db) as store:
        assert scoring.member_scores(store, cid, candidate="C001", member=MEMBER_B)["analyse-critically"].score == 2


def test_another_members_scores_are_not_visible(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    score_all(db, cid, "C001", {MEMBER_B: dict.fromkeys(ITEMS, 5)}, submit=False)
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=MEMBER_C)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS), timeout=10_000)
    assert page.candidate == "C001"
    assert [r.score for r in page.model.rows] == [None] * len(ITEMS)
    assert all(not r.note for r in page.model.rows)
    page.select_row(0)
    assert page.notes.toPlainText() == ""
    assert not any(page.score_buttons.button(n).isChecked() for n in range(1, 6))
    # switching to the other member shows theirs (each member uses their own laptop)
    page.member_combo.setCurrentIndex(page.member_combo.findData(MEMBER_B))
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS) and page.model.row(0).score == 5, timeout=10_000)


def test_submit_asks_then_locks(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=MEMBER_B)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS), timeout=10_000)
    page.table.setFocus()
    for digit in "3424":  # the values item is left unscored
        qtbot.keyClick(page.table, digit)
    idle(qtbot, ctx)

    # an incomplete submission is refused with the missing item named, nothing is submitted
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    box = page.confirm_box
    assert box is not None and box.isVisible() and "values" in box.text()
    assert box.button(QMessageBox.StandardButton.Yes) is None
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.confirm_box is None)
    assert page.current_row() == ITEMS.index("values")
    qtbot.keyClick(page.table, "3")
    idle(qtbot, ctx)

    # complete: confirm, then it locks
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    box = page.confirm_box
    assert box is not None and box.objectName() == "confirmSubmit"
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.locked, timeout=10_000)
    idle(qtbot, ctx)
    with open_store(db) as store:
        assert scoring.submissions(store, cid, "C001")[MEMBER_B] is not None
    assert page.banner.isVisible() and "locked" in page.banner.text()
    assert not page.submit_button.isEnabled()
    assert page.notes.isReadOnly()
    assert not page.score_buttons.button(1).isEnabled()
    page.select_row(0)
    qtbot.keyClick(page.table, "1")  # ignored: submitted scores cannot change
    idle(qtbot, ctx)
    assert page.model.row(0).score == 3
    with open_store(db) as store:
        assert scoring.member_scores(store, cid, candidate="C001", member=MEMBER_B)["ownership"].score == 3
    assert "submitted" in page.candidate_combo.itemText(page.candidate_combo.findData("C001"))


def test_cancelled_submit_changes_nothing(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=MEMBER_B)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS), timeout=10_000)
    page.table.setFocus()
    for digit in "34243":
        qtbot.keyClick(page.table, digit)
    idle(qtbot, ctx)
    page.request_submit()
    page.confirm_box.button(QMessageBox.StandardButton.Cancel).click()
    idle(qtbot, ctx)
    assert not page.locked
    with open_store(db) as store:
        assert scoring.submissions(store, cid, "C001")[MEMBER_B] is None


def test_a_failed_save_is_shown_and_the_value_kept(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=MEMBER_C)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS), timeout=10_000)
    # behind the page's back the member submits from another laptop: the next write is refused
    score_all(db, cid, "C001", {MEMBER_C: dict.fromkeys(ITEMS, 3)})
    page.table.setFocus()
    qtbot.keyClick(page.table, "5")
    idle(qtbot, ctx)
    assert page.save_label.text().startswith("Not saved: ")
    assert "submitted" in page.save_label.text()
    assert page.model.row(0).score == 5 and page.model.row(0).state == FAILED
    assert page.retry_button.isVisible()


def test_next_candidate_offered_after_submission(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    score_all(db, cid, "C001", {MEMBER_B: dict.fromkeys(ITEMS, 3)})
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=MEMBER_B)
    qtbot.waitUntil(lambda: page.candidate is not None, timeout=10_000)
    assert page.candidate == "C002"


def test_timer_turns_amber_then_red(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=MEMBER_B)
    t = page.timer
    assert t.slot.value() == 45 and t.state() == "normal"
    qtbot.mouseClick(t.start_button, Qt.MouseButton.LeftButton)
    assert t.running and t.start_button.text() == "Pause"
    t.set_elapsed_ms(37 * 60_000)
    assert t.state() == "amber" and "37:0" in t.label.text() and "ffbf00" in t.label.styleSheet()
    t.set_elapsed_ms(46 * 60_000)
    assert t.state() == "red" and "c62828" in t.label.styleSheet()
    t.toggle()
    assert not t.running
    t.reset()
    assert t.state() == "normal" and t.label.text().startswith("00:00")


# -- issue 15: the timer belongs to one member and candidate, stops on Submit, survives a restart ---------
def test_timer_is_per_member_and_candidate_stops_on_submit_and_survives_a_restart(qtbot, campaign_db, make_ctx) -> None:
    from interview_panel.services.timers import timer_state

    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=MEMBER_B)
    qtbot.waitUntil(lambda: page.candidate == "C001", timeout=10_000)
    idle(qtbot, ctx)
    t = page.timer
    qtbot.mouseClick(t.start_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    with open_store(db) as store:
        assert timer_state(store, cid, candidate="C001", member=MEMBER_B).running
    # another candidate: their own timer, from zero and stopped
    page.candidate_combo.setCurrentIndex(page.candidate_combo.findData("C002"))
    idle(qtbot, ctx)
    assert not t.running and t.elapsed_ms() == 0
    # another member on the same candidate: not this member's timer either
    page.candidate_combo.setCurrentIndex(page.candidate_combo.findData("C001"))
    idle(qtbot, ctx)
    assert t.running  # back to C001: still running, as it is in the database
    page.member_combo.setCurrentIndex(page.member_combo.findData(MEMBER_C))
    idle(qtbot, ctx)
    page.candidate_combo.setCurrentIndex(page.candidate_combo.findData("C001"))
    idle(qtbot, ctx)
    assert not t.running and t.elapsed_ms() == 0

    # a restart: the running timer of Blake / C001 comes back running, with the time already used
    with open_store(db) as store:  # as if it had been started 12 minutes ago
        store.write(
            lambda repo: repo.put_timer(
                cid,
                repo.candidate_id(cid, "C001"),
                repo.member_id(cid, MEMBER_B),
                0,
                (datetime.now(UTC) - timedelta(minutes=12)).isoformat(),
            )
        )
    ctx.close()
    ctx2 = make_ctx(db)
    page2 = open_page(qtbot, ctx2, cid, member=MEMBER_B)
    qtbot.waitUntil(lambda: page2.candidate == "C001", timeout=10_000)
    idle(qtbot, ctx2)
    assert page2.timer.running and 12 * 60_000 <= page2.timer.elapsed_ms() < 13 * 60_000
    assert page2.timer.label.text().startswith("12:")

    # Submit stops it, on screen and in the database
    for item in ("ownership", "analyse-critically", "K1", "K2", "values"):
        page2.score_item(page2.model.row_of(item), 3)
    idle(qtbot, ctx2)
    page2.submit_now()
    idle(qtbot, ctx2)
    assert page2.locked and not page2.timer.running
    with open_store(db) as store:
        st = timer_state(store, cid, candidate="C001", member=MEMBER_B)
    assert not st.running and st.elapsed_ms >= 12 * 60_000


def test_a_submission_is_announced_as_a_scores_change_by_the_page(qtbot, campaign_db, make_ctx) -> None:
    from interview_panel.ui.ops import Changed

    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=MEMBER_B)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS), timeout=10_000)
    heard: list[tuple[object, object]] = []
    ctx.changed.connect(lambda changes, initiator: heard.append((changes, initiator)))
    for r in range(len(ITEMS)):
        page.score_item(r, 3)
    idle(qtbot, ctx)
    assert heard == []  # each score is the page's own business: no page reloads while a member types
    page.submit_now()
    qtbot.waitUntil(lambda: page.locked, timeout=10_000)
    assert heard == [(Changed.SCORES, page)]  # moderation and results hear of it; this page does not reload
