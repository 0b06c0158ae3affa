"""Progress and cancellation for long jobs (sheets, exports), usable from the CLI, tests and the GUI.

A job calls ``progress.step(done, total, message)``; that raises :class:`Cancelled` once ``cancel()`` has
been called (from any thread). The GUI subclasses nothing: it passes a callback that emits a signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled the job; whatever it was writing has been discarded."""


class Progress:
    def __init__(self, callback: Callable[[int, int, str], None] | None = None) -> None:
        self._callback = callback
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def step(self, done: int, total: int, message: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        if self._callback is not None:
            self._callback(done, total, message)


NO_PROGRESS = Progress()
