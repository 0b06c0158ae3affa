"""Typed operations: how a page asks the core to do something, and how the other pages hear of it.

The pattern (after Anki's ``CollectionOp``, ``aqt/operations``):

- An :class:`Op` is one call into the core: ``fn(store)`` plus what it changes, a :class:`Changed` flag.
  ``Op(lambda store: add_candidate(store, cid, c, actor="chair"), Changed.CANDIDATES)`` is an
  ``Op[Candidate]``; a read is an ``Op`` that changes nothing.
- ``ctx.run(op, on_done, initiator=self)`` runs ``fn`` on the database thread (calls run one at a time, in
  the order they were submitted: score writes keep the order they were typed in) and calls
  ``on_done(result)`` back on the GUI thread with the result typed as ``fn`` returned it. A failure goes to
  ``on_error`` (by default one message box over ``parent``), never a traceback.
- When an op that changes something succeeds, ``ctx.changed`` is emitted once with ``(changes, initiator)``.
  A page refreshes only when ``changes`` meets what it shows (``if changes & Changed.SCORES``;
  ``CampaignPage.watches`` is that mask), and never for a change it made itself (``initiator is self``):
  it already shows what it wrote, so reloading would only flicker and lose the user's place.
- Writes that must wait for nothing else, and jobs that run long (packs, exports, backups), go through the
  same :class:`~interview_panel.ui.tasks.TaskRunner`: ``ctx.tasks.db`` and ``ctx.tasks.job``.

The store type is only named for the type checker: the UI never imports ``interview_panel.storage``, and
the services are imported on the database thread by the functions an op calls.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from ..services.store import Store

T = TypeVar("T")


class Changed(enum.Flag):
    """What an operation changed; pages compare it with what they show (``changes & page.watches``)."""

    NOTHING = 0
    CAMPAIGNS = enum.auto()  # the list of campaigns (a campaign made, opened from a kit, erased)
    CAMPAIGN = enum.auto()  # the current campaign's profile, items, questions or rules
    CANDIDATES = enum.auto()  # candidates, their slots, status, checks or adjustments
    PANEL = enum.auto()  # panel members, the chair, PINs
    SCORES = enum.auto()  # members' scores, notes and submissions
    MODERATION = enum.auto()  # agreed scores and rationales
    EVERYTHING = CAMPAIGNS | CAMPAIGN | CANDIDATES | PANEL | SCORES | MODERATION

    @classmethod
    def of(cls, what: Changed | str) -> Changed:
        """``what`` as a flag; the names the GUI used before the flag ("scores", …) are still understood."""
        if isinstance(what, cls):
            return what
        return cls[str(what).upper()]


class Op(Generic[T]):
    """``fn(store)``, to run on the database thread, and what it changes when it succeeds."""

    __slots__ = ("changes", "fn")

    def __init__(self, fn: Callable[[Store], T], changes: Changed = Changed.NOTHING) -> None:
        self.fn = fn
        self.changes = changes

    def __repr__(self) -> str:
        return f"Op({getattr(self.fn, '__qualname__', self.fn)!r}, {self.changes!r})"


def read(fn: Callable[[Store], T]) -> Op[T]:
    """An op that only reads."""
    return Op(fn)
