"""Asks before a window closes while a page holds work that is not saved.

``unsaved()`` gives the reasons (empty: nothing to ask); ``before()`` runs first at every close (a page
writes what is waiting). With reasons, the close is refused and a non-blocking box offers Retry (``retry()``),
Close without them (the window then closes) or Cancel. Install it on the page's window with :meth:`watch`
once the page is in it; a page that is a window of its own calls :meth:`may_close` from ``closeEvent``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from .scoring_notices import unsaved_box


class CloseGuard(QObject):
    def __init__(
        self,
        owner: QWidget,
        *,
        unsaved: Callable[[], list[str]],
        retry: Callable[[], None],
        before: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._unsaved, self._retry, self._before = unsaved, retry, before
        self._watched: QWidget | None = None
        self._close_anyway = False
        self.box: QMessageBox | None = None  # the open question, if any

    def watch(self) -> None:
        """Guard the owner's window (nothing to do when the owner is its own window)."""
        window = self._owner.window()
        if window is not self._owner and window is not self._watched:
            window.installEventFilter(self)
            self._watched = window

    def may_close(self) -> bool:
        """True when the window may close now; else the member is asked (once) and False."""
        self._before()
        reasons = self._unsaved()
        if self._close_anyway or not reasons:
            return True
        if self.box is None:
            box, retry, discard = unsaved_box(self._owner, reasons)
            box.finished.connect(lambda _r: self._answered(box, retry, discard))
            self.box = box
            box.open()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Close and not self.may_close():
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _answered(self, box: QMessageBox, retry: QPushButton, discard: QPushButton) -> None:
        self.box = None
        box.deleteLater()
        if box.clickedButton() is retry:
            self._retry()
        elif box.clickedButton() is discard:
            self._close_anyway = True
            self._owner.window().close()
