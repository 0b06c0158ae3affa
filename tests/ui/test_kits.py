"""Several laptops in the GUI: a member opens a kit, scores by keyboard and hands in; the chair receives packs by
drag and drop and moderates; PINs guard a member's scoring and the chair's moderation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QLineEdit

from interview_panel.services import kits, moderation, pins, scoring
from interview_panel.services.store import open_store
from interview_panel.ui.main_window import MainWindow

from .live_fixtures import CHAIR, MEMBER_B, MEMBER_C, build_campaign, idle, make_ctx  # noqa: F401

ITEMS = ["ownership", "analyse-critically", "K1", "K2", "values"]


def window_on(qtbot, ctx, cid: int | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    if cid is not None:
        ctx.set_campaign(cid)
    idle(qtbot, ctx)
    return window


def drop(window: MainWindow, *paths: Path) -> None:
    """Drop files on the window as a file manager would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)


def member_pack(tmp: Path, chair_db: Path, cid: int, member: str, marks: dict[str, int]) -> Path:
    """A member scores and hands in on their own laptop, through the services (the CLI's path)."""
    slug = member.split()[0].lower()
    with open_store(chair_db) as store:
        kit = kits.make_member_kit(store, cid, member, tmp / f"{slug}.ipkit").path
    with open_store(tmp / f"{slug}.db") as store:
        mcid = kits.open_member_kit(store, kit).campaign_id
        for ref, mark in marks.items():
            for item in ITEMS:
                scoring.record_score(store, mcid, candidate=ref, member=member, item=item, score=mark)
            scoring.submit(store, mcid, candidate=ref, member=member)
        return kits.export_scores(store, mcid, member, tmp / f"{slug}.ippack").path


def test_member_opens_kit_scores_by_keyboard_hands_in_and_chair_receives_by_drop_and_moderates(
    qtbot, tmp_path, make_ctx
) -> None:  # type: ignore[no-untyped-def]
    chair_db = tmp_path / "chair.db"
    cid = build_campaign(chair_db, candidates=2)
    with open_store(chair_db) as store:
        kit = kits.make_member_kit(store, cid, MEMBER_B, tmp_path / "blake.ipkit").path
        pins.set_pin(store, cid, CHAIR, "2468", actor="chair")
        for item in ITEMS:
            scoring.record_score(store, cid, candidate="C001", member=CHAIR, item=item, score=4)
        scoring.submit(store, cid, candidate="C001", member=CHAIR)

    # -- Blake's laptop: a new database, the kit dropped on the window ------------------------------------
    laptop = tmp_path / "blake-laptop.db"
    mctx = make_ctx(laptop)
    mwin = window_on(qtbot, mctx)
    drop(mwin, kit)
    qtbot.waitUntil(lambda: mctx.campaign_id is not None, timeout=10_000)
    page = mwin.show_page("scoring")
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS), timeout=10_000)
    assert page.member == MEMBER_B
    names = [page.member_combo.itemData(i) for i in range(page.member_combo.count())]
    assert names == ["", MEMBER_B], "only the kit's member scores in this database"
    assert page.candidate == "C001"
    page.table.setFocus()
    for digit in "44444":
        qtbot.keyClick(page.table, digit)
    idle(qtbot, mctx)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    box = page.confirm_box
    assert box is not None
    qtbot.keyClick(box, Qt.Key.Key_Y)  # the Yes button's letter, as a member would press it
    qtbot.waitUntil(lambda: page.locked, timeout=10_000)
    blake_pack = tmp_path / "blake.ippack"
    from interview_panel.ui.dialogs import kits as kit_dialogs

    kit_dialogs.hand_in_scores(mctx, mwin, blake_pack)
    qtbot.waitUntil(blake_pack.exists, timeout=10_000)
    idle(qtbot, mctx)

    # -- Casey's pack, made the same way on a third laptop ----------------------------------------------
    casey_pack = member_pack(tmp_path, chair_db, cid, MEMBER_C, {"C001": 4})

    # -- the chair: both packs dropped at once ----------------------------------------------------------
    ctx = make_ctx(chair_db)
    win = window_on(qtbot, ctx, cid)
    drop(win, blake_pack, casey_pack)
    dialog = win.findChild(QDialog, "receiveScoresDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    listed = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any(MEMBER_B in t and "1 candidate" in t for t in listed)
    assert any(MEMBER_C in t for t in listed)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    idle(qtbot, ctx)
    with open_store(chair_db) as store:
        subs = scoring.submissions(store, cid, "C001")
    assert all(subs[m] is not None for m in (CHAIR, MEMBER_B, MEMBER_C))

    # moderation asks for the chair's PIN first
    win.go_actions[next(n for n, a in enumerate(win.go_actions) if "Moderation" in a.text())].trigger()
    pin_dialog = None

    def asked() -> bool:
        nonlocal pin_dialog
        pin_dialog = win.findChild(QDialog, "pinDialog")
        return pin_dialog is not None and pin_dialog.isVisible()

    qtbot.waitUntil(asked, timeout=10_000)
    assert win.current_page() is not win.pages.get("moderation")
    edit = pin_dialog.findChild(QLineEdit, "pinEdit")
    qtbot.keyClicks(edit, "2468")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.current_page() is win.pages.get("moderation"), timeout=10_000)
    mod = win.pages["moderation"]
    qtbot.waitUntil(lambda: mod.results is not None, timeout=10_000)
    idle(qtbot, ctx)
    mod.select("C001", "K2")
    qtbot.waitUntil(lambda: mod.median_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(mod.median_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    with open_store(chair_db) as store:
        cr = moderation.candidate_result(store, cid, "C001")
    assert cr.agreed == dict.fromkeys(ITEMS, 4)
    from interview_panel.services.audit import verify_audit

    with open_store(chair_db) as store:
        assert verify_audit(store).ok


def test_a_members_scores_stay_hidden_without_their_pin(qtbot, tmp_path, make_ctx) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "shared.db"
    cid = build_campaign(db, candidates=1)
    with open_store(db) as store:
        pins.set_pin(store, cid, MEMBER_B, "1357", actor="chair")
        for item in ITEMS:
            scoring.record_score(store, cid, candidate="C001", member=MEMBER_B, item=item, score=5)
    ctx = make_ctx(db)
    win = window_on(qtbot, ctx, cid)
    page = win.show_page("scoring")
    idle(qtbot, ctx)
    page.member_combo.setCurrentIndex(page.member_combo.findData(MEMBER_B))
    dialog = None

    def asked() -> bool:
        nonlocal dialog
        shown = [d for d in page.findChildren(QDialog, "pinDialog") if d.isVisible()]
        dialog = shown[0] if shown else None
        return dialog is not None

    qtbot.waitUntil(asked, timeout=10_000)
    idle(qtbot, ctx)
    assert page.model.rowCount() == 0, "nothing of Blake's shows before the PIN"
    edit = dialog.findChild(QLineEdit, "pinEdit")
    qtbot.keyClicks(edit, "0000")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "wrong PIN" in dialog.error.text(), timeout=10_000)
    assert page.model.rowCount() == 0
    dialog.reject()
    qtbot.waitUntil(lambda: page.member is None, timeout=5000)
    assert page.model.rowCount() == 0

    # the right PIN opens Blake's scoring
    page.member_combo.setCurrentIndex(page.member_combo.findData(MEMBER_B))
    qtbot.waitUntil(asked, timeout=10_000)
    edit = dialog.findChild(QLineEdit, "pinEdit")
    qtbot.keyClicks(edit, "1357")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(ITEMS), timeout=10_000)
    assert [r.score for r in page.model.rows] == [5] * len(ITEMS)


def test_change_pin_dialog_needs_the_current_pin(qtbot, tmp_path, make_ctx) -> None:  # type: ignore[no-untyped-def]
    from interview_panel.ui.dialogs.pin import ChangePinDialog

    db = tmp_path / "p.db"
    cid = build_campaign(db, candidates=1)
    with open_store(db) as store:
        pins.set_pin(store, cid, MEMBER_C, "1111", actor="chair")
    ctx = make_ctx(db, cid)
    dialog = ChangePinDialog(ctx, cid, MEMBER_C, True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText("9999")
    dialog.new.setText("2222")
    dialog.again.setText("2222")
    dialog.save()
    qtbot.waitUntil(lambda: "wrong PIN" in dialog.error.text(), timeout=10_000)
    dialog.current.setText("1111")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    with open_store(db) as store:
        pins.unlock(store, cid, MEMBER_C, "2222")
