"""The one background-job helper of the GUI: a database thread, and a job thread for everything else.

- ``db(fn)``: ``fn(store)`` on the database thread. It owns the store's connection (sqlite binds it to the
  thread that opened it) and runs calls one at a time in submission order, so a score typed during an
  interview is written in the order it was typed. Pages reach it through typed ops (``ui/ops.py``).
- ``job(fn)``: long renders and exports (they carry their own Progress), automatic backups and start-up
  housekeeping such as the sweep of temporary files left by killed runs: anything that must not wait behind,
  or hold up, the database queue.

Workers never touch widgets: each result comes back to the GUI thread through a queued signal and its
callback runs there. ``pending`` counts work not yet delivered (tests wait for it to reach 0).

Both threads are Qt's own: a ``QThreadPool`` per role with one thread that never expires. Equal-priority
runnables on a one-thread pool run first in, first out. Work is handed over as plain callables
(``QThreadPool.start(callable)``), never as Python-wrapped ``QRunnable`` objects: Qt deletes a finished
runnable behind such a wrapper's back, and a later Qt object allocated at the same address could then come
back to Python as that stale wrapper. ``concurrent.futures`` is not used: Qt's pool already does the job,
and importing it would lengthen the start (see ``ui/startup``).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

if TYPE_CHECKING:
    from ..services.store import Store

T = TypeVar("T")
ErrorCallback = Callable[[BaseException], None]


def _single_thread_pool(name: str, parent: QObject) -> QThreadPool:
    """A pool with exactly one worker thread that is kept for the pool's whole life."""
    pool = QThreadPool(parent)
    pool.setObjectName(name)
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)  # never retire the thread: the store's connection is bound to it
    return pool


def _bind(callback: Callable[[T], object] | None, value: T) -> Callable[[], object] | None:
    return None if callback is None else lambda: callback(value)


class TaskRunner(QObject):
    """Runs ``fn(store)`` on the database thread and plain ``fn()`` jobs on the job thread."""

    finished = Signal(object)  # the result of any task, after its callback ran (tests wait on this)
    failed = Signal(object)  # the exception of any task, after its error callback ran
    _deliver = Signal(object, object, object)  # settle (runs the callback), result, error

    def __init__(self, open_store: Callable[[], Store], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_store = open_store
        self._store: Store | None = None
        self._db = _single_thread_pool("ip-db", self)
        self._jobs = _single_thread_pool("ip-job", self)
        self._deliver.connect(self._on_deliver)
        self.pending = 0

    # -- database ------------------------------------------------------------------------------
    def _with_store(self, fn: Callable[[Store], T]) -> T:
        if self._store is None:
            self._store = self._open_store()
        return fn(self._store)

    def db(
        self,
        fn: Callable[[Store], T],
        on_done: Callable[[T], object] | None = None,
        on_error: ErrorCallback | None = None,
    ) -> None:
        """Run ``fn(store)`` on the database thread; ``on_done(result)`` / ``on_error(exc)`` on the GUI thread.

        Calls run one at a time, in the order they were submitted.
        """
        self._submit(self._db, lambda: self._with_store(fn), on_done, on_error)

    def job(
        self, fn: Callable[[], T], on_done: Callable[[T], object] | None = None, on_error: ErrorCallback | None = None
    ) -> None:
        """Run ``fn()`` on the job thread (long jobs carry their own Progress); callbacks as for :meth:`db`."""
        self._submit(self._jobs, fn, on_done, on_error)

    def _submit(
        self,
        pool: QThreadPool,
        fn: Callable[[], T],
        on_done: Callable[[T], object] | None,
        on_error: ErrorCallback | None,
    ) -> None:
        self.pending += 1

        def run() -> None:
            try:
                result = fn()
            except BaseException as exc:
                exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
                self._deliver.emit(_bind(on_error, exc), None, exc)
            else:
                self._deliver.emit(_bind(on_done, result), result, None)

        pool.start(run)  # the callable overload: Qt owns (and deletes) the runnable; no Python wrapper

    @Slot(object, object, object)
    def _on_deliver(self, settle: Callable[[], object] | None, result: object, error: BaseException | None) -> None:
        self.pending -= 1
        if settle is not None:
            settle()
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)

    def close_store(self) -> None:
        """Close the database connection (on its own thread) once the writes queued before it are done."""
        closed = threading.Event()

        def close() -> None:
            try:
                if self._store is not None:
                    self._store.close()
                    self._store = None
            finally:
                closed.set()

        self._db.start(close)
        closed.wait()

    def shutdown(self) -> None:
        """Finish every queued database call and close the store; drop queued jobs, finish the running one."""
        self.close_store()
        self._db.waitForDone()
        self._jobs.clear()
        self._jobs.waitForDone()
