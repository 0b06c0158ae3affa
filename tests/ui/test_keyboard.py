"""Keyboard: every shortcut is an action shown in a menu and on the Help ▸ Keyboard shortcuts sheet;
Ctrl+S saves the current page's form; Delete drops the selected item (undoable); Enter is each dialog's
default button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QTableWidget

from interview_panel.services.campaigns import get_campaign, list_candidates
from interview_panel.ui.main_window import PAGES
from interview_panel.ui.shortcuts import keys_text, page_actions

from .conftest import read, show, wait_idle


def _all_pages(window: Any) -> dict[str, Any]:
    return {spec.key: window.page(spec.key) for spec in PAGES}


def _mnemonic_only(button: QAbstractButton) -> bool:
    """A button's only shortcut is the Alt+letter of its underlined letter (shown on the button itself)."""
    keys = button.shortcut()
    if keys.isEmpty():
        return True
    text = button.text().replace("&&", "")
    i = text.find("&")
    return i >= 0 and keys == QKeySequence(f"Alt+{text[i + 1].upper()}")


def test_every_shortcut_is_an_action_shown_in_the_menus(qtbot: Any, fresh_window: Any) -> None:
    window = fresh_window
    pages = _all_pages(window)
    for key, page in pages.items():
        assert page.findChildren(QShortcut) == [], f"{key}: a QShortcut is listed in no menu: use page_action"
        hidden = [b.text() for b in page.findChildren(QAbstractButton) if not _mnemonic_only(b)]
        assert hidden == [], f"{key}: button shortcuts listed nowhere: {hidden}"
    for spec in PAGES:
        window.show_page(spec.key)
        wait_idle(qtbot, window.ctx)
        window.edit_menu.aboutToShow.emit()  # what opening the Edit menu does
        shown = window.edit_menu.actions()
        for action in page_actions(pages[spec.key]):
            assert action in shown, f"{spec.key}: {action.text()} is not in the Edit menu"
            assert keys_text(action)  # with its keys beside it
    scoring = page_actions(pages["scoring"])
    assert {keys_text(a) for a in scoring} >= {"Ctrl+Return", "Ctrl+T", "Alt+I"}


def test_help_sheet_lists_every_menu_and_page_shortcut(qtbot: Any, fresh_window: Any) -> None:
    window = fresh_window
    dlg = window.show_shortcuts()
    qtbot.addWidget(dlg)
    table = dlg.findChild(QTableWidget, "shortcutsTable")
    rows = {(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    keys = {k for k, _ in rows}
    menu_keys = set()
    for top in window.menuBar().actions():
        for action in top.menu().actions():
            if keys_text(action):
                menu_keys.add(keys_text(action))
    assert menu_keys and menu_keys <= keys
    for spec in PAGES:
        for action in page_actions(window.page(spec.key)):
            assert keys_text(action) in keys, action.text()
    assert QKeySequence("Ctrl+S") in window.save_action.shortcuts()
    assert any(
        "Keyboard shortcuts" in a.text().replace("&", "") for a in window.menuBar().actions()[-1].menu().actions()
    )
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter closes the sheet (its default button)
    assert not dlg.isVisible()


def _focus(qtbot: Any, window: Any, widget: Any) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)


def test_ctrl_s_saves_the_rules_page(qtbot: Any, fresh_window: Any) -> None:
    window = fresh_window
    page = show(qtbot, window, "rules")
    before = read(window.ctx.db_path, lambda s: get_campaign(s, window.ctx.campaign_id)).rules.pass_mark
    page.pass_mark.setValue(before + 1)
    assert page.save_button.isEnabled()
    _focus(qtbot, window, page.pass_mark)
    qtbot.keyClick(page.pass_mark, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.ctx)
    after = read(window.ctx.db_path, lambda s: get_campaign(s, window.ctx.campaign_id)).rules.pass_mark
    assert after == before + 1
    assert not page.save_button.isEnabled()


def test_delete_drops_the_selected_item_and_undo_brings_it_back(qtbot: Any, fresh_window: Any) -> None:
    window = fresh_window
    page = show(qtbot, window, "items")
    ids = [i.id for i in page.model.question_set.items]
    page.select_row(1)
    _focus(qtbot, window, page.view)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    wait_idle(qtbot, window.ctx)
    assert [i.id for i in page.model.question_set.items] == ids[:1] + ids[2:]
    stored = read(window.ctx.db_path, lambda s: get_campaign(s, window.ctx.campaign_id)).question_set
    assert [i.id for i in stored.items] == ids[:1] + ids[2:]
    # Delete typed while editing the wording edits the text: it never drops an item
    _focus(qtbot, window, page.question)
    qtbot.keyClick(page.question, Qt.Key.Key_Delete)
    assert len(page.model.question_set.items) == len(ids) - 1
    window.undo_action.trigger()
    wait_idle(qtbot, window.ctx)
    assert [i.id for i in page.model.question_set.items] == ids


def test_enter_imports_in_the_candidate_import_dialog(
    qtbot: Any, fresh_window: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    """The chair opens a file with a bad row, clicks "Choose another file…", picks the fixed file and
    presses Enter: that imports (it used to open the file chooser again)."""
    from interview_panel.ui.dialogs.import_candidates import ImportCandidatesDialog

    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text("reference,name\nC1,\n", encoding="utf-8")
    good.write_text("reference,name\nC1,Ann Example\nC2,Bo Example\n", encoding="utf-8")
    answers = [bad, good]
    asked: list[Path] = []

    def choose(*_a: Any, **_k: Any) -> tuple[str, str]:
        asked.append(answers[len(asked)] if len(asked) < len(answers) else good)
        return str(asked[-1]), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    page = show(qtbot, fresh_window, "candidates")
    page.import_button.click()
    dlg = page.findChild(ImportCandidatesDialog)
    wait_idle(qtbot, fresh_window.ctx)
    assert not dlg.import_button.isEnabled()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg, timeout=3000)
    qtbot.mouseClick(dlg.other_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, fresh_window.ctx)
    assert dlg.import_button.isEnabled() and asked == [bad, good]
    with qtbot.waitSignal(dlg.imported, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget() or dlg, Qt.Key.Key_Return)
    assert asked == [bad, good]  # Enter did not open the file chooser again
    wait_idle(qtbot, fresh_window.ctx)
    cid = fresh_window.ctx.campaign_id
    assert sorted(c.reference for c in read(fresh_window.ctx.db_path, lambda s: list_candidates(s, cid))) == [
        "C1",
        "C2",
    ]


def test_enter_accepts_the_add_candidate_and_custom_item_dialogs(qtbot: Any, fresh_window: Any) -> None:
    from interview_panel.ui.dialogs.candidate import CandidateDialog
    from interview_panel.ui.dialogs.custom_item import CustomItemDialog

    cand = CandidateDialog(None, fresh_window)
    qtbot.addWidget(cand)
    cand.show()
    cand.reference.setText("C9")
    cand.name.setText("Di Example")
    with qtbot.waitSignal(cand.submitted, timeout=5000):
        qtbot.keyClick(cand.name, Qt.Key.Key_Return)
    custom = CustomItemDialog(set(), fresh_window)
    qtbot.addWidget(custom)
    custom.show()
    qtbot.keyClick(custom.text, Qt.Key.Key_Return)  # Enter presses OK: an empty form is refused, and says why
    assert custom.isVisible() and custom.error.text()
    custom.text.setText("Knows the records system")
    custom.question.setPlainText("Tell us how you kept records accurate.")
    with qtbot.waitSignal(custom.submitted, timeout=5000):
        qtbot.keyClick(custom.text, Qt.Key.Key_Return)


def test_enter_creates_the_campaign_in_the_new_campaign_dialog(qtbot: Any, fresh_window: Any) -> None:
    from interview_panel.ui.dialogs.new_campaign import NewCampaignDialog, start_new_campaign

    from .conftest import SUPERVISOR

    start_new_campaign(fresh_window.ctx, fresh_window, SUPERVISOR)
    qtbot.waitUntil(lambda: fresh_window.findChild(NewCampaignDialog) is not None, timeout=20000)
    dlg = fresh_window.findChild(NewCampaignDialog)
    dlg.name.setText("Enter key campaign")
    with qtbot.waitSignal(dlg.created, timeout=20000):
        qtbot.keyClick(dlg.name, Qt.Key.Key_Return)
    wait_idle(qtbot, fresh_window.ctx)  # the new campaign's pages have loaded before the window goes
