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
  in the model) until it is saved.
- Submit asks for confirmation (non-blocking ``QMessageBox.open()``), warns about unscored items and then
  locks the candidate for this member; a locked candidate is read-only with the reason shown.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign, Candidate, Member, Score
from ...services import campaigns as campaign_service
from ...services import scoring as scoring_service
from ..context import CANDIDATES, PANEL, SCORES, AppContext, tr, user_message
from ..models.scoring_model import COL_ITEM, COL_NOTE, COL_NUMBER, COL_SCORE, FAILED, SAVED, SAVING, ScoringModel
from ..shortcuts import page_action
from ..times import local
from ..widgets import colours
from ..widgets.panes import two_panes
from ..widgets.score_buttons import ScoreButtons

NOTE_DEBOUNCE_MS = 200  # + one commit: a note is on disk within 300 ms of the last keystroke
DEFAULT_SLOT_MINUTES = 45


class ItemTable(QTableView):
    """The item list. A digit of the scale scores the current item; Delete clears it."""

    scoreKey = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digits = range(1, 6)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and int(text) in self.digits and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.scoreKey.emit(int(text))
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.scoreKey.emit(None)
            event.accept()
            return
        super().keyPressEvent(event)


class InterviewTimer(QWidget):
    """Elapsed interview time against the slot length; amber from 80 % of the slot, red once over.

    ``changed`` says what the user did ("start", "stop", "reset") so the page can keep it in the database
    for the member and candidate shown; :meth:`load` shows a stored timer without emitting anything.
    """

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._elapsed_before = 0  # ms accumulated before the current run
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._refresh)
        self.label = QLabel(self)
        self.label.setObjectName("timerLabel")
        self.label.setAccessibleName(tr("Interview time"))
        self.label.setMinimumWidth(120)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slot = QSpinBox(self)
        self.slot.setObjectName("slotMinutes")
        self.slot.setRange(5, 240)
        self.slot.setValue(DEFAULT_SLOT_MINUTES)
        self.slot.setSuffix(tr(" min"))
        self.slot.setAccessibleName(tr("Slot length in minutes"))
        self.slot.setToolTip(tr("Length of the interview slot"))
        self.slot.valueChanged.connect(self._refresh)
        self.start_button = QPushButton(tr("Start"), self)
        self.start_button.setObjectName("timerStart")
        self.start_button.setToolTip(tr("Start or pause the interview timer (Ctrl+T)"))
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QPushButton(tr("Reset"), self)
        self.reset_button.setObjectName("timerReset")
        self.reset_button.clicked.connect(self.reset)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(tr("Timer"), self))
        lay.addWidget(self.label)
        lay.addWidget(self.start_button)
        lay.addWidget(self.reset_button)
        lay.addWidget(self.slot)
        self._refresh()

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def elapsed_ms(self) -> int:
        return self._elapsed_before + (self._clock.elapsed() if self.running else 0)

    def set_elapsed_ms(self, ms: int) -> None:
        """Set the time already used (tests, and resuming after a break)."""
        self._elapsed_before = ms
        if self.running:
            self._clock.restart()
        self._refresh()

    def toggle(self) -> None:
        if self.running:
            self.stop()
            self.changed.emit("stop")
        else:
            self._clock.restart()
            self._tick.start()
            self._refresh()
            self.changed.emit("start")

    def stop(self) -> None:
        """Pause, keeping the time used (no signal: the page or the service already knows)."""
        if self.running:
            self._elapsed_before += self._clock.elapsed()
            self._tick.stop()
        self._refresh()

    def reset(self) -> None:
        self._tick.stop()
        self._elapsed_before = 0
        self._refresh()
        self.changed.emit("reset")

    def load(self, elapsed_ms: int, running: bool) -> None:
        """Show a stored timer: ``elapsed_ms`` used so far, still counting when ``running``."""
        self._tick.stop()
        self._elapsed_before = max(0, int(elapsed_ms))
        if running:
            self._clock.restart()
            self._tick.start()
        self._refresh()

    def state(self) -> str:
        """ "normal", "amber" (80 % of the slot used) or "red" (over time)."""
        used = self.elapsed_ms()
        slot = self.slot.value() * 60_000
        if used >= slot:
            return "red"
        if used >= slot * 0.8:
            return "amber"
        return "normal"

    def _refresh(self) -> None:
        secs = self.elapsed_ms() // 1000
        self.label.setText(f"{secs // 60:02d}:{secs % 60:02d} / {self.slot.value():02d}:00")
        colour = {"normal": "", "amber": "background:#ffbf00;color:black;", "red": "background:#c62828;color:white;"}[
            self.state()
        ]
        self.label.setStyleSheet(f"QLabel{{{colour}font-weight:bold;padding:2px 6px;border-radius:3px;}}")
        self.start_button.setText(tr("Pause") if self.running else tr("Start"))


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
        self._loading = 0
        self._note_row: int | None = None
        self._save_seq: dict[tuple[str, str, str], int] = {}
        self._failed: dict[tuple[str, str, str], tuple[int | None, str]] = {}
        self._in_flight = 0
        self._bound: tuple[int, str, str] | None = None  # (campaign, candidate, member) the rows belong to
        self._build()
        ctx.campaignChanged.connect(self._on_campaign)
        ctx.changed.connect(self._on_changed)
        if ctx.campaign_id is not None:
            self._on_campaign(ctx.campaign_id)

    # ------------------------------------------------------------------------------- layout ----
    def _build(self) -> None:
        self.member_combo = QComboBox(self)
        self.member_combo.setObjectName("memberCombo")
        self.member_combo.setAccessibleName(tr("Panel member"))
        # both combos may shrink (long names elide) so the page fits 1,067 logical px: 1,600 px at 150 %
        self.member_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.member_combo.setMinimumContentsLength(10)
        self.candidate_combo = QComboBox(self)
        self.candidate_combo.setObjectName("candidateCombo")
        self.candidate_combo.setAccessibleName(tr("Candidate"))
        self.candidate_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.candidate_combo.setMinimumContentsLength(12)
        member_label = QLabel(tr("&Member:"), self)
        member_label.setBuddy(self.member_combo)
        cand_label = QLabel(tr("&Candidate:"), self)
        cand_label.setBuddy(self.candidate_combo)
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

        top = QHBoxLayout()
        top.addWidget(member_label)
        top.addWidget(self.member_combo, 1)
        top.addSpacing(12)
        top.addWidget(cand_label)
        top.addWidget(self.candidate_combo, 2)

        self.banner = QLabel(self)
        self.banner.setObjectName("lockBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet(colours.box_css(colours.INFO_BOX, self.palette(), padding=6))

        self.model = ScoringModel(self)
        self.table = ItemTable(self)
        self.table.setObjectName("itemTable")
        self.table.setAccessibleName(tr("Items to score. Type a score digit to score the selected item."))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(COL_NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(COL_SCORE, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(COL_SCORE, 170)
        self.table.scoreKey.connect(self._on_score_key)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

        self.question = QTextBrowser(self)
        self.question.setObjectName("questionView")
        self.question.setAccessibleName(tr("Question, probes and indicators"))
        self.question.setOpenLinks(False)
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

        split = two_panes(self.table, right, (2, 3), sizes=(470, 730), parent=self)

        bottom = QHBoxLayout()
        bottom.addWidget(self.timer)  # in the footer: the page fits 1,067 logical px (a 1,600-px screen at 150 %)
        bottom.addWidget(self.progress_label)
        bottom.addStretch(1)
        bottom.addWidget(self.save_label)
        bottom.addWidget(self.retry_button)
        bottom.addSpacing(12)
        bottom.addWidget(self.submit_button)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)
        lay.addWidget(line)
        lay.addLayout(bottom)

        self.setTabOrder(self.member_combo, self.candidate_combo)
        self.setTabOrder(self.candidate_combo, self.table)
        self.setTabOrder(self.table, self.score_buttons)
        self.setTabOrder(self.score_buttons, self.notes)
        self.setTabOrder(self.notes, self.submit_button)

        page_action(self, tr("&Submit scores…"), "Ctrl+Return", self.request_submit)
        page_action(self, tr("Start or pause the &timer"), "Ctrl+T", self.timer.toggle)
        page_action(self, tr("Go to the &item list"), "Alt+I", self.table.setFocus)

        self.member_combo.currentIndexChanged.connect(self._on_member_selected)
        self.candidate_combo.currentIndexChanged.connect(self._on_candidate_selected)
        self._set_save_label(tr("No changes yet"))
        self._show_item(None)
        self._apply_lock()

    # ------------------------------------------------------------------------------ loading ----
    @staticmethod
    def _data(combo: QComboBox) -> str | None:
        # Item data is always a str: PySide6 6.12 mis-counts references to a None stored in a QVariant
        # (the interpreter aborts with "deallocating None" after a few reads).
        value = combo.currentData()
        return value if isinstance(value, str) and value else None

    @property
    def member(self) -> str | None:
        return self._data(self.member_combo)

    @property
    def candidate(self) -> str | None:
        return self._data(self.candidate_combo)

    def _on_changed(self, what: str) -> None:
        if what in (CANDIDATES, PANEL) and self.ctx.campaign_id is not None:
            self._on_campaign(self.ctx.campaign_id)

    def _on_campaign(self, cid: int | None) -> None:
        self.flush_note()
        self.campaign = None
        self._bound = None
        self.model.clear()
        self._show_item(None)
        if cid is None:
            self._fill_members([])
            return

        def load(store: Any) -> tuple[Campaign, list[Candidate], list[Member]]:
            from ...services.kits import kit_member

            owner = kit_member(store, cid)  # a member kit's database: only that member scores here
            members = [m for m in campaign_service.list_members(store, cid) if owner is None or m.name == owner]
            return (campaign_service.get_campaign(store, cid), campaign_service.list_candidates(store, cid), members)

        self._loading += 1
        self.ctx.db(load, lambda res: self._campaign_loaded(cid, res), self._load_failed, parent=self)

    def _load_failed(self, exc: BaseException) -> None:
        self._loading -= 1
        self.ctx.show_error(self, exc)

    def _campaign_loaded(self, cid: int, res: tuple[Campaign, list[Candidate], list[Member]]) -> None:
        self._loading -= 1
        if cid != self.ctx.campaign_id:
            return
        self.campaign, self.candidates, self.members = res
        self.score_buttons.set_scale(self.campaign.rules.scale)
        self.table.digits = self.campaign.rules.scale.points
        self._fill_members(self.members)

    def _fill_members(self, members: list[Member]) -> None:
        self.member_combo.blockSignals(True)
        self.member_combo.clear()
        self.member_combo.addItem(tr("— choose yourself —"), "")  # "" not None: see _data()
        for m in members:
            self.member_combo.addItem(m.name + (tr(" (chair)") if m.chair else ""), m.name)
        idx = self.member_combo.findData(self.ctx.member) if self.ctx.member else -1
        self.member_combo.setCurrentIndex(max(idx, 0))
        self.member_combo.blockSignals(False)
        self._on_member_selected()

    def _on_member_selected(self, *_: Any) -> None:
        self.flush_note()
        member = self.member
        if member is not None:
            self.ctx.member = member
            self.ctx.remember_place(member=member)
        self.candidate_combo.blockSignals(True)
        self.candidate_combo.clear()
        self.candidate_combo.blockSignals(False)
        self._bound = None
        self.model.clear()
        self._show_item(None)
        self._apply_lock()
        if member is None or self.campaign is None:
            return
        cid = self.campaign.id

        def load(store: Any) -> dict[str, datetime | None]:
            return scoring_service.member_submissions(store, cid, member)

        def unlocked(_pin: str | None) -> None:
            if self.campaign is None or cid != self.campaign.id or member != self.member:
                return
            self._loading += 1
            self.ctx.db(load, lambda subs: self._member_loaded(cid, member, subs), self._load_failed, parent=self)

        def refused() -> None:
            if member == self.member:
                self.member_combo.setCurrentIndex(0)

        from ..dialogs.pin import require_pin  # nobody sees a member's scores without that member's PIN

        require_pin(
            self.ctx,
            self,
            cid,
            member,
            tr("Enter {name}'s PIN to open their scoring.").format(name=member),
            unlocked,
            refused,
        )

    def _member_loaded(self, cid: int, member: str, subs: dict[str, datetime | None]) -> None:
        self._loading -= 1
        if self.campaign is None or cid != self.campaign.id or member != self.member:
            return
        self.submitted_by_member = subs
        self._fill_candidates(prefer_next=True)

    def _candidate_text(self, c: Candidate) -> str:
        when = c.slot.strftime("%d %b %H:%M") if c.slot else tr("unscheduled")
        done = tr("  ✓ submitted") if self.submitted_by_member.get(c.reference) else ""
        if not c.active:
            done += "  ✗ " + tr(str(c.attendance))
        return f"{c.reference} — {c.name} ({when}){done}"

    def _fill_candidates(self, *, prefer_next: bool, keep: str | None = None) -> None:
        self.candidate_combo.blockSignals(True)
        self.candidate_combo.clear()
        self.candidate_combo.addItem(tr("— choose a candidate —"), "")
        for c in self.candidates:
            self.candidate_combo.addItem(self._candidate_text(c), c.reference)
        target = keep
        resume, self.ctx.resume_candidate = self.ctx.resume_candidate, None  # where the member was last time
        if target is None and resume is not None and self.candidate_combo.findData(resume) >= 0:
            target = resume
        if target is None and prefer_next:
            # list_candidates is ordered by slot: the first one not yet submitted is the next interview
            target = next(
                (c.reference for c in self.candidates if c.active and not self.submitted_by_member.get(c.reference)),
                None,
            )
        idx = self.candidate_combo.findData(target) if target else 0
        self.candidate_combo.setCurrentIndex(max(idx, 0))
        self.candidate_combo.blockSignals(False)
        self._on_candidate_selected()

    def _on_candidate_selected(self, *_: Any) -> None:
        self.flush_note()
        self._bound = None
        self.model.clear()
        self._show_item(None)
        ref, member = self.candidate, self.member
        if ref is not None:
            self.ctx.remember_place(candidate=ref)
        self.timer.load(0, False)  # the timer belongs to one member and candidate: theirs is loaded below
        if ref is None or member is None or self.campaign is None:
            self._apply_lock()
            return
        cid = self.campaign.id

        def load(store: Any) -> tuple[dict[str, Score], datetime | None, Any]:
            from ...services.timers import timer_state

            return (
                scoring_service.member_scores(store, cid, candidate=ref, member=member),
                scoring_service.submissions(store, cid, ref).get(member),
                timer_state(store, cid, candidate=ref, member=member),
            )

        self._loading += 1
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
        self, cid: int, ref: str, member: str, res: tuple[dict[str, Score], datetime | None, Any]
    ) -> None:
        self._loading -= 1
        if self.campaign is None or (cid, ref, member) != (self.campaign.id, self.candidate, self.member):
            return
        scores, submitted, timer = res
        self.timer.load(timer.elapsed_ms, timer.running)
        self.submitted_by_member[ref] = submitted
        self._bound = (cid, ref, member)
        self.model.load(self.campaign.items, self.campaign.rules, scores)
        # values typed earlier that never reached the database stay on screen until they do
        for (fref, fmember, item_id), (score, note) in self._failed.items():
            if (fref, fmember) == (ref, member):
                r = self.model.row_of(item_id)
                self.model.set_score(r, score)
                self.model.set_note(r, note)
                self.model.set_state(r, FAILED, tr("earlier save failed"))
        self._apply_lock()
        self._update_progress()
        if self.model.rowCount():
            first = next((i for i, row in enumerate(self.model.rows) if row.score is None), 0)
            self.select_row(first)

    # ------------------------------------------------------------------------------- items -----
    def select_row(self, r: int) -> None:
        idx = self.model.index(r, COL_ITEM)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(idx)

    def current_row(self) -> int | None:
        idx = self.table.currentIndex()
        return idx.row() if idx.isValid() else None

    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.flush_note()
        self._show_item(current.row() if current.isValid() else None)

    def _show_item(self, r: int | None) -> None:
        self._note_row = None
        self.notes.blockSignals(True)
        if r is None or self.campaign is None or r >= self.model.rowCount():
            self.question.setHtml(f"<p>{html.escape(tr('Choose yourself and a candidate to start scoring.'))}</p>")
            self.notes.setPlainText("")
            self.score_buttons.set_value(None)
            self.notes.blockSignals(False)
            return
        row = self.model.row(r)
        self.notes.setPlainText(row.note)
        self.notes.blockSignals(False)
        self._note_row = r
        self.score_buttons.set_value(row.score)
        self.question.setHtml(self._question_html(r))

    def _question_html(self, r: int) -> str:
        assert self.campaign is not None
        row = self.model.row(r)
        q = self.campaign.question_set.questions.get(row.item.id)
        e = html.escape
        pal = self.question.palette()
        quiet = colours.quiet(pal, colours.Role.Base, colours.Role.Text).name()
        positive, negative = colours.css(colours.POSITIVE, pal), colours.css(colours.NEGATIVE, pal)
        parts = [
            f"<h3>{r + 1}. {e(row.item.label)}</h3>",
            f"<p style='color:{quiet}'>{e(row.item.describe)}"
            + (e(tr(" — gating: must reach {n}")).format(n=self.campaign.rules.pass_mark) if row.gating else "")
            + "</p>",
        ]
        if q is None:
            parts.append(f"<p><i>{e(tr('No question set for this item.'))}</i></p>")
        else:
            parts.append(f"<p style='font-size:large'><b>{e(q.text)}</b></p>")  # relative: follows the user's font
            if q.probes:
                parts.append(
                    f"<p><b>{e(tr('Probes'))}</b></p><ul>" + "".join(f"<li>{e(p)}</li>" for p in q.probes) + "</ul>"
                )
            if q.positive:
                parts.append(
                    f"<p><b style='color:{positive}'>{e(tr('Positive indicators'))}</b></p><ul>"
                    + "".join(f"<li>{e(p)}</li>" for p in q.positive)
                    + "</ul>"
                )
            if q.negative:
                parts.append(
                    f"<p><b style='color:{negative}'>{e(tr('Negative indicators'))}</b></p><ul>"
                    + "".join(f"<li>{e(p)}</li>" for p in q.negative)
                    + "</ul>"
                )
        return "".join(parts)

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

    def _on_notes_edited(self) -> None:
        if self._note_row is None or self.locked:
            return
        self.model.set_note(self._note_row, self.notes.toPlainText())
        self.model.set_state(self._note_row, SAVING)
        self._set_save_label(tr("Saving…"))  # at once: what is on screen is not on disk yet
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
        if self._note_row is not None and self._note_row < self.model.rowCount():
            self._save(self._note_row)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.notes and event.type() == QEvent.Type.FocusOut:
            self.flush_note()
        return super().eventFilter(obj, event)

    def hideEvent(self, event: Any) -> None:
        self.flush_note()
        super().hideEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.flush_note()
        super().closeEvent(event)

    def _save(self, r: int) -> None:
        if self._bound is None or r >= self.model.rowCount():
            return
        row = self.model.row(r)
        if r == self._note_row:
            self._note_timer.stop()  # the row's note goes with this write
        cid, ref, member = self._bound
        item_id = row.item.id
        score, note = row.score, row.note
        key = (ref, member, item_id)
        seq = self._save_seq.get(key, 0) + 1
        self._save_seq[key] = seq
        self.model.set_state(r, SAVING)
        self._in_flight += 1
        self._set_save_label(tr("Saving…"))

        def write(store: Any) -> Score:
            return scoring_service.record_score(
                store, cid, candidate=ref, member=member, item=item_id, score=score, note=note
            )

        def done(_: Any) -> None:
            self._in_flight -= 1
            self._failed.pop(key, None)
            if self._save_seq.get(key) == seq:
                self._mark(key, SAVED)
            if self._in_flight == 0 and not self._note_timer.isActive():  # a note still waiting: not saved yet
                if self._failed:
                    self._show_failed()
                else:
                    self._set_save_label(tr("Saved {time}").format(time=datetime.now().strftime("%H:%M:%S")))

        def failed(exc: BaseException) -> None:
            self._in_flight -= 1
            if self._save_seq.get(key) == seq:
                self._failed[key] = (score, note)
                self._mark(key, FAILED, user_message(exc))
            self._show_failed(user_message(exc))

        self.ctx.tasks.db(write, done, failed)

    def _mark(self, key: tuple[str, str, str], state: str, error: str = "") -> None:
        ref, member, item_id = key
        if self._bound is not None and (ref, member) == self._bound[1:] and self.model.rowCount():
            self.model.set_state(self.model.row_of(item_id), state, error)

    def _show_failed(self, reason: str | None = None) -> None:
        reason = reason or next((r.error for r in self.model.rows if r.state == FAILED), tr("unknown error"))
        self._set_save_label(tr("Not saved: {reason}").format(reason=reason), error=True)
        self.retry_button.setVisible(True)

    def retry_failed(self) -> None:
        """Try again to save every value that failed (on this candidate)."""
        for r, row in enumerate(self.model.rows):
            if row.state == FAILED:
                self._save(r)
        if not self._failed:
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
            member=self.member, candidate=self.candidate_combo.currentText().split("  ✓")[0]
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
            idx = self.candidate_combo.findData(ref)
            if idx >= 0:
                cand = next(c for c in self.candidates if c.reference == ref)
                self.candidate_combo.setItemText(idx, self._candidate_text(cand))
            if ref == self.candidate and member == self.member:
                self._apply_lock()
            self._set_save_label(tr("Submitted {time}").format(time=local(when).strftime("%H:%M:%S")))
            self.ctx.notify(SCORES)

        self.ctx.db(lambda store: scoring_service.submit(store, cid, candidate=ref, member=member), done, parent=self)
