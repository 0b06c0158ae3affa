"""Dark mode: every text on every page reads at WCAG AA contrast (4.5:1) in a light and in a dark palette.

The main window is opened on the demo campaign under each palette, every page is shown (the scoring page
with a member, a candidate and an item's indicators; the moderation page with a flagged cell), and each
visible text is measured against what it is drawn on: labels (their palette roles, style sheets and rich
text colours), text browsers (rich text colours on Base), and item views (each cell's foreground and
background roles). Disabled controls are exempt, as in WCAG.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTextBrowser, QWidget

from interview_panel.ui.main_window import PAGES
from interview_panel.ui.widgets import colours
from interview_panel.ui.widgets.score_buttons import ScoreButtons

from .conftest import show, wait_idle

Role = QPalette.ColorRole
_CSS_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}\b|palette\((\w+)\))")


@pytest.fixture(params=["light", "dark"])
def palette(request: Any, qapp: QApplication) -> Iterator[QPalette]:
    old = qapp.palette()
    pal = colours.light_palette() if request.param == "light" else colours.dark_palette()
    qapp.setPalette(pal)
    yield pal
    qapp.setPalette(old)


def _background(w: QWidget) -> QColor:
    """What ``w`` is drawn on: its own background when it fills it, else the nearest ancestor's."""
    node: QWidget | None = w
    while node is not None:
        if node.autoFillBackground() or node.isWindow() or "background" in node.styleSheet():
            return node.palette().color(node.backgroundRole())
        node = node.parentWidget()
    return w.palette().color(Role.Window)


def _css_colours(text: str, pal: QPalette) -> list[QColor]:
    out = []
    for m in _CSS_COLOUR.finditer(text):
        if m.group(2):
            out.append(pal.color(getattr(Role, m.group(2)[0].upper() + m.group(2)[1:], Role.WindowText)))
        else:
            out.append(QColor(m.group(1)))
    return out


def _problems(window: QWidget) -> list[str]:
    found: list[str] = []

    def check(where: str, fg: QColor, bg: QColor) -> None:
        ratio = colours.contrast(colours.flatten(fg, bg), bg)
        if ratio < colours.AA:
            found.append(f"{where}: {fg.name()} on {bg.name()} = {ratio:.2f}:1")

    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or not w.isEnabled():
            continue
        name = w.objectName() or type(w).__name__
        if isinstance(w, QLabel) and w.text().strip():
            bg = _background(w)
            pal = w.palette()
            check(f"label {name} {w.text()[:40]!r}", pal.color(w.foregroundRole()), bg)
            for c in _css_colours(w.text(), pal):
                check(f"label {name} rich text", c, bg)
        elif isinstance(w, QTextBrowser):
            bg = w.viewport().palette().color(Role.Base)
            check(f"browser {name}", w.palette().color(Role.Text), bg)
            for c in _css_colours(w.toHtml(), w.palette()):
                check(f"browser {name} rich text", c, bg)
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model, pal = w.model(), w.palette()
            for r in range(min(model.rowCount(), 40)):
                for c in range(model.columnCount()):
                    idx = model.index(r, c)
                    fg, bg = idx.data(Qt.ItemDataRole.ForegroundRole), idx.data(Qt.ItemDataRole.BackgroundRole)
                    if fg is None and bg is None:
                        continue
                    fg_c = (
                        fg.color() if hasattr(fg, "color") else QColor(fg) if fg is not None else pal.color(Role.Text)
                    )
                    bg_c = (
                        bg.color() if hasattr(bg, "color") else QColor(bg) if bg is not None else pal.color(Role.Base)
                    )
                    check(f"view {name} cell ({r}, {c}) {idx.data()!r}", fg_c, bg_c)
    return found


def _prepare(qtbot: Any, window: Any, key: str) -> None:
    page = show(qtbot, window, key)
    if key == "scoring":
        page.member_combo.setCurrentIndex(1)
        qtbot.waitUntil(lambda: page.model.rowCount() > 0 or page.locked, timeout=10_000)
        wait_idle(qtbot, window.ctx)
    if key in ("moderation", "results"):
        qtbot.waitUntil(lambda: getattr(page, "results", None) is not None, timeout=20_000)
        wait_idle(qtbot, window.ctx)


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_every_text_on_every_page_meets_aa_contrast(
    qtbot: Any, palette: QPalette, demo_db: Any, qsettings: Any, key: str
) -> None:
    from interview_panel.ui.context import AppContext
    from interview_panel.ui.main_window import MainWindow

    ctx = AppContext(demo_db[0], qsettings)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 720)
    window.show()
    ctx.set_campaign(demo_db[1])
    wait_idle(qtbot, ctx)
    _prepare(qtbot, window, key)
    assert _problems(window) == []
    window.close()
    wait_idle(qtbot, ctx)
    ctx.close()


def test_semantic_colours_meet_aa_on_both_palettes(qapp: QApplication) -> None:
    for pal in (colours.light_palette(), colours.dark_palette()):
        for pair in (colours.POSITIVE, colours.NEGATIVE, colours.ERROR, colours.WARNING):
            for role in (Role.Window, Role.Base, Role.AlternateBase):
                assert colours.contrast(colours.pick(pair, pal), pal.color(role)) >= colours.AA, (pair, role)
        for cell in (colours.AMBER_CELL, colours.GREEN_CELL, colours.GREY_CELL, colours.NOTE_BOX, colours.INFO_BOX):
            bg, fg = colours.cell(cell, pal)
            assert colours.contrast(fg, bg) >= colours.AA, cell
        for role in (Role.Window, Role.Base):
            assert colours.contrast(colours.quiet(pal, role), pal.color(role)) >= colours.AA


def test_score_anchors_use_the_readable_quiet_colour_and_no_fixed_small_font(qtbot: Any, palette: QPalette) -> None:
    buttons = ScoreButtons()
    qtbot.addWidget(buttons)
    buttons.show()
    anchors = [lab for lab in buttons.findChildren(QLabel) if lab.text()]
    assert anchors
    base_size = QApplication.font().pointSizeF()
    for lab in anchors:
        bg = _background(lab)
        assert colours.contrast(lab.palette().color(lab.foregroundRole()), bg) >= colours.AA
        assert lab.font().pointSizeF() >= 0.85 * base_size, "anchors follow the user's font size"
