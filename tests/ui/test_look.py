"""The app's visual accents without an application stylesheet: bold headings, the notice banner, quiet
hints and the navigation list, all in palette roles so they follow a light or dark palette."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from interview_panel.ui.widgets.banner import FROZEN, Banner

from .conftest import show

Role = QPalette.ColorRole
DARK = {
    Role.Window: "#2b2b2b",
    Role.WindowText: "#e8e8e8",
    Role.Base: "#1e1e1e",
    Role.AlternateBase: "#333333",
    Role.Text: "#e8e8e8",
    Role.Highlight: "#3d6fb4",
    Role.HighlightedText: "#ffffff",
    Role.PlaceholderText: "#a0a0a0",
    Role.Mid: "#555555",
}


def dark_palette() -> QPalette:
    pal = QPalette(QApplication.palette())
    for role, colour in DARK.items():
        pal.setColor(role, QColor(colour))
    return pal


def pixel(widget: QWidget, x: int, y: int) -> str:
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(x * ratio), int(y * ratio)).name()


def test_the_application_has_no_stylesheet() -> None:
    """Every widget would otherwise be polished through QStyleSheetStyle (slower start)."""
    from interview_panel.ui.app import make_application

    app = make_application()
    assert app.styleSheet() == ""


def test_banner_is_bold_on_alternate_base_with_a_highlight_bar(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(600, 100)
    banner = Banner(parent)
    banner.show_message(FROZEN)
    banner.resize(600, banner.sizeHint().height())
    parent.show()
    assert banner.isVisible() and banner.font().bold()
    assert banner.backgroundRole() == Role.AlternateBase and banner.autoFillBackground()
    # the text sits inside the bar, border and padding (it did with the old stylesheet too)
    m = banner.contentsMargins()
    assert m.left() >= 4 + 8 and m.top() >= 1 + 6
    for pal in (QApplication.palette(), dark_palette()):
        banner.setPalette(pal)
        mid_y = banner.height() // 2
        assert pixel(banner, 1, mid_y) == pal.color(Role.Highlight).name()  # the left bar
        assert pixel(banner, banner.width() - 1, mid_y) == pal.color(Role.Mid).name()  # the frame
        assert pixel(banner, banner.width() - 4, 3) == pal.color(Role.AlternateBase).name()  # the fill
    banner.show_message(None)
    assert not banner.isVisible()


def test_headings_are_bold_and_default_hints_quiet(qtbot: Any, fresh_window: Any) -> None:
    page = show(qtbot, fresh_window, "campaigns")
    # the campaigns heading is bold through rich text (no QFont on the start-up path): it renders wider
    # than the same words in the regular weight, at the inherited size
    plain = QLabel(page.heading.text().replace("<b>", "").replace("</b>", ""))
    assert page.heading.sizeHint().width() > plain.sizeHint().width()
    assert page.heading.sizeHint().height() == plain.sizeHint().height()
    assert page.heading.font().pointSizeF() == QApplication.font().pointSizeF()  # no fixed size
    rules = show(qtbot, fresh_window, "rules")
    hints = [w for w in rules.findChildren(QWidget) if w.objectName() == "defaultHint"]
    # quiet: toned down from the page's text colour, but still at AA contrast (tests/ui/test_contrast.py)
    from interview_panel.ui.widgets import colours

    normal, window = rules.palette().color(Role.WindowText), rules.palette().color(Role.Window)
    assert hints and all(h.palette().color(h.foregroundRole()) != normal for h in hints)
    assert all(colours.contrast(h.palette().color(h.foregroundRole()), window) >= colours.AA for h in hints)
    assert rules.problems.font().bold()
    items = show(qtbot, fresh_window, "items")
    assert items.item_label.font().bold()


def test_frozen_items_page_shows_the_banner(qtbot: Any, window: Any) -> None:
    page = show(qtbot, window, "items")
    assert page.banner.isVisible() and page.banner.text() == FROZEN
    assert page.banner.font().bold()


def test_navigation_rows_are_padded_and_the_selected_row_highlighted(qtbot: Any, window: Any) -> None:
    nav = window.nav
    show(qtbot, window, "campaigns")
    row = nav.visualItemRect(nav.item(0))
    assert row.height() >= nav.fontMetrics().height() + 12  # 6 px above and below the text
    assert row.top() >= 0 and nav.viewportMargins().top() == 4
    for pal in (QApplication.palette(), dark_palette()):
        nav.setPalette(pal)
        inside = nav.viewport().mapTo(nav, row.topLeft())
        # a pixel of the selected row between its left edge and the icon
        assert pixel(nav, inside.x() + 2, inside.y() + row.height() // 2) == pal.color(Role.Highlight).name()
        # the list's padding is part of the list (base colour), not the window behind it
        assert pixel(nav, 3, nav.height() - 4) == pal.color(Role.Base).name()
