"""What every page shares: the open database, the current campaign, background tasks, undo, errors.

Pages talk to the core through typed operations, ``ctx.run(Op(lambda store: services.something(store, ...),
Changed.X), on_done, initiator=page)``, and refresh themselves when ``ctx.changed`` names what they show
(see ``ui/ops.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain.errors import InterviewPanelError
from .ops import Changed, Op
from .tasks import ErrorCallback, TaskRunner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ..services.backups import BackupResult
    from ..services.store import Store

T = TypeVar("T")

# The single flags under their old names (pages compare ``what == SCORES`` or test ``changes & SCORES``).
CAMPAIGNS = Changed.CAMPAIGNS
CAMPAIGN = Changed.CAMPAIGN
CANDIDATES = Changed.CANDIDATES
PANEL = Changed.PANEL
SCORES = Changed.SCORES
MODERATION = Changed.MODERATION


def tr(text: str) -> str:
    """Every user-visible string goes through here, so translation can be added later."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("InterviewPanel", text)


def user_message(exc: BaseException) -> str:
    """One readable sentence for an error: never a traceback."""
    from ..domain.progress import Cancelled

    if isinstance(exc, Cancelled):
        return tr("Cancelled. Nothing was written.")
    if isinstance(exc, InterviewPanelError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        if exc.errno == 28:
            return where + tr("the disk is full. Free some space and try again; nothing was lost.")
        return where + (exc.strerror or str(exc))
    return tr("Something went wrong ({kind}: {text}). Your data is unchanged.").format(
        kind=exc.__class__.__name__, text=str(exc) or "-"
    )


class AppContext(QObject):
    campaignChanged = Signal(object)  # campaign id (int) or None
    changed = Signal(object, object)  # (Changed, initiator: the object that ran the op, or None)
    statusMessage = Signal(str)
    healthChecked = Signal(object)  # after check_health: None when the database is whole, else the damage
    backedUp = Signal(object)  # an automatic backup finished: its BackupResult

    def __init__(self, db_path: str | Path, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from .settings import Settings

        self.db_path = Path(db_path)
        self.settings = settings or QSettings()
        self.prefs = Settings(self.settings)
        self.temporary = False  # a --demo database: never remembered as recent
        self.create: bool | None = None  # True for "New database": an empty file may be made into one
        self.damage: str | None = None  # set by check_health when the quick check fails
        self.quiet = False  # set when the database is unusable and the user was already told
        self.campaign_id: int | None = None
        self.member: str | None = None  # the panel member using this laptop (scoring page)
        self.resume_candidate: str | None = None  # candidate to reopen on the scoring page (once), from last time
        self.unlocked: set[tuple[int, str]] = set()  # (campaign, member) who gave their PIN in this window
        self.undo_stack = QUndoStack(self)
        self.tasks = TaskRunner(self._open_store, self)

    def _open_store(self) -> Store:
        """Open the database; runs on the database thread (services and storage are imported there)."""
        from ..services.store import open_store

        # the quick check is not run here: check_health queues it once the window is painted
        return open_store(self.db_path, create=self.create, check=False)

    def check_health(self, parent: QWidget | None = None) -> None:
        """Quick-check the database on the database thread (call it once the window is painted: on a big
        database this takes a while and must not delay the start). When whole, the automatic backup is
        taken on the job thread; when damaged, one message box says so and names the newest good
        backup, and every later read and write is refused with the same line."""

        def check(store: Store) -> str | None:
            return store.check()

        def checked(problem: str | None) -> None:
            if problem is not None:
                self._damaged(parent, problem)
            elif not self.temporary:
                self._backup(session=False)
            self.healthChecked.emit(problem)

        self.tasks.db(check, checked, lambda exc: self.show_error(parent, exc))

    def backup_after_session(self) -> None:
        """A moderation session ended (the chair left the moderation page): back up if anything changed."""
        if self.damage is None and not self.temporary:
            self._backup(session=True)

    def _backup(self, *, session: bool) -> None:
        path = self.db_path

        def run() -> BackupResult:
            from ..services.backups import BACKUP_EVERY, backup_file

            return backup_file(path, every=None if session else BACKUP_EVERY)

        def done(result: BackupResult) -> None:
            if result.problem:
                self.statusMessage.emit(result.problem)
            self.backedUp.emit(result)

        self.tasks.job(run, done, lambda exc: self.statusMessage.emit(user_message(exc)))

    def _damaged(self, parent: QWidget | None, problem: str) -> None:
        self.damage = problem
        self.statusMessage.emit(problem)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            tr("Interview Panel"),
            tr(
                "This database is damaged: nothing more will be saved to it or exported from it. "
                "Restore a backup (interview-panel db restore).\n\n{why}"
            ).format(why=problem),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("damagedBox")
        box.open()
        self.quiet = True  # the pages' loads now fail with the same line: the status bar is enough

    def set_campaign(self, campaign_id: int | None) -> None:
        if campaign_id != self.campaign_id:
            self.campaign_id = campaign_id
            self.undo_stack.clear()
            self.remember_place(campaign=campaign_id)
            self.campaignChanged.emit(campaign_id)

    def remember_place(self, **values: str | int | None) -> None:
        """Remember campaign, page, member or candidate for the next start (never for a --demo database)."""
        if not self.temporary:
            self.prefs.save_session(self.db_path, **values)

    def notify(self, what: Changed | str, initiator: object | None = None) -> None:
        """Tell every page that ``what`` changed (``initiator``: who changed it, so it need not reload)."""
        changes = Changed.of(what)
        if changes:
            self.changed.emit(changes, initiator)

    def run(
        self,
        op: Op[T],
        on_done: Callable[[T], object] | None = None,
        on_error: ErrorCallback | None = None,
        *,
        parent: QWidget | None = None,
        initiator: object | None = None,
    ) -> None:
        """Run ``op`` on the database thread; then, on the GUI thread, ``on_done(result)`` and (when the op
        changes anything) ``changed(op.changes, initiator)``. A failure goes to ``on_error``, by default a
        message box over ``parent``; a failed op changed nothing, so nothing is announced."""
        changes = op.changes

        def done(result: T) -> None:
            if on_done is not None:
                on_done(result)
            self.notify(changes, initiator)

        self.tasks.db(op.fn, done, on_error or self._error_box(parent))

    def db(
        self,
        fn: Callable[[Store], T],
        on_done: Callable[[T], object] | None = None,
        on_error: ErrorCallback | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        """Run ``fn(store)`` off the GUI thread, announcing nothing (``run(Op(fn))``); errors as for :meth:`run`."""
        self.tasks.db(fn, on_done, on_error or self._error_box(parent))

    def _error_box(self, parent: QWidget | None) -> ErrorCallback:
        return lambda exc: self.show_error(parent, exc)

    def show_error(self, parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
        self.statusMessage.emit(user_message(exc))
        if self.quiet:
            return
        from PySide6.QtWidgets import QMessageBox  # built on first use: not needed to start

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            title or tr("Interview Panel"),
            user_message(exc),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("errorBox")
        box.open()  # non-blocking: tests read it, users dismiss it

    def close(self) -> None:
        self.tasks.shutdown()


class SnapshotCommand(QUndoCommand, Generic[T]):
    """An undoable edit expressed as two snapshots: ``apply(new)`` on redo, ``apply(old)`` on undo.

    Pages keep immutable domain objects (QuestionSet, ScoringRules, RoleProfile, Candidate), so an edit is
    simply "this value replaced that one"; ``apply`` shows the value and saves it in the background.
    """

    def __init__(self, text: str, apply: Callable[[T], object], old: T, new: T) -> None:
        super().__init__(text)
        self._apply, self._old, self._new = apply, old, new

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)
