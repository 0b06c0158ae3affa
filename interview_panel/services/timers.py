"""The interview timer of one panel member for one candidate, kept in the database.

It belongs to that member and that candidate (another member, or the next candidate, starts from zero),
survives a restart (a running timer keeps counting from when it was started, as the interview does), and
stops when the member submits (``services.scoring.submit`` banks it). Not audited: it is not evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..storage import Repository
from .store import Store, candidate_id, load_campaign, member_id, now


@dataclass(frozen=True)
class TimerState:
    elapsed_ms: int  # time used so far (up to ``at``)
    running: bool
    at: datetime  # when this was read


def _state(repo: Repository, cid: int, cand: int, mem: int) -> TimerState:
    at = now()
    row = repo.timer(cid, cand, mem)
    if row is None:
        return TimerState(0, False, at)
    banked, started = int(row[0]), row[1]
    if started is None:
        return TimerState(banked, False, at)
    run = max(0, int((at - datetime.fromisoformat(started)).total_seconds() * 1000))
    return TimerState(banked + run, True, at)


def _ids(store: Store, repo: Repository, cid: int, candidate: str, member: str) -> tuple[int, int]:
    load_campaign(repo, cid)
    return candidate_id(store, repo, cid, candidate), member_id(store, repo, cid, member)


def timer_state(store: Store, cid: int, *, candidate: str, member: str) -> TimerState:
    def query(repo: Repository) -> TimerState:
        return _state(repo, cid, *_ids(store, repo, cid, candidate, member))

    return store.read(query)


def start_timer(store: Store, cid: int, *, candidate: str, member: str) -> TimerState:
    """Start (or resume) the timer; a running one is left as it is."""

    def action(repo: Repository) -> TimerState:
        cand, mem = _ids(store, repo, cid, candidate, member)
        st = _state(repo, cid, cand, mem)
        if not st.running:
            repo.put_timer(cid, cand, mem, st.elapsed_ms, st.at.isoformat())
        return TimerState(st.elapsed_ms, True, st.at)

    return store.write(action)


def stop_timer_in(repo: Repository, cid: int, cand: int, mem: int) -> TimerState:
    """Pause the timer, banking the time used (inside the caller's transaction)."""
    st = _state(repo, cid, cand, mem)
    if st.running:
        repo.put_timer(cid, cand, mem, st.elapsed_ms, None)
    return TimerState(st.elapsed_ms, False, st.at)


def stop_timer(store: Store, cid: int, *, candidate: str, member: str) -> TimerState:
    def action(repo: Repository) -> TimerState:
        return stop_timer_in(repo, cid, *_ids(store, repo, cid, candidate, member))

    return store.write(action)


def reset_timer(store: Store, cid: int, *, candidate: str, member: str) -> TimerState:
    def action(repo: Repository) -> TimerState:
        cand, mem = _ids(store, repo, cid, candidate, member)
        repo.put_timer(cid, cand, mem, 0, None)
        return TimerState(0, False, now())

    return store.write(action)
