"""Screenshots of the scoring, moderation and results pages with the demo campaign (run offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_live.py [--out docs] [--dark]

Builds a temporary database with services.demo.create_demo_campaign, opens each page on its own at a
fixed size, waits for its background work and saves docs/screen-{scoring,moderation,results}.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from interview_panel.ui.context import AppContext

SIZE = (1280, 800)


def _dark_palette(app: QApplication) -> None:
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.Button, "#3a3a3a"),
        (QPalette.ColorRole.ButtonText, "#e8e8e8"),
        (QPalette.ColorRole.Highlight, "#3d6fb4"),
        (QPalette.ColorRole.Mid, "#777777"),
    ):
        pal.setColor(role, QColor(colour))
    app.setPalette(pal)


class _Shots:
    """Each page opened on its own at SIZE over the demo campaign, saved once its background work is done."""

    def __init__(self, app: QApplication, ctx: AppContext, out: Path, suffix: str) -> None:
        self.app, self.ctx, self.out, self.suffix = app, ctx, out, suffix

    def settle(self, pred: Callable[[], bool] = lambda: True, timeout: float = 20.0) -> None:
        """Pump events until no background work is pending and ``pred()`` holds (or ``timeout``), then a few more."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.app.processEvents()
            if self.ctx.tasks.pending == 0 and pred():
                break
            time.sleep(0.01)
        for _ in range(5):
            self.app.processEvents()
            time.sleep(0.01)

    def save(self, page: QWidget, name: str) -> None:
        page.grab().save(str(self.out / f"screen-{name}{self.suffix}.png"))

    def scoring(self) -> None:
        """The second panel member, on their next candidate (part-scored), timer running."""
        from interview_panel.ui.pages.scoring import ScoringPage

        scoring = ScoringPage(self.ctx)
        scoring.resize(*SIZE)
        scoring.show()
        self.settle(lambda: scoring.member_combo.count() > 1)
        scoring.member_combo.setCurrentIndex(2)
        self.settle(lambda: scoring.model.rowCount() > 0)
        first_open = next((i for i, r in enumerate(scoring.model.rows) if r.score is None), 0)
        scoring.select_row(first_open)
        scoring.table.setFocus()
        scoring.timer.toggle()
        scoring.timer.set_elapsed_ms(38 * 60_000 + 12_000)
        self.settle()
        self.save(scoring, "scoring")
        scoring.timer.reset()
        scoring.close()

    def moderation(self) -> None:
        """The candidate with a flagged disagreement, on the flagged item."""
        from interview_panel.ui.pages.moderation import ModerationPage

        moderation = ModerationPage(self.ctx)
        moderation.resize(*SIZE)
        moderation.show()
        self.settle(lambda: moderation.results is not None)
        target = None
        for r in range(moderation.model.rowCount()):
            cr = moderation.model.candidate(r)
            flagged = [i for i, f in cr.flags.items() if f and i not in cr.agreed]
            if moderation.model.is_ready(r) and flagged:
                target = (cr.reference, flagged[0])
                break
        if target:
            moderation.select(*target)
            self.settle()
            moderation.rationale.setPlainText(
                "Two members heard a full example with a clear result; the third scored the answer before the probes."
            )
        moderation.grid.setFocus()
        self.settle()
        self.save(moderation, "moderation")
        moderation.close()

    def results(self) -> None:
        from interview_panel.ui.pages.results import ResultsPage

        results = ResultsPage(self.ctx)
        results.resize(*SIZE)
        results.show()
        self.settle(lambda: results.results is not None)
        self.save(results, "results")
        results.close()
        self.settle()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs"))
    ap.add_argument("--dark", action="store_true", help="a dark palette, to check contrast")
    ap.add_argument("--suffix", default="")
    args = ap.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from interview_panel.services.demo import create_demo_campaign
    from interview_panel.services.store import open_store
    from interview_panel.ui.context import AppContext

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    if args.dark:
        _dark_palette(app)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        with open_store(db) as store:
            cid = create_demo_campaign(store)
        ctx = AppContext(db, settings=QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        shots = _Shots(app, ctx, out, args.suffix)
        ctx.set_campaign(cid)
        shots.settle()
        shots.scoring()
        shots.moderation()
        shots.results()
        ctx.close()
    print(f"saved screen-{{scoring,moderation,results}}{args.suffix}.png in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
