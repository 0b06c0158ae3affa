"""Base class for a page that shows part of the current campaign.

A page reloads (in the background) when the campaign changes or ``ctx.changed`` names something it
shows (``watches``), but only while it is visible: hidden pages just remember that they are out of date.
A change the page made itself (an op it ran with :meth:`run`) does not reload it. Results of a load that
finish after the user switched campaign are dropped.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ..context import AppContext
from ..ops import Changed, Op
from ..startup.pages import LazyPage
from ..tasks import ErrorCallback

if TYPE_CHECKING:
    from ...services.store import Store

T = TypeVar("T")


class CampaignPage(LazyPage):
    loaded = Signal()  # emitted on the GUI thread once a reload's data is shown

    watches: Changed | tuple[Changed, ...] = Changed.NOTHING  # what the page shows
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

    def watched(self) -> Changed:
        """``watches`` as one flag (a tuple of flags is still accepted)."""
        w = self.watches
        return w if isinstance(w, Changed) else functools.reduce(operator.or_, w, Changed.NOTHING)

    def _on_changed(self, changes: Changed | str, initiator: object = None) -> None:
        if initiator is not self and Changed.of(changes) & self.watched():
            self.mark_dirty()

    def mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._refresh()

    def shown(self) -> None:
        """Catch up when shown: switching to the page in the window, or ``show()`` on its own."""
        if self._dirty:
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

    def run(
        self, op: Op[T], on_done: Callable[[T], object] | None = None, on_error: ErrorCallback | None = None
    ) -> None:
        """Run ``op`` for this page: errors over the page, and its changes announced as this page's own."""
        self.ctx.run(op, on_done, on_error, parent=self, initiator=self)

    def load(
        self,
        fn: Callable[[Store], T],
        show: Callable[[T], object],
        on_error: ErrorCallback | None = None,
    ) -> None:
        """Run ``fn(store)`` on the database thread, then ``show(result)`` unless the campaign changed.

        A failure goes to ``on_error``, by default a message box over the page."""
        cid = self.ctx.campaign_id
        self.loading = True

        def done(result: T) -> None:
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
