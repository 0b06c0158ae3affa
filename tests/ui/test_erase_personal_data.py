"""File ▸ Erase personal data…: the confirmation names what is erased and kept; erasing from the window
removes the names, notes and rationales from the database file, and Cancel leaves everything as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from interview_panel.ui.main_window import MainWindow
from tests.services.test_privacy import NAMES, PERSONAL, fill, personal_in
from tests.ui.live_fixtures import idle, make_ctx  # noqa: F401 - fixture


def window(qtbot, ctx, cid: int) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    ctx.set_campaign(cid)
    idle(qtbot, ctx)
    return win


def test_erase_from_the_file_menu(tmp_path: Path, qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "gui.db"
    cid = fill(db, tmp_path)
    ctx = make_ctx(db)
    win = window(qtbot, ctx, cid)
    assert win.erase_action.text().replace("&", "").startswith("Erase personal data")

    win.erase_action.trigger()
    qtbot.waitUntil(lambda: getattr(win, "erase_box", None) is not None and win.erase_box.isVisible(), timeout=10_000)
    box = win.erase_box
    text = box.text()
    for named in (
        "candidate names",
        "notes",
        "rationales",
        "adjustments",
        "monitoring",
        "Kept",
        "scores",
        "outcomes",
        "before the date",
    ):
        assert named in text or named in box.findChild(type(box.buttons()[0]), "eraseButton").text(), named
    box.button(QMessageBox.StandardButton.Cancel).click()
    idle(qtbot, ctx)
    assert {t for _, t in personal_in(db)} == set(PERSONAL)  # Cancel: nothing erased

    win.erase_box = None
    win.erase_action.trigger()
    qtbot.waitUntil(lambda: win.erase_box is not None and win.erase_box.isVisible(), timeout=10_000)
    erase = next(b for b in win.erase_box.buttons() if b.objectName() == "eraseButton")
    erase.click()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: not personal_in(db), timeout=10_000)
    page = win.show_page("candidates")
    idle(qtbot, ctx)
    shown = page.grab()  # the page still draws after the names became references
    assert not shown.isNull()
    assert not any(n.encode() in db.read_bytes() for n in NAMES)
