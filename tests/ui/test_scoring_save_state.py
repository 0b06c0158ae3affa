"""The scoring page's footer tells the truth: "Saving…" from the first keystroke of a note, "Saved" only
when everything on screen is on disk (a score saved while a note still waits is not "Saved")."""

from __future__ import annotations

import time

from interview_panel.services import scoring
from interview_panel.services.store import open_store
from interview_panel.ui.pages import scoring as scoring_page

from .live_fixtures import CHAIR, campaign_db, idle, make_ctx  # noqa: F401
from .test_scoring import open_page


def _notes_on_disk(db, cid) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with open_store(db) as store:
        return {k: v.note for k, v in scoring.member_scores(store, cid, candidate="C001", member=CHAIR).items()}


def test_typing_a_note_says_saving_at_once_and_saved_only_once_it_is_on_disk(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=CHAIR)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    page.select_row(0)
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "O")
    assert page.save_label.text() == "Saving…"  # at once, before any write
    started = time.monotonic()
    qtbot.keyClicks(page.notes, "wned the error")
    qtbot.waitUntil(lambda: page.save_label.text().startswith("Saved "), timeout=5000)
    assert time.monotonic() - started < 2.0
    assert _notes_on_disk(db, cid)["ownership"] == "Owned the error"


def test_a_score_saved_while_a_note_waits_does_not_say_saved(qtbot, campaign_db, make_ctx, monkeypatch) -> None:
    monkeypatch.setattr(scoring_page, "NOTE_DEBOUNCE_MS", 60_000)  # the note waits until focus leaves it
    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=CHAIR)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    page.select_row(0)
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "Named the risk")
    second = page.model.row(1).item.id
    page.score_item(1, 4)  # another item's score is saved while this note waits (focus stays in the note)
    idle(qtbot, ctx)
    with open_store(db) as store:
        assert scoring.member_scores(store, cid, candidate="C001", member=CHAIR)[second].score == 4
    assert _notes_on_disk(db, cid).get("ownership", "") != "Named the risk"
    assert page.save_label.text() == "Saving…"  # the note on screen is not on disk: not "Saved"
    page.table.setFocus()  # focus leaves the note: it is written now
    qtbot.waitUntil(lambda: page.save_label.text().startswith("Saved "), timeout=5000)
    assert _notes_on_disk(db, cid)["ownership"] == "Named the risk"


def test_closing_the_window_with_a_score_not_saved_asks_first(qtbot, campaign_db, make_ctx) -> None:
    from PySide6.QtWidgets import QMainWindow, QMessageBox

    from .live_fixtures import MEMBER_C, score_all

    db, cid = campaign_db
    ctx = make_ctx(db)
    ctx.member = MEMBER_C
    window = QMainWindow()  # the page inside a window, as in the app: the window's close asks the page
    page = scoring_page.ScoringPage(ctx)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    ctx.set_campaign(cid)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    idle(qtbot, ctx)
    score_all(db, cid, "C001", {MEMBER_C: dict.fromkeys(["ownership", "analyse-critically", "K1", "K2", "values"], 3)})
    page.table.setFocus()
    qtbot.keyClick(page.table, "5")  # refused: the member submitted from another laptop
    idle(qtbot, ctx)
    assert page.save_label.text().startswith("Not saved: ")

    window.close()
    box = page.close_guard.box
    assert window.isVisible() and box is not None and box.isVisible()
    assert "could not be saved" in box.text() and "submitted" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: page.close_guard.box is None)
    assert window.isVisible() and page.model.row(0).score == 5  # nothing lost, still on screen

    window.close()
    discard = next(b for b in page.close_guard.box.buttons() if "without" in b.text())
    discard.click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_closing_with_everything_saved_does_not_ask(qtbot, campaign_db, make_ctx) -> None:
    db, cid = campaign_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid, member=CHAIR)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    page.table.setFocus()
    qtbot.keyClick(page.table, "4")
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "Calm")
    page.close()  # the waiting note is written, nothing to ask
    assert page.close_guard.box is None and not page.isVisible()
    idle(qtbot, ctx)
    assert _notes_on_disk(db, cid)["analyse-critically"] == "Calm"
