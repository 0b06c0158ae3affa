"""Candidates page: the candidates of the campaign with their interview slots; import, add, edit.

Edits are undoable (services.campaigns.update_candidate); adding is not (there is no removal).
"""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

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
        self.view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._load_detail())

        # the selected candidate: pre-employment checks (the chair records them) and reasonable adjustments
        self.detail = QGroupBox(tr("Selected candidate"))
        self.checks_form = QFormLayout()
        self.check_boxes: dict[str, QComboBox] = {}
        self.checks_note = QLabel(tr("Pre-employment checks (recorded by the chair; never scored):"))
        self.adjustments = QPlainTextEdit()
        self.adjustments.setTabChangesFocus(True)
        self.adjustments.setAccessibleName(tr("Reasonable adjustments"))
        self.adjustments.setPlaceholderText(tr("Adjustments agreed for this candidate (printed only on their "
                                               "guidance page)"))
        self.adjustments.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.adjustments.textChanged.connect(self._adjustments_edited)
        self.save_adjustments = QPushButton(tr("Save ad&justments"))
        self.save_adjustments.setEnabled(False)
        self.save_adjustments.clicked.connect(self._save_adjustments)
        self._adjustments_saved = ""
        dl = QVBoxLayout(self.detail)
        dl.addWidget(self.checks_note)
        dl.addLayout(self.checks_form)
        adj_label = QLabel(tr("&Reasonable adjustments (health data: kept apart from scores):"))
        adj_label.setBuddy(self.adjustments)
        dl.addWidget(adj_label)
        dl.addWidget(self.adjustments)
        arow = QHBoxLayout()
        arow.addStretch(1)
        arow.addWidget(self.save_adjustments)
        dl.addLayout(arow)
        self.detail.setEnabled(False)
        self.subject_button = QPushButton(tr("Subject access &copy…"))
        self.subject_button.setToolTip(tr("One PDF with everything held about the selected candidate"))
        self.subject_button.clicked.connect(lambda: self.subject_access_copy())
        self.subject_button.setEnabled(False)
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.subject_button.setEnabled(cur.isValid()))

        top = QHBoxLayout()
        find = QLabel(tr("Fi&nd:"))
        find.setBuddy(self.filter)
        top.addWidget(find)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.add_button, self.edit_button, self.subject_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.detail)

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

    # -- checks and adjustments of the selected candidate ------------------------------------------
    def _load_detail(self) -> None:
        from ...services.campaigns import get_campaign
        from ...services.checks import adjustments, check_states, plan_checks

        c = self.selected()
        cid = self.ctx.campaign_id
        if c is None or cid is None:
            self.detail.setEnabled(False)
            return
        ref = c.reference

        def query(store):  # type: ignore[no-untyped-def]
            campaign = get_campaign(store, cid)
            return plan_checks(campaign), check_states(store, cid).get(ref, {}), adjustments(store, cid, ref)

        self.ctx.db(query, lambda r: self._show_detail(ref, *r), parent=self)

    def _show_detail(self, ref: str, checks: list, states: dict, text: str) -> None:
        from ...domain.plan import CHECK_STATES

        cur = self.selected()
        if cur is None or cur.reference != ref:
            return
        while self.checks_form.rowCount():
            self.checks_form.removeRow(0)
        self.check_boxes.clear()
        for check_id, check_text in checks:
            box = QComboBox()
            box.addItems(list(CHECK_STATES))
            box.setCurrentText(states.get(check_id, "pending"))
            box.setAccessibleName(tr("Check {id}").format(id=check_id))
            box.setToolTip(check_text)
            box.currentTextChanged.connect(lambda state, k=check_id, r=ref: self._record_check(r, k, state))
            label = QLabel(f"{check_id}: {check_text}")
            label.setWordWrap(True)
            self.checks_form.addRow(label, box)
            self.check_boxes[check_id] = box
        self.checks_note.setVisible(bool(checks))
        self.adjustments.blockSignals(True)
        self.adjustments.setPlainText(text)
        self.adjustments.blockSignals(False)
        self._adjustments_saved = text
        self.save_adjustments.setEnabled(False)
        self.detail.setTitle(tr("Selected candidate: {ref}").format(ref=ref))
        self.detail.setEnabled(True)

    def _record_check(self, ref: str, check_id: str, state: str) -> None:
        from ...services.checks import record_check

        cid = self.ctx.campaign_id
        self.ctx.db(lambda store: record_check(store, cid, candidate=ref, criterion=check_id, state=state,
                                               actor="chair"), None, lambda exc: self.ctx.show_error(self, exc))

    def _adjustments_edited(self) -> None:
        self.save_adjustments.setEnabled(self.adjustments.toPlainText().strip() != self._adjustments_saved)

    def _save_adjustments(self) -> None:
        from ...services.checks import set_adjustments

        c = self.selected()
        if c is None:
            return
        cid, ref, text = self.ctx.campaign_id, c.reference, self.adjustments.toPlainText()

        def saved(stored: str) -> None:
            self._adjustments_saved = stored
            self.save_adjustments.setEnabled(False)

        self.ctx.db(lambda store: set_adjustments(store, cid, ref, text, actor="chair"), saved,
                    lambda exc: self.ctx.show_error(self, exc))

    def selected(self) -> Candidate | None:
        idx = self.view.selectionModel().currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_object(self.proxy.mapToSource(idx).row())

    def subject_access_copy(self, path: str | None = None, redact: bool | None = None) -> None:
        from ..dialogs.privacy import subject_access_copy

        c = self.selected()
        if c is not None:
            subject_access_copy(self.ctx, self, c.reference, path, redact)

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
