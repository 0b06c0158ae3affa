"""Run a long job (packs, exports) in the background with a cancellable progress dialog.

The dialog appears only if the job is still running after ``delay_ms`` (500 ms by default), so quick jobs
never flash a window. Progress reports cross from the job thread to the GUI thread through a queued
signal; the worker never touches the dialog. Cancel calls :meth:`Progress.cancel`; the job then raises
:class:`Cancelled` at its next step and whatever it was writing is discarded by the job itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...domain.progress import Cancelled, Progress
from ..context import AppContext, tr


class _Bridge(QObject):
    progressed = Signal(int, int, str)


class BackgroundJob(QObject):
    """One running job: ``progress`` (cancel it), ``dialog`` (None until shown), ``done`` flag."""

    finished = Signal(object, object)  # result, error (error is None on success)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None, title: str, fn: Callable[[Progress], Any], *, delay_ms: int = 500
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._title = title
        self._bridge = _Bridge(self)
        self._bridge.progressed.connect(self._on_progress)
        self.progress = Progress(self._bridge.progressed.emit)
        self.dialog: QProgressDialog | None = None
        self.done = False
        self._last = (0, 0, "")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._timer.start(delay_ms)
        ctx.tasks.job(lambda: fn(self.progress), self._on_done, self._on_error)

    def cancel(self) -> None:
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(tr("Cancelling…"))

    def _show_dialog(self) -> None:
        if self.done:
            return
        dlg = QProgressDialog(self._title, tr("&Cancel"), 0, 0, self._parent)
        dlg.setObjectName("progressDialog")
        dlg.setWindowTitle(self._title)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setMinimumDuration(0)
        dlg.canceled.connect(self.cancel)
        self.dialog = dlg
        self._on_progress(*self._last)
        dlg.show()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self._last = (done, total, message)
        if self.dialog is not None and not self.progress.cancelled:
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(min(done, total) if total else 0)
            if message:
                self.dialog.setLabelText(message)

    def _finish(self, result: Any, error: BaseException | None) -> None:
        self.done = True
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.finished.emit(result, error)

    def _on_done(self, result: Any) -> None:
        self._finish(result, None)

    def _on_error(self, exc: BaseException) -> None:
        self._finish(None, exc)


def is_cancelled(exc: BaseException | None) -> bool:
    return isinstance(exc, Cancelled)
