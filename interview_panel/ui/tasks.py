"""Background work for the GUI: one database thread, one job thread for long renders and exports.

Workers never touch widgets: results come back to the GUI thread through a queued signal, and callbacks
run there. Database calls run in submission order on one thread that owns its own store connection, so a
score typed during an interview is written in the order it was typed.
"""
from __future__ import annotations

import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

Callback = Callable[[Any], None]


class TaskRunner(QObject):
    """Runs ``fn(store)`` on the database thread and ``fn(progress)`` jobs on the job thread."""

    finished = Signal(object)  # the result of any task, after its callback ran (tests wait on this)
    failed = Signal(object)  # the exception of any task, after its error callback ran
    _deliver = Signal(object, object, object, object)  # on_done, on_error, result, error

    def __init__(self, open_store: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_store = open_store
        self._store: Any = None
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ip-db")
        self._jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ip-job")
        self._deliver.connect(self._on_deliver)
        self.pending = 0

    # -- database ------------------------------------------------------------------------------
    def _with_store(self, fn: Callable[[Any], Any]) -> Any:
        if self._store is None:
            self._store = self._open_store()
        return fn(self._store)

    def db(self, fn: Callable[[Any], Any], on_done: Callback | None = None,
           on_error: Callback | None = None) -> Future:
        """Run ``fn(store)`` on the database thread; ``on_done(result)`` / ``on_error(exc)`` on the GUI thread."""
        return self._submit(self._db, lambda: self._with_store(fn), on_done, on_error)

    def job(self, fn: Callable[[], Any], on_done: Callback | None = None,
            on_error: Callback | None = None) -> Future:
        """Run a long job (it carries its own Progress) on the job thread."""
        return self._submit(self._jobs, fn, on_done, on_error)

    def _submit(self, pool: ThreadPoolExecutor, fn: Callable[[], Any], on_done: Callback | None,
                on_error: Callback | None) -> Future:
        self.pending += 1

        def run() -> None:
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, never lost
                exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
                self._deliver.emit(on_done, on_error, None, exc)
            else:
                self._deliver.emit(on_done, on_error, result, None)

        return pool.submit(run)

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
        """Close the database connection (on its own thread) and wait for queued writes to finish."""
        def close() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None
        self._db.submit(close).result()

    def shutdown(self) -> None:
        self.close_store()
        self._db.shutdown(wait=True)
        self._jobs.shutdown(wait=True, cancel_futures=True)
