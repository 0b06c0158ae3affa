"""Start the desktop app: pick the database, build the context and window, run the event loop.

``run_app(db, demo)`` is what ``interview-panel`` (no subcommand) calls. A database that cannot be
opened at start (newer schema, not a database) gives a message box and exit status 2; opening another
one from the File menu that fails leaves the current one open. What the first window defers, and why,
is in ``ui/startup``.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from .context import AppContext, tr, user_message
from .main_window import MainWindow
from .ops import Changed, Op
from .startup.first_window import EXIT_WHEN_READY_ENV, probe_campaigns, quit_when_shown, report_ready

if TYPE_CHECKING:
    from ..services.campaign_list import CampaignSummary

__all__ = ["EXIT_BAD_DB", "EXIT_WHEN_READY_ENV", "AppController", "run_app"]

EXIT_BAD_DB = 2


class AppController(QObject):
    """Owns the current (context, window) pair and replaces it when another database is opened."""

    def __init__(self, app: QApplication, settings: QSettings | None = None) -> None:
        super().__init__()
        self.app = app
        self.settings = settings
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self.exit_code = 0
        self._temp_dirs: list[str] = []

    # -- opening -----------------------------------------------------------------------------
    def start(self, db: str | None, demo: bool) -> None:
        """Show the window at once and load the campaign list in the background."""
        if demo:
            from ..exports import scratch  # only for --demo

            # in the process's private scratch folder: removed on exit (SIGTERM included), swept after a kill
            folder = str(scratch.new_dir("demo-"))
            self._temp_dirs.append(folder)
            path = Path(folder) / "demo.sqlite"
        elif db:
            path = Path(db).expanduser()
        else:
            from .settings import Settings

            path = Settings(self.settings).last_db()
        ctx = self._new_context(path, temporary=demo)
        place = {} if demo else ctx.prefs.session(ctx.db_path)  # read before the new window records its own
        # queued before the pages' own loads, so a bad database is reported once, by this probe; the
        # campaign list it fetches is what the campaigns page shows (one query, not two)
        ctx.tasks.db(
            probe_campaigns, lambda rows: self._opened(ctx, demo, rows, place), lambda exc: self._start_failed(ctx, exc)
        )
        self._install(ctx)
        quit_when_shown(self.app)

    def _new_context(self, path: Path, *, temporary: bool) -> AppContext:
        ctx = AppContext(path, self.settings)
        ctx.temporary = temporary
        return ctx

    def _install(self, ctx: AppContext, campaigns: list[CampaignSummary] | None = None) -> None:
        """Show a new window on ``ctx``; ``campaigns`` is the probe's list (None: it is still coming)."""
        old_ctx, old_window = self.ctx, self.window
        window = MainWindow(ctx, campaigns_given=True)
        if campaigns is not None:
            window.campaigns_page().show_rows(campaigns)
        window.openDatabaseRequested.connect(self.open_database)
        window.newDatabaseRequested.connect(self.new_database)
        window.restore_state()
        self.ctx, self.window = ctx, window
        window.show()
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_ctx is not None:
            old_ctx.close()

    def _opened(
        self, ctx: AppContext, demo: bool, campaigns: list[CampaignSummary], place: dict[str, str] | None = None
    ) -> None:
        if self.window is not None and self.ctx is ctx:
            self.window.campaigns_page().show_rows(campaigns)
            if place:
                self._resume(ctx, campaigns, place)
        ctx.prefs.remember_db(ctx.db_path, temporary=ctx.temporary)
        # the window is painted by now: quick-check (and back up) in the background
        QTimer.singleShot(0, lambda: ctx.check_health(self.window))
        if demo:
            from ..services.demo import create_demo_campaign

            def made(cid: int) -> None:
                ctx.set_campaign(cid)
                if self.window is not None:
                    self.window.show_page("items")
                self._ready()

            ctx.run(Op(create_demo_campaign, Changed.CAMPAIGNS), made, parent=self.window)
        else:
            self._ready()

    def _resume(self, ctx: AppContext, campaigns: list[CampaignSummary], place: dict[str, str]) -> None:
        """Reopen the campaign, page, member and candidate shown last time on this database (those that
        still exist; the scoring page checks the member and candidate against its own lists)."""
        try:
            cid = int(place.get("campaign", ""))
        except ValueError:
            return
        if not any(c.id == cid for c in campaigns):
            return
        ctx.member = place.get("member") or None
        ctx.resume_candidate = place.get("candidate") or None
        ctx.set_campaign(cid)
        key = place.get("page", "")
        if self.window is not None and key and key != "campaigns":
            self.window.show_page(key)
        ctx.remember_place(**{k: v for k, v in place.items() if k != "campaign"})

    def _ready(self) -> None:
        """The window shows the campaign list (the probe's rows were put in the page just before)."""
        report_ready(self.app)

    def _start_failed(self, ctx: AppContext, exc: BaseException) -> None:
        """The database given at start cannot be used: say why, then exit with status 2."""
        self.exit_code = EXIT_BAD_DB
        ctx.quiet = True  # the pages' loads fail the same way: one message is enough
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            tr("Interview Panel"),
            tr("Cannot open the database.\n\n{why}").format(why=user_message(exc)),
            QMessageBox.StandardButton.Close,
            self.window,
        )
        box.setObjectName("startErrorBox")
        box.finished.connect(lambda _r: self.app.exit(EXIT_BAD_DB))
        print(f"interview-panel: {user_message(exc)}", file=sys.stderr)
        if os.environ.get(EXIT_WHEN_READY_ENV):
            QTimer.singleShot(0, lambda: self.app.exit(EXIT_BAD_DB))
        box.open()

    def new_database(self, path: Path) -> None:
        """File > New database: like opening, but an empty file there may be made into a database."""
        self.open_database(path, create=True)

    def open_database(self, path: Path, *, create: bool | None = None) -> None:
        """Switch to another database (File menu); on failure keep the current one and say why.

        An empty or foreign file is refused (``create=True``, from "New database", may fill an empty one).
        """
        path = Path(path)
        if self.ctx is not None and path.resolve() == self.ctx.db_path.resolve():
            return
        ctx = self._new_context(path, temporary=False)
        ctx.create = create

        def ok(campaigns: list[CampaignSummary]) -> None:
            self._install(ctx, campaigns)
            ctx.prefs.remember_db(path)
            QTimer.singleShot(0, lambda: ctx.check_health(self.window))

        def failed(exc: BaseException) -> None:
            ctx.close()
            if self.ctx is not None:
                self.ctx.prefs.forget_db(path)
                self.ctx.show_error(self.window, exc, tr("Cannot open {name}").format(name=path.name))

        ctx.tasks.db(probe_campaigns, ok, failed)

    def housekeeping(self, install_signals: Callable[[QApplication], None]) -> None:
        """First turn of the event loop: signal handling, and the scratch sweep queued on the job thread
        (the context's shutdown waits for a running job, so the sweep is never cut short)."""
        install_signals(self.app)
        if self.ctx is not None:
            self.ctx.tasks.job(_sweep_scratch)

    def shutdown(self) -> None:
        if self.ctx is not None:
            self.ctx.close()
            self.ctx.prefs.sync()
            self.ctx = None
        if self._temp_dirs:
            import shutil  # only after --demo

            for folder in self._temp_dirs:
                shutil.rmtree(folder, ignore_errors=True)


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("InterviewPanel")
    app.setApplicationName("interview-panel")
    app.setApplicationDisplayName("Interview Panel")
    return app


def no_display_reason() -> str | None:
    """Why no window can be shown here (a Linux session without X11 or Wayland), or None."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display found (DISPLAY and WAYLAND_DISPLAY are not set): run the app in a desktop session, "
        "or use the command-line subcommands (interview-panel --help)"
    )


def quit_on_signals(app: QApplication) -> None:
    """SIGTERM, SIGHUP and SIGINT close the app the normal way (the event loop ends, the database is closed,
    the --demo folder and the scratch folder are removed) instead of killing it mid-way.

    Qt's event loop runs no Python code while idle, so the signal wakes it through a pipe
    (``signal.set_wakeup_fd`` and a QSocketNotifier); the Python handler then runs and quits the loop.
    """
    import signal

    if threading.current_thread() is not threading.main_thread():
        return
    if os.name == "posix":
        read_fd, write_fd = os.pipe()
        os.set_blocking(read_fd, False)
        os.set_blocking(write_fd, False)

        def drain() -> None:  # running Python code here lets the interpreter call the handler below
            try:
                os.read(read_fd, 64)
            except OSError:
                pass
    else:  # pragma: no cover - Windows: set_wakeup_fd needs a socket
        import socket

        rsock, wsock = socket.socketpair()
        rsock.setblocking(False)
        wsock.setblocking(False)
        read_fd, write_fd = rsock.fileno(), wsock.fileno()
        app._ip_signal_sockets = (rsock, wsock)  # type: ignore[attr-defined]  # kept open with the app

        def drain() -> None:
            try:
                rsock.recv(64)
            except OSError:
                pass

    signal.set_wakeup_fd(write_fd)
    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, app)
    notifier.activated.connect(drain)
    app._ip_signal_notifier = notifier  # type: ignore[attr-defined]  # kept alive with the app
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda _sig, _frame: app.quit())


def _sweep_scratch() -> None:
    from ..exports import scratch

    scratch.sweep()


def run_app(db: str | None, demo: bool) -> int:
    """Run the desktop app until the window closes; returns the process exit status."""
    reason = no_display_reason()
    if reason is not None:  # Qt would abort the process with a long plug-in message instead
        print(f"interview-panel: {reason}", file=sys.stderr)
        return EXIT_BAD_DB
    app = make_application()
    controller = AppController(app)
    controller.start(db, demo)
    # Off the path to a usable window: signal handling on the first turn of the event loop, and the sweep
    # of temporary files (exports, --demo databases) that killed runs left, on the job thread.
    QTimer.singleShot(0, lambda: controller.housekeeping(quit_on_signals))
    rc = app.exec()
    window = controller.window
    if window is not None and window.isVisible():
        window.close()
    controller.shutdown()
    return controller.exit_code or rc
