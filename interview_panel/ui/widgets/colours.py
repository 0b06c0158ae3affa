"""Every colour the app draws text in, derived from the palette or chosen as a light/dark pair.

No page hard-codes a colour: a page asks here for a *meaning* (positive, negative, error, quiet text,
a state background) and gets the colour that reads on the current palette, so the platform's dark mode
(or a palette change while running) keeps every text at WCAG AA contrast (4.5:1) or better.
tests/ui/test_contrast.py renders the pages in a light and a dark palette and measures it.

Pairs are (for a light palette, for a dark palette); the palette is dark when its window colour is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

Role = QPalette.ColorRole
AA = 4.5  # WCAG 2 AA contrast for body text


class Pair(NamedTuple):
    light: str
    dark: str


# text colours with a meaning (all >= 4.5:1 on the palettes' Base and Window colours)
POSITIVE = Pair("#1b5e20", "#8fd694")  # good indicators, "saved", agreed
NEGATIVE = Pair("#b71c1c", "#ff9e9e")  # poor indicators
ERROR = Pair("#b00020", "#ff8a8a")  # "Not saved", refusals
WARNING = Pair("#a33c00", "#ffb870")  # flags (spread, straddling the pass mark)

# state backgrounds with the text drawn on them: (background, text) for light and for dark palettes
AMBER_CELL = (Pair("#ffe0b2", "#5a3d00"), Pair("#202020", "#ffe7c2"))
GREEN_CELL = (Pair("#dcedc8", "#1f4a20"), Pair("#202020", "#dcf3d0"))
GREY_CELL = (Pair("#eeeeee", "#3a3a3a"), Pair("#202020", "#e4e4e4"))
NOTE_BOX = (Pair("#fff3e0", "#4a3500"), Pair("#1a1a1a", "#fff0d8"))  # a framed remark (reasons, locks)
INFO_BOX = (Pair("#e8eaf6", "#2c3350"), Pair("#1a1a1a", "#e8eaf6"))


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on a dark window (the platform's dark mode)."""
    return palette.color(Role.Window).lightnessF() < 0.5


def pick(pair: Pair, palette: QPalette) -> QColor:
    return QColor(pair.dark if is_dark(palette) else pair.light)


def css(pair: Pair, palette: QPalette) -> str:
    """The pair's colour for the palette as ``#rrggbb`` (for rich text and style sheets)."""
    return pick(pair, palette).name()


def cell(pairs: tuple[Pair, Pair], palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a state colour for the palette."""
    background, text = pairs
    return pick(background, palette), pick(text, palette)


def box_css(pairs: tuple[Pair, Pair], palette: QPalette, *, padding: int = 4) -> str:
    """A style sheet for a framed QLabel in a state colour (background, text and a border of the text)."""
    background, text = cell(pairs, palette)
    return (
        f"QLabel{{background:{background.name()};color:{text.name()};"
        f"border:1px solid {mix(text, background, 0.5).name()};padding:{padding}px;}}"
    )


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def flatten(colour: QColor, background: QColor) -> QColor:
    """A translucent colour as it shows over ``background``."""
    return mix(background, QColor(colour.red(), colour.green(), colour.blue()), colour.alphaF())


def quiet(palette: QPalette, background: Role = Role.Window, text: Role = Role.WindowText) -> QColor:
    """Secondary text (hints, anchors, legends): the text colour moved towards the background as far
    as AA contrast allows (the palette's Mid and PlaceholderText are often below 4.5:1)."""
    bg = palette.color(background)
    fg = flatten(palette.color(text), bg)
    best = fg
    for step in range(1, 10):
        candidate = mix(fg, bg, step * 0.05)
        if contrast(candidate, bg) < AA + 0.3:
            break
        best = candidate
    return best


def light_palette() -> QPalette:
    """Fusion's light palette (the tests' and screenshots' light mode)."""
    from PySide6.QtWidgets import QStyleFactory

    return QStyleFactory.create("Fusion").standardPalette()


def dark_palette() -> QPalette:
    """A dark palette like the platforms' dark modes (tests, screenshots, and Windows in dark mode)."""
    pal = QPalette()
    for role, colour in (
        (Role.Window, "#2b2b2b"),
        (Role.WindowText, "#e8e8e8"),
        (Role.Base, "#1e1e1e"),
        (Role.AlternateBase, "#333333"),
        (Role.Text, "#e8e8e8"),
        (Role.Button, "#3a3a3a"),
        (Role.ButtonText, "#e8e8e8"),
        (Role.Highlight, "#3d6fb4"),
        (Role.HighlightedText, "#ffffff"),
        (Role.PlaceholderText, "#a0a0a0"),
        (Role.Mid, "#555555"),
        (Role.ToolTipBase, "#3a3a3a"),
        (Role.ToolTipText, "#e8e8e8"),
        (Role.Link, "#8ab4f8"),
        (Role.BrightText, "#ffffff"),
        (Role.Light, "#505050"),
        (Role.Midlight, "#404040"),
        (Role.Dark, "#1a1a1a"),
        (Role.Shadow, "#000000"),
    ):
        pal.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    return pal


class _QuietFollower(QObject):
    """Re-derives a quiet widget's text colour when its palette changes (dark mode switched on or off)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange:
            _apply_quiet(obj)  # type: ignore[arg-type]
        return False


_FOLLOWER: list[_QuietFollower] = []


def _apply_quiet(widget: QWidget) -> None:
    pal = widget.palette()
    window, text = quiet(pal, Role.Window), quiet(pal, Role.Base, Role.Text)
    if pal.color(Role.WindowText) != window or pal.color(Role.Text) != text:
        pal.setColor(Role.WindowText, window)
        pal.setColor(Role.Text, text)
        widget.setPalette(pal)


def set_quiet(widget: QWidget) -> QWidget:
    """Draw ``widget``'s text in :func:`quiet`, kept right when the palette changes; returns ``widget``."""
    if not _FOLLOWER:
        _FOLLOWER.append(_QuietFollower())
    _apply_quiet(widget)
    widget.installEventFilter(_FOLLOWER[0])
    return widget
