"""The Qt binding in use does not corrupt Python's reference counts.

PySide6 6.12.0 on Python 3.11 took one reference off ``None`` for every call of a method returning nothing,
so a long scoring session ended in "Fatal Python error: deallocating None". pyproject.toml excludes it; this
test fails if a broken build comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_a_thousand_void_qt_calls_leave_none_refcount_intact(qtbot) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    before = sys.getrefcount(None)
    for _ in range(1000):
        w.setWindowTitle("Scoring")
    assert sys.getrefcount(None) - before > -50
