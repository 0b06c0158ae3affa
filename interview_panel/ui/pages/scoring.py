"""Live scoring: one panel member scores one candidate, item by item, during the interview.

Contract:
- The member chooses themselves and the candidate; the next scheduled candidate they have not submitted
  is offered first. Only the member's own scores are loaded (``services.scoring.member_scores``).
- A score is ONE keypress (a digit of the scale while the item list or the score buttons have focus; the
  next item is then selected) or a click. Every change is written at once through
  ``services.scoring.record_score`` on the database thread; notes are written 200 ms after typing stops
  (committed within 300 ms of the last keystroke), on focus-out, on changing item or candidate, and when
  the page is hidden or closed.
- The save state is always visible and honest: the first keystroke of a note turns it to "Saving…";
  "Saved 10:42:13" only once every value on screen is on disk (no note waiting for its debounce, no write
  in flight); "Not saved: <reason>" with a Retry button; a value that failed to save stays on screen (and
  in the model) until it is saved. The queue of writes is a :class:`~interview_panel.ui.score_saver.ScoreSaver`.
- Closing the window writes a waiting note; when a value failed to save, the member is asked first (retry,
  or close without it).
- Submit asks for confirmation (non-blocking ``QMessageBox.open()``), warns about unscored items and then
  locks the candidate for this member; a locked candidate is read-only with the reason shown.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...domain.campaign import Campaign, Candidate, Member
from ...services import scoring as scoring_service
from ..context import CANDIDATES, PANEL, AppContext, tr, user_message
from ..models.scoring_model import FAILED, ScoringModel
from ..ops import Changed, Op
from ..score_saver import SaveKey, SaveState, ScoreSaver
from ..scoring_data import MemberSheet, ScoringSetup, keep_timer, member_sheet, next_candidate, scoring_setup
from ..shortcuts import page_action
from ..times import local
from ..widgets import colours
from ..widgets.close_guard import CloseGuard
from ..widgets.interview_timer import InterviewTimer
from ..widgets.item_pane import ItemPane
from ..widgets.item_table import ItemTable
from ..widgets.panes import two_panes
from ..widgets.save_status import SaveStatus
from ..widgets.scoring_chooser import ScoringChooser
from ..widgets.scoring_notices import confirm_submit_box, incomplete_box, lock_message

if TYPE_CHECKING:
    from ...services.store import Store

NOTE_DEBOUNCE_MS = 200  # + one commit: a note is on disk within 300 ms of the last keystroke


class ScoringPage(QWidget):
    """See the module docstring. ``ctx`` is the shared AppContext."""

    saveStateChanged = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoringPage")
        self.ctx = ctx
        self.campaign: Campaign | None = None
        self.candidates: list[Candidate] = []
        self.members: list[Member] = []
        self.submitted_by_member: dict[str, datetime | None] = {}  # candidate ref -> when (this member)
        self.locked = False
        self.confirm_box: QMessageBox | None = None
        self._note_row: int | None = None
        self._bound: tuple[int, str, str] | None = None  # (campaign, candidate, member) the rows belong to
        # closing writes a waiting note; a value that failed to save is not dropped without asking
        self.close_guard = CloseGuard(
            self,
            unsaved=lambda: list(self.saver.failures().values()),
            retry=self.retry_failed,
            before=self.flush_note,
        )
        self._build()
        self.saver = ScoreSaver(
            ctx.tasks.db, on_item=self._on_save_item, on_summary=self.save_status.show_summary, describe=user_message
        )
        ctx.campaignChanged.connect(self._on_campaign)
        ctx.changed.connect(self._on_changed)
        if ctx.campaign_id is not None:
            self._on_campaign(ctx.campaign_id)

    # ------------------------------------------------------------------------------- layout ----
    def _build(self) -> None:
        self.chooser = ScoringChooser(self)
        self.member_combo, self.candidate_combo = self.chooser.member_combo, self.chooser.candidate_combo
        self.timer = InterviewTimer(self)
        self.timer.changed.connect(self._timer_changed)
        self.save_status = SaveStatus(self)
        self.save_status.changed.connect(self.saveStateChanged)
        self.save_status.retryRequested.connect(self.retry_failed)
        self.save_label, self.retry_button = self.save_status.label, self.save_status.retry_button

        self.banner = QLabel(self)
        self.banner.setObjectName("lockBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet(colours.box_css(colours.INFO_BOX, self.palette(), padding=6))

        self.model = ScoringModel(self)
        self.table = ItemTable(self.model, self)
        self.table.scoreKey.connect(self._on_score_key)
        self.table.rowSelected.connect(self._on_current_row)
        self.item_pane = self._build_item_pane()
        split = two_panes(self.table, self.item_pane, (2, 3), sizes=(470, 730), parent=self)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        lay = QVBoxLayout(self)
        lay.addWidget(self.chooser)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)
        lay.addWidget(line)
        lay.addLayout(self._build_footer())

        self.setTabOrder(self.candidate_combo, self.table)
        self.setTabOrder(self.table, self.score_buttons)
        self.setTabOrder(self.score_buttons, self.notes)
        self.setTabOrder(self.notes, self.submit_button)

        page_action(self, tr("&Submit scores…"), "Ctrl+Return", self.request_submit)
        page_action(self, tr("Start or pause the &timer"), "Ctrl+T", self.timer.toggle)
        page_action(self, tr("Go to the &item list"), "Alt+I", self.table.setFocus)

        self.chooser.memberChanged.connect(self._on_member_selected)
        self.chooser.candidateChanged.connect(self._on_candidate_selected)
        self.save_status.show_text(tr("No changes yet"))
        self._show_item(None)
        self._apply_lock()

    def _build_item_pane(self) -> ItemPane:
        """The selected item: its question, the score buttons and the notes."""
        pane = ItemPane(NOTE_DEBOUNCE_MS, self)
        self.question, self.score_buttons, self.notes = pane.question, pane.score_buttons, pane.notes
        self.score_buttons.scoreChosen.connect(self._on_score_button)
        self.notes.edited.connect(self._on_notes_edited)
        self.notes.pause.connect(lambda: self._save(self._note_row))
        self.submit_button = QPushButton(tr("&Submit scores…"), self)
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip(tr("Submit and lock this candidate's scores (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.request_submit)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("scoredCount")
        return pane

    def _build_footer(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        bottom.addWidget(self.timer)  # in the footer: the page fits 1,067 logical px (a 1,600-px screen at 150 %)
        bottom.addWidget(self.progress_label)
        bottom.addStretch(1)
        bottom.addWidget(self.save_status)
        bottom.addSpacing(12)
        bottom.addWidget(self.submit_button)
        return bottom

    # ------------------------------------------------------------------------------ loading ----
    @property
    def member(self) -> str | None:
        return self.chooser.member

    @property
    def candidate(self) -> str | None:
        return self.chooser.candidate

    def _on_changed(self, changes: Changed) -> None:
        if changes & (CANDIDATES | PANEL) and self.ctx.campaign_id is not None:
            self._on_campaign(self.ctx.campaign_id)

    def _unbind(self) -> None:
        """The rows no longer belong to a member and candidate (a waiting note is written first)."""
        self.flush_note()
        self._bound = None
        self.model.clear()
        self._show_item(None)

    def _on_campaign(self, cid: int | None) -> None:
        self._unbind()
        self.campaign = None
        if cid is None:
            self.chooser.fill_members([], None)
            return

        self.ctx.db(lambda store: scoring_setup(store, cid), lambda res: self._campaign_loaded(cid, res), parent=self)

    def _campaign_loaded(self, cid: int, res: ScoringSetup) -> None:
        if cid != self.ctx.campaign_id:
            return
        self.campaign, self.candidates, self.members = res.campaign, res.candidates, res.members
        self.score_buttons.set_scale(self.campaign.rules.scale)
        self.table.set_scale(self.campaign.rules.scale)
        self.chooser.fill_members(self.members, self.ctx.member)

    def _on_member_selected(self) -> None:
        self.flush_note()
        member = self.member
        if member is not None:
            self.ctx.member = member
            self.ctx.remember_place(member=member)
        self.chooser.clear_candidates()
        self._unbind()
        self._apply_lock()
        if member is None or self.campaign is None:
            return
        cid = self.campaign.id

        def load(store: Store) -> dict[str, datetime | None]:
            return scoring_service.member_submissions(store, cid, member)

        def unlocked(_pin: str | None) -> None:
            if self.campaign is None or cid != self.campaign.id or member != self.member:
                return
            self.ctx.db(load, lambda subs: self._member_loaded(cid, member, subs), parent=self)

        def refused() -> None:
            if member == self.member:
                self.chooser.choose_nobody()

        from ..dialogs.pin import require_pin  # nobody sees a member's scores without that member's PIN

        prompt = tr("Enter {name}'s PIN to open their scoring.").format(name=member)
        require_pin(self.ctx, self, cid, member, prompt, unlocked, refused)

    def _member_loaded(self, cid: int, member: str, subs: dict[str, datetime | None]) -> None:
        if self.campaign is None or cid != self.campaign.id or member != self.member:
            return
        self.submitted_by_member = subs
        self._fill_candidates()

    def _fill_candidates(self) -> None:
        """List the candidates; offer where the member was last time, else the next one not submitted."""
        resume, self.ctx.resume_candidate = self.ctx.resume_candidate, None
        target = next_candidate(self.candidates, self.submitted_by_member, resume)
        self.chooser.fill_candidates(self.candidates, self.submitted_by_member, target)

    def _on_candidate_selected(self) -> None:
        self._unbind()
        ref, member = self.candidate, self.member
        if ref is not None:
            self.ctx.remember_place(candidate=ref)
        self.timer.load(0, False)  # the timer belongs to one member and candidate: theirs is loaded below
        if ref is None or member is None or self.campaign is None:
            self._apply_lock()
            return
        cid = self.campaign.id

        self.ctx.db(
            lambda store: member_sheet(store, cid, candidate=ref, member=member),
            lambda res: self._scores_loaded(cid, ref, member, res),
            parent=self,
        )

    def _timer_changed(self, what: str) -> None:
        """Keep the timer in the database for the member and candidate shown ("start", "stop", "reset")."""
        if self.campaign is None or self.candidate is None or self.member is None:
            return
        cid, ref, member = self.campaign.id, self.candidate, self.member
        self.ctx.db(lambda store: keep_timer(store, cid, what, candidate=ref, member=member), parent=self)

    def _scores_loaded(self, cid: int, ref: str, member: str, sheet: MemberSheet) -> None:
        if self.campaign is None or (cid, ref, member) != (self.campaign.id, self.candidate, self.member):
            return
        self.timer.load(sheet.timer.elapsed_ms, sheet.timer.running)
        self.submitted_by_member[ref] = sheet.submitted
        self._bound = (cid, ref, member)
        self.close_guard.watch()
        self.model.load(self.campaign.items, self.campaign.rules, sheet.scores)
        # values typed earlier that are not known to be on disk stay on screen until they are
        for item_id, (value, state, _reason) in self.saver.unsaved(cid, ref, member).items():
            r = self.model.row_of(item_id)
            self.model.set_score(r, value.score)
            self.model.set_note(r, value.note)
            self.model.set_state(r, state, tr("earlier save failed") if state == SaveState.FAILED else "")
        self._apply_lock()
        self._update_progress()
        if self.model.rowCount():
            first = next((i for i, row in enumerate(self.model.rows) if row.score is None), 0)
            self.select_row(first)

    # ------------------------------------------------------------------------------- items -----
    def select_row(self, r: int) -> None:
        self.table.select_row(r)

    def current_row(self) -> int | None:
        return self.table.current_row()

    def _on_current_row(self, r: int | None) -> None:
        self.flush_note()
        self._show_item(r)

    def _show_item(self, r: int | None) -> None:
        self._note_row = None
        if r is None or self.campaign is None or r >= self.model.rowCount():
            self.item_pane.show_nothing()
            return
        row = self.model.row(r)
        question = self.campaign.question_set.questions.get(row.item.id)
        self.item_pane.show_row(r + 1, row, question, pass_mark=self.campaign.rules.pass_mark)
        self._note_row = r

    # ------------------------------------------------------------------------------ scoring ----
    def _on_score_key(self, score: int | None) -> None:
        self._score_current(score, move_on=True)

    def _on_score_button(self, score: int | None) -> None:
        self._score_current(score, move_on=self.score_buttons.hasFocus())  # a digit typed on the buttons moves on

    def _score_current(self, score: int | None, *, move_on: bool) -> None:
        r = self.current_row()
        if r is None or not self.score_item(r, score):
            return
        if move_on and score is not None and r + 1 < self.model.rowCount():
            self.select_row(r + 1)

    def score_item(self, r: int, score: int | None) -> bool:
        """Set and save the score of row ``r``. False (and a message) when the candidate is locked."""
        if self.locked:
            self.save_status.show_text(self.banner.text())
            return False
        if score is not None and self.campaign and not self.campaign.rules.scale.contains(score):
            return False
        self.model.set_score(r, score)
        if r == self.current_row():
            self.score_buttons.set_value(score)
        self._update_progress()
        self._save(r)
        return True

    def _key(self, r: int) -> SaveKey | None:
        if self._bound is None or r >= self.model.rowCount():
            return None
        return SaveKey(*self._bound, self.model.row(r).item.id)

    def _on_notes_edited(self) -> None:
        key = self._key(self._note_row) if self._note_row is not None and not self.locked else None
        if key is None or self._note_row is None:
            return
        self.model.set_note(self._note_row, self.notes.toPlainText())
        self.saver.edited(key)  # "Saving…" at once: what is on screen is not on disk yet
        self.notes.wait()

    def save_form(self) -> None:
        """Ctrl+S: scores are saved as they are typed; a note waiting for its pause is written now."""
        self.flush_note()

    def flush_note(self) -> None:
        """Write a pending note now (debounce cut short)."""
        self.notes.flush()

    def _save(self, r: int | None) -> None:
        key = self._key(r) if r is not None else None
        if key is None or r is None:
            return
        if r == self._note_row:
            self.notes.cancel()  # the row's note goes with this write
        row = self.model.row(r)
        self.saver.save(key, row.score, row.note)

    def _on_save_item(self, key: SaveKey, state: SaveState, error: str) -> None:
        if self._bound is not None and tuple(key[:3]) == self._bound and self.model.rowCount():
            self.model.set_state(self.model.row_of(key.item), state, error)

    def retry_failed(self) -> None:
        """Try again to save every value that failed (on any candidate: the footer speaks for them all)."""
        if not self.saver.retry():
            self.retry_button.setVisible(False)

    def _update_progress(self) -> None:
        self.progress_label.setText(self.model.progress_text())

    # -------------------------------------------------------------------------- hide, close ----
    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_note()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_guard.may_close():
            event.ignore()
            return
        super().closeEvent(event)

    # ------------------------------------------------------------------------------- submit ----
    def _apply_lock(self) -> None:
        ref = self.candidate
        cand = next((c for c in self.candidates if c.reference == ref), None) if ref else None
        message = lock_message(cand, self.submitted_by_member.get(ref) if ref else None)
        self.locked = message is not None
        ready = ref is not None and self.member is not None and self.model.rowCount() > 0
        self.item_pane.set_read_only(self.locked or not ready)
        self.submit_button.setEnabled(ready and not self.locked)
        self.banner.setText(message or "")
        self.banner.setVisible(message is not None)

    def request_submit(self) -> None:
        """Ask for confirmation (non-blocking); ``confirm_box`` is the open dialog."""
        if self.locked or self.candidate is None or self.member is None or not self.model.rowCount():
            return
        self.flush_note()
        failed = [r.error for r in self.model.rows if r.state == FAILED]
        if failed:
            self.save_status.show_failed(failed[0] or tr("unknown error"))
            return
        missing = self.model.unscored()
        if missing:
            box = incomplete_box(self, missing)
            box.finished.connect(lambda _r: self._incomplete_closed(box, missing[0].id))
        else:
            box = confirm_submit_box(self, self.member, self.chooser.candidate_name())
            box.finished.connect(lambda result: self._confirmed(box, result))
        self.confirm_box = box
        box.open()

    def _incomplete_closed(self, box: QMessageBox, first_missing: str) -> None:
        self.confirm_box = None
        box.deleteLater()
        if self.model.rowCount():
            self.select_row(self.model.row_of(first_missing))
            self.table.setFocus()

    def _confirmed(self, box: QMessageBox, result: int) -> None:
        self.confirm_box = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.submit_now()
        box.deleteLater()

    def submit_now(self) -> None:
        """Submit without asking (after confirmation). Queued after any pending saves."""
        if self.campaign is None or self.candidate is None or self.member is None:
            return
        cid, ref, member = self.campaign.id, self.candidate, self.member

        def done(when: datetime) -> None:
            self.submitted_by_member[ref] = when
            cand = next((c for c in self.candidates if c.reference == ref), None)
            if cand is not None:
                self.chooser.update_candidate(cand, when)
            if ref == self.candidate and member == self.member:
                self.timer.stop()  # submit stopped the stored timer too
                self._apply_lock()
            self.save_status.show_text(tr("Submitted {time}").format(time=local(when).strftime("%H:%M:%S")))

        submit = Op(lambda store: scoring_service.submit(store, cid, candidate=ref, member=member), Changed.SCORES)
        self.ctx.run(submit, done, parent=self, initiator=self)
