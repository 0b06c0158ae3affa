"""Run by tests/ui/test_layout.py in a subprocess, on an offscreen screen of a given size and scale:

    python tests/ui/layout_run.py WIDTH HEIGHT   (with QT_QPA_PLATFORM=offscreen:configfile=… QT_SCALE_FACTOR=…)

Opens the main window as large as the screen allows (less a taskbar and the title bar) on the demo
campaign (scored, frozen) and on a fresh one (editable), shows every page, then opens every dialog the
window offers, and prints one JSON line: {"screen": [w, h], "checked": [...], "problems": [...]}.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QDialog, QWidget  # noqa: E402
from ui.layout_check import TASKBAR_AND_TITLE, problems  # noqa: E402


def main() -> int:
    QStandardPaths.setTestModeEnabled(True)
    from interview_panel.services.campaigns import create_campaign
    from interview_panel.services.demo import create_demo_campaign
    from interview_panel.services.profiles import load_profile
    from interview_panel.services.store import open_store
    from interview_panel.ui.app import make_application
    from interview_panel.ui.context import AppContext
    from interview_panel.ui.main_window import PAGES, MainWindow

    app = make_application()
    avail = app.primaryScreen().availableGeometry()
    width, height = avail.width(), avail.height() - TASKBAR_AND_TITLE
    tmp = Path(tempfile.mkdtemp(prefix="ip-layout-"))
    sample = ROOT / "data" / "sample_supervisor_l2.txt"
    checked: list[str] = []
    found: list[str] = []

    def settle(ctx: AppContext, seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end or ctx.tasks.pending:
            app.processEvents()
            time.sleep(0.01)

    def check(what: str, top: QWidget) -> None:
        checked.append(what)
        if top.width() > avail.width() or top.height() > avail.height() - TASKBAR_AND_TITLE // 2:
            found.append(
                f"{what}: {top.width()}x{top.height()} does not fit the screen's {avail.width()}x{avail.height()}"
            )
        found.extend(f"{what}: {p}" for p in problems(top))

    def dialog(ctx: AppContext, window: QWidget, what: str, before: set[int]) -> None:
        settle(ctx, 0.4)
        new = [w for w in app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible() and id(w) not in before]
        if not new:
            found.append(f"{what}: no dialog opened")
            return
        for dlg in new:
            check(f"{what} dialog", dlg)
            dlg.reject()
        settle(ctx, 0.1)

    for state in ("demo", "fresh"):
        db = tmp / f"{state}.sqlite"
        store = open_store(db)
        cid = (
            create_demo_campaign(store)
            if state == "demo"
            else create_campaign(store, profile=load_profile(sample), name="Layout check", actor="test")
        )
        store.close()
        ctx = AppContext(db, QSettings(str(tmp / f"{state}.ini"), QSettings.Format.IniFormat))
        window = MainWindow(ctx)
        window.show()
        window.resize(width, height)
        ctx.set_campaign(cid)
        settle(ctx)
        if window.size().width() > width or window.size().height() > height:
            found.append(
                f"{state}: the window cannot be as small as {width}x{height} (is {window.width()}x{window.height()})"
            )
        for spec in PAGES:
            page = window.show_page(spec.key)
            settle(ctx)
            if spec.key == "scoring" and page.member is None:
                page.member_combo.setCurrentIndex(1)
                settle(ctx, 0.5)
            if spec.key == "items" and page.model.rowCount() > 1:
                page.select_row(1)
                settle(ctx)
            check(f"{state} {spec.key} page", window)
        if state == "fresh":
            from interview_panel.ui.dialogs.import_candidates import open_import
            from interview_panel.ui.dialogs.new_campaign import start_new_campaign

            openers = {
                "new campaign": lambda: start_new_campaign(ctx, window, sample),
                "import candidates": lambda: open_import(ctx, window, ROOT / "data" / "demo_candidates.csv"),
                "add candidate": lambda: window.show_page("candidates").add(),
                "custom item": lambda: window.show_page("items")._add(),
                "keyboard shortcuts": window.show_shortcuts,
                "about": window._about,
            }
            for what, open_it in openers.items():
                before = {id(w) for w in app.topLevelWidgets()}
                open_it()
                dialog(ctx, window, what, before)
        window.close()
        ctx.close()
    print(json.dumps({"screen": [avail.width(), avail.height()], "checked": checked, "problems": found}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
