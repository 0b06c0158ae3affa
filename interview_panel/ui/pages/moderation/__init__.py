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

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....domain.campaign import CampaignResults, CandidateResult
from ....domain.moderation import item_median
from ....domain.status import FLAGGED_ITEMS, ModerationFilter
from ....services import moderation as moderation_service
from ...context import CAMPAIGN, CANDIDATES, MODERATION, PANEL, SCORES, AppContext, tr, user_message
from ...models.moderation_model import FILTER_ALL, FIXED_COLUMNS, flag_text
from ...ops import Changed
from ...shortcuts import page_action
from ...widgets.candidate_view import CandidateView
from ...widgets.look import hint
from ...widgets.page import CampaignPage
from ...widgets.panes import two_panes
from .detail import DEFAULT_PRESETS, PRESETS_KEY, ModerationDetail
from .grid import ITEM_COLUMN_WIDTH, FilterBar, ModerationGrid

__all__ = ["DEFAULT_PRESETS", "ITEM_COLUMN_WIDTH", "PRESETS_KEY", "ModerationPage"]


class ModerationPage(CampaignPage):
    """See the module docstring. ``ctx`` is the shared AppContext. Loads when shown (CampaignPage)."""

    watches = (SCORES, MODERATION, CANDIDATES, PANEL, CAMPAIGN)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("moderationPage")
        self.results: CampaignResults | None = None
        self.candidate_view: CandidateView | None = None
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
        self.tools = FilterBar(self)
        self.filter_combo = self.tools.filter_combo
        self.prev_flag_button, self.next_flag_button = self.tools.prev_flag_button, self.tools.next_flag_button
        self.filter_combo.currentIndexChanged.connect(self._filter_chosen)
        self.prev_flag_button.clicked.connect(lambda: self.next_flagged(forward=False))
        self.next_flag_button.clicked.connect(lambda: self.next_flagged(forward=True))
        self.grid = ModerationGrid(self)
        self.model, self.proxy = self.grid.source, self.grid.proxy
        self.grid.candidateOpened.connect(self.open_candidate_view)
        self.grid.selectionModel().currentChanged.connect(self._on_current)
        self.detail = ModerationDetail(self.ctx.settings, self)
        d = self.detail  # its widgets, by the names the page has always given them
        self.detail_title, self.reason, self.item_title, self.message = (
            d.detail_title,
            d.reason,
            d.item_title,
            d.message,
        )
        self.members_model, self.members_view = d.members_model, d.members_view
        self.agreed_spin, self.rationale, self.preset_combo = d.agreed_spin, d.rationale, d.preset_combo
        self.agree_button, self.median_button, self.view_button = d.agree_button, d.median_button, d.view_button
        self.straddle_button, self.edit_presets_button = d.straddle_button, d.edit_presets_button
        self.presets, self.set_presets, self.choose_preset = d.presets, d.set_presets, d.choose_preset
        self.edit_presets = d.edit_presets
        self.agree_button.clicked.connect(self.agree)
        self.median_button.clicked.connect(self.agree_unflagged)
        self.straddle_button.clicked.connect(self.agree_straddles)
        self.view_button.clicked.connect(lambda: self.open_candidate_view())
        self.grid.activated.connect(lambda _i: self.agreed_spin.setFocus())
        self._lay_out()
        self._keys()
        self._show_detail()

    def _lay_out(self) -> None:
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
        split = two_panes(self.grid, self.detail, (3, 1), sizes=(820, 460), parent=self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tools)
        lay.addWidget(legend)
        lay.addWidget(split, 1)

    def _keys(self) -> None:
        order: tuple[QWidget, ...] = (self.filter_combo, self.prev_flag_button, self.next_flag_button, self.grid)
        order += (self.agreed_spin, self.rationale, self.agree_button, self.median_button, self.members_view)
        for a, b in pairwise(order):
            self.setTabOrder(a, b)
        page_action(self, tr("&Agree this score"), "Ctrl+Return", self.agree)
        page_action(self, tr("Agree the unflagged items at the &median"), "Ctrl+M", self.agree_unflagged)
        page_action(self, tr("Agree the ± pass items whose median passes"), "Ctrl+Shift+M", self.agree_straddles)
        page_action(self, tr("Open the candidate view"), "Ctrl+D", lambda: self.open_candidate_view())
        page_action(self, tr("Go to the &grid"), "Ctrl+G", self.grid.setFocus)  # Alt+G is the Go menu
        page_action(self, tr("&Refresh"), "F5", self._refresh)
        page_action(self, tr("&Next flagged item"), "F8", lambda: self.next_flagged(forward=True))
        page_action(self, tr("&Previous flagged item"), "Shift+F8", lambda: self.next_flagged(forward=False))

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
        assert cid is not None
        self.summary.setText(tr("Loading…"))
        self.load(lambda store: moderation_service.results(store, cid, audit=False), self._loaded, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.summary.setText(tr("Could not load: {reason}").format(reason=user_message(exc)))

    def _loaded(self, res: CampaignResults) -> None:
        keep = self._selected()
        self.results = res
        self.model.set_results(res)
        self.agreed_spin.setRange(res.rules.scale.minimum, res.rules.scale.maximum)
        self._update_summary()
        if not (keep and self.model.has_candidate(keep[0]) and self.grid.select(keep[0], keep[1])):
            self.grid.select_first_visible()
        self._show_detail()  # the same cell may still be current: show what the new results say

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
                n=counts[ModerationFilter.ALL],
                ready=counts[ModerationFilter.READY],
                flagged=counts[FLAGGED_ITEMS],
            )
        )

    def _update_filter_labels(self) -> dict[str, int]:
        counts = self.model.counts()
        self.tools.show_counts(counts if self.results is not None else None)
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
        if keep is None or not (self._selected() == keep or self.grid.select(keep[0], keep[1])):
            self.grid.select_first_visible()
            self._show_detail()
        self._update_summary()

    # ------------------------------------------------------------------------------ selection ----
    def next_flagged(self, *, forward: bool = True) -> bool:
        """Go to the next (``forward``) or previous flagged item still to agree among the candidates shown
        (:meth:`ModerationGrid.next_flagged`); False, with a message, when there is none."""
        if self.grid.next_flagged(forward=forward):
            return True
        if not self.proxy.rowCount():
            self._say(tr("No candidates shown."))
            return False
        hint = "" if self.filter_key == FILTER_ALL else " " + tr("(other candidates may be hidden by the filter)")
        self._say(tr("No flagged items still to agree among the candidates shown.") + hint)
        return False

    def select(self, reference: str, item_id: str | None = None) -> None:
        """Make ``reference`` / ``item_id`` the current cell (tests and keyboard navigation). When the filter
        hides that candidate it goes back to "All candidates" first."""
        if not self.grid.select(reference, item_id):
            self.set_filter(FILTER_ALL)
            self.grid.select(reference, item_id)

    def _selected(self) -> tuple[str, str | None] | None:
        """(candidate reference, item id or None) of the current cell, or None."""
        return self.grid.selected()

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
            item_id = cr.to_agree[0] if cr.to_agree else self.model.items[0].id
        return cr, item_id

    def _show_detail(self) -> None:
        cr, item_id = self._current_result()
        if cr is None or item_id is None or self.results is None:
            self.detail.show_nothing()
            self._set_enabled(False)
            return
        item = self.model.items[self.model.column_of(item_id) - FIXED_COLUMNS]
        self.detail.show_item(cr, item, self.results.rules, self.model.members, item_median(cr, item_id))
        self._set_enabled(cr.ready)

    def _set_enabled(self, ready: bool) -> None:
        view = self._selected() is not None
        self.detail.set_enabled(ready, median=ready, straddle=self.results is not None, view=view)

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

    def _run(self, work: Any, done: Any) -> None:
        """``work(store)`` on the database thread, then ``done(result)``; a refusal is shown as a message."""
        self.ctx.db(work, done, lambda exc: self._say(user_message(exc), error=True), parent=self)

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

        self._run(work, done)

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
            msg = tr("Agreed {n} unflagged item(s) at the panel median.").format(n=n)
            if new.to_agree:
                msg += " " + tr("Still to agree (flagged): {items}.").format(items=", ".join(new.to_agree))
            self._say(msg)
            self._next_open_item(ref)

        self._run(work, done)

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
        refs = self.grid.shown_references()
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

        self._run(work, done)

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

    def _select_keeping_message(self, ref: str, item_id: str) -> None:
        keep = self.message.text()
        self.select(ref, item_id)
        self.message.setText(keep)

    def _next_open_item(self, ref: str) -> None:
        """Move to the next item of this candidate still to agree (keyboard flow)."""
        cr = self.model.candidate(self.model.row_of(ref))
        if cr.to_agree:
            self._select_keeping_message(ref, cr.to_agree[0])

    def _next_flagged_of(self, ref: str, item_id: str) -> None:
        """After agreeing ``item_id``: move to this candidate's next flagged item still to agree (to the right,
        then from the left), if any; otherwise stay on the cell just agreed."""
        if self._selected() != (ref, item_id):
            return  # the chair has moved on while the agreement was being written
        cols = self.model.open_flagged_columns(self.model.row_of(ref))
        col = self.model.column_of(item_id)
        target = next((c for c in cols if c > col), cols[0] if cols else None)
        if target is not None:
            self._select_keeping_message(ref, self.model.items[target - FIXED_COLUMNS].id)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.detail.say(text, error=error)
        self.ctx.statusMessage.emit(text)
