"""Screenshots of the set-up pages with the demo campaign, for docs/ (run offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--scale 1.5] [--dark]

Builds a temporary database with services.demo.create_demo_campaign, opens the main window at a fixed
size, waits for each page's background load and saves docs/screen-<page>.png. GUI engineer 2 may add
their pages to PAGES below.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("INTERVIEW_PANEL_NO_VIEWER", "1")

PAGES = ["campaigns", "profile", "items", "rules", "candidates", "panel", "packs", "new-campaign"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs"))
    ap.add_argument("--scale", default=None, help="QT_SCALE_FACTOR, e.g. 1.5")
    ap.add_argument("--dark", action="store_true", help="use a dark palette (as the platform's dark mode)")
    ap.add_argument("--suffix", default="")
    ap.add_argument("pages", nargs="*", default=PAGES)
    args = ap.parse_args()
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale

    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from interview_panel.services.demo import create_demo_campaign
    from interview_panel.services.store import open_store
    from interview_panel.ui.app import make_application
    from interview_panel.ui.context import AppContext
    from interview_panel.ui.main_window import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    app = make_application()
    app.setStyle("Fusion")
    if args.dark:
        pal = QPalette()
        for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e8e8e8"),
                            (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#333333"),
                            (QPalette.ColorRole.Text, "#e8e8e8"), (QPalette.ColorRole.Button, "#3a3a3a"),
                            (QPalette.ColorRole.ButtonText, "#e8e8e8"), (QPalette.ColorRole.Highlight, "#3d6fb4"),
                            (QPalette.ColorRole.HighlightedText, "#ffffff"),
                            (QPalette.ColorRole.PlaceholderText, "#a0a0a0"), (QPalette.ColorRole.Mid, "#555555")):
            pal.setColor(role, QColor(color))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
        app.setPalette(pal)
    tmp = Path(tempfile.mkdtemp(prefix="ip-shots-"))
    db = tmp / "demo.sqlite"
    store = open_store(db)
    cid = create_demo_campaign(store)
    store.close()
    ctx = AppContext(db, QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    ctx.set_campaign(cid)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def settle(seconds: float = 0.6) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end or ctx.tasks.pending:
            app.processEvents()
            time.sleep(0.01)

    settle()
    for key in args.pages:
        if key == "new-campaign":  # the review dialog for the sample supervisor profile
            from interview_panel.ui.dialogs.new_campaign import NewCampaignDialog, start_new_campaign

            start_new_campaign(ctx, window, ROOT / "data" / "sample_supervisor_l2.txt")
            settle()
            dlg = window.findChild(NewCampaignDialog)
            dlg.resize(1400, 860)
            settle(0.3)
            path = out / f"screen-{key}{args.suffix}.png"
            dlg.grab().save(str(path))
            print(path)
            dlg.close()
            continue
        window.show_page(key)
        settle()
        path = out / f"screen-{key}{args.suffix}.png"
        window.grab().save(str(path))
        print(path)
    window.close()
    ctx.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
