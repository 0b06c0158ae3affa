"""Corrections during a campaign: the panel (rename, remove, change the chair) and candidates (edit, status).

Each is one write transaction with its audit row, and each returns what undoing it needs, so the GUI's
undo and the CLI call the same functions. Refusals (nothing written):
- removing a member who has any score, note or submission;
- changing the chair once moderation has begun (any agreed score);
- changing a candidate's reference once anything was recorded for them; an unknown status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.campaign import Candidate, Member
from ..domain.errors import RefusedError, ValidationError
from ..domain.moderation import Attendance, parse_attendance
from ..storage import Repository
from ..storage.mapping import slot_text
from .store import Store, candidate_row, load_campaign, now


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _member(repo: Repository, cid: int, name: str) -> tuple[int, bool]:
    for mid, n, chair in repo.members(cid):
        if n == name:
            return int(mid), bool(chair)
    raise ValidationError(f"unknown panel member {name!r} in campaign {cid}")


def _forget_ids(store: Store) -> None:
    store._forget()  # reference/name -> row id caches: a name or reference just changed


# -- panel -------------------------------------------------------------------------------------------------
def rename_member(store: Store, cid: int, member: str, new_name: str, *, actor: str = "chair") -> Member:
    """Correct a member's name (their scores, submissions, PIN and keys stay theirs). Undo: rename back."""
    new_name = _clean(new_name)
    if not new_name:
        raise ValidationError("a panel member needs a name")

    def action(repo: Repository) -> Member:
        load_campaign(repo, cid)
        mid, chair = _member(repo, cid, member)
        if new_name == member:
            return Member(member, chair)
        if repo.member_id(cid, new_name) is not None:
            raise ValidationError(f"{new_name!r} is already on the panel of campaign {cid}")
        repo.rename_member(mid, new_name)
        repo.append_audit(
            at=now().isoformat(),
            actor=actor,
            action="member renamed",
            target=new_name,
            campaign_id=cid,
            member=new_name,
            old=member,
            new=new_name,
        )
        return Member(new_name, chair)

    try:
        return store.write(action)
    finally:
        _forget_ids(store)


def remove_member(store: Store, cid: int, member: str, *, actor: str = "chair") -> Member:
    """Take a member off the panel; refused when they have any score, note or submission.
    Returns the member removed (undo: add them again, as chair if they were)."""

    def action(repo: Repository) -> Member:
        load_campaign(repo, cid)
        mid, chair = _member(repo, cid, member)
        if repo.member_has_records(mid):
            raise RefusedError(
                f"{member} has scores in campaign {cid}; a member with scores cannot be removed "
                "(rename them instead if the name is wrong)"
            )
        repo.delete_member(mid)
        repo.append_audit(
            at=now().isoformat(),
            actor=actor,
            action="member removed",
            target=member,
            campaign_id=cid,
            member=member,
            old="chair" if chair else "member",
        )
        return Member(member, chair)

    try:
        return store.write(action)
    finally:
        _forget_ids(store)


def set_chair(store: Store, cid: int, member: str | None, *, actor: str = "chair") -> str | None:
    """Make ``member`` the chair (None: nobody), instead of whoever was. Refused once moderation has begun.
    Returns the previous chair's name (undo: ``set_chair`` with it)."""

    def action(repo: Repository) -> str | None:
        load_campaign(repo, cid)
        previous = repo.chair(cid)
        mid = None if member is None else _member(repo, cid, member)[0]
        if previous == member:
            return previous
        if repo.moderation_begun(cid):
            raise RefusedError(
                f"moderation of campaign {cid} has begun; the chair ({previous}) can no longer be changed"
            )
        repo.set_chair(cid, mid)
        repo.append_audit(
            at=now().isoformat(),
            actor=actor,
            action="chair",
            target=member or "-",
            campaign_id=cid,
            member=member,
            old=previous,
            new=member,
        )
        return previous

    return store.write(action)


# -- candidates --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CandidateEdit:
    """A candidate before and after a correction (undo applies ``before``)."""

    before: Candidate
    after: Candidate


def _describe(c: Candidate) -> str:
    return f"{c.reference}: {c.name}" + (f" ({slot_text(c.slot)})" if c.slot else "")


def edit_candidate(
    store: Store,
    cid: int,
    reference: str,
    *,
    name: str,
    slot: datetime | None,
    new_reference: str | None = None,
    actor: str = "chair",
) -> CandidateEdit:
    """Correct a candidate's name and slot, and their reference while nothing is recorded for them."""
    name = _clean(name)
    new_ref = _clean(new_reference) if new_reference is not None else reference
    if not name:
        raise ValidationError("a candidate needs a name")
    if not new_ref:
        raise ValidationError("a candidate needs a reference")

    def action(repo: Repository) -> CandidateEdit:
        load_campaign(repo, cid)
        row = candidate_row(repo, cid, reference)
        cand = row.id
        before = row.to_candidate(repo.candidate_status(cand))
        after = Candidate(new_ref, name, slot, before.attendance, before.attendance_reason)
        if new_ref != reference:
            if repo.candidate_has_records(cand):
                raise RefusedError(
                    f"{reference} already has scores; the reference of a candidate with scores cannot be changed"
                )
            if repo.candidate_id(cid, new_ref) is not None:
                raise ValidationError(f"reference {new_ref!r} is already in campaign {cid}")
            repo.set_candidate_reference(cand, new_ref)
        if (before.name, before.slot) != (name, slot) or new_ref != reference:
            repo.update_candidate(cand, after)
            repo.append_audit(
                at=now().isoformat(),
                actor=actor,
                action="candidate",
                target=new_ref,
                campaign_id=cid,
                candidate=new_ref,
                old=_describe(before),
                new=_describe(after),
                reason=None if new_ref == before.reference else f"reference was {before.reference}",
            )
        return CandidateEdit(before, after)

    try:
        return store.write(action)
    finally:
        _forget_ids(store)


def set_candidate_status(
    store: Store, cid: int, reference: str, status: str, reason: str = "", *, actor: str = "chair"
) -> CandidateEdit:
    """Record that a candidate is active, withdrew, or did not attend (absent), with a reason.
    Withdrawn and absent candidates cannot be scored and have no outcome or rank; their scores are kept."""
    try:
        attendance = parse_attendance(status)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    reason = _clean(reason)

    def action(repo: Repository) -> CandidateEdit:
        load_campaign(repo, cid)
        row = candidate_row(repo, cid, reference)
        cand = row.id
        before = row.to_candidate(repo.candidate_status(cand))
        after = Candidate(
            before.reference, before.name, before.slot, attendance, "" if attendance == Attendance.ACTIVE else reason
        )
        if (before.attendance, before.attendance_reason) != (after.attendance, after.attendance_reason):
            repo.set_candidate_status(cand, after.attendance.value, after.attendance_reason)
            repo.append_audit(
                at=now().isoformat(),
                actor=actor,
                action="candidate status",
                target=reference,
                campaign_id=cid,
                candidate=reference,
                old=before.attendance.value,
                new=after.attendance.value,
                reason=after.attendance_reason or None,
            )
        return CandidateEdit(before, after)

    return store.write(action)


def candidate_statuses(store: Store, cid: int) -> dict[str, tuple[Attendance, str]]:
    """reference -> (status, reason) of every candidate not active."""

    def query(repo: Repository) -> dict[str, tuple[Attendance, str]]:
        load_campaign(repo, cid)
        refs = {int(r[0]): r[1] for r in repo.candidates(cid)}
        return {refs[i]: (Attendance(st), why) for i, (st, why) in repo.candidate_statuses(cid).items()}

    return store.read(query)


def refuse_inactive(repo: Repository, candidate_id: int, reference: str) -> None:
    """RefusedError when the candidate is withdrawn or absent (they cannot be scored or submitted)."""
    status, why = repo.candidate_status(candidate_id)
    if status != Attendance.ACTIVE:
        raise RefusedError(f"{reference} is {status}{': ' + why if why else ''}; a {status} candidate cannot be scored")
