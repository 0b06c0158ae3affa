"""An undoable correction made by two service calls: one to do it, one to undo it.

``DbCommand(ctx, text, do, undo, changed, parent)``: ``do(store)`` / ``undo(store)`` run on the database
thread, then ``ctx.notify(changed)`` (a ``Changed`` flag) so the pages showing it reload. A refused action (the service raised)
is shown over ``parent`` and clears the undo stack, which no longer matches the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from ..context import AppContext
from ..ops import Changed

if TYPE_CHECKING:
    from ...services.store import Store


class DbCommand(QUndoCommand):
    def __init__(
        self,
        ctx: AppContext,
        text: str,
        do: Callable[[Store], object],
        undo: Callable[[Store], object],
        changed: Changed | str,
        parent: QWidget | None = None,
        on_done: Callable[[object], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._ctx, self._do, self._undo, self._changed, self._parent = ctx, do, undo, changed, parent
        self._on_done = on_done

    def _run(self, fn: Callable[[Store], object]) -> None:
        ctx = self._ctx

        def done(result: object) -> None:
            if self._on_done is not None:
                self._on_done(result)
            ctx.notify(self._changed)

        def failed(exc: BaseException) -> None:
            ctx.undo_stack.clear()
            ctx.show_error(self._parent, exc)
            ctx.notify(self._changed)

        ctx.db(fn, done, failed, parent=self._parent)

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)
