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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 800)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs"))
    ap.add_argument("--dark", action="store_true", help="a dark palette, to check contrast")
    ap.add_argument("--suffix", default="")
    args = ap.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from interview_panel.services.demo import create_demo_campaign
    from interview_panel.services.store import open_store
    from interview_panel.ui.context import AppContext
    from interview_panel.ui.pages.moderation import ModerationPage
    from interview_panel.ui.pages.results import ResultsPage
    from interview_panel.ui.pages.scoring import ScoringPage

    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    if args.dark:
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
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        with open_store(db) as store:
            cid = create_demo_campaign(store)
        ctx = AppContext(db, settings=QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))

        def settle(pred=lambda: True, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                app.processEvents()
                if ctx.tasks.pending == 0 and pred():
                    break
                time.sleep(0.01)
            for _ in range(5):
                app.processEvents()
                time.sleep(0.01)

        ctx.set_campaign(cid)
        settle()

        # scoring: the second panel member, on their next candidate (part-scored), timer running
        scoring = ScoringPage(ctx)
        scoring.resize(*SIZE)
        scoring.show()
        settle(lambda: scoring.member_combo.count() > 1)
        scoring.member_combo.setCurrentIndex(2)
        settle(lambda: scoring.model.rowCount() > 0)
        first_open = next((i for i, r in enumerate(scoring.model.rows) if r.score is None), 0)
        scoring.select_row(first_open)
        scoring.table.setFocus()
        scoring.timer.toggle()
        scoring.timer.set_elapsed_ms(38 * 60_000 + 12_000)
        settle()
        scoring.grab().save(str(out / f"screen-scoring{args.suffix}.png"))
        scoring.timer.reset()
        scoring.close()

        # moderation: the candidate with a flagged disagreement, on the flagged item
        moderation = ModerationPage(ctx)
        moderation.resize(*SIZE)
        moderation.show()
        settle(lambda: moderation.results is not None)
        target = None
        for r in range(moderation.model.rowCount()):
            cr = moderation.model.candidate(r)
            flagged = [i for i, f in cr.flags.items() if f and i not in cr.agreed]
            if moderation.model.is_ready(r) and flagged:
                target = (cr.reference, flagged[0])
                break
        if target:
            moderation.select(*target)
            settle()
            moderation.rationale.setPlainText(
                "Two members heard a full example with a clear result; the third scored the answer before the probes."
            )
        moderation.grid.setFocus()
        settle()
        moderation.grab().save(str(out / f"screen-moderation{args.suffix}.png"))
        moderation.close()

        results = ResultsPage(ctx)
        results.resize(*SIZE)
        results.show()
        settle(lambda: results.results is not None)
        results.grab().save(str(out / f"screen-results{args.suffix}.png"))
        results.close()
        settle()
        ctx.close()
    print(f"saved screen-{{scoring,moderation,results}}{args.suffix}.png in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
