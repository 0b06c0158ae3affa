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

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign, Candidate, Member, Score
from ...services import campaigns as campaign_service
from ...services import scoring as scoring_service
from ..context import CANDIDATES, PANEL, SCORES, AppContext, tr, user_message
from ..models.scoring_model import FAILED, ScoringModel
from ..score_saver import SaveKey, SaveState, ScoreSaver, Summary
from ..shortcuts import page_action
from ..times import local
from ..widgets import colours
from ..widgets.interview_timer import InterviewTimer
from ..widgets.item_table import ItemTable
from ..widgets.panes import two_panes
from ..widgets.question_view import QuestionView
from ..widgets.score_buttons import ScoreButtons
from ..widgets.scoring_chooser import ScoringChooser

if TYPE_CHECKING:
    from ...services.store import Store
    from ...services.timers import TimerState

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
        self.close_box: QMessageBox | None = None  # "not saved: close anyway?"
        self._close_anyway = False
        self._watched_window: QWidget | None = None
        self._note_row: int | None = None
        self._bound: tuple[int, str, str] | None = None  # (campaign, candidate, member) the rows belong to
        self.saver = ScoreSaver(
            ctx.tasks.db, on_item=self._on_save_item, on_summary=self._on_save_summary, describe=user_message
        )
        self._build()
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
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        self.save_label.setAccessibleName(tr("Save state"))
        self.save_label.setMinimumWidth(160)
        self.save_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.retry_button = QPushButton(tr("Retry saving"), self)
        self.retry_button.setObjectName("retrySave")
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self.retry_failed)

        self.banner = QLabel(self)
        self.banner.setObjectName("lockBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet(colours.box_css(colours.INFO_BOX, self.palette(), padding=6))

        self.model = ScoringModel(self)
        self.table = ItemTable(self.model, self)
        self.table.scoreKey.connect(self._on_score_key)
        self.table.rowSelected.connect(self._on_current_row)
        right = self._build_item_pane()
        split = two_panes(self.table, right, (2, 3), sizes=(470, 730), parent=self)

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
        self._set_save_label(tr("No changes yet"))
        self._show_item(None)
        self._apply_lock()

    def _build_item_pane(self) -> QWidget:
        """The selected item: its question, the score buttons and the notes."""
        self.question = QuestionView(self)
        self.score_buttons = ScoreButtons(parent=self)
        self.score_buttons.scoreChosen.connect(self._on_score_button)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notesEdit")
        self.notes.setAccessibleName(tr("Notes for this item"))
        self.notes.setPlaceholderText(tr("Evidence heard: situation, task, what the candidate did, result…"))
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._on_notes_edited)
        self.notes.installEventFilter(self)
        notes_label = QLabel(tr("&Notes:"), self)
        notes_label.setBuddy(self.notes)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_DEBOUNCE_MS)
        self._note_timer.timeout.connect(self._save_note)  # (flush_note would see the fired timer inactive)

        self.submit_button = QPushButton(tr("&Submit scores…"), self)
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip(tr("Submit and lock this candidate's scores (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.request_submit)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("scoredCount")

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.question, 4)
        score_label = QLabel(tr("Score (type a digit or click):"), right)
        score_label.setBuddy(self.score_buttons)
        rl.addWidget(score_label)
        rl.addWidget(self.score_buttons)
        rl.addWidget(notes_label)
        rl.addWidget(self.notes, 2)
        self.notes.setMinimumHeight(110)
        return right

    def _build_footer(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        bottom.addWidget(self.timer)  # in the footer: the page fits 1,067 logical px (a 1,600-px screen at 150 %)
        bottom.addWidget(self.progress_label)
        bottom.addStretch(1)
        bottom.addWidget(self.save_label)
        bottom.addWidget(self.retry_button)
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

    def _on_changed(self, what: str) -> None:
        if what in (CANDIDATES, PANEL) and self.ctx.campaign_id is not None:
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

        def load(store: Store) -> tuple[Campaign, list[Candidate], list[Member]]:
            from ...services.kits import kit_member

            owner = kit_member(store, cid)  # a member kit's database: only that member scores here
            members = [m for m in campaign_service.list_members(store, cid) if owner is None or m.name == owner]
            return (campaign_service.get_campaign(store, cid), campaign_service.list_candidates(store, cid), members)

        self.ctx.db(load, lambda res: self._campaign_loaded(cid, res), self._load_failed, parent=self)

    def _load_failed(self, exc: BaseException) -> None:
        self.ctx.show_error(self, exc)

    def _campaign_loaded(self, cid: int, res: tuple[Campaign, list[Candidate], list[Member]]) -> None:
        if cid != self.ctx.campaign_id:
            return
        self.campaign, self.candidates, self.members = res
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
            self.ctx.db(load, lambda subs: self._member_loaded(cid, member, subs), self._load_failed, parent=self)

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
        target, self.ctx.resume_candidate = self.ctx.resume_candidate, None
        if target is not None and not any(c.reference == target for c in self.candidates):
            target = None
        if target is None:
            # list_candidates is ordered by slot: the first one not yet submitted is the next interview
            target = next(
                (c.reference for c in self.candidates if c.active and not self.submitted_by_member.get(c.reference)),
                None,
            )
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

        def load(store: Store) -> tuple[dict[str, Score], datetime | None, TimerState]:
            from ...services.timers import timer_state

            return (
                scoring_service.member_scores(store, cid, candidate=ref, member=member),
                scoring_service.submissions(store, cid, ref).get(member),
                timer_state(store, cid, candidate=ref, member=member),
            )

        self.ctx.db(load, lambda res: self._scores_loaded(cid, ref, member, res), self._load_failed, parent=self)

    def _timer_changed(self, what: str) -> None:
        """Keep the timer in the database for the member and candidate shown ("start", "stop", "reset")."""
        from ...services import timers

        if self.campaign is None or self.candidate is None or self.member is None:
            return
        cid, ref, member = self.campaign.id, self.candidate, self.member
        fn = {"start": timers.start_timer, "stop": timers.stop_timer, "reset": timers.reset_timer}[what]
        self.ctx.db(lambda store: fn(store, cid, candidate=ref, member=member), parent=self)

    def _scores_loaded(
        self, cid: int, ref: str, member: str, res: tuple[dict[str, Score], datetime | None, TimerState]
    ) -> None:
        if self.campaign is None or (cid, ref, member) != (self.campaign.id, self.candidate, self.member):
            return
        scores, submitted, timer = res
        self.timer.load(timer.elapsed_ms, timer.running)
        self.submitted_by_member[ref] = submitted
        self._bound = (cid, ref, member)
        self.model.load(self.campaign.items, self.campaign.rules, scores)
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
        self.notes.blockSignals(True)
        if r is None or self.campaign is None or r >= self.model.rowCount():
            self.question.show_nothing()
            self.notes.setPlainText("")
            self.score_buttons.set_value(None)
            self.notes.blockSignals(False)
            return
        row = self.model.row(r)
        self.notes.setPlainText(row.note)
        self.notes.blockSignals(False)
        self._note_row = r
        self.score_buttons.set_value(row.score)
        question = self.campaign.question_set.questions.get(row.item.id)
        mark = self.campaign.rules.pass_mark if row.gating else None
        self.question.show_item(r + 1, row.item, question, gating_mark=mark)

    # ------------------------------------------------------------------------------ scoring ----
    def _on_score_key(self, score: int | None) -> None:
        r = self.current_row()
        if r is None:
            return
        if self.score_item(r, score) and score is not None and r + 1 < self.model.rowCount():
            self.select_row(r + 1)

    def _on_score_button(self, score: int | None) -> None:
        r = self.current_row()
        if r is None:
            return
        self.score_item(r, score)
        if self.score_buttons.hasFocus() and score is not None and r + 1 < self.model.rowCount():
            self.select_row(r + 1)  # keyboard scoring from the buttons moves on, like the list

    def score_item(self, r: int, score: int | None) -> bool:
        """Set and save the score of row ``r``. False (and a message) when the candidate is locked."""
        if self.locked:
            self._set_save_label(self.banner.text())
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
        self._note_timer.start()

    def save_form(self) -> None:
        """Ctrl+S: scores are saved as they are typed; a note waiting for its pause is written now."""
        self.flush_note()

    def flush_note(self) -> None:
        """Write a pending note now (debounce cut short)."""
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._save_note()

    def _save_note(self) -> None:
        if self._note_row is not None:
            self._save(self._note_row)

    def _save(self, r: int) -> None:
        key = self._key(r)
        if key is None:
            return
        if r == self._note_row:
            self._note_timer.stop()  # the row's note goes with this write
        row = self.model.row(r)
        self.saver.save(key, row.score, row.note)

    def _on_save_item(self, key: SaveKey, state: SaveState, error: str) -> None:
        if self._bound is not None and tuple(key[:3]) == self._bound and self.model.rowCount():
            self.model.set_state(self.model.row_of(key.item), state, error)

    def _on_save_summary(self, summary: Summary) -> None:
        if summary.state == SaveState.FAILED:
            self._show_failed(summary.reason)
        elif summary.state == SaveState.SAVED and summary.at is not None:
            self._set_save_label(tr("Saved {time}").format(time=summary.at.strftime("%H:%M:%S")))
        else:
            self._set_save_label(tr("Saving…"))

    def _show_failed(self, reason: str | None = None) -> None:
        reason = reason or next((r.error for r in self.model.rows if r.state == FAILED), tr("unknown error"))
        self._set_save_label(tr("Not saved: {reason}").format(reason=reason), error=True)
        self.retry_button.setVisible(True)

    def retry_failed(self) -> None:
        """Try again to save every value that failed (on any candidate: the footer speaks for them all)."""
        self.saver.retry()
        if not self.saver.has_failed():
            self.retry_button.setVisible(False)

    def _set_save_label(self, text: str, *, error: bool = False) -> None:
        self.save_label.setText(text)
        self.save_label.setStyleSheet(
            f"color:{colours.css(colours.ERROR, self.palette())};font-weight:bold;" if error else ""
        )
        if not error:
            self.retry_button.setVisible(False)
        self.saveStateChanged.emit(text)

    def _update_progress(self) -> None:
        n = self.model.rowCount()
        if not n:
            self.progress_label.setText("")
            return
        missing = len(self.model.unscored())
        self.progress_label.setText(tr("{done} of {n} items scored").format(done=n - missing, n=n))

    # -------------------------------------------------------------------------- hide, close ----
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.notes and event.type() == QEvent.Type.FocusOut:
            self.flush_note()
        if obj is self._watched_window and event.type() == QEvent.Type.Close and not self._may_close():
            event.ignore()
            return True
        return super().eventFilter(obj, event)

    def showEvent(self, event: QShowEvent) -> None:
        window = self.window()
        if window is not self and window is not self._watched_window:
            window.installEventFilter(self)  # the main window's close asks this page first
            self._watched_window = window
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_note()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)

    def _may_close(self) -> bool:
        """Closing: a waiting note is written now (writes in flight finish before the database closes);
        a value that failed to save is not dropped silently: the member is asked first."""
        self.flush_note()
        if self._close_anyway or not self.saver.has_failed():
            return True
        if self.close_box is None:
            self._ask_before_closing()
        return False

    def _ask_before_closing(self) -> None:
        failures = self.saver.failures()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Scores not saved"),
            tr("{n} score(s) or note(s) could not be saved: {reason}").format(
                n=len(failures), reason=next(iter(failures.values()))
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("unsavedOnClose")
        box.setInformativeText(tr("Try to save them again, or close and lose them."))
        retry = box.addButton(tr("&Retry saving"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(tr("Close &without them"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)
        box.finished.connect(lambda _r: self._closing_answered(box, retry, discard))
        self.close_box = box
        box.open()

    def _closing_answered(self, box: QMessageBox, retry: QPushButton, discard: QPushButton) -> None:
        self.close_box = None
        box.deleteLater()
        if box.clickedButton() is retry:
            self.retry_failed()
        elif box.clickedButton() is discard:
            self._close_anyway = True
            self.window().close()

    # ------------------------------------------------------------------------------- submit ----
    def _apply_lock(self) -> None:
        ref = self.candidate
        submitted = self.submitted_by_member.get(ref) if ref else None
        cand = next((c for c in self.candidates if c.reference == ref), None) if ref else None
        inactive = cand is not None and not cand.active
        self.locked = submitted is not None or inactive
        ready = ref is not None and self.member is not None and self.model.rowCount() > 0
        self.score_buttons.set_read_only(self.locked or not ready)
        self.notes.setReadOnly(self.locked or not ready)
        self.submit_button.setEnabled(ready and not self.locked)
        if inactive and cand is not None:
            why = f": {cand.attendance_reason}" if cand.attendance_reason else ""
            self.banner.setText(
                tr(
                    "{ref} is {status}{why}. A {status} candidate is not scored; the chair can "
                    "mark them active again on the Candidates page."
                ).format(ref=cand.reference, status=tr(str(cand.attendance)), why=why)
            )
            self.banner.setVisible(True)
        elif self.locked and submitted is not None:
            self.banner.setText(
                tr(
                    "Submitted on {when}: these scores are locked and can no longer be changed "
                    "(the panel's independent scores are kept as submitted). The chair agrees "
                    "any change at moderation."
                ).format(when=local(submitted).strftime("%d %b %Y %H:%M"))
            )
            self.banner.setVisible(True)
        else:
            self.banner.setVisible(False)

    def request_submit(self) -> None:
        """Ask for confirmation (non-blocking); ``confirm_box`` is the open dialog."""
        if self.locked or self.candidate is None or self.member is None or not self.model.rowCount():
            return
        self.flush_note()
        if self.model.unsaved() and any(r.state == FAILED for r in self.model.rows):
            self._show_failed()
            return
        missing = self.model.unscored()
        if missing:
            # the service refuses an incomplete submission: say which items, do not offer to submit
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                tr("Submit scores"),
                tr("{n} item(s) have no score yet: {items}.").format(
                    n=len(missing), items=", ".join(i.id for i in missing)
                ),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("submitIncomplete")
            box.setInformativeText(tr("Score every item before submitting."))
            box.finished.connect(lambda _r: self._incomplete_closed(box, missing[0].id))
            self.confirm_box = box
            box.open()
            return
        text = tr("Submit {member}'s scores for {candidate}? They are locked afterwards.").format(
            member=self.member, candidate=self.chooser.candidate_name()
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Submit scores"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmSubmit")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
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
            if ref == self.candidate and member == self.member:
                self.timer.stop()  # submit stopped the stored timer too
            cand = next((c for c in self.candidates if c.reference == ref), None)
            if cand is not None:
                self.chooser.update_candidate(cand, when)
            if ref == self.candidate and member == self.member:
                self._apply_lock()
            self._set_save_label(tr("Submitted {time}").format(time=local(when).strftime("%H:%M:%S")))
            self.ctx.notify(SCORES)

        self.ctx.db(lambda store: scoring_service.submit(store, cid, candidate=ref, member=member), done, parent=self)
