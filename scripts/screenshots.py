"""Screenshots of the set-up pages with the demo campaign, for docs/ (run offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--scale 1.5] [--dark] [--size 1366x700]

``--size`` is the window's size in logical pixels (1366x700: a 1366x768 laptop less taskbar and title bar;
1280x650 with ``--scale 1.5``: a 1920x1080 screen at 150 %, saved at 1920 px wide).

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
    ap.add_argument("--size", default="1280x800", help="window size in logical pixels")
    ap.add_argument("pages", nargs="*", default=PAGES)
    args = ap.parse_args()
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale

    from PySide6.QtCore import QSettings, QStandardPaths
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
        from interview_panel.ui.widgets.colours import dark_palette

        app.setPalette(dark_palette())
    tmp = Path(tempfile.mkdtemp(prefix="ip-shots-"))
    db = tmp / "demo.sqlite"
    store = open_store(db)
    cid = create_demo_campaign(store)
    store.close()
    ctx = AppContext(db, QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx)
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
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
            dlg.resize(min(1400, width), min(860, height))
            settle(0.3)
            path = out / f"screen-{key}{args.suffix}.png"
            dlg.grab().save(str(path))
            print(path)
            dlg.close()
            continue
        page = window.show_page(key)
        settle()
        if key == "scoring":  # a member and their next candidate, as during an interview
            page.member_combo.setCurrentIndex(1)
            settle()
            page.score_item(0, 3)
            page.select_row(1)
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
