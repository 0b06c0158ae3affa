"""Background work for the GUI: one database thread, one job thread for long renders and exports.

Workers never touch widgets: results come back to the GUI thread through a queued signal, and callbacks
run there. Database calls run in submission order on one thread that owns its own store connection, so a
score typed during an interview is written in the order it was typed.

Both threads are Qt's own: a ``QThreadPool`` per role with one thread that never expires (the sqlite
connection belongs to the thread that opened it). Equal-priority runnables on a one-thread pool run
first in, first out. Work is handed over as plain callables (``QThreadPool.start(callable)``), never as
Python-wrapped ``QRunnable`` objects: Qt deletes a finished runnable behind such a wrapper's back, and a
later Qt object allocated at the same address could then come back to Python as that stale wrapper.
Qt's pool is used rather than ``concurrent.futures``, which costs ~5 ms to import at start-up for nothing
Qt does not already have.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

Callback = Callable[[Any], None]


def _single_thread_pool(name: str, parent: QObject) -> QThreadPool:
    """A pool with exactly one worker thread that is kept for the pool's whole life."""
    pool = QThreadPool(parent)
    pool.setObjectName(name)
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)  # never retire the thread: the store's connection is bound to it
    return pool


class TaskRunner(QObject):
    """Runs ``fn(store)`` on the database thread and ``fn(progress)`` jobs on the job thread."""

    finished = Signal(object)  # the result of any task, after its callback ran (tests wait on this)
    failed = Signal(object)  # the exception of any task, after its error callback ran
    _deliver = Signal(object, object, object, object)  # on_done, on_error, result, error

    def __init__(self, open_store: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_store = open_store
        self._store: Any = None
        self._db = _single_thread_pool("ip-db", self)
        self._jobs = _single_thread_pool("ip-job", self)
        self._deliver.connect(self._on_deliver)
        self.pending = 0

    # -- database ------------------------------------------------------------------------------
    def _with_store(self, fn: Callable[[Any], Any]) -> Any:
        if self._store is None:
            self._store = self._open_store()
        return fn(self._store)

    def db(self, fn: Callable[[Any], Any], on_done: Callback | None = None, on_error: Callback | None = None) -> None:
        """Run ``fn(store)`` on the database thread; ``on_done(result)`` / ``on_error(exc)`` on the GUI thread.

        Calls run one at a time, in the order they were submitted.
        """
        self._submit(self._db, lambda: self._with_store(fn), on_done, on_error)

    def job(self, fn: Callable[[], Any], on_done: Callback | None = None, on_error: Callback | None = None) -> None:
        """Run a long job (it carries its own Progress) on the job thread."""
        self._submit(self._jobs, fn, on_done, on_error)

    def _submit(
        self, pool: QThreadPool, fn: Callable[[], Any], on_done: Callback | None, on_error: Callback | None
    ) -> None:
        self.pending += 1

        def run() -> None:
            try:
                result = fn()
            except BaseException as exc:
                exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
                self._deliver.emit(on_done, on_error, None, exc)
            else:
                self._deliver.emit(on_done, on_error, result, None)

        pool.start(run)  # the callable overload: Qt owns (and deletes) the runnable; no Python wrapper

    @Slot(object, object, object, object)
    def _on_deliver(self, on_done: Callback | None, on_error: Callback | None, result: Any, error: Any) -> None:
        self.pending -= 1
        if error is not None:
            if on_error is not None:
                on_error(error)
            self.failed.emit(error)
        else:
            if on_done is not None:
                on_done(result)
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
