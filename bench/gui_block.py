"""Longest GUI-thread stall while opening each page of the app on a 2,000-candidate campaign.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_block.py [--db BIG.sqlite] [--candidates 2000]
                                                                   [--members 4] [--quick]

Without --db a campaign is built first: with bench/make_campaign.py (every score, submission and
moderation through the services; takes a few minutes) or, with --quick, just the campaign, candidates
and panel. A QTimer firing every 10 ms records the largest gap between its ticks while each page is
created, shown and loaded (database work runs on the database thread), and while the database's quick check
and automatic backup run in the background after the first paint. Goal: every stall < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from interview_panel.ui.context import AppContext

PAGES = ["campaigns", "profile", "items", "rules", "candidates", "panel", "packs", "scoring", "moderation", "results"]


def quick_build(db: Path, candidates: int, members: int) -> int:
    from interview_panel.services.campaigns import add_member, create_campaign, import_candidates
    from interview_panel.services.demo import synthetic_profile
    from interview_panel.services.store import open_store

    store = open_store(db)
    try:
        cid = create_campaign(store, profile=synthetic_profile(criteria=18), name=f"Bench {candidates}")
        csv = db.with_suffix(".csv")
        csv.write_text(
            "reference,name,slot\n"
            + "".join(
                f"R{n:05d},Candidate {n},2026-04-{1 + (n // 8) % 28:02d}T{9 + n % 8:02d}:00\n"
                for n in range(1, candidates + 1)
            ),
            encoding="utf-8",
        )
        import_candidates(store, cid, csv)
        for m in range(members):
            add_member(store, cid, f"Member {m + 1}", chair=m == 0)
    finally:
        store.close()
    return cid


class StallMeter:
    """Largest gap between ticks of a 10 ms timer on the GUI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.reset()
        self.timer.start()

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now


def _database(args: argparse.Namespace, tmp: Path) -> Path:
    """The --db given when it exists, else a campaign built there (or in ``tmp``)."""
    if args.db and args.db.exists():
        return Path(args.db)
    db = Path(args.db or tmp / "big.sqlite")
    t0 = time.perf_counter()
    if not args.quick and (ROOT / "bench" / "make_campaign.py").exists():
        from make_campaign import build  # type: ignore[import-not-found]

        build(db, candidates=args.candidates, members=args.members, quiet=True)
    else:
        quick_build(db, args.candidates, args.members)
    print(f"built {db} in {time.perf_counter() - t0:.1f} s")
    return db


def _settle(app: QCoreApplication, ctx: AppContext, extra: float = 0.3) -> float:
    """Pump events until background work is done, then ``extra`` seconds more; returns the time to done."""
    t0 = time.perf_counter()
    while ctx.tasks.pending:
        app.processEvents()
        time.sleep(0.002)
    loaded = time.perf_counter() - t0
    end = time.perf_counter() + extra
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)
    return loaded


def _measure(db: Path, cid: int, tmp: Path) -> list[tuple[str, float, float]]:
    """(step, loaded in, worst GUI stall) for the window opening, the health check and every page."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from interview_panel.storage.backup import list_backups
    from interview_panel.ui.app import make_application
    from interview_panel.ui.context import AppContext
    from interview_panel.ui.main_window import MainWindow

    app = make_application()
    meter = StallMeter()
    ctx = AppContext(db, QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    rows = []
    meter.reset()
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    ctx.set_campaign(cid)
    rows.append(("window + campaigns", _settle(app, ctx), meter.worst))
    # what the app queues once the window is painted: PRAGMA quick_check on the database thread, then
    # (the file being whole) the automatic backup on the job thread, when one is due
    had = len(list_backups(db))
    meter.reset()
    ctx.check_health(window)
    loaded = _settle(app, ctx)
    made = "backup made" if len(list_backups(db)) > had else "no backup due"
    rows.append((f"quick check ({made})", loaded, meter.worst))
    for key in PAGES[1:] + PAGES[:1]:
        meter.reset()
        window.show_page(key)
        rows.append((key, _settle(app, ctx), meter.worst))
    window.close()
    ctx.close()
    QApplication.processEvents()
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--candidates", type=int, default=2000)
    ap.add_argument("--members", type=int, default=4)
    ap.add_argument("--quick", action="store_true", help="no scores: build only candidates and panel")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ip-gui-block-"))
    db = _database(args, tmp)

    from interview_panel.services.campaigns import list_campaigns
    from interview_panel.services.store import open_store

    store = open_store(db)
    summary = list_campaigns(store)[-1]
    store.close()
    rows = _measure(db, summary.id, tmp)
    print(f"campaign {summary.id}: {summary.candidates} candidates, {summary.members} members")
    print(f"{'page':<20} {'loaded in':>10} {'worst GUI stall':>16}")
    for key, loaded, worst in rows:
        flag = "" if worst < 0.1 else "  <-- over 100 ms"
        print(f"{key:<20} {loaded * 1000:8.0f} ms {worst * 1000:13.0f} ms{flag}")
    worst_all = max(w for _, _, w in rows)
    print(f"worst stall overall: {worst_all * 1000:.0f} ms (goal < 100 ms: {'met' if worst_all < 0.1 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
