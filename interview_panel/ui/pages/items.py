"""Items and questions page: what the panel scores, in interview order, with each question.

Every change (reword, pick from the bank, move, drop, add) is an undoable command that saves the whole
question set with services.campaigns.update_question_set in the background. Once scoring has started the
page is read-only and a banner says why.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign
from ...domain.items import Item, Question, QuestionSet
from ...domain.plan import ASKED, CHECKED, FOLDED, Placement, Plan
from ..context import CAMPAIGN, AppContext, SnapshotCommand, tr
from ..models.base import Column, ListTableModel
from ..models.tables import ItemsModel
from ..shortcuts import page_action
from ..widgets.banner import FROZEN, Banner
from ..widgets.look import bold
from ..widgets.page import CampaignPage
from ..widgets.panes import two_panes


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"• {x}" for x in lines) if lines else tr("(none)")


def plan_status(plan: Plan, item_ids: list[str]) -> str:
    """The plan against the slot, in words the chair sees at once."""
    planned, slot = plan.planned_minutes(item_ids), plan.slot_minutes
    if planned > slot:
        return tr("\u26a0 Planned {p} min: RUNS {o} MIN OVER the {s}-minute slot").format(
            p=planned, o=planned - slot, s=slot
        )
    short = plan.short(item_ids)
    if short:
        return tr("\u26a0 Planned {p} of {s} min, but {ids} under {m} min a question").format(
            p=planned, s=slot, ids=", ".join(short), m=plan.min_minutes
        )
    return tr("Planned {p} of {s} min: fits ({spare} min to spare)").format(p=planned, s=slot, spare=slot - planned)


def _where(p: Placement) -> str:
    if p.mode == FOLDED:
        return tr("folded under {id}").format(id=p.under)
    return tr("checked by the chair") if p.mode == CHECKED else tr("asked on its own")


class PlacementsModel(ListTableModel[Placement]):
    """Every interview criterion and where the plan puts it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.texts: dict[str, str] = {}
        super().__init__(
            [
                Column(tr("Criterion"), lambda p: p.criterion),
                Column(tr("Where"), _where),
                Column(
                    tr("Text"),
                    lambda p: self.texts.get(p.criterion, ""),
                    tooltip=lambda p: self.texts.get(p.criterion, ""),
                ),
            ],
            parent,
        )


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
        self.slot = QSpinBox()
        self.slot.setRange(10, 480)
        self.slot.setSuffix(tr(" min"))
        self.slot.setAccessibleName(tr("Slot length"))
        self.open_min = QSpinBox()
        self.open_min.setRange(0, 60)
        self.open_min.setAccessibleName(tr("Minutes to open"))
        self.close_min = QSpinBox()
        self.close_min.setRange(0, 60)
        self.close_min.setAccessibleName(tr("Minutes to close"))
        for spin in (self.slot, self.open_min, self.close_min):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._timing_changed)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("planStatus")
        bold(self.plan_label)
        self.plan_label.setAccessibleName(tr("Planned time against the slot"))
        plan_row = QHBoxLayout()
        for text, w in ((tr("S&lot:"), self.slot), (tr("O&pen:"), self.open_min), (tr("&Close:"), self.close_min)):
            lab = QLabel(text)
            lab.setBuddy(w)
            plan_row.addWidget(lab)
            plan_row.addWidget(w)
        plan_row.addSpacing(12)
        plan_row.addWidget(self.plan_label, 1)

        # where each interview criterion sits: asked, folded under a question, or checked
        self.placements = PlacementsModel(self)
        self.place_view = QTableView()
        self.place_view.setModel(self.placements)
        self.place_view.setAccessibleName(tr("Interview criteria"))
        self.place_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.place_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.place_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.place_view.verticalHeader().hide()
        self.place_view.setWordWrap(False)
        self.place_view.horizontalHeader().setStretchLastSection(True)
        self.place_view.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        self.place_view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_placement())
        self.place_combo = QComboBox()
        self.place_combo.setAccessibleName(tr("Where the criterion goes"))
        self.place_button = QPushButton(tr("&Move criterion"))
        self.place_button.clicked.connect(self._place)
        crit_box = QGroupBox(tr("Interview criteria: asked, folded under a question, or checked"))
        cl = QVBoxLayout(crit_box)
        cl.addWidget(self.place_view)
        prow = QHBoxLayout()
        prow.addWidget(self.place_combo, 1)
        prow.addWidget(self.place_button)
        cl.addLayout(prow)

        # detail of the selected item
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.minutes.setSuffix(tr(" min"))
        self.minutes.setKeyboardTracking(False)
        self.minutes.setAccessibleName(tr("Minutes for this question"))
        self.minutes.valueChanged.connect(self._minutes_changed)
        self.covers = QLabel()
        self.anchors = QLabel()
        self.item_label = QLabel()
        self.item_label.setObjectName("itemHeading")
        bold(self.item_label)
        self.item_label.setWordWrap(True)
        self.question = QPlainTextEdit()
        self.question.setTabChangesFocus(True)
        self.question.setAccessibleName(tr("Question wording"))
        self.question.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.question.textChanged.connect(self._wording_edited)
        self.reword_button = QPushButton(tr("Save &wording"))
        self.reword_button.setEnabled(False)
        self.reword_button.clicked.connect(self._reword)
        self.bank = QComboBox()
        self.bank.setAccessibleName(tr("Other questions from the bank"))
        self.bank.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.bank.setMinimumContentsLength(16)
        self.pick_button = QPushButton(tr("Use &this question"))
        self.pick_button.clicked.connect(self._pick)
        self.probes = QLabel()
        self.positive = QLabel()
        self.negative = QLabel()
        for lab, name in (
            (self.probes, tr("Probes")),
            (self.positive, tr("Positive indicators")),
            (self.negative, tr("Negative indicators")),
            (self.covers, tr("Also listen for")),
            (self.anchors, tr("Anchors")),
        ):
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lab.setAccessibleName(name)
            lab.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        detail = QGroupBox(tr("Selected item"))
        dl = QVBoxLayout(detail)
        dl.addWidget(self.item_label)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long lists get the full width
        qrow = QVBoxLayout()
        qrow.addWidget(self.question)
        qb = QHBoxLayout()
        qb.addStretch(1)
        qb.addWidget(self.reword_button)
        qrow.addLayout(qb)
        form.addRow(tr("&Question:"), qrow)
        brow = QHBoxLayout()
        brow.addWidget(self.bank, 1)
        brow.addWidget(self.pick_button)
        form.addRow(tr("From the &bank:"), brow)
        form.addRow(tr("M&inutes:"), self.minutes)
        form.addRow(tr("Probes:"), self.probes)
        form.addRow(tr("Good answers show:"), self.positive)
        form.addRow(tr("Weak answers show:"), self.negative)
        form.addRow(tr("Anchors (weak, acceptable, strong):"), self.anchors)
        form.addRow(tr("Also listen for:"), self.covers)
        for w in (self.probes, self.positive, self.negative, self.anchors, self.covers):
            form.labelForField(w).setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        dl.addLayout(form)
        dl.addStretch(1)
        form_q_label = form.labelForField(qrow)
        if isinstance(form_q_label, QLabel):
            form_q_label.setBuddy(self.question)
        bank_label = form.labelForField(brow)
        if isinstance(bank_label, QLabel):
            bank_label.setBuddy(self.bank)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.view, 1)
        row = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.drop_button, self.add_button):
            row.addWidget(b)
        row.addStretch(1)
        ll.addLayout(row)
        ll.addWidget(crit_box)

        scroll = QScrollArea()
        scroll.setWidget(detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        cw = self.fontMetrics().averageCharWidth()
        split = two_panes(left, scroll, (3, 2), sizes=(cw * 90, cw * 60))
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addLayout(plan_row)
        lay.addWidget(split, 1)
        self._update_buttons()

    def title(self) -> str:
        return tr("Items and questions")

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        from ...services.campaigns import get_campaign

        cid = self.ctx.campaign_id
        self.load(lambda store: get_campaign(store, cid), self._show_campaign)

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

    def _show_plan(self, qs: QuestionSet) -> None:
        plan = self.plan()
        if plan is None:
            return
        for spin, value in (
            (self.slot, plan.slot_minutes),
            (self.open_min, plan.open_minutes),
            (self.close_min, plan.close_minutes),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.plan_label.setText(plan_status(plan, [i.id for i in qs.items]))
        current = self._selected_placement()
        self.placements.texts = {c.id: c.text for c in self.campaign.profile.criteria} if self.campaign else {}
        self.placements.set_rows(list(plan.placements))
        self.place_view.resizeColumnsToContents()
        rows = [p.criterion for p in plan.placements]
        if current in rows:
            self.place_view.selectRow(rows.index(current))
        self._show_placement()

    def _selected_placement(self) -> str | None:
        idx = self.place_view.selectionModel().currentIndex()
        p = self.placements.row_object(idx.row()) if idx.isValid() else None
        return p.criterion if p else None

    def _show_placement(self) -> None:
        qs = self.model.question_set
        self.place_combo.clear()
        cid = self._selected_placement()
        if qs is None or cid is None:
            self._update_buttons()
            return
        self.place_combo.addItem(tr("Ask it on its own"), (ASKED, None))
        for it in qs.items:
            if it.kind in ("behaviour", "values"):
                self.place_combo.addItem(tr("Fold it under {id} (also listen for)").format(id=it.id), (FOLDED, it.id))
        self.place_combo.addItem(tr("Check it (the chair confirms it; not scored)"), (CHECKED, None))
        p = self.plan().placement(cid) if self.plan() else None
        for n in range(self.place_combo.count()):
            if p is not None and self.place_combo.itemData(n) == (p.mode, p.under if p.mode == FOLDED else None):
                self.place_combo.setCurrentIndex(n)
        self._update_buttons()

    def _place(self) -> None:
        from ...services.questions import place_criterion

        qs, cid, choice = self.model.question_set, self._selected_placement(), self.place_combo.currentData()
        if qs is None or cid is None or self.campaign is None or not choice:
            return
        mode, under = choice
        try:
            new = place_criterion(qs, self.campaign.profile, cid, mode, under)
        except Exception as exc:
            self.ctx.show_error(self, exc)
            return
        self._push(
            tr("Move {id}: {where}").format(id=cid, where=self.place_combo.currentText()),
            new,
            cid if mode == ASKED else self._selected_id(),
        )

    def _timing_changed(self) -> None:
        qs, plan = self.model.question_set, self.plan()
        if qs is None or plan is None or self.frozen:
            return
        new = plan.with_timing(
            slot=self.slot.value(), open_minutes=self.open_min.value(), close_minutes=self.close_min.value()
        )
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
        item, q = self.selected_item(), self.selected_question()
        self.question.blockSignals(True)
        self.question.setPlainText(q.text if q else "")
        self.question.blockSignals(False)
        self.item_label.setText(item.describe if item else tr("No item selected."))
        self.probes.setText(_bullets(q.probes) if q else "")
        self.positive.setText(_bullets(q.positive) if q else "")
        self.negative.setText(_bullets(q.negative) if q else "")
        self.anchors.setText(_bullets(q.anchors) if q and q.anchors else tr("(the scale's own words)"))
        plan = self.plan()
        texts = {c.id: c.text for c in self.campaign.profile.criteria} if self.campaign else {}
        covers = plan.covers(item.id) if plan is not None and item is not None else []
        self.covers.setText("\n".join(f"• {c} {texts.get(c, '')}" for c in covers) if covers else tr("(nothing)"))
        self.minutes.blockSignals(True)
        self.minutes.setValue(max(1, plan.minutes_for(item.id)) if plan is not None and item is not None else 1)
        self.minutes.blockSignals(False)
        self.bank.clear()
        if item is not None and self.campaign is not None:
            self._fill_bank(item)
        self._update_buttons()

    def _fill_bank(self, item: Item) -> None:
        if item.id in self._bank:
            current = self.selected_question()
            for q in self._bank[item.id]:
                if current is None or q.text != current.text:
                    self.bank.addItem(q.text, q)
                    self.bank.setItemData(self.bank.count() - 1, q.text, Qt.ItemDataRole.ToolTipRole)
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
        self.question.setReadOnly(not editable)
        self.pick_button.setEnabled(editable and self.bank.count() > 0)
        self.bank.setEnabled(editable)
        for w in (self.slot, self.open_min, self.close_min, self.minutes):
            w.setEnabled(editable)
        self.place_combo.setEnabled(editable)
        self.place_button.setEnabled(editable and self.place_combo.count() > 0)
        q = self.selected_question()
        self.reword_button.setEnabled(
            editable and q is not None and " ".join(self.question.toPlainText().split()) not in ("", q.text)
        )

    # -- edits (each one undoable) ----------------------------------------------------------
    def _wording_edited(self) -> None:
        self._update_buttons()

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

        def failed(exc: BaseException) -> None:
            self.ctx.undo_stack.clear()
            self.ctx.show_error(self, exc)
            self.mark_dirty()

        self.ctx.db(lambda store: update_question_set(store, cid, qs, actor="chair"), None, failed)

    def save_form(self) -> None:
        """Ctrl+S: save the question wording being edited (the other edits are saved as they are made)."""
        self._reword()

    def _reword(self) -> None:
        q, qs = self.selected_question(), self.model.question_set
        text = " ".join(self.question.toPlainText().split())
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
