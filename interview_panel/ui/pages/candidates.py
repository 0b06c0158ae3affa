"""Candidates page: the candidates of the campaign with their interview slots and status; import, add, edit.

Edits (name, slot, and the reference while the candidate has no scores) and status changes (active,
withdrawn, absent, with a reason) are undoable (services.corrections); adding is not (there is no removal).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Candidate
from ...services import campaigns, checks, corrections
from ..context import AppContext, tr, user_message
from ..dialogs.candidate import CandidateDialog
from ..dialogs.candidate_status import CandidateStatusDialog
from ..dialogs.import_candidates import open_import
from ..models.tables import candidates_model
from ..ops import Changed, Op
from ..widgets.commands import DbCommand
from ..widgets.page import CampaignPage

if TYPE_CHECKING:
    from ...services.store import Store


class CandidatesPage(CampaignPage):
    watches = Changed.CANDIDATES

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("candidatesPage")
        self._build_table()
        self._build_buttons()
        self._build_detail()
        top = QHBoxLayout()
        find = QLabel(tr("Fi&nd:"))
        find.setBuddy(self.filter)
        top.addWidget(find)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.add_button, self.edit_button, self.status_button, self.subject_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.detail)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def _build_table(self) -> None:
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

    def _build_buttons(self) -> None:
        self.import_button = QPushButton(tr("&Import candidates…"))
        self.import_button.clicked.connect(lambda: open_import(self.ctx, self))
        self.add_button = QPushButton(tr("&Add candidate…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(tr("Edi&t candidate…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.status_button = QPushButton(tr("&Status…"))
        self.status_button.setObjectName("candidateStatusButton")
        self.status_button.setToolTip(tr("Mark the candidate withdrawn or absent (did not attend), or active again"))
        self.status_button.clicked.connect(self.status_selected)
        self.subject_button = QPushButton(tr("Subject access &copy…"))
        self.subject_button.setToolTip(tr("One PDF with everything held about the selected candidate"))
        self.subject_button.clicked.connect(lambda: self.subject_access_copy())
        for b in (self.edit_button, self.status_button, self.subject_button):
            b.setEnabled(False)

    def _build_detail(self) -> None:
        """The selected candidate: pre-employment checks (the chair records them) and reasonable adjustments."""
        self.detail = QGroupBox(tr("Selected candidate"))
        self.checks_form = QFormLayout()
        self.check_boxes: dict[str, QComboBox] = {}
        self.checks_note = QLabel(tr("Pre-employment checks (recorded by the chair; never scored):"))
        self.adjustments = QPlainTextEdit()
        self.adjustments.setTabChangesFocus(True)
        self.adjustments.setAccessibleName(tr("Reasonable adjustments"))
        self.adjustments.setPlaceholderText(
            tr("Adjustments agreed for this candidate (printed only on their guidance page)")
        )
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

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        for b in (self.edit_button, self.status_button, self.subject_button):
            b.setEnabled(current.isValid())
        self._load_detail()

    def title(self) -> str:
        return tr("Candidates")

    def reload(self) -> None:
        cid = self.ctx.campaign_id
        if cid is not None:
            self.load(lambda store: campaigns.list_candidates(store, cid), self._show)

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
        c = self.selected()
        cid = self.ctx.campaign_id
        if c is None or cid is None:
            self.detail.setEnabled(False)
            return
        ref = c.reference

        def query(store: Store) -> tuple[list[tuple[str, str]], dict[str, str], str]:
            campaign = campaigns.get_campaign(store, cid)
            states = checks.check_states(store, cid).get(ref, {})
            return checks.plan_checks(campaign), states, checks.adjustments(store, cid, ref)

        self.ctx.db(query, lambda r: self._show_detail(ref, *r), parent=self)

    def _show_detail(self, ref: str, plan: list[tuple[str, str]], states: dict[str, str], text: str) -> None:
        from ...domain.plan import CHECK_STATES

        cur = self.selected()
        if cur is None or cur.reference != ref:
            return
        while self.checks_form.rowCount():
            self.checks_form.removeRow(0)
        self.check_boxes.clear()
        for check_id, check_text in plan:
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
        self.checks_note.setVisible(bool(plan))
        self.adjustments.blockSignals(True)
        self.adjustments.setPlainText(text)
        self.adjustments.blockSignals(False)
        self._adjustments_saved = text
        self.save_adjustments.setEnabled(False)
        self.detail.setTitle(tr("Selected candidate: {ref}").format(ref=ref))
        self.detail.setEnabled(True)

    def _record_check(self, ref: str, check_id: str, state: str) -> None:
        cid = self.ctx.campaign_id
        if cid is not None:  # the box shows the state already; the results' reasons name unconfirmed checks
            record = Op(
                lambda store: checks.record_check(
                    store, cid, candidate=ref, criterion=check_id, state=state, actor="chair"
                ),
                Changed.CANDIDATES,
            )
            self.run(record)

    def _adjustments_edited(self) -> None:
        self.save_adjustments.setEnabled(self.adjustments.toPlainText().strip() != self._adjustments_saved)

    def _save_adjustments(self) -> None:
        c, cid = self.selected(), self.ctx.campaign_id
        if c is None or cid is None:
            return
        ref, text = c.reference, self.adjustments.toPlainText()

        def saved(stored: str) -> None:
            self._adjustments_saved = stored
            self.save_adjustments.setEnabled(False)

        # shown on no other page (only printed on the candidate's guidance page): nothing to announce
        self.run(Op(lambda store: checks.set_adjustments(store, cid, ref, text, actor="chair")), saved)

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
        cid = self.ctx.campaign_id
        if cid is None:
            return
        dlg = CandidateDialog(None, self, wait=True)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def submitted(c: Candidate) -> None:  # a refusal keeps the dialog open with what was typed
            add = Op(lambda store: campaigns.add_candidate(store, cid, c, actor="chair"), Changed.CANDIDATES)
            # announced to every page, this one included: the new row comes with its reload
            self.ctx.run(add, lambda _c: dlg.saved(), lambda exc: dlg.refused(user_message(exc)), parent=self)

        dlg.submitted.connect(submitted)
        dlg.open()

    def edit_selected(self) -> None:
        old = self.selected()
        if old is None:
            return
        dlg = CandidateDialog(old, self)
        dlg.reference.setReadOnly(False)  # a correction: the service refuses it once the candidate has scores
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def submitted(new: Candidate) -> None:
            new = replace(new, attendance=old.attendance, attendance_reason=old.attendance_reason)
            if new != old:
                self.edit(old, new)

        dlg.submitted.connect(submitted)
        dlg.open()

    def edit(self, old: Candidate, new: Candidate) -> None:
        """Replace ``old``'s name, slot and reference with ``new``'s (undoable)."""
        cid = self.ctx.campaign_id
        if cid is None:
            return

        def apply(frm: Candidate, to: Candidate) -> Callable[[Store], object]:
            return lambda store: corrections.edit_candidate(
                store, cid, frm.reference, name=to.name, slot=to.slot, new_reference=to.reference, actor="chair"
            )

        self.ctx.undo_stack.push(
            DbCommand(
                self.ctx,
                tr("Edit candidate {ref}").format(ref=old.reference),
                apply(old, new),
                apply(new, old),
                Changed.CANDIDATES,
                self,
            )
        )

    def status_selected(self) -> None:
        c = self.selected()
        if c is None:
            return
        dlg = CandidateStatusDialog(c, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.submitted.connect(lambda status, reason: self.set_status(c, status, reason))
        dlg.open()

    def set_status(self, c: Candidate, status: str, reason: str) -> None:
        """Mark ``c`` active, withdrawn or absent with ``reason`` (undoable)."""
        cid, ref = self.ctx.campaign_id, c.reference
        if cid is None:
            return
        old_status, old_reason = c.attendance.value, c.attendance_reason
        self.ctx.undo_stack.push(
            DbCommand(
                self.ctx,
                tr("Mark {ref} {status}").format(ref=ref, status=tr(status)),
                lambda store: corrections.set_candidate_status(store, cid, ref, status, reason),
                lambda store: corrections.set_candidate_status(store, cid, ref, old_status, old_reason),
                Changed.CANDIDATES,
                self,
            )
        )
