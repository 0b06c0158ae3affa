"""Moderation (the chair): agree one score per item per candidate, with a rationale where flagged.

Contract:
- The grid is built from ONE ``services.moderation.results`` call on the database thread; after an
  agreement only that candidate is re-read (``candidate_result``). No query per cell.
- Members' scores appear only for candidates every member has submitted; moderation opens only then, and
  the reason from ``services.moderation.can_moderate`` is shown when it is not open.
- Flagged items (spread or pass-mark straddle) need a rationale: Agree refuses with a message when it is
  empty, before anything is written (the service refuses too).
- "Agree the remaining unflagged items at the panel median" is one action
  (``services.moderation.agree_unflagged_at_median``).
"""
from __future__ import annotations

import gc
import html
import sys
import threading
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPlainTextEdit, QPushButton, QSpinBox, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from ...domain.campaign import CampaignResults, CandidateResult
from ...domain.scoring import flags as rule_flags
from ...domain.scoring import panel_median
from ...services import moderation as moderation_service
from ..context import CAMPAIGN, CANDIDATES, MODERATION, PANEL, SCORES, AppContext, tr, user_message
from ..models.moderation_model import FIXED_COLUMNS, MemberScoresModel, ModerationModel, flag_text


T = TypeVar("T")
_gc_lock = threading.Lock()
_gc_paused = 0
_saved: dict[str, float] = {}


def bulk_read(fn: Callable[[], T]) -> T:
    """Run a whole-campaign read (hundreds of thousands of small objects) with the cyclic GC paused
    and a shorter GIL switch interval (so the GUI thread keeps getting turns while it runs).

    A full collection over a 2,000-candidate result takes 100–160 ms and holds the GIL, which freezes the
    GUI thread; the result has no reference cycles, so nothing is lost by collecting later. Call
    :func:`settle_bulk` on the GUI thread once the result is in use.
    """
    global _gc_paused
    with _gc_lock:
        _gc_paused += 1
        if _gc_paused == 1:
            _saved["switch"] = sys.getswitchinterval()
            sys.setswitchinterval(0.001)  # hand the GIL to the GUI thread more often meanwhile
        gc.disable()
    try:
        return fn()
    finally:
        with _gc_lock:
            _gc_paused -= 1
            if _gc_paused == 0:
                gc.enable()
                sys.setswitchinterval(_saved["switch"])


def settle_bulk() -> None:
    """Move the objects alive now (the loaded results) out of the collector's way (``gc.freeze``).

    They are still freed by reference counting when the page drops them; later collections no longer
    walk them, so they stay short.
    """
    gc.freeze()


class ModerationPage(QWidget):
    """See the module docstring. ``ctx`` is the shared AppContext."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moderationPage")
        self.ctx = ctx
        self.results: CampaignResults | None = None
        self.loading = False
        self._stale = False
        self._own_notify = False
        self._open: tuple[str, bool, str] | None = None  # (candidate, can moderate, reason)
        self._build()
        ctx.campaignChanged.connect(self.reload)
        ctx.changed.connect(self._on_changed)
        if ctx.campaign_id is not None:
            self.reload()

    # ------------------------------------------------------------------------------- layout ----
    def _build(self) -> None:
        self.summary = QLabel(self)
        self.summary.setObjectName("moderationSummary")
        self.refresh_button = QPushButton(tr("&Refresh"), self)
        self.refresh_button.setObjectName("refreshModeration")
        self.refresh_button.clicked.connect(self.reload)
        legend = QLabel(tr("Cells: members' scores in panel order, → agreed score; "
                           "⚠ spread = scores far apart, ± pass = scores either side of the pass mark; "
                           "* = gating item"), self)
        legend.setWordWrap(True)
        legend.setStyleSheet("color:palette(mid);")

        self.model = ModerationModel(self)
        self.grid = QTableView(self)
        self.grid.setObjectName("moderationGrid")
        self.grid.setAccessibleName(tr("Moderation grid: candidates by items"))
        self.grid.setModel(self.model)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(False)  # cells break lines themselves; wrapping layout is slow
        self.grid.setAlternatingRowColors(False)
        vh = self.grid.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        vh.setFixedWidth(190)
        vh.setDefaultSectionSize(40)
        hh = self.grid.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setDefaultSectionSize(124)
        self.grid.setColumnWidth(0, 130)
        self.grid.selectionModel().currentChanged.connect(self._on_current)
        self.grid.activated.connect(lambda _i: self.agreed_spin.setFocus())

        # detail pane
        self.detail_title = QLabel(self)
        self.detail_title.setObjectName("detailTitle")
        self.detail_title.setWordWrap(True)
        self.reason = QLabel(self)
        self.reason.setObjectName("moderationReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("QLabel{background:#fff3e0;color:#1a1a1a;border:1px solid #ffb74d;padding:4px;}")
        self.reason.setVisible(False)
        self.item_title = QLabel(self)
        self.item_title.setObjectName("itemTitle")
        self.item_title.setWordWrap(True)
        self.members_model = MemberScoresModel(self)
        self.members_view = QTableView(self)
        self.members_view.setObjectName("memberScores")
        self.members_view.setAccessibleName(tr("Each member's score and notes for the selected item"))
        self.members_view.setModel(self.members_model)
        self.members_view.verticalHeader().setVisible(False)
        self.members_view.setWordWrap(True)
        self.members_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        mh = self.members_view.horizontalHeader()
        mh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        mh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        mh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        mh.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.members_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.agreed_spin = QSpinBox(self)
        self.agreed_spin.setObjectName("agreedScore")
        self.agreed_spin.setAccessibleName(tr("Agreed score"))
        self.agreed_spin.setMaximumWidth(90)
        self.rationale = QPlainTextEdit(self)
        self.rationale.setObjectName("rationaleEdit")
        self.rationale.setAccessibleName(tr("Rationale for the agreed score"))
        self.rationale.setTabChangesFocus(True)
        self.rationale.setPlaceholderText(tr("Why the panel agreed this score (required when flagged)"))
        self.rationale.setMaximumHeight(110)
        self.agree_button = QPushButton(tr("&Agree score"), self)
        self.agree_button.setObjectName("agreeButton")
        self.agree_button.setToolTip(tr("Record the agreed score for this item (Ctrl+Enter)"))
        self.agree_button.clicked.connect(self.agree)
        self.median_button = QPushButton(tr("Agree the remaining &unflagged items at the panel median"), self)
        self.median_button.setObjectName("agreeMedianButton")
        self.median_button.setToolTip(tr("One action for every item of this candidate that is not flagged and "
                                         "not yet agreed (Ctrl+M)"))
        self.median_button.clicked.connect(self.agree_unflagged)
        self.message = QLabel(self)
        self.message.setObjectName("moderationMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Moderation message"))

        form = QFormLayout()
        agreed_label = QLabel(tr("Agreed &score:"), self)
        agreed_label.setBuddy(self.agreed_spin)
        rationale_label = QLabel(tr("Ra&tionale:"), self)
        rationale_label.setBuddy(self.rationale)
        form.addRow(agreed_label, self.agreed_spin)
        form.addRow(rationale_label, self.rationale)

        detail = QWidget(self)
        detail.setMinimumWidth(340)
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(6, 0, 0, 0)
        dl.addWidget(self.detail_title)
        dl.addWidget(self.reason)
        dl.addWidget(self.item_title)
        dl.addWidget(self.members_view, 1)
        dl.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.agree_button)
        buttons.addStretch(1)
        dl.addLayout(buttons)
        dl.addWidget(self.median_button)
        dl.addWidget(self.message)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.grid)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([820, 460])

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(legend)
        lay.addWidget(split, 1)

        self.setTabOrder(self.grid, self.agreed_spin)
        self.setTabOrder(self.agreed_spin, self.rationale)
        self.setTabOrder(self.rationale, self.agree_button)
        self.setTabOrder(self.agree_button, self.median_button)
        self.setTabOrder(self.median_button, self.members_view)
        ctx_ = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+Return"), self, self.agree, context=ctx_)
        QShortcut(QKeySequence("Ctrl+M"), self, self.agree_unflagged, context=ctx_)
        QShortcut(QKeySequence("Alt+G"), self, self.grid.setFocus, context=ctx_)
        QShortcut(QKeySequence("F5"), self, self.reload, context=ctx_)
        self._show_detail()

    # ------------------------------------------------------------------------------ loading ----
    def _on_changed(self, what: str) -> None:
        if self._own_notify or what not in (SCORES, MODERATION, CANDIDATES, PANEL, CAMPAIGN):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # reload when shown: no work for a page nobody is looking at

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, *_: Any) -> None:
        """Re-read the whole campaign's results on the database thread and rebuild the grid."""
        self._stale = False
        cid = self.ctx.campaign_id
        if cid is None:
            self.results = None
            self.model.beginResetModel()
            self.model.endResetModel()
            self.summary.setText(tr("No campaign open."))
            self._show_detail()
            return
        self.loading = True
        self.summary.setText(tr("Loading…"))
        self.ctx.db(lambda store: bulk_read(lambda: moderation_service.results(store, cid, audit=False)),
                    lambda res: self._loaded(cid, res), self._load_failed, parent=self)

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.summary.setText(tr("Could not load: {reason}").format(reason=user_message(exc)))

    def _loaded(self, cid: int, res: CampaignResults) -> None:
        self.loading = False
        if cid != self.ctx.campaign_id:
            return
        keep = self._selected()
        self.results = res
        self.model.set_results(res)
        self.agreed_spin.setRange(res.rules.scale.minimum, res.rules.scale.maximum)
        self._update_summary()
        settle_bulk()
        if keep and keep[0] in {c.reference for c in res.candidates}:
            self.select(keep[0], keep[1])
        elif self.model.rowCount():
            first = next((r for r in range(self.model.rowCount()) if self.model.is_ready(r)), 0)
            self.grid.selectionModel().setCurrentIndex(self.model.index(first, FIXED_COLUMNS),
                                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)
        else:
            self._show_detail()

    def _update_summary(self) -> None:
        if self.results is None:
            return
        n = self.model.rowCount()
        ready = flagged = 0
        for r in range(n):
            if self.model.is_ready(r):
                ready += 1
                cr = self.model.candidate(r)
                flagged += sum(1 for item_id, f in cr.flags.items() if f and item_id not in cr.agreed)
        self.summary.setText(tr("{name}: {n} candidates, {ready} ready to moderate, {flagged} flagged item(s) "
                                "still to agree").format(name=self.results.campaign_name, n=n, ready=ready,
                                                         flagged=flagged))

    # ---------------------------------------------------------------------------- selection ----
    def select(self, reference: str, item_id: str | None = None) -> None:
        """Make ``reference`` / ``item_id`` the current cell (tests and keyboard navigation)."""
        r = self.model.row_of(reference)
        col = self.model.column_of(item_id) if item_id else FIXED_COLUMNS
        idx = self.model.index(r, col)
        self.grid.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.grid.scrollTo(idx)

    def _selected(self) -> tuple[str, str | None] | None:
        idx = self.grid.currentIndex()
        if not idx.isValid() or idx.row() >= self.model.rowCount():
            return None
        item = self.model.item_at(idx.column())
        return self.model.candidate(idx.row()).reference, item.id if item else None

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.message.setText("")
        if current.isValid() and previous.isValid() and current.row() == previous.row() and self._open:
            self._show_detail()
            return
        self._open = None
        self._show_detail()
        sel = self._selected()
        if sel is None or self.ctx.campaign_id is None:
            return
        ref, cid = sel[0], self.ctx.campaign_id
        self.ctx.db(lambda store: moderation_service.can_moderate(store, cid, ref),
                    lambda res: self._can_moderate(ref, res), parent=self)

    def _can_moderate(self, ref: str, res: tuple[bool, str]) -> None:
        sel = self._selected()
        if sel is None or sel[0] != ref:
            return
        ok, reason = res
        self._open = (ref, bool(ok), reason or "")
        self._show_detail()

    def _current_result(self) -> tuple[CandidateResult | None, str | None]:
        sel = self._selected()
        if sel is None:
            return None, None
        cr = self.model.candidate(self.model.row_of(sel[0]))
        item_id = sel[1]
        if item_id is None and self.model.items:
            item_id = next((it.id for it in self.model.items if it.id not in cr.agreed), self.model.items[0].id)
        return cr, item_id

    def _show_detail(self) -> None:
        cr, item_id = self._current_result()
        e = html.escape
        if cr is None or item_id is None or self.results is None:
            self.detail_title.setText(tr("Select a candidate and an item in the grid."))
            self.item_title.setText("")
            self.reason.setVisible(False)
            self.members_model.show(None, None, [])
            self._set_enabled(False, median=False)
            return
        ready = self.model.is_ready(self.model.row_of(cr.reference))
        slot = cr.candidate.slot.strftime(" · %d %b %H:%M") if cr.candidate.slot else ""
        self.detail_title.setText(f"<b>{e(cr.reference)} — {e(cr.candidate.name)}</b>{e(slot)}")
        item = next(it for it in self.model.items if it.id == item_id)
        flags = cr.flags.get(item_id, []) if ready else []
        gating = tr(" · gating (pass mark {n})").format(n=self.results.rules.pass_mark) \
            if self.results.rules.is_gating(item) else ""
        flag_html = f"<br><span style='color:#e65100'><b>{e(flag_text(flags))}</b></span>" if flags else ""
        agreed_html = (f"<br>{e(tr('Agreed {n}').format(n=cr.agreed[item_id]))}"
                       + (f": {e(cr.rationale.get(item_id, ''))}" if cr.rationale.get(item_id) else "")
                       if item_id in cr.agreed else "")
        self.item_title.setText(f"<b>{e(item.label)}</b>{e(gating)}{flag_html}{agreed_html}")
        self.members_model.show(cr if ready else None, item_id, self.model.members)
        # the agreed score input starts at the agreed score, else the panel median
        scores = [v for v in cr.scores.get(item_id, {}).values() if v is not None]
        if item_id in cr.agreed:
            self.agreed_spin.setValue(cr.agreed[item_id])
        elif scores and ready:
            self.agreed_spin.setValue(panel_median(scores))
        self.rationale.setPlainText(cr.rationale.get(item_id, ""))
        if self._open is None or self._open[0] != cr.reference:
            open_, reason = ready, "" if ready else tr("Checking…")
        else:
            open_, reason = self._open[1], self._open[2]
        if not open_:
            self.reason.setText(tr("Moderation is not open for this candidate: {reason}").format(
                reason=reason or tr("not every member has submitted")))
        self.reason.setVisible(not open_)
        self._set_enabled(open_, median=open_)

    def _set_enabled(self, enabled: bool, *, median: bool) -> None:
        for w in (self.agreed_spin, self.rationale, self.agree_button):
            w.setEnabled(enabled)
        self.median_button.setEnabled(median)

    # ---------------------------------------------------------------------------- actions ------
    def _actor(self) -> str | None:
        if self.results is not None:
            chair = next((m.name for m in self.results.members if m.chair), None)
            if chair:
                return chair
        return self.ctx.member

    def agree(self) -> None:
        """Record the agreed score for the current cell; refuses a flagged item without a rationale."""
        cr, item_id = self._current_result()
        if cr is None or item_id is None or self.ctx.campaign_id is None or not self.agree_button.isEnabled():
            return
        score = self.agreed_spin.value()
        rationale = self.rationale.toPlainText().strip()
        scores = [v for v in cr.scores.get(item_id, {}).values() if v is not None]
        flags = cr.flags.get(item_id) or rule_flags(scores, self.model.rules)
        if flags and not rationale:
            self._say(tr("A rationale is required: the panel's scores for {item} are flagged ({flags}). "
                         "Write why the panel agreed {score}, then Agree again.").format(
                item=item_id, flags=flag_text(flags), score=score), error=True)
            self.rationale.setFocus()
            return
        cid, ref, actor = self.ctx.campaign_id, cr.reference, self._actor()

        def work(store: Any) -> CandidateResult:
            moderation_service.moderate(store, cid, candidate=ref, item=item_id, score=score,
                                        rationale=rationale or None, actor=actor)
            return moderation_service.candidate_result(store, cid, ref)

        def done(new: CandidateResult) -> None:
            self._apply(new)
            self._say(tr("Agreed {score} for {ref} / {item}.").format(score=score, ref=ref, item=item_id))
            self._next_open_item(ref)

        self.ctx.db(work, done, lambda exc: self._say(user_message(exc), error=True), parent=self)

    def agree_unflagged(self) -> None:
        """Agree every unflagged, not-yet-agreed item of the current candidate at the panel median."""
        cr, _item = self._current_result()
        if cr is None or self.ctx.campaign_id is None or not self.median_button.isEnabled():
            return
        cid, ref, actor = self.ctx.campaign_id, cr.reference, self._actor()

        def work(store: Any) -> tuple[int, CandidateResult]:
            agreed = moderation_service.agree_unflagged_at_median(store, cid, candidate=ref, actor=actor)
            return len(agreed), moderation_service.candidate_result(store, cid, ref)

        def done(res: tuple[int, CandidateResult]) -> None:
            n, new = res
            self._apply(new)
            left = [it.id for it in self.model.items if it.id not in new.agreed]
            msg = tr("Agreed {n} unflagged item(s) at the panel median.").format(n=n)
            if left:
                msg += " " + tr("Still to agree (flagged): {items}.").format(items=", ".join(left))
            self._say(msg)
            self._next_open_item(ref)

        self.ctx.db(work, done, lambda exc: self._say(user_message(exc), error=True), parent=self)

    def _apply(self, new: CandidateResult) -> None:
        self.model.update_candidate(new)
        if self.results is not None:
            self.results.candidates = [new if c.reference == new.reference else c for c in self.results.candidates]
        self._update_summary()
        self._show_detail()
        self._own_notify = True
        try:
            self.ctx.notify(MODERATION)
        finally:
            self._own_notify = False

    def _next_open_item(self, ref: str) -> None:
        """Move to the next item of this candidate still to agree (keyboard flow)."""
        r = self.model.row_of(ref)
        cr = self.model.candidate(r)
        nxt = next((it.id for it in self.model.items if it.id not in cr.agreed), None)
        if nxt is not None:
            keep = self.message.text()
            self.select(ref, nxt)
            self.message.setText(keep)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color:#b00020;font-weight:bold;" if error else "color:#1b5e20;")
        self.ctx.statusMessage.emit(text)
