"""Pre-employment checks and reasonable adjustments, per candidate.

- A *check* is an interview criterion the plan marks as checked (licence, qualification held, vetting, health,
  attendance, right to work, availability). The chair records it once per candidate as confirmed, not
  confirmed or pending; members never score it and it is never part of a total. Every change is audited.
- *Reasonable adjustments* are health data: a free text per candidate, kept in its own table apart from scores,
  printed only on that candidate's guidance page. The audit log says that they changed, never what they say.
"""

from __future__ import annotations

import json

from ..domain.campaign import Campaign
from ..domain.errors import ValidationError
from ..domain.plan import CHECK_STATES, PENDING, check_conditions
from ..storage import Repository
from .store import Store, candidate_id, load_campaign, now

MAX_ADJUSTMENTS = 2000  # characters: a short note for the panel, not a medical record


def plan_checks(campaign: Campaign) -> list[tuple[str, str]]:
    """(criterion id, text) of the campaign's checks, in plan order."""
    from .questions import plan_of

    texts = {c.id: c.text for c in campaign.profile.criteria}
    return [(cid, texts.get(cid, cid)) for cid in plan_of(campaign.question_set).checks]


def record_check(store: Store, cid: int, *, candidate: str, criterion: str, state: str, actor: str = "chair") -> str:
    """Record one check for one candidate. Refused for a criterion the plan does not check or a bad state."""
    if state not in CHECK_STATES:
        raise ValidationError(f"check state {state!r} must be one of: {', '.join(CHECK_STATES)}")

    def action(repo: Repository) -> str:
        c = load_campaign(repo, cid)
        checks = [k for k, _ in plan_checks(c)]
        if criterion not in checks:
            raise ValidationError(
                f"{criterion!r} is not a check in campaign {cid} (checks: {', '.join(checks) or 'none'})"
            )
        cand = candidate_id(store, repo, cid, candidate)
        old = repo.check_state(cid, cand, criterion) or PENDING
        if old != state:
            at = now().isoformat()
            repo.put_check(cid, cand, criterion, state, actor, at)
            repo.append_audit(
                at=at,
                actor=actor,
                action="check",
                target=f"{candidate}/{criterion}",
                campaign_id=cid,
                candidate=candidate,
                item=criterion,
                old=old,
                new=state,
            )
        return state

    return store.write(action)


def check_states(store: Store, cid: int) -> dict[str, dict[str, str]]:
    """{candidate reference: {check id: state}} for every candidate and every check of the plan."""

    def query(repo: Repository) -> dict[str, dict[str, str]]:
        c = load_campaign(repo, cid)
        ids = [k for k, _ in plan_checks(c)]
        refs = {int(r[0]): r[1] for r in repo.candidates(cid)}
        recorded = {int(cand): json.loads(text) for cand, text in repo.check_maps(cid)}
        return {ref: {k: recorded.get(row, {}).get(k, PENDING) for k in ids} for row, ref in refs.items()}

    return store.read(query)


def conditions(store: Store, cid: int, candidate: str) -> list[str]:
    """Sentences for each of the candidate's checks that is not confirmed (see ``check_conditions``)."""

    def query(repo: Repository) -> list[str]:
        c = load_campaign(repo, cid)
        cand = candidate_id(store, repo, cid, candidate)
        recorded = {}
        for _, text in repo.check_maps(cid, cand):
            recorded = json.loads(text)
        return check_conditions(plan_checks(c), recorded)

    return store.read(query)


def set_adjustments(store: Store, cid: int, candidate: str, text: str, *, actor: str = "chair") -> str:
    """Store the candidate's reasonable adjustments (blank clears them). The audit row names no content."""
    text = "\n".join(line.rstrip() for line in (text or "").strip().splitlines())
    if len(text) > MAX_ADJUSTMENTS:
        raise ValidationError(f"reasonable adjustments: at most {MAX_ADJUSTMENTS} characters ({len(text)} given)")

    def action(repo: Repository) -> str:
        load_campaign(repo, cid)
        cand = candidate_id(store, repo, cid, candidate)
        old = repo.adjustments(cid, cand)
        if old != text:
            at = now().isoformat()
            repo.put_adjustments(cid, cand, text, at)
            repo.append_audit(
                at=at,
                actor=actor,
                action="adjustments",
                target=candidate,
                campaign_id=cid,
                candidate=candidate,
                old="recorded" if old else None,
                new="recorded" if text else "cleared",
            )
        return text

    return store.write(action)


def adjustments(store: Store, cid: int, candidate: str) -> str:
    """The candidate's reasonable adjustments ("" when none)."""
    return store.read(lambda repo: repo.adjustments(cid, candidate_id(store, repo, cid, candidate)))
