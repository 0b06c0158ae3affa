"""Panel members' scores: record, read back (own scores only), submit.

``record_score`` is the hot path of a live interview: it validates (whole number on the campaign's scale,
known item, candidate and member, not after that member submitted for that candidate), writes the score
and its audit row in one durable transaction, and returns only once the commit is on disk.
The first score of a campaign freezes its items, questions and rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..domain.campaign import Score
from ..domain.errors import RefusedError
from ..storage import Repository
from ..storage.kits import kit_member
from .corrections import refuse_inactive
from .store import (
    FROZEN_PREFIX,
    Store,
    candidate_id,
    context,
    definition_sha256,
    load_campaign,
    member_id,
    now,
    parse_dt,
)
from .timers import stop_timer_in


def _record(
    store: Store,
    repo: Repository,
    cid: int,
    candidate: str,
    member: str,
    item: str,
    score: int | None,
    note: str | None,
) -> Score:
    ctx = context(store, repo, cid)
    _only_kit_member(repo, cid, member)
    if score is not None:
        ctx.rules.check_score(score)
    ctx.check_item(item)
    cand = candidate_id(store, repo, cid, candidate)
    mem = member_id(store, repo, cid, member)
    refuse_inactive(repo, cand, candidate)
    old, submitted = repo.score_and_submission(cid, cand, mem, item)
    if submitted is not None:
        raise RefusedError(
            f"{member} submitted the scores for {candidate} at {submitted[:16].replace('T', ' ')}; "
            "submitted scores cannot be changed"
        )
    old_score, old_note = (old[0], old[1]) if old else (None, "")
    new_note = old_note if note is None else note.strip()
    at = now()
    if (old_score, old_note) == (score, new_note):  # nothing changes (or an empty cell stays empty)
        return Score(candidate, member, item, score, new_note, at)
    stamp = at.isoformat()
    repo.put_score(cid, cand, mem, item, score, new_note, stamp)
    target = f"{candidate}/{item}/{member}"
    if old_score != score:
        repo.append_audit(
            at=stamp,
            actor=member,
            action="score",
            target=target,
            campaign_id=cid,
            candidate=candidate,
            member=member,
            item=item,
            old=None if old_score is None else str(old_score),
            new=None if score is None else str(score),
        )
    if old_note != new_note:
        repo.append_audit(
            at=stamp,
            actor=member,
            action="note",
            target=target,
            campaign_id=cid,
            candidate=candidate,
            member=member,
            item=item,
            old=old_note or None,
            new=new_note or None,
        )
    if not ctx.campaign.scoring_started and not repo.scoring_started(cid):
        repo.mark_scoring_started(cid)
        repo.append_audit(
            at=stamp,
            actor=member,
            action="campaign",
            target="scoring started",
            campaign_id=cid,
            new=FROZEN_PREFIX + definition_sha256(repo, cid),
        )
    return Score(candidate, member, item, score, new_note, at)


def record_score(
    store: Store, cid: int, *, candidate: str, member: str, item: str, score: int | None, note: str | None = None
) -> Score:
    """Save one member's score (``None`` clears it) and optional note (``None`` keeps the note as it is).

    Returns after the durable commit. Raises ValidationError (off the scale, not a whole number, unknown
    item/candidate/member) or RefusedError (that member already submitted for that candidate).
    """
    return store.write(lambda repo: _record(store, repo, cid, candidate, member, item, score, note))


def record_scores(store: Store, cid: int, scores: Iterable[tuple[str, str, str, int | None, str | None]]) -> int:
    """Record many (candidate, member, item, score, note) in one transaction, each exactly as
    ``record_score`` would (same checks, same audit rows). All or nothing. Returns how many were given."""
    rows = list(scores)

    def action(repo: Repository) -> int:
        for cand, mem, item, score, note in rows:
            _record(store, repo, cid, cand, mem, item, score, note)
        return len(rows)

    return store.write(action)


def member_scores(store: Store, cid: int, *, candidate: str, member: str) -> dict[str, Score]:
    """One member's own scores for one candidate, by item id (independence: nobody else's)."""

    def query(repo: Repository) -> dict[str, Score]:
        load_campaign(repo, cid)
        cand = candidate_id(store, repo, cid, candidate)
        mem = member_id(store, repo, cid, member)
        return {
            item: Score(candidate, member, item, score, note, parse_dt(at))
            for item, score, note, at in repo.member_scores(cid, cand, mem)
        }

    return store.read(query)


def _only_kit_member(repo: Repository, cid: int, member: str) -> None:
    """In a database a member kit made, only that kit's member scores and submits."""
    owner = kit_member(repo, cid)
    if owner is not None and owner != member:
        raise RefusedError(f"this database holds {owner}'s member kit for campaign {cid}: only {owner} scores here")


def _submit(
    store: Store, repo: Repository, cid: int, candidate: str, member: str, *, at: datetime | None = None
) -> datetime:
    """Lock ``member``'s scores for ``candidate``; ``at`` is when (a score pack brings the member's own time)."""
    ctx = context(store, repo, cid)
    _only_kit_member(repo, cid, member)
    cand = candidate_id(store, repo, cid, candidate)
    mem = member_id(store, repo, cid, member)
    refuse_inactive(repo, cand, candidate)
    already = repo.submitted_at(cid, cand, mem)
    if already is not None:
        raise RefusedError(f"{member} already submitted the scores for {candidate}")
    scored = {item for item, score, _, _ in repo.member_scores(cid, cand, mem) if score is not None}
    missing = [i.id for i in ctx.items if i.id not in scored]
    if missing:
        raise RefusedError(
            f"{member} has not scored {', '.join(missing)} for {candidate} yet; score every item before submitting"
        )
    at = at or now()
    stop_timer_in(repo, cid, cand, mem)  # the interview is over for this member: the timer stops
    repo.insert_submission(cid, cand, mem, at.isoformat())
    repo.append_audit(
        at=at.isoformat(),
        actor=member,
        action="submit",
        target=f"{candidate}/{member}",
        campaign_id=cid,
        candidate=candidate,
        member=member,
        new=at.isoformat(),
    )
    return at


def submit(store: Store, cid: int, *, candidate: str, member: str) -> datetime:
    """Lock one member's scores for one candidate (every item must be scored). Returns when (UTC)."""
    return store.write(lambda repo: _submit(store, repo, cid, candidate, member))


def member_submissions(store: Store, cid: int, member: str) -> dict[str, datetime | None]:
    """Every candidate reference -> when ``member`` submitted for them (None: not yet), in one read.

    What the scoring page needs to offer a member their next candidate, without one query per candidate.
    """

    def query(repo: Repository) -> dict[str, datetime | None]:
        load_campaign(repo, cid)
        mid = member_id(store, repo, cid, member)
        when = {cand: at for cand, m, at in repo.campaign_submissions(cid) if m == mid}
        return {ref: parse_dt(when.get(int(cand_id))) for cand_id, ref, _name, _slot in repo.candidates(cid)}

    return store.read(query)


def submissions(store: Store, cid: int, candidate: str) -> dict[str, datetime | None]:
    """Every panel member -> when they submitted for this candidate (None: not yet)."""

    def query(repo: Repository) -> dict[str, datetime | None]:
        load_campaign(repo, cid)
        cand = candidate_id(store, repo, cid, candidate)
        subs = repo.candidate_submissions(cid, cand)
        return {name: parse_dt(subs.get(int(mid))) for mid, name, _ in repo.members(cid)}

    return store.read(query)
