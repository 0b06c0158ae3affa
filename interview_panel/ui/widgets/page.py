"""Base class for a page that shows part of the current campaign.

A page reloads (in the background) when the campaign changes or ``ctx.changed`` names something it
shows, but only while it is visible: hidden pages just remember that they are out of date. Results of a
load that finish after the user switched campaign are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ..context import AppContext


class CampaignPage(QWidget):
    loaded = Signal()  # emitted on the GUI thread once a reload's data is shown

    watches: tuple[str, ...] = ()
    needs_campaign = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = True
        self.loading = False  # a load() is on its way
        ctx.campaignChanged.connect(lambda _cid: self.mark_dirty())
        ctx.changed.connect(self._on_changed)

    def title(self) -> str:  # pragma: no cover - overridden
        return self.objectName()

    def _on_changed(self, what: str) -> None:
        if what in self.watches:
            self.mark_dirty()

    def mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._refresh()

    def setVisible(self, visible: bool) -> None:
        """Catch up when shown: switching to the page in the window, or ``show()`` on its own.

        Not ``showEvent``: Python receiving a QShowEvent builds QEvent's 179-member enum, which would be
        the first window's to pay (the campaigns page is one of these pages)."""
        super().setVisible(visible)
        if visible and self._dirty:
            self._refresh()

    def _refresh(self) -> None:
        self._dirty = False
        if self.needs_campaign and self.ctx.campaign_id is None:
            self.clear()
        else:
            self.reload()

    # -- for subclasses ----------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch what the page shows (use :meth:`load`)."""

    def clear(self) -> None:
        """Show nothing: no campaign is open."""

    def load(
        self,
        fn: Callable[[Any], Any],
        show: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn(store)`` on the database thread, then ``show(result)`` unless the campaign changed.

        A failure goes to ``on_error``, by default a message box over the page."""
        cid = self.ctx.campaign_id
        self.loading = True

        def done(result: Any) -> None:
            self.loading = False
            if cid == self.ctx.campaign_id:
                show(result)
                self.loaded.emit()

        def failed(exc: BaseException) -> None:
            self.loading = False
            if on_error is not None:
                on_error(exc)
            else:
                self.ctx.show_error(self, exc)

        self.ctx.db(fn, done, failed, parent=self)
