"""The first window is usable without PySide building the ``Qt`` namespace's enums (see ``ui/startup``).

``bench/startup.py`` measures the start-up time; these tests guard what keeps it within the goal: the
window, its navigation, its menus and the campaign list are built, and the list shows its rows, while
``PySide6.QtCore.Qt`` has still not been created (PySide creates it lazily, on first use from Python).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from interview_panel.ui.app import EXIT_WHEN_READY_ENV
from interview_panel.ui.startup import qt_values

from .conftest import show

ROOT = Path(__file__).resolve().parents[2]

# Runs the real command-line entry point; when the app reports itself ready, prints what it shows, whether
# the Qt namespace exists yet and how often the campaigns page queried on its own. Only the report and that
# count are added; the start-up itself is untouched.
PROBE = """
import sys
import PySide6.QtCore as QtCore
from interview_panel.ui import app
from interview_panel.ui.pages.campaigns import CampaignsPage

ready = app.AppController._ready
own_loads = []
page_reload = CampaignsPage.reload
CampaignsPage.reload = lambda self: (own_loads.append(1), page_reload(self))

def report(self):
    page = self.window.page("campaigns")
    names = [page.model.item(r, 0).text() for r in range(page.model.rowCount())]
    print("qt-namespace-built", "Qt" in vars(QtCore))
    print("campaigns", "|".join(names))
    print("page-queries", len(own_loads))
    print("nav-enabled", "".join("1" if self.window.nav.item(n).isEnabled() else "0"
                                 for n in range(self.window.nav.count())))
    ready(self)

app.AppController._ready = report
from interview_panel.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_the_first_window_is_usable_before_the_qt_namespace_is_built(tmp_path: Path, demo_db: tuple[Path, int]) -> None:
    db, _cid = demo_db
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        **{EXIT_WHEN_READY_ENV: "1"},
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path),
    )
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(db)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    lines = dict(line.split(" ", 1) for line in proc.stdout.splitlines() if " " in line)
    assert lines["campaigns"].startswith("Demo")  # the list is filled when the app says it is ready
    assert lines["nav-enabled"] == "1" + "0" * 9  # no campaign open yet: only the Campaigns page
    assert lines["page-queries"] == "0"  # the list comes from the app's start-up probe, not a second query
    assert lines["qt-namespace-built"] == "False", (
        "something on the start-up path used PySide6.QtCore.Qt (or received one of its enums from C++); "
        "see interview_panel/ui/startup"
    )


def test_the_plain_values_used_at_start_up_are_qt_s_own() -> None:
    assert Qt.ItemDataRole.ToolTipRole.value == qt_values.TOOLTIP_ROLE
    assert Qt.ItemDataRole.TextAlignmentRole.value == qt_values.TEXT_ALIGNMENT_ROLE
    assert Qt.AlignmentFlag.AlignRight.value == qt_values.ALIGN_RIGHT
    assert Qt.AlignmentFlag.AlignVCenter.value == qt_values.ALIGN_VCENTER


def test_menus_keep_the_platform_shortcuts(qtbot: Any, window: Any) -> None:
    """Shortcuts are set without QKeySequence's Qt.Key overloads; they must still be the platform's."""
    expected = {
        window.new_campaign_action: QKeySequence.StandardKey.New,
        window.undo_action: QKeySequence.StandardKey.Undo,
        window.redo_action: QKeySequence.StandardKey.Redo,
    }
    for action, key in expected.items():
        assert action.shortcuts() == QKeySequence.keyBindings(key), action.text()
    assert window.import_action.shortcut() == QKeySequence("Ctrl+I")
    assert [a.shortcut().toString() for a in window.go_actions] == [f"Ctrl+{(n + 1) % 10}" for n in range(10)]


def test_the_campaign_list_shows_counts_right_aligned(qtbot: Any, window: Any) -> None:
    page = show(qtbot, window, "campaigns")
    model = page.model
    assert model.rowCount() >= 1 and model.columnCount() == 6
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Campaign", "Post", "Created", "Candidates", "Panel", "Moderated"]
    counts = model.index(0, 3)
    assert int(model.data(counts, Qt.ItemDataRole.DisplayRole)) > 0
    align = model.data(counts, Qt.ItemDataRole.TextAlignmentRole)
    assert int(align) & Qt.AlignmentFlag.AlignRight.value
    # read-only: editing a cell does nothing
    assert not model.flags(counts) & Qt.ItemFlag.ItemIsEditable
