"""One button per point of the scoring scale, each labelled with its anchor.

A click or a digit key (while the control has focus) chooses a score; ``scoreChosen`` carries it
(``None`` for "clear"). The control only shows the value it is given with :meth:`set_value`: the page
decides whether a choice is accepted (it is not once the member has submitted).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ...domain.scoring import SCALE_1_5, Scale
from ..context import tr
from .colours import set_quiet


class ScoreButtons(QWidget):
    """A row of checkable score buttons with the scale's anchors beneath, plus a Clear button."""

    scoreChosen = Signal(object)  # int, or None to clear

    def __init__(self, scale: Scale = SCALE_1_5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreButtons")
        self.setAccessibleName(tr("Score"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(6)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # we manage the checked state ourselves (allows "none")
        self._group.idClicked.connect(self._choose)  # one connection, no per-button lambdas
        self._buttons: dict[int, QPushButton] = {}
        self._value: int | None = None
        self._read_only = False
        self.clear_button = QPushButton(tr("Clear"), self)
        self.clear_button.setObjectName("clearScore")
        self.clear_button.setAccessibleName(tr("Clear the score"))
        self.clear_button.setToolTip(tr("Remove the score for this item (Delete)"))
        self.clear_button.clicked.connect(self._clear)
        self._scale: Scale | None = None
        self.set_scale(scale)

    # -- public --------------------------------------------------------------------------------
    @property
    def scale(self) -> Scale:
        assert self._scale is not None
        return self._scale

    def set_scale(self, scale: Scale) -> None:
        """Rebuild the buttons for ``scale`` (1–5 or 1–7); nothing to do when it is the current scale."""
        if self._scale == scale:
            return
        self._scale = scale
        for b in list(self._buttons.values()):
            self._group.removeButton(b)
            b.deleteLater()
        while self._layout.count():
            item = self._layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None and w is not self.clear_button:
                w.deleteLater()
        self._buttons = {}
        for col, n in enumerate(scale.points):
            anchor = scale.anchor(n)
            b = QPushButton(str(n), self)
            b.setObjectName(f"score{n}")
            b.setCheckable(True)
            b.setMinimumSize(44, 36)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setToolTip(tr("{n}: {anchor} (key {n})").format(n=n, anchor=anchor))
            b.setAccessibleName(tr("Score {n}: {anchor}").format(n=n, anchor=anchor))
            self._group.addButton(b, n)
            self._buttons[n] = b
            lab = QLabel(anchor, self)
            lab.setWordWrap(True)
            lab.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            font = lab.font()  # a little smaller than the user's font, never a fixed size
            font.setPointSizeF(font.pointSizeF() * 0.9)
            lab.setFont(font)
            set_quiet(lab)  # readable in light and dark palettes (Mid is not)
            self._layout.addWidget(b, 0, col)
            self._layout.addWidget(lab, 1, col)
        self._layout.addWidget(self.clear_button, 0, len(scale.points))
        self._refresh()

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        self._value = value
        self._refresh()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._refresh()

    def button(self, n: int) -> QPushButton:
        return self._buttons[n]

    # -- internals -----------------------------------------------------------------------------
    def _clear(self) -> None:
        self._choose(None)

    def _choose(self, n: int | None) -> None:
        if self._read_only:
            self._refresh()
            return
        self.scoreChosen.emit(n)

    def _refresh(self) -> None:
        for n, b in self._buttons.items():
            b.setChecked(n == self._value)
            b.setEnabled(not self._read_only)
        self.clear_button.setEnabled(not self._read_only and self._value is not None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and self.scale.contains(int(text)):
            self._choose(int(text))
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._choose(None)
            event.accept()
            return
        super().keyPressEvent(event)
