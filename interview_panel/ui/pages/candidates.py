"""Candidates page: the candidates of the campaign with their interview slots; import, add, edit.

Edits are undoable (services.campaigns.update_candidate); adding is not (there is no removal).
"""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from ...domain.campaign import Candidate
from ..context import CANDIDATES, AppContext, SnapshotCommand, tr, user_message
from ..dialogs.candidate import CandidateDialog
from ..dialogs.import_candidates import open_import
from ..models.tables import candidates_model
from ..widgets.page import CampaignPage


class CandidatesPage(CampaignPage):
    watches = (CANDIDATES,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("candidatesPage")
        self.model = candidates_model(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("reference or name"))
        self.filter.setAccessibleName(tr("Find candidate"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.count = QLabel()
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(tr("Candidates"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(lambda _i: self.edit_selected())

        self.import_button = QPushButton(tr("&Import candidates…"))
        self.import_button.clicked.connect(lambda: open_import(self.ctx, self))
        self.add_button = QPushButton(tr("&Add candidate…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(tr("Edi&t candidate…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.edit_button.setEnabled(False)
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.edit_button.setEnabled(cur.isValid()))

        top = QHBoxLayout()
        find = QLabel(tr("Fi&nd:"))
        find.setBuddy(self.filter)
        top.addWidget(find)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.add_button, self.edit_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)

    def title(self) -> str:
        return tr("Candidates")

    def reload(self) -> None:
        from ...services.campaigns import list_candidates

        cid = self.ctx.campaign_id
        self.load(lambda store: list_candidates(store, cid), self._show)

    def clear(self) -> None:
        self._show([])

    def _show(self, rows: list[Candidate]) -> None:
        self.model.set_rows(rows)
        self.count.setText(tr("{n} candidates").format(n=len(rows)))
        if rows and len(rows) <= 500:
            self.view.resizeColumnToContents(0)
            self.view.resizeColumnToContents(2)

    def selected(self) -> Candidate | None:
        idx = self.view.selectionModel().currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_object(self.proxy.mapToSource(idx).row())

    def add(self) -> None:
        from ...services.campaigns import add_candidate

        dlg = CandidateDialog(None, self, wait=True)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        cid = self.ctx.campaign_id

        def added(_c: Candidate) -> None:
            self.ctx.notify(CANDIDATES)
            dlg.saved()

        def submitted(c: Candidate) -> None:  # a refusal keeps the dialog open with what was typed
            self.ctx.db(lambda store: add_candidate(store, cid, c, actor="chair"), added,
                        lambda exc: dlg.refused(user_message(exc)))

        dlg.submitted.connect(submitted)
        dlg.open()

    def edit_selected(self) -> None:
        old = self.selected()
        if old is None:
            return
        dlg = CandidateDialog(old, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def submitted(new: Candidate) -> None:
            if new != old:
                self.ctx.undo_stack.push(SnapshotCommand(
                    tr("Edit candidate {ref}").format(ref=old.reference), self._apply, old, new))

        dlg.submitted.connect(submitted)
        dlg.open()

    def _apply(self, c: Candidate) -> None:
        from ...services.campaigns import update_candidate

        cid = self.ctx.campaign_id

        def failed(exc: BaseException) -> None:
            self.ctx.undo_stack.clear()
            self.ctx.show_error(self, exc)
            self.mark_dirty()

        self.ctx.db(lambda store: update_candidate(store, cid, c.reference, name=c.name, slot=c.slot,
                                                   actor="chair"),
                    lambda _r: self.ctx.notify(CANDIDATES), failed)
