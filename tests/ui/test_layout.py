"""Small screens and high scaling: every page and dialog is usable at 1366x768 (100 %) and at 1920x1080
with 150 % scaling (QT_SCALE_FACTOR=1.5, 1280x720 logical). Each size runs tests/ui/layout_run.py in its own
process on an offscreen screen of that size: every visible button lies inside its window, unclipped and
unsqueezed; every list shows three rows or more; every dialog fits the screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .layout_check import SCREENS

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_page_and_dialog_fits_the_screen(screen: str, tmp_path: Path) -> None:
    width, height, scale = SCREENS[screen]
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=scale,
        INTERVIEW_PANEL_NO_VIEWER="1",
    )
    proc = subprocess.run(
        [sys.executable, str(HERE / "layout_run.py")], env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    expected = round(width / float(scale)), round(height / float(scale))
    assert tuple(report["screen"]) == expected  # the scale really applied
    assert len(report["checked"]) >= 2 * 10 + 6  # ten pages in two states, six dialogs
    assert report["problems"] == []


def test_the_scoring_page_fits_a_1600_px_screen_at_150_percent(qtbot: object, window: object) -> None:
    """1,600 px at 150 % leaves 1,067 logical px: the scoring page (with its "5" and Submit) fits in it."""
    from .conftest import show, wait_idle
    from .layout_check import problems

    page = show(qtbot, window, "scoring")  # type: ignore[arg-type]
    page.member_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)  # type: ignore[attr-defined]
    wait_idle(qtbot, window.ctx)  # type: ignore[attr-defined]
    assert window.minimumSizeHint().width() <= 1067  # type: ignore[attr-defined]
    window.resize(1067, 600)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.width() == 1067, timeout=3000)  # type: ignore[attr-defined]
    assert problems(window) == []  # type: ignore[arg-type]
    assert page.score_buttons.button(5).isVisible() and page.submit_button.isVisible()  # type: ignore[attr-defined]
