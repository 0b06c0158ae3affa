"""Moderation (the chair): agree one score per item per candidate, with a rationale where flagged.

Contract:
- The grid is built from ONE ``services.moderation.results`` call on the database thread; after an
  agreement only that candidate is re-read (``candidate_result``). No query per cell.
- Members' scores appear only for candidates every member has submitted; moderation opens only then, and
  the reason is shown when it is not open. Readiness, flags and status come from the domain
  (``domain.moderation.Assessor``, through the results just loaded): the page keeps no answer of its own,
  so a reload (a submission, F5) can never leave a stale "waiting" pane.
- Flagged items (spread or pass-mark straddle) need a rationale: Agree refuses with a message when it is
  empty, before anything is written (the service refuses too).
- "Agree the remaining unflagged items at the panel median" is one action
  (``services.moderation.agree_unflagged_at_median``); "Agree ± pass items whose median passes" agrees, for
  every candidate shown, each item whose only flag is the pass-mark split and whose median passes, with the
  rationale typed (one shared text, recorded and audited per item).
- Rationale presets: the chair picks one (it fills the rationale, which stays editable) and can edit the list
  (kept in the app's settings).
- The grid is compact (narrow item columns, flags as ⚠ and ± with the words in the tooltip), with the
  candidate as a frozen row header and Status, Total (agreed so far) and Outcome (provisional, with "?", while
  moderating) before the items. The candidate view (Ctrl+D, or double-click a candidate) shows every item
  of one candidate on one screen, from the results already loaded.
- A filter above the grid (Alt+W) shows all candidates, those ready to moderate, those with flagged items
  still to agree, those waiting for submissions, or the moderated ones; it is a proxy over the model, so it
  costs no query. A candidate that stops matching after an agreement stays in view until the filter is
  chosen again or the grid is refreshed, so the current cell never jumps away under the chair.
- "Next flagged item" (F8; Shift+F8 goes back) makes the next cell, row by row and wrapping, whose item is
  flagged and not yet agreed among the candidates shown the current cell. After an agreement the page moves
  to the next flagged item still to agree of the same candidate, if there is one, else stays.
"""

from __future__ import annotations

import gc
import html
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import CampaignResults, CandidateResult
from ...domain.scoring import panel_median
from ...services import moderation as moderation_service
from ..context import CAMPAIGN, CANDIDATES, MODERATION, PANEL, SCORES, AppContext, tr, user_message
from ..models.moderation_model import (
    COL_OUTCOME,
    COL_STATUS,
    COL_TOTAL,
    FILTER_ALL,
    FILTERS,
    FIXED_COLUMNS,
    CandidateFilter,
    MemberScoresModel,
    ModerationModel,
    flag_text,
)
from ..ops import Changed
from ..shortcuts import page_action
from ..widgets import colours
from ..widgets.candidate_view import CandidateView
from ..widgets.look import hint
from ..widgets.page import CampaignPage
from ..widgets.panes import two_panes

T = TypeVar("T")
ITEM_COLUMN_WIDTH = 62  # compact: about 20 item columns beside the detail pane at 1,366 px
PRESETS_KEY = "moderation/rationale_presets"
DEFAULT_PRESETS = (
    "Scores either side of the pass mark; after discussion the panel agreed the evidence met the required "
    "level, so the panel median stands.",
    "Scores either side of the pass mark; after discussion the panel agreed the evidence fell short of the "
    "required level.",
    "Wide spread: one member had noted evidence the others had not; after discussion the panel agreed this score.",
    "The example described the team's actions more than the candidate's own; the panel agreed this score.",
)


def bulk_read(fn: Callable[[], T]) -> T:
    """Run a whole-campaign read on the database thread with a shorter GIL switch interval, so the GUI
    thread keeps getting turns while hundreds of thousands of small objects are built.

    (``services.moderation.results`` pauses the cyclic collector itself, process-wide, while it builds
    them.) Call only from the database thread; call :func:`settle_bulk` on the GUI thread once the result
    is in use.
    """
    saved = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        return fn()
    finally:
        sys.setswitchinterval(saved)


def settle_bulk() -> None:
    """Move the objects alive now (the loaded results) out of the collector's way (``gc.freeze``).

    They are still freed by reference counting when the page drops them; later collections no longer
    walk them, so they stay short.
    """
    gc.freeze()


class ModerationPage(CampaignPage):
    """See the module docstring. ``ctx`` is the shared AppContext. Loads when shown (CampaignPage)."""

    watches = (SCORES, MODERATION, CANDIDATES, PANEL, CAMPAIGN)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("moderationPage")
        self.results: CampaignResults | None = None
        self._own_notify = False
        self._agreed_since_backup = False  # leaving the page then takes a backup (end of a session)
        self._refiltering = False  # the proxy moves the current cell about while it filters: ignore that
        self._build()

    # ------------------------------------------------------------------------------- layout ----
    def _build(self) -> None:
        self.summary = QLabel(self)
        self.summary.setObjectName("moderationSummary")
        self.refresh_button = QPushButton(tr("&Refresh"), self)
        self.refresh_button.setObjectName("refreshModeration")
        self.refresh_button.clicked.connect(self._refresh)
        legend = QLabel(
            tr(
                "Cells: members' scores in panel order, → agreed score; "
                "⚠ = spread (scores far apart), ± = scores either side of the pass mark; "
                "* = gating item; Outcome with ? = provisional"
            ),
            self,
        )
        legend.setWordWrap(True)
        hint(legend)

        # filter and flagged-item navigation, above the grid
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("moderationFilter")
        self.filter_combo.setAccessibleName(tr("Show candidates"))
        self.filter_combo.setToolTip(tr("Which candidates the grid shows (Alt+W)"))
        for key, label in FILTERS:
            self.filter_combo.addItem(tr(label), key)
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_combo.currentIndexChanged.connect(self._filter_chosen)
        filter_label = QLabel(tr("Sho&w:"), self)
        filter_label.setBuddy(self.filter_combo)
        self.prev_flag_button = QPushButton(tr("Previous flagged (Shift+F8)"), self)
        self.prev_flag_button.setObjectName("previousFlaggedButton")
        self.prev_flag_button.setToolTip(tr("Go back to the previous flagged item still to agree (Shift+F8)"))
        self.prev_flag_button.clicked.connect(lambda: self.next_flagged(forward=False))
        self.next_flag_button = QPushButton(tr("&Next flagged item (F8)"), self)
        self.next_flag_button.setObjectName("nextFlaggedButton")
        self.next_flag_button.setToolTip(
            tr("Go to the next flagged item still to agree, among the candidates shown (F8; Shift+F8 goes back)")
        )
        self.next_flag_button.clicked.connect(lambda: self.next_flagged(forward=True))

        self.model = ModerationModel(self)
        self.proxy = CandidateFilter(self.model, self)
        self.grid = QTableView(self)
        self.grid.setObjectName("moderationGrid")
        self.grid.setAccessibleName(tr("Moderation grid: candidates by items"))
        self.grid.setModel(self.proxy)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(False)  # cells break lines themselves; wrapping layout is slow
        self.grid.setAlternatingRowColors(False)
        vh = self.grid.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        vh.setFixedWidth(170)
        vh.setDefaultSectionSize(38)
        vh.sectionDoubleClicked.connect(lambda row: self.open_candidate_view(self._source_row(row)))
        hh = self.grid.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setDefaultSectionSize(ITEM_COLUMN_WIDTH)
        hh.setMinimumSectionSize(40)
        for col, w in ((COL_STATUS, 116), (COL_TOTAL, 48), (COL_OUTCOME, 118)):
            self.grid.setColumnWidth(col, w)
        self.grid.selectionModel().currentChanged.connect(self._on_current)
        self.grid.activated.connect(lambda _i: self.agreed_spin.setFocus())

        # detail pane
        self.detail_title = QLabel(self)
        self.detail_title.setObjectName("detailTitle")
        self.detail_title.setWordWrap(True)
        self.reason = QLabel(self)
        self.reason.setObjectName("moderationReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(colours.box_css(colours.NOTE_BOX, self.palette()))
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
        self.preset_combo = QComboBox(self)
        self.preset_combo.setObjectName("rationalePresets")
        self.preset_combo.setAccessibleName(tr("Rationale presets"))
        self.preset_combo.setToolTip(tr("Pick a rationale to start from; edit it before agreeing if needed"))
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_combo.setMinimumContentsLength(20)
        self.preset_combo.activated.connect(self._preset_chosen)
        self.edit_presets_button = QPushButton(tr("Edit presets…"), self)
        self.edit_presets_button.setObjectName("editPresetsButton")
        self.edit_presets_button.clicked.connect(self.edit_presets)
        self._fill_presets()
        self.straddle_button = QPushButton(tr("&Bulk-agree ± pass items (median passes)"), self)
        self.straddle_button.setObjectName("agreeStraddlesButton")
        self.straddle_button.setToolTip(
            tr(
                "For every candidate shown: each item still to agree whose only flag is "
                "± pass and whose panel median reaches the pass mark is agreed at the "
                "median, with the rationale above (Ctrl+Shift+M)"
            )
        )
        self.straddle_button.clicked.connect(self.agree_straddles)
        self.view_button = QPushButton(tr("Candi&date view…"), self)
        self.view_button.setObjectName("candidateViewButton")
        self.view_button.setToolTip(tr("Every item of this candidate on one screen (Ctrl+D)"))
        self.view_button.clicked.connect(lambda: self.open_candidate_view())
        self.candidate_view: CandidateView | None = None
        self.agree_button = QPushButton(tr("&Agree score"), self)
        self.agree_button.setObjectName("agreeButton")
        self.agree_button.setToolTip(tr("Record the agreed score for this item (Ctrl+Enter)"))
        self.agree_button.clicked.connect(self.agree)
        self.median_button = QPushButton(tr("Agree the remaining &unflagged items at the panel median"), self)
        self.median_button.setObjectName("agreeMedianButton")
        self.median_button.setToolTip(
            tr("One action for every item of this candidate that is not flagged and not yet agreed (Ctrl+M)")
        )
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
        presets = QHBoxLayout()
        presets.addWidget(self.preset_combo, 1)
        presets.addWidget(self.edit_presets_button)
        preset_label = QLabel(tr("&Preset:"), self)
        preset_label.setBuddy(self.preset_combo)
        form.addRow(preset_label, presets)
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
        buttons.addWidget(self.view_button)
        dl.addLayout(buttons)
        dl.addWidget(self.median_button)
        dl.addWidget(self.straddle_button)
        dl.addWidget(self.message)

        split = two_panes(self.grid, detail, (3, 1), sizes=(820, 460), parent=self)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        tools = QHBoxLayout()
        tools.addWidget(filter_label)
        tools.addWidget(self.filter_combo)
        tools.addSpacing(12)
        tools.addWidget(self.prev_flag_button)
        tools.addWidget(self.next_flag_button)
        tools.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(tools)
        lay.addWidget(legend)
        lay.addWidget(split, 1)

        self.setTabOrder(self.filter_combo, self.prev_flag_button)
        self.setTabOrder(self.prev_flag_button, self.next_flag_button)
        self.setTabOrder(self.next_flag_button, self.grid)
        self.setTabOrder(self.grid, self.agreed_spin)
        self.setTabOrder(self.agreed_spin, self.rationale)
        self.setTabOrder(self.rationale, self.agree_button)
        self.setTabOrder(self.agree_button, self.median_button)
        self.setTabOrder(self.median_button, self.members_view)
        page_action(self, tr("&Agree this score"), "Ctrl+Return", self.agree)
        page_action(self, tr("Agree the unflagged items at the &median"), "Ctrl+M", self.agree_unflagged)
        page_action(self, tr("Agree the ± pass items whose median passes"), "Ctrl+Shift+M", self.agree_straddles)
        page_action(self, tr("Open the candidate view"), "Ctrl+D", lambda: self.open_candidate_view())
        page_action(self, tr("Go to the &grid"), "Ctrl+G", self.grid.setFocus)  # Alt+G is the Go menu
        page_action(self, tr("&Refresh"), "F5", self._refresh)
        page_action(self, tr("&Next flagged item"), "F8", lambda: self.next_flagged(forward=True))
        page_action(self, tr("&Previous flagged item"), "Shift+F8", lambda: self.next_flagged(forward=False))
        self._show_detail()

    # ------------------------------------------------------------------------------ loading ----
    def _on_changed(self, changes: Changed | str, initiator: object = None) -> None:
        if not self._own_notify:  # an agreement made here is already shown
            super()._on_changed(changes, initiator)

    def clear(self) -> None:
        self.results = None
        self.model.beginResetModel()
        self.model.endResetModel()
        self._update_filter_labels()
        self.summary.setText(tr("No campaign open."))
        self._show_detail()

    def reload(self) -> None:
        """Re-read the whole campaign's results on the database thread and rebuild the grid."""
        cid = self.ctx.campaign_id
        self.summary.setText(tr("Loading…"))
        self.load(
            lambda store: bulk_read(lambda: moderation_service.results(store, cid, audit=False)),
            self._loaded,
            self._load_failed,
        )

    def _load_failed(self, exc: BaseException) -> None:
        self.summary.setText(tr("Could not load: {reason}").format(reason=user_message(exc)))

    def _loaded(self, res: CampaignResults) -> None:
        keep = self._selected()
        self.results = res
        self.model.set_results(res)
        self.agreed_spin.setRange(res.rules.scale.minimum, res.rules.scale.maximum)
        self._update_summary()
        settle_bulk()
        if keep and self.model.has_candidate(keep[0]) and self._visible_row(self.model.row_of(keep[0])) >= 0:
            self.select(keep[0], keep[1])
        else:
            self._select_first_visible()
        self._show_detail()  # the same cell may still be current: show what the new results say

    def _select_first_visible(self) -> None:
        """Make the first shown candidate ready to moderate (else the first shown) the current row."""
        shown = self.proxy.rowCount()
        if not shown:
            self.grid.selectionModel().clearCurrentIndex()
            self.grid.clearSelection()
            self._show_detail()
            return
        first = next((p for p in range(shown) if self.model.is_ready(self._source_row(p))), 0)
        idx = self.proxy.index(first, FIXED_COLUMNS)
        self.grid.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.grid.scrollTo(idx)

    def _update_summary(self) -> None:
        if self.results is None:
            return
        counts = self._update_filter_labels()
        self.summary.setText(
            tr(
                "{name}: showing {shown} of {n} candidates · {ready} ready to moderate, "
                "{flagged} flagged item(s) still to agree"
            ).format(
                name=self.results.campaign_name,
                shown=self.proxy.rowCount(),
                n=counts[FILTER_ALL],
                ready=counts["ready"],
                flagged=counts["flagged_items"],
            )
        )

    def _update_filter_labels(self) -> dict[str, int]:
        """Put each filter's count of candidates in its label ("Ready to moderate (412)")."""
        counts = self.model.counts()
        for i, (key, label) in enumerate(FILTERS):
            self.filter_combo.setItemText(i, f"{tr(label)} ({counts[key]})" if self.results is not None else tr(label))
        return counts

    # ------------------------------------------------------------------------------ filter -----
    @property
    def filter_key(self) -> str:
        """The filter in force (one of ``FILTERS``' keys)."""
        return self.proxy.key

    def set_filter(self, key: str) -> None:
        """Choose the filter ``key`` (as if picked in the combo box); re-applied if already chosen."""
        i = self.filter_combo.findData(key)
        if i < 0:
            raise ValueError(f"unknown candidate filter: {key}")
        if i == self.filter_combo.currentIndex():
            self._filter_chosen(i)
        else:
            self.filter_combo.setCurrentIndex(i)

    def _filter_chosen(self, index: int) -> None:
        key = self.filter_combo.itemData(index) or FILTER_ALL
        keep = self._selected()
        self._refiltering = True
        try:
            self.proxy.set_filter(key)
        finally:
            self._refiltering = False
        if keep is not None and self._visible_row(self.model.row_of(keep[0])) >= 0:
            if self._selected() != keep:
                self.select(keep[0], keep[1])
        else:
            self._select_first_visible()
        self._update_summary()

    def _visible_row(self, source_row: int) -> int:
        """The grid row showing source row ``source_row``, or -1 when the filter hides it."""
        return self.proxy.mapFromSource(self.model.index(source_row, 0)).row()

    def _source_row(self, proxy_row: int) -> int:
        return self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()

    # ------------------------------------------------------------------- flagged navigation -----
    def next_flagged(self, *, forward: bool = True) -> bool:
        """Make the next (``forward``) or previous cell whose item is flagged and not yet agreed the current
        cell: row by row, left to right, among the candidates shown, wrapping at the end. False (with a
        message) when there is none."""
        shown = self.proxy.rowCount()
        if not shown:
            self._say(tr("No candidates shown."))
            return False
        cur = self.grid.currentIndex()
        row, col = (cur.row(), cur.column()) if cur.isValid() else ((-1, 10**9) if forward else (shown, -1))
        # the current row after (before) the current column, then the other rows in turn, then the current
        # row before (after) the current column: the wrap ends back where it started
        order = (
            [(row + step) % shown for step in range(1, shown + 1)]
            if forward
            else [(row - step) % shown for step in range(1, shown + 1)]
        )
        if 0 <= row < shown:
            order = [row] + order  # the last entry is the current row again
        for n, p in enumerate(order):
            cols = self.model.open_flagged_columns(self._source_row(p))
            if not cols:
                continue
            if n == 0 and 0 <= row < shown:  # the current row, beyond the current cell
                cols = [c for c in cols if (c > col if forward else c < col)]
            elif p == row and n == len(order) - 1:  # wrapped back to the current row
                cols = [c for c in cols if (c <= col if forward else c >= col)]
            if cols:
                target = cols[0] if forward else cols[-1]
                idx = self.proxy.index(p, target)
                self.grid.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.grid.scrollTo(idx)
                return True
        hint = "" if self.filter_key == FILTER_ALL else " " + tr("(other candidates may be hidden by the filter)")
        self._say(tr("No flagged items still to agree among the candidates shown.") + hint)
        return False

    # ---------------------------------------------------------------------------- selection ----
    def select(self, reference: str, item_id: str | None = None) -> None:
        """Make ``reference`` / ``item_id`` the current cell (tests and keyboard navigation). When the filter
        hides that candidate it goes back to "All candidates" first."""
        r = self.model.row_of(reference)
        if self._visible_row(r) < 0:
            self.set_filter(FILTER_ALL)
        col = self.model.column_of(item_id) if item_id else FIXED_COLUMNS
        idx = self.proxy.mapFromSource(self.model.index(r, col))
        self.grid.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.grid.scrollTo(idx)

    def _selected(self) -> tuple[str, str | None] | None:
        """(candidate reference, item id or None) of the current cell, or None."""
        idx = self.proxy.mapToSource(self.grid.currentIndex())
        if not idx.isValid() or idx.row() >= self.model.rowCount():
            return None
        item = self.model.item_at(idx.column())
        return self.model.candidate(idx.row()).reference, item.id if item else None

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._refiltering:
            return  # _filter_chosen settles the current cell once the filter is in place
        self.message.setText("")
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
        ready = cr.ready
        slot = cr.candidate.slot.strftime(" · %d %b %H:%M") if cr.candidate.slot else ""
        self.detail_title.setText(f"<b>{e(cr.reference)} — {e(cr.candidate.name)}</b>{e(slot)}")
        item = next(it for it in self.model.items if it.id == item_id)
        flags = cr.flags.get(item_id, []) if ready else []
        gating = (
            tr(" · gating (pass mark {n})").format(n=self.results.rules.pass_mark)
            if self.results.rules.is_gating(item)
            else ""
        )
        warning = colours.css(colours.WARNING, self.palette())
        flag_html = f"<br><span style='color:{warning}'><b>{e(flag_text(flags))}</b></span>" if flags else ""
        agreed_html = (
            f"<br>{e(tr('Agreed {n}').format(n=cr.agreed[item_id]))}"
            + (f": {e(cr.rationale.get(item_id, ''))}" if cr.rationale.get(item_id) else "")
            if item_id in cr.agreed
            else ""
        )
        self.item_title.setText(f"<b>{e(item.label)}</b>{e(gating)}{flag_html}{agreed_html}")
        self.members_model.show(cr if ready else None, item_id, self.model.members)
        # the agreed score input starts at the agreed score, else the panel median
        scores = [v for v in cr.scores.get(item_id, {}).values() if v is not None]
        if item_id in cr.agreed:
            self.agreed_spin.setValue(cr.agreed[item_id])
        elif scores and ready:
            self.agreed_spin.setValue(panel_median(scores))
        self.rationale.setPlainText(cr.rationale.get(item_id, ""))
        self.reason.setText(
            ""
            if ready
            else tr("Moderation is not open for this candidate: {reason}").format(
                reason=cr.not_ready or tr("not every member has submitted")
            )
        )
        self.reason.setVisible(not ready)
        self._set_enabled(ready, median=ready)

    def _set_enabled(self, enabled: bool, *, median: bool) -> None:
        for w in (self.agreed_spin, self.rationale, self.agree_button, self.preset_combo):
            w.setEnabled(enabled)
        self.median_button.setEnabled(median)
        self.straddle_button.setEnabled(self.results is not None)
        self.view_button.setEnabled(self._selected() is not None)

    # ------------------------------------------------------------------------- rationale presets -----
    def presets(self) -> list[str]:
        """The chair's rationale presets (settings), or the defaults."""
        saved = self.ctx.settings.value(PRESETS_KEY)
        if isinstance(saved, str):
            saved = [saved]
        out = [" ".join(str(p).split()) for p in (saved or []) if str(p).strip()]
        return out or [tr(p) for p in DEFAULT_PRESETS]

    def set_presets(self, presets: list[str]) -> None:
        clean = [" ".join(p.split()) for p in presets if p.strip()]
        self.ctx.settings.setValue(PRESETS_KEY, clean)
        self._fill_presets()

    def _fill_presets(self) -> None:
        self.preset_combo.clear()
        self.preset_combo.addItem(tr("— choose a preset —"), "")
        for p in self.presets():
            self.preset_combo.addItem(p if len(p) <= 70 else p[:69] + "…", p)
            self.preset_combo.setItemData(self.preset_combo.count() - 1, p, Qt.ItemDataRole.ToolTipRole)

    def choose_preset(self, index: int) -> None:
        """Pick preset ``index`` (0-based in the list): it fills the rationale, still editable."""
        self.preset_combo.setCurrentIndex(index + 1)
        self._preset_chosen(index + 1)

    def _preset_chosen(self, combo_index: int) -> None:
        text = self.preset_combo.itemData(combo_index)
        if text:
            self.rationale.setPlainText(text)
            self.rationale.setFocus()

    def edit_presets(self) -> None:
        """A small editor: one preset per line (non-modal; OK saves)."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox

        dlg = QDialog(self)
        dlg.setObjectName("presetsDialog")
        dlg.setWindowTitle(tr("Rationale presets"))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        edit = QPlainTextEdit(dlg)
        edit.setObjectName("presetsEdit")
        edit.setPlainText("\n".join(self.presets()))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dlg)
        box.accepted.connect(lambda: (self.set_presets(edit.toPlainText().splitlines()), dlg.accept()))
        box.rejected.connect(dlg.reject)
        lay = QVBoxLayout(dlg)
        lay.addWidget(QLabel(tr("One rationale per line:"), dlg))
        lay.addWidget(edit)
        lay.addWidget(box)
        dlg.resize(640, 320)
        dlg.open()

    # ------------------------------------------------------------------------ candidate view -----
    def open_candidate_view(self, source_row: int | None = None) -> CandidateView | None:
        """Show every item of the current candidate (or of ``source_row``) on one screen."""
        if self.results is None:
            return None
        if source_row is None:
            sel = self._selected()
            if sel is None:
                return None
            source_row = self.model.row_of(sel[0])
        if self.candidate_view is None:
            self.candidate_view = CandidateView(self)
        cr = self.model.candidate(source_row)
        self.candidate_view.show_candidate(cr, self.model.items, self.model.members, self.model.rules)
        self.candidate_view.show()
        self.candidate_view.raise_()
        return self.candidate_view

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
        flags = cr.flags.get(item_id) or []
        if flags and not rationale:
            self._say(
                tr(
                    "A rationale is required: the panel's scores for {item} are flagged ({flags}). "
                    "Write why the panel agreed {score}, then Agree again."
                ).format(item=item_id, flags=flag_text(flags), score=score),
                error=True,
            )
            self.rationale.setFocus()
            return
        cid, ref, actor = self.ctx.campaign_id, cr.reference, self._actor()

        def work(store: Any) -> CandidateResult:
            moderation_service.moderate(
                store, cid, candidate=ref, item=item_id, score=score, rationale=rationale or None, actor=actor
            )
            return moderation_service.candidate_result(store, cid, ref)

        def done(new: CandidateResult) -> None:
            self._apply(new)
            self._say(tr("Agreed {score} for {ref} / {item}.").format(score=score, ref=ref, item=item_id))
            self._next_flagged_of(ref, item_id)

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

    def hideEvent(self, event: Any) -> None:
        """Leaving the page after agreeing scores ends a moderation session: back the database up."""
        if self._agreed_since_backup:
            self._agreed_since_backup = False
            self.ctx.backup_after_session()
        super().hideEvent(event)

    def agree_straddles(self) -> None:
        """Agree, for every candidate shown, each ± pass item whose median passes, with the rationale typed."""
        if self.results is None or self.ctx.campaign_id is None:
            return
        rationale = self.rationale.toPlainText().strip()
        if not rationale:
            self._say(tr("Choose a preset or write the rationale the panel shares for these items first."), error=True)
            self.preset_combo.setFocus()
            return
        refs = [self.model.candidate(self._source_row(p)).reference for p in range(self.proxy.rowCount())]
        cid, actor = self.ctx.campaign_id, self._actor()

        def work(store: Any) -> tuple[int, list[CandidateResult]]:
            agreed = moderation_service.agree_straddles_at_median(
                store, cid, rationale=rationale, candidates=refs, actor=actor
            )
            touched = list(dict.fromkeys(a.candidate for a in agreed))
            return len(agreed), [moderation_service.candidate_result(store, cid, r) for r in touched]

        def done(res: tuple[int, list[CandidateResult]]) -> None:
            n, changed = res
            for cr in changed:
                self._apply(cr)
            self._say(
                tr("Agreed {n} ± pass item(s) at the panel median for {c} candidate(s).").format(n=n, c=len(changed))
            )

        self.ctx.db(work, done, lambda exc: self._say(user_message(exc), error=True), parent=self)

    def _apply(self, new: CandidateResult) -> None:
        self._agreed_since_backup = True
        self.model.update_candidate(new)
        if self.candidate_view is not None and self.results is not None:
            self.candidate_view.refresh(new, self.model.items, self.model.members, self.model.rules)
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

    def _next_flagged_of(self, ref: str, item_id: str) -> None:
        """After agreeing ``item_id``: move to this candidate's next flagged item still to agree (to the right,
        then from the left), if any; otherwise stay on the cell just agreed."""
        if self._selected() != (ref, item_id):
            return  # the chair has moved on while the agreement was being written
        r = self.model.row_of(ref)
        col = self.model.column_of(item_id)
        cols = self.model.open_flagged_columns(r)
        target = next((c for c in cols if c > col), cols[0] if cols else None)
        if target is not None:
            keep = self.message.text()
            self.select(ref, self.model.items[target - FIXED_COLUMNS].id)
            self.message.setText(keep)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        colour = colours.css(colours.ERROR if error else colours.POSITIVE, self.palette())
        self.message.setStyleSheet(f"color:{colour};" + ("font-weight:bold;" if error else ""))
        self.ctx.statusMessage.emit(text)
