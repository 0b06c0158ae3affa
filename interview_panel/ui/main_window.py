"""The main window: a navigation list and a stack of pages, menus, title and drag-and-drop.

It only assembles: every page is its own module and talks to the core through the AppContext.
Switching database is the app's job (``openDatabaseRequested``), not the window's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMenu, QStackedWidget, QWidget

from .context import AppContext, tr
from .ops import Changed
from .startup import deferred
from .startup.decor import icon, plain_action
from .startup.pages import PAGES, PageSpec, page_class, page_row
from .widgets.look import finish_nav, style_nav
from .widgets.nav_list import NavList

if TYPE_CHECKING:  # annotations only; the icon classes are imported when the icons are drawn (after start-up)
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QMoveEvent, QResizeEvent
    from PySide6.QtWidgets import QDialog

    from ..domain.campaign import Campaign
    from ..services.store import Store
    from .pages.campaigns import CampaignsPage

__all__ = ["PAGES", "MainWindow", "PageSpec"]

PROFILE_SUFFIXES = (".docx", ".txt")
GEOMETRY_SAVE_MS = 500  # window geometry is saved this long after the last move or resize
CANDIDATE_SUFFIXES = (".csv", ".xlsx")
KIT_SUFFIX = ".ipkit"
PACK_SUFFIX = ".ippack"


class MainWindow(QMainWindow):
    openDatabaseRequested = Signal(object)  # Path
    newDatabaseRequested = Signal(object)  # Path

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, campaigns_given: bool = False) -> None:
        """``campaigns_given``: the caller hands the campaigns page its rows (``show_rows``), so the page must
        not query them itself when it is first shown (the app's start-up probe already fetches them)."""
        super().__init__(parent)
        self.ctx = ctx
        self._campaigns_given = campaigns_given
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.campaign_name: str | None = None
        self.pages: dict[str, QWidget] = {}  # created on first show
        self._icons_set = False
        self._geometry_timer: QTimer | None = None  # made on the first move or resize (see _geometry_changed)

        self.nav = NavList()  # not QListWidget: see widgets/nav_list.py
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(tr("Pages"))
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        for spec in PAGES:
            self.stack.addWidget(QWidget())  # placeholder until the page is first shown
            self.nav.add(tr(spec.title))
        self.nav.currentRowChanged.connect(self._nav_changed)
        # padded rows with room for the icons too: they are set once the campaign list is shown (set_icons)
        style_nav(self.nav)
        self.nav.setFixedWidth(
            max(self.nav.sizeHintForColumn(0), self.fontMetrics().averageCharWidth() * 20)
            + self.fontMetrics().averageCharWidth() * 4
        )

        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 0)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_db = QLabel()
        self.statusBar().addPermanentWidget(self.status_db)
        ctx.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 8000))
        ctx.campaignChanged.connect(self._campaign_changed)
        ctx.changed.connect(self._on_changed)
        self._build_menus()
        self.nav.setCurrentRow(0)
        self._update_nav()
        self._update_title()
        size = self.fontMetrics().averageCharWidth()
        self.resize(size * 170, self.fontMetrics().lineSpacing() * 42)

    def _first_list_shown(self) -> None:
        """Decoration comes last: the icons are drawn once the campaign list is on screen."""
        if not self._icons_set:
            self._icons_set = True
            QTimer.singleShot(0, self.set_icons)

    def set_icons(self) -> None:
        """Give the navigation rows and the Go menu their icons (drawn after the list: see ui/startup)."""
        from PySide6.QtGui import QPalette

        self._icons_set = True
        finish_nav(self.nav)
        selected = self.palette().color(QPalette.ColorRole.HighlightedText).name()
        self.setWindowIcon(icon("app"))  # the taskbar's and title bar's (the Windows program has it built in)
        for n, spec in enumerate(PAGES):
            ico = icon(spec.icon, selected)
            item = self.nav.item(n)
            if item is not None:
                item.setIcon(ico)
            self.go_actions[n].setIcon(ico)

    # -- menus -------------------------------------------------------------------------------
    def _add(
        self, menu: QMenu, text: str, slot: Callable[[], object], keys: QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        """A plain action in ``menu`` running ``slot``; ``keys`` a standard key or a key string."""
        action = plain_action(text, self)
        if isinstance(keys, str):
            action.setShortcuts(QKeySequence.listFromString(keys))
        elif keys is not None:
            action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self._build_file_menu(mb.addMenu(tr("&File")))
        self.edit_menu = mb.addMenu(tr("&Edit"))
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        # the Edit menu ends with the current page's own actions (shortcuts.page_action) and their keys
        self._page_menu_items: list[QAction] = []
        self.edit_menu.aboutToShow.connect(self._fill_page_menu)

        go_menu = mb.addMenu(tr("&Go"))
        self.go_actions: list[QAction] = []
        for n, spec in enumerate(PAGES):  # each icon comes with the navigation's (set_icons)
            keys = f"Ctrl+{(n + 1) % 10}" if n < 10 else None
            self.go_actions.append(self._add(go_menu, tr(spec.title), functools.partial(self._go, n), keys))
        self.addActions(self.go_actions)

        help_menu = mb.addMenu(tr("&Help"))
        self.shortcuts_action = self._add(
            help_menu, tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents
        )
        self._add(help_menu, tr("&About Interview Panel"), self._about)

    def _build_file_menu(self, menu: QMenu) -> None:
        ctx, add = self.ctx, self._add
        self.new_campaign_action = add(
            menu,
            tr("&New campaign from role profile…"),
            lambda: deferred.start_new_campaign(ctx, self),
            QKeySequence.StandardKey.New,
        )
        self.import_action = add(menu, tr("&Import candidates…"), self._import_candidates, "Ctrl+I")
        self.save_action = add(menu, tr("&Save this page"), self.save_current_page, QKeySequence.StandardKey.Save)
        menu.addSeparator()
        self.open_kit_action = add(menu, tr("Open &member kit…"), lambda: deferred.open_member_kit(ctx, self))
        self.hand_in_action = add(menu, tr("&Hand in scores…"), lambda: deferred.hand_in_scores(ctx, self))
        self.receive_action = add(menu, tr("Rece&ive scores…"), lambda: deferred.receive_scores(ctx, self))
        self.make_kit_action = add(menu, tr("Make member &kit…"), lambda: deferred.make_member_kit(ctx, self))
        self.pin_action = add(menu, tr("Set or change a &PIN…"), lambda: deferred.change_pin(ctx, self))
        self.erase_action = add(menu, tr("&Erase personal data…"), lambda: deferred.erase_personal_data(ctx, self))
        menu.addSeparator()
        add(menu, tr("&Open database…"), self._open_database, QKeySequence.StandardKey.Open)
        add(menu, tr("New &database…"), self._new_database)
        self.recent_menu = menu.addMenu(tr("&Recent databases"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addSeparator()
        add(menu, tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

    def _import_candidates(self) -> None:
        if self.ctx.campaign_id is not None:
            deferred.open_import(self.ctx, self)

    def _fill_page_menu(self) -> None:
        """Edit menu: Undo, Redo, then the current page's actions (each with its keys)."""
        from .shortcuts import page_actions

        for action in self._page_menu_items:
            self.edit_menu.removeAction(action)
        actions = page_actions(self.current_page())
        self._page_menu_items = [self.edit_menu.addSeparator(), *actions] if actions else []
        for action in actions:
            self.edit_menu.addAction(action)

    def save_current_page(self) -> None:
        """Ctrl+S: save the current page's form (``save_form()``, else ``save()``); pages without a form
        save every change as it is made."""
        page = self.current_page()
        save = getattr(page, "save_form", None) or getattr(page, "save", None)
        if callable(save):
            save()
        else:
            self.statusBar().showMessage(tr("Nothing to save here: this page saves each change as you make it."), 5000)

    def show_shortcuts(self) -> QDialog:
        """Help ▸ Keyboard shortcuts: every page is built so the sheet lists the keys that really work."""
        from .shortcuts import shortcut_rows, shortcuts_dialog

        pages = {tr(spec.title): self.page(spec.key) for spec in PAGES}
        dlg = shortcuts_dialog(self, shortcut_rows(self.menuBar(), pages))
        dlg.open()
        return dlg

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.ctx.prefs.recent_dbs()
        for n, path in enumerate(recent, start=1):
            act = self.recent_menu.addAction(f"&{n} {path.name} — {path.parent}")
            act.triggered.connect(lambda _=False, p=path: self.openDatabaseRequested.emit(p))
        if not recent:
            self.recent_menu.addAction(tr("(none yet)")).setEnabled(False)

    def _open_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs are imported when first used, not at start-up

        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Open a campaign database"),
            str(self.ctx.db_path.parent),
            tr("Interview Panel databases (*.sqlite *.db);;All files (*)"),
        )
        if path:
            self.openDatabaseRequested.emit(Path(path))

    def _new_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, tr("New campaign database"), str(self.ctx.db_path.parent), tr("Interview Panel databases (*.sqlite)")
        )
        if path:
            self.newDatabaseRequested.emit(Path(path))

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .. import __version__

        box = QMessageBox(
            QMessageBox.Icon.Information,
            tr("About Interview Panel"),
            tr(
                "Interview Panel {v}\nQuestion sheets, panel scoring, moderation and HR exports "
                "for police staff interviews.\n\nDatabase: {db}"
            ).format(v=__version__, db=self.ctx.db_path),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()

    # -- pages -------------------------------------------------------------------------------
    def show_page(self, key: str) -> QWidget:
        """Switch to page ``key`` (creating it on first use) and return it."""
        self._go(page_row(key))
        return self.page(key)

    def page(self, key: str) -> QWidget:
        """The page ``key``, created (its module imported) the first time it is needed."""
        if key not in self.pages:
            row = page_row(key)
            page = page_class(PAGES[row])(self.ctx)
            page.setObjectName(page.objectName() or f"{key}Page")
            if key == "campaigns":
                from .pages.campaigns import CampaignsPage  # imported by page_class just now

                assert isinstance(page, CampaignsPage)
                self._wire_campaigns(page)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages[key] = page
        return self.pages[key]

    def _wire_campaigns(self, page: CampaignsPage) -> None:
        if self._campaigns_given:
            page.expect_rows()  # before the stack shows it: showing a page starts its load
        page.openRequested.connect(lambda _cid: self.show_page("items"))
        page.loaded.connect(self._first_list_shown)

    def campaigns_page(self) -> CampaignsPage:
        """The campaigns page (the app hands it the start-up probe's rows)."""
        from .pages.campaigns import CampaignsPage

        page = self.page("campaigns")
        assert isinstance(page, CampaignsPage)
        return page

    def current_page(self) -> QWidget:
        page = self.stack.currentWidget()
        assert page is not None  # the stack holds a widget for every row
        return page

    def _go(self, row: int) -> None:
        item = self.nav.item(row)
        if item is not None and item.isEnabled():
            self.nav.setCurrentRow(row)
        elif item is not None:
            self.statusBar().showMessage(tr("Open a campaign first (Campaigns page)."), 5000)

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        if PAGES[row].key == "moderation" and self.ctx.campaign_id is not None:
            cid = self.ctx.campaign_id
            back = self.stack.currentIndex()
            self.nav.blockSignals(True)  # stay where we are until the chair's PIN (if any) is given
            self.nav.setCurrentRow(back)
            self.nav.blockSignals(False)
            self._unlock_moderation(cid, row)
            return
        self._show_row(row)

    def _show_row(self, row: int) -> None:
        self.page(PAGES[row].key)
        self.stack.setCurrentIndex(row)
        if self.ctx.campaign_id is not None:
            self.ctx.remember_place(page=PAGES[row].key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)

    def _unlock_moderation(self, cid: int, row: int) -> None:
        """Moderation opens only once the chair has given their PIN in this window (when they have one)."""
        from .dialogs.pin import require_pin

        def chair_of(store: Store) -> str | None:
            from ..services.campaigns import list_members

            return next((m.name for m in list_members(store, cid) if m.chair), None)

        def known(chair: str | None) -> None:
            if self.ctx.campaign_id != cid:
                return
            if chair is None:
                self._show_row(row)
                return
            require_pin(
                self.ctx,
                self,
                cid,
                chair,
                tr("Enter the chair's PIN ({name}) to open moderation.").format(name=chair),
                lambda _pin: self._show_row(row) if self.ctx.campaign_id == cid else None,
            )

        self.ctx.db(chair_of, known, parent=self)

    def _update_nav(self) -> None:
        has = self.ctx.campaign_id is not None
        for n, spec in enumerate(PAGES):
            enabled = has or not spec.needs_campaign
            item = self.nav.item(n)
            if item is not None:
                item.setEnabled(enabled)
            self.go_actions[n].setEnabled(enabled)
        if not has:
            self.nav.setCurrentRow(0)

    # -- title -------------------------------------------------------------------------------
    def _campaign_changed(self, _cid: int | None) -> None:
        self._update_nav()
        self.campaign_name = None
        self._update_title()
        self._fetch_title()

    def _on_changed(self, changes: Changed) -> None:
        if changes & (Changed.CAMPAIGN | Changed.CAMPAIGNS):
            self._fetch_title()

    def _fetch_title(self) -> None:
        cid = self.ctx.campaign_id
        if cid is None:
            return
        from ..services.campaigns import get_campaign

        def done(c: Campaign) -> None:
            if self.ctx.campaign_id == cid:
                self.campaign_name = c.name
                self._update_title()

        self.ctx.tasks.db(lambda store: get_campaign(store, cid), done, lambda _e: None)

    def _update_title(self) -> None:
        db = self.ctx.db_path.name + (tr(" (demo)") if self.ctx.temporary else "")
        parts = [p for p in (self.campaign_name, db, tr("Interview Panel")) if p]
        self.setWindowTitle(" — ".join(parts))
        self.status_db.setText(tr("Database: {path}").format(path=self.ctx.db_path))

    # -- drag and drop -----------------------------------------------------------------------
    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        """The dropped files the window can take: one profile, candidate list or kit, or any number of packs."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if not urls or not all(u.isLocalFile() for u in urls):
            return []
        paths = [Path(u.toLocalFile()) for u in urls]
        if all(p.suffix.lower() == PACK_SUFFIX for p in paths):
            return paths
        if len(paths) == 1 and paths[0].suffix.lower() in PROFILE_SUFFIXES + CANDIDATE_SUFFIXES + (KIT_SUFFIX,):
            return paths
        return []

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_files(event)
        if not paths:
            return
        event.acceptProposedAction()
        if len(paths) > 1 or paths[0].suffix.lower() == PACK_SUFFIX:
            deferred.receive_scores(self.ctx, self, paths)
        else:
            self.open_file(paths[0])

    def open_file(self, path: Path) -> None:
        """A dropped role profile starts a new campaign; a candidate list imports into the open one; a member kit
        opens (or updates) its campaign here; a score pack is received."""
        if path.suffix.lower() == KIT_SUFFIX:
            deferred.open_member_kit(self.ctx, self, path)
        elif path.suffix.lower() == PACK_SUFFIX:
            deferred.receive_scores(self.ctx, self, [path])
        elif path.suffix.lower() in PROFILE_SUFFIXES:
            deferred.start_new_campaign(self.ctx, self, path)
        elif self.ctx.campaign_id is not None:
            self.show_page("candidates")
            deferred.open_import(self.ctx, self, path)
        else:
            self.statusBar().showMessage(tr("Open a campaign before importing candidates."), 5000)

    # -- state -------------------------------------------------------------------------------
    def restore_state(self) -> bool:
        """Put the window where it was last time; False when nothing was saved (or it was unusable)."""
        geo, state = self.ctx.prefs.window_state()
        ok = geo is not None and self.restoreGeometry(geo)
        if state is not None:
            self.restoreState(state)
        return bool(ok)

    def _geometry_changed(self) -> None:
        """Moved or resized: save the geometry half a second after the last change (a kill keeps it)."""
        if self._geometry_timer is None:
            self._geometry_timer = QTimer(self)
            self._geometry_timer.setSingleShot(True)
            self._geometry_timer.setInterval(GEOMETRY_SAVE_MS)
            self._geometry_timer.timeout.connect(self.save_geometry_now)
        self._geometry_timer.start()

    def save_geometry_now(self) -> None:
        self.ctx.prefs.save_window_state(self.saveGeometry(), self.saveState())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self._geometry_changed()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        if self.isVisible():
            self._geometry_changed()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._geometry_timer is not None:
            self._geometry_timer.stop()
        self.save_geometry_now()
        super().closeEvent(event)
