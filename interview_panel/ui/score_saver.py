"""Saving a member's scores as they are typed: in order, honest about what is on disk, nothing lost.

Plain Python, no Qt: the scoring page hands it ``submit(job, on_done, on_error)`` (``TaskRunner.db``), which
runs ``job(store)`` off the GUI thread, one job at a time in submission order, and calls ``on_done(result)``
or ``on_error(exc)`` back on the GUI thread. Tests hand it a fake executor.

Contract:
- :meth:`ScoreSaver.save` submits one write of an item's score and note at once, so writes reach the
  database in the order they were typed (the executor keeps submission order).
- A later save of the same item supersedes an earlier one still in flight: only the newest write's outcome
  counts for that item, and its newest value is held (in flight or failed) until a write of it returned.
- An item is "saved" only once the write of its newest value returned; the whole is "saved" only when no
  write is in flight, no edit is waiting to be written (:meth:`edited`) and nothing failed.
- A failed write keeps its value (:meth:`unsaved`), reports the reason, and is written again by :meth:`retry`.
- On closing, writes still in flight are finished by the executor before the store closes
  (``TaskRunner.shutdown``); what failed is known (:meth:`failures`) so the window can ask before it goes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..services.store import Store


class SaveState(StrEnum):
    SAVED = "saved"
    SAVING = "saving"
    FAILED = "failed"


class SaveKey(NamedTuple):
    """One member's score of one item for one candidate."""

    campaign: int
    candidate: str
    member: str
    item: str


class Value(NamedTuple):
    score: int | None
    note: str


class Summary(NamedTuple):
    """The footer's line: ``SAVED`` (with ``at``), ``SAVING``, or ``FAILED`` (with ``reason``)."""

    state: SaveState
    at: datetime | None = None
    reason: str = ""


Job = Callable[["Store"], object]
Submit = Callable[[Job, Callable[[object], None], Callable[[BaseException], None]], None]
Write = Callable[["Store", SaveKey, Value], object]
ItemListener = Callable[[SaveKey, SaveState, str], None]
SummaryListener = Callable[[Summary], None]


def record(store: Store, key: SaveKey, value: Value) -> object:
    """The real write: ``services.scoring.record_score`` (validated, audited, durable on return)."""
    from ..services.scoring import record_score

    return record_score(
        store,
        key.campaign,
        candidate=key.candidate,
        member=key.member,
        item=key.item,
        score=value.score,
        note=value.note,
    )


class ScoreSaver:
    """See the module docstring. ``on_item(key, state, error)`` follows each item, ``on_summary`` the whole."""

    def __init__(
        self,
        submit: Submit,
        *,
        write: Write = record,
        on_item: ItemListener | None = None,
        on_summary: SummaryListener | None = None,
        describe: Callable[[BaseException], str] = str,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._submit = submit
        self._write = write
        self._on_item = on_item or (lambda key, state, error: None)
        self._on_summary = on_summary or (lambda summary: None)
        self._describe = describe
        self._clock = clock
        self._seq: dict[SaveKey, int] = {}  # the newest write submitted per item
        self._pending: dict[SaveKey, Value] = {}  # the newest value per item whose write has not returned
        self._failed: dict[SaveKey, tuple[Value, str]] = {}  # value and reason, newest write failed
        self._edited: set[SaveKey] = set()  # changed on screen, write not yet asked for (a note's pause)
        self._in_flight = 0

    # -- queries -----------------------------------------------------------------------------
    @property
    def in_flight(self) -> int:
        """Writes submitted whose outcome has not come back."""
        return self._in_flight

    @property
    def all_saved(self) -> bool:
        return not (self._in_flight or self._edited or self._failed)

    def state(self, key: SaveKey) -> SaveState:
        if key in self._pending or key in self._edited:
            return SaveState.SAVING
        return SaveState.FAILED if key in self._failed else SaveState.SAVED

    def error(self, key: SaveKey) -> str:
        return self._failed[key][1] if key in self._failed else ""

    def unsaved(self, campaign: int, candidate: str, member: str) -> dict[str, tuple[Value, SaveState, str]]:
        """Values of this candidate and member not known to be on disk, by item: value, state, reason.

        A page that reloads the member's scores lays these over what it read, so a value that never
        reached the database stays on screen until it does.
        """
        out: dict[str, tuple[Value, SaveState, str]] = {}
        for key, (value, reason) in self._failed.items():
            if key[:3] == (campaign, candidate, member):
                out[key.item] = (value, SaveState.FAILED, reason)
        for key, value in self._pending.items():
            if key[:3] == (campaign, candidate, member):
                out[key.item] = (value, SaveState.SAVING, "")
        return out

    def failures(self) -> dict[SaveKey, str]:
        """Every value whose newest write failed, with the reason."""
        return {key: reason for key, (_value, reason) in self._failed.items()}

    def has_failed(self, campaign: int | None = None, candidate: str | None = None, member: str | None = None) -> bool:
        """A value failed to save (of this campaign, candidate and member, where given)."""
        want = (campaign, candidate, member)
        return any(all(w is None or w == k for w, k in zip(want, key[:3], strict=True)) for key in self._failed)

    # -- edits -------------------------------------------------------------------------------
    def edited(self, key: SaveKey) -> None:
        """The value on screen changed and its write will follow (a note waiting for the typing to pause):
        not saved until then."""
        self._edited.add(key)
        self._on_item(key, SaveState.SAVING, "")
        self._on_summary(Summary(SaveState.SAVING))

    def save(self, key: SaveKey, score: int | None, note: str) -> None:
        """Write ``score`` and ``note`` for ``key`` now."""
        value = Value(score, note)
        seq = self._seq.get(key, 0) + 1
        self._seq[key] = seq
        self._pending[key] = value
        self._edited.discard(key)
        self._in_flight += 1
        self._on_item(key, SaveState.SAVING, "")
        self._on_summary(Summary(SaveState.SAVING))
        write = self._write
        self._submit(
            lambda store: write(store, key, value),
            lambda _result: self._done(key, seq),
            lambda exc: self._error(key, seq, value, exc),
        )

    def retry(self) -> int:
        """Write every failed value again (its newest value); returns how many."""
        failed = list(self._failed.items())
        for key, (value, _reason) in failed:
            self.save(key, value.score, value.note)
        return len(failed)

    # -- outcomes (on the GUI thread) ---------------------------------------------------------
    def _done(self, key: SaveKey, seq: int) -> None:
        self._in_flight -= 1
        if self._seq.get(key) == seq:  # the newest write of this item: its value is on disk
            self._pending.pop(key, None)
            self._failed.pop(key, None)
            if key not in self._edited:
                self._on_item(key, SaveState.SAVED, "")
        self._settled()

    def _error(self, key: SaveKey, seq: int, value: Value, exc: BaseException) -> None:
        self._in_flight -= 1
        if self._seq.get(key) != seq:  # a newer write of this item follows and carries the newest value
            self._settled()
            return
        reason = self._describe(exc)
        self._pending.pop(key, None)
        self._failed[key] = (value, reason)
        self._on_item(key, SaveState.FAILED, reason)
        self._on_summary(Summary(SaveState.FAILED, reason=reason))

    def _settled(self) -> None:
        if self._in_flight or self._edited:
            return  # more to come: the footer keeps saying "Saving…" (or the failure just reported)
        if self._failed:
            self._on_summary(Summary(SaveState.FAILED, reason=next(iter(self._failed.values()))[1]))
        else:
            self._on_summary(Summary(SaveState.SAVED, at=self._clock()))
