"""Items and questions page: what the panel scores, in interview order, with each question.

Every change (reword, pick from the bank, move, drop, add) is an undoable command that saves the whole
question set with services.campaigns.update_question_set in the background. Once scoring has started the
page is read-only and a banner says why.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign
from ...domain.items import Item, Question, QuestionSet
from ...domain.plan import ASKED, Plan
from ..context import CAMPAIGN, AppContext, SnapshotCommand, tr
from ..models.tables import ItemsModel
from ..ops import Changed, Op
from ..shortcuts import page_action
from ..widgets.banner import FROZEN, Banner
from ..widgets.item_detail import ItemDetail
from ..widgets.page import CampaignPage
from ..widgets.panes import two_panes
from ..widgets.plan_editor import PlacementsBox, TimingRow, plan_status

if TYPE_CHECKING:
    from ...services.store import Store

__all__ = ["ItemsPage", "plan_status"]


class ItemsPage(CampaignPage):
    watches = (CAMPAIGN,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("itemsPage")
        self.campaign: Campaign | None = None
        self.frozen = False
        self._bank: dict[str, list[Question]] = {}
        self.banner = Banner(self)

        self.model = ItemsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Items"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_item())

        self.up_button = QPushButton(tr("Move &up"))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton(tr("Move dow&n"))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.drop_button = QPushButton(tr("&Drop item"))
        self.drop_button.clicked.connect(self._drop)
        # keys as actions (listed in the Edit menu and the shortcuts sheet); Delete only in the item list
        page_action(self, tr("Move the item &up"), "Alt+Up", lambda: self._move(-1))
        page_action(self, tr("Move the item dow&n"), "Alt+Down", lambda: self._move(1))
        page_action(self, tr("&Drop the selected item (undo with Ctrl+Z)"), "Del", self._drop, widget=self.view)
        self.add_button = QPushButton(tr("&Add custom item…"))
        self.add_button.clicked.connect(self._add)

        # the plan: slot and timing, the total against the slot
        self.timing = TimingRow()
        self.timing.timingChanged.connect(self._timing_changed)
        self.slot, self.open_min, self.close_min = self.timing.slot, self.timing.open_min, self.timing.close_min
        self.plan_label = self.timing.plan_label
        # where each interview criterion sits: asked, folded under a question, or checked
        self.criteria_box = PlacementsBox()
        self.criteria_box.criterionSelected.connect(self._show_placement)
        self.criteria_box.placeRequested.connect(self._place)
        self.placements, self.place_view = self.criteria_box.placements, self.criteria_box.place_view
        self.place_combo, self.place_button = self.criteria_box.place_combo, self.criteria_box.place_button
        # detail of the selected item
        self.detail = ItemDetail()
        self.detail.minutesChanged.connect(self._minutes_changed)
        self.detail.wordingEdited.connect(self._update_buttons)
        self.detail.rewordRequested.connect(self._reword)
        self.detail.pickRequested.connect(self._pick)
        self.question, self.minutes, self.bank = self.detail.question, self.detail.minutes, self.detail.bank
        self.reword_button, self.pick_button = self.detail.reword_button, self.detail.pick_button
        self.probes, self.positive, self.negative = self.detail.probes, self.detail.positive, self.detail.negative
        self.item_label, self.covers, self.anchors = self.detail.item_label, self.detail.covers, self.detail.anchors
        self._lay_out()
        self._update_buttons()

    def _lay_out(self) -> None:
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.view, 1)
        row = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.drop_button, self.add_button):
            row.addWidget(b)
        row.addStretch(1)
        ll.addLayout(row)
        ll.addWidget(self.criteria_box)

        scroll = QScrollArea()
        scroll.setWidget(self.detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        cw = self.fontMetrics().averageCharWidth()
        split = two_panes(left, scroll, (3, 2), sizes=(cw * 90, cw * 60))
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(self.timing)
        lay.addWidget(split, 1)

    def title(self) -> str:
        return tr("Items and questions")

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        from ...services.campaigns import get_campaign

        cid = self.ctx.campaign_id
        if cid is None:
            return

        def load(store: Store) -> Campaign:
            return get_campaign(store, cid)

        self.load(load, self._show_campaign)

    def clear(self) -> None:
        self.campaign = None
        self.model.set_question_set(None)
        self._show_item()

    def _show_campaign(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.frozen = campaign.scoring_started
        self.banner.show_message(tr(FROZEN) if self.frozen else None)
        self._bank.clear()
        self._set_qs(campaign.question_set, self._selected_id())

    def _set_qs(self, qs: QuestionSet, select: str | None) -> None:
        self.model.set_question_set(qs)
        self.view.resizeColumnsToContents()
        hh = self.view.horizontalHeader()
        cw = self.fontMetrics().averageCharWidth()
        hh.resizeSection(1, min(hh.sectionSize(1), cw * 16))
        hh.resizeSection(2, min(hh.sectionSize(2), cw * 22))
        hh.resizeSection(3, max(cw * 40, self.view.viewport().width() - sum(hh.sectionSize(c) for c in (0, 1, 2))))
        row = self.model.row_of(select) if select else -1
        self._show_plan(qs)
        self.select_row(row if row >= 0 else 0)

    # -- the plan ----------------------------------------------------------------------------
    def plan(self) -> Plan | None:
        from ...services.questions import plan_of

        qs = self.model.question_set
        return plan_of(qs) if qs is not None else None

    def _criteria_texts(self) -> dict[str, str]:
        return {c.id: c.text for c in self.campaign.profile.criteria} if self.campaign else {}

    def _show_plan(self, qs: QuestionSet) -> None:
        plan = self.plan()
        if plan is None:
            return
        self.timing.show_plan(plan, [i.id for i in qs.items])
        self.criteria_box.show_plan(plan, self._criteria_texts())
        self._show_placement()

    def _show_placement(self) -> None:
        qs, plan, criterion = self.model.question_set, self.plan(), self.criteria_box.selected()
        placement = plan.placement(criterion) if plan is not None and criterion is not None else None
        self.criteria_box.offer_places(qs.items if qs is not None else None, placement)
        self._update_buttons()

    def _place(self) -> None:
        from ...services.questions import place_criterion

        qs, criterion, choice = self.model.question_set, self.criteria_box.selected(), self.criteria_box.choice()
        if qs is None or criterion is None or self.campaign is None or choice is None:
            return
        mode, under = choice
        try:
            new = place_criterion(qs, self.campaign.profile, criterion, mode, under)
        except Exception as exc:
            self.ctx.show_error(self, exc)
            return
        self._push(
            tr("Move {id}: {where}").format(id=criterion, where=self.place_combo.currentText()),
            new,
            criterion if mode == ASKED else self._selected_id(),
        )

    def _timing_changed(self) -> None:
        qs, plan = self.model.question_set, self.plan()
        if qs is None or plan is None or self.frozen:
            return
        new = self.timing.timing(plan)
        if new != plan:
            self._push(tr("Change the timing"), qs.with_plan(new), self._selected_id())

    def _minutes_changed(self) -> None:
        qs, plan, item = self.model.question_set, self.plan(), self.selected_item()
        if qs is None or plan is None or item is None or self.frozen:
            return
        if plan.minutes_for(item.id) != self.minutes.value():
            self._push(
                tr("Minutes for {id}").format(id=item.id),
                qs.with_plan(plan.with_minutes(item.id, self.minutes.value())),
                item.id,
            )

    # -- selection ---------------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_item()

    def _selected_id(self) -> str | None:
        it = self.selected_item()
        return it.id if it else None

    def selected_item(self) -> Item | None:
        idx = self.view.selectionModel().currentIndex()
        return self.model.row_object(idx.row()) if idx.isValid() else None

    def selected_question(self) -> Question | None:
        it, qs = self.selected_item(), self.model.question_set
        return qs.questions.get(it.id) if it and qs else None

    def _show_item(self) -> None:
        item, q, plan = self.selected_item(), self.selected_question(), self.plan()
        texts = self._criteria_texts()
        covers = plan.covers(item.id) if plan is not None and item is not None else []
        self.detail.show_item(
            item,
            q,
            covers="\n".join(f"• {c} {texts.get(c, '')}" for c in covers) if covers else tr("(nothing)"),
            minutes=max(1, plan.minutes_for(item.id)) if plan is not None and item is not None else 1,
        )
        if item is not None and self.campaign is not None:
            self._fill_bank(item)
        self._update_buttons()

    def _fill_bank(self, item: Item) -> None:
        if item.id in self._bank:
            self.detail.offer_bank(self._bank[item.id], self.selected_question())
            self._update_buttons()
            return
        from ...services.questions import bank_questions_for

        framework = self.campaign.profile.framework if self.campaign else "CVF-2016"

        def done(qs: list[Question]) -> None:
            self._bank[item.id] = list(qs)
            if self.selected_item() == item:
                self._fill_bank(item)

        self.ctx.tasks.job(lambda: bank_questions_for(item, framework), done, lambda _e: None)

    def _update_buttons(self) -> None:
        row = self.view.selectionModel().currentIndex().row() if self.selected_item() else -1
        n = self.model.rowCount()
        editable = self.campaign is not None and not self.frozen
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < n - 1)
        self.drop_button.setEnabled(editable and row >= 0 and n > 1)
        self.add_button.setEnabled(editable)
        self.timing.set_editable(editable)
        self.criteria_box.set_editable(editable)
        q = self.selected_question()
        self.detail.set_editable(editable, changed_wording=q is not None and self.detail.wording() not in ("", q.text))

    # -- edits (each one undoable) ----------------------------------------------------------
    def _push(self, text: str, new: QuestionSet, select: str | None) -> None:
        old = self.model.question_set
        if old is None or self.frozen:
            return
        self.ctx.undo_stack.push(SnapshotCommand(text, lambda qs: self._apply(qs, select), old, new))

    def _apply(self, qs: QuestionSet, select: str | None) -> None:
        """Show ``qs`` at once and save it in the background; on refusal, show why and reload."""
        from ...services.campaigns import update_question_set

        cid = self.ctx.campaign_id
        self._set_qs(qs, select if select and qs.item(select) else self._selected_id())
        if cid is None:
            return

        def failed(exc: BaseException) -> None:
            self.ctx.undo_stack.clear()
            self.ctx.show_error(self, exc)
            self.mark_dirty()

        self.run(Op(lambda store: update_question_set(store, cid, qs, actor="chair"), Changed.CAMPAIGN), None, failed)

    def save_form(self) -> None:
        """Ctrl+S: save the question wording being edited (the other edits are saved as they are made)."""
        self._reword()

    def _reword(self) -> None:
        q, qs = self.selected_question(), self.model.question_set
        text = self.detail.wording()
        if q is None or qs is None or not text or text == q.text:
            return
        self._push(tr("Reword question for {id}").format(id=q.item_id), qs.with_question(q.reworded(text)), q.item_id)

    def _pick(self) -> None:
        item, qs, q = self.selected_item(), self.model.question_set, self.bank.currentData()
        if item is None or qs is None or not isinstance(q, Question):
            return
        self._push(
            tr("Use another question for {id}").format(id=item.id),
            qs.with_question(replace(q, item_id=item.id)),
            item.id,
        )

    def _move(self, offset: int) -> None:
        item, qs = self.selected_item(), self.model.question_set
        if item and qs:
            self._push(tr("Move {id}").format(id=item.id), qs.moved(item.id, offset), item.id)

    def _drop(self) -> None:
        item, qs = self.selected_item(), self.model.question_set
        if item and qs and len(qs.items) > 1:
            row = self.model.row_of(item.id)
            new = qs.without(item.id)
            nxt = new.items[min(row, len(new.items) - 1)].id
            self._push(tr("Drop {id}").format(id=item.id), new, nxt)

    def _add(self) -> None:
        qs = self.model.question_set
        if qs is None:
            return
        from ..dialogs.custom_item import CustomItemDialog

        dlg = CustomItemDialog({i.id for i in qs.items}, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def submitted(item: Item, question: Question) -> None:
            cur = self.model.question_set
            if cur is not None:
                self._push(tr("Add {id}").format(id=item.id), cur.with_item(item, question), item.id)

        dlg.submitted.connect(submitted)
        dlg.open()
