"""Moderation (the chair's wash-up) and results.

The chair agrees one score per item per candidate once every panel member has submitted for that
candidate. A rationale is required where the panel's scores are flagged (wide spread, or a split on the
pass mark). ``results`` builds the one :class:`CampaignResults` that the CLI, the GUI and every export use;
it reads the whole campaign with a handful of bulk queries (no per-candidate queries).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from ..domain.campaign import Agreed, CampaignResults, CandidateResult, Member
from ..domain.errors import RefusedError, ValidationError
from ..domain.moderation import Assessor, CandidateStatus
from ..domain.plan import PENDING, check_conditions
from ..storage import Repository
from ..storage.repository import CandidateRow, MemberRow
from .audit import entries
from .store import CampaignContext, Store, candidate_id, context, now

MEDIAN_RATIONALE = "no disagreement flagged: agreed at the panel median"
_ACTIVE = ("active", "")


def _assessed(
    store: Store, ctx: CampaignContext, repo: Repository, cid: int, reference: str, *, notes: bool = True
) -> tuple[int, CandidateResult]:
    """(row id, result) of candidate ``reference``, read and assessed by the domain (readiness, flags,
    status, outcome...); its rank is not set. Refused when there is no such candidate."""
    cand = candidate_id(store, repo, cid, reference)
    row = repo.candidate(cid, reference)
    assert row is not None
    return cand, _build(
        ctx,
        [row],
        repo.members(cid),
        repo.score_maps(cid, cand, notes=notes),
        ((cand, m, at) for m, at in repo.candidate_submissions(cid, cand).items()),
        repo.agreed_maps(cid, cand, rationale=notes),
        repo.check_maps(cid, cand),
        {cand: repo.candidate_status(cand)},
    )[cand]


def _chair(repo: Repository, cid: int, actor: str | None) -> str:
    """The chair's name: only the chair moderates. ``actor`` (when given) must be that chair."""
    chair = repo.chair(cid)
    if chair is None:
        raise RefusedError(f"campaign {cid} has no chair; only the chair moderates (add one with panel add --chair)")
    if actor is not None and " ".join(actor.split()) != chair:
        raise RefusedError(
            f"{actor!r} is not the chair of campaign {cid} (the chair is {chair}); only the chair moderates"
        )
    return chair


def can_moderate(store: Store, cid: int, candidate: str) -> tuple[bool, str]:
    """(True, "") once every panel member has submitted for the candidate, else (False, the reason)."""

    def query(repo: Repository) -> tuple[bool, str]:
        ctx = context(store, repo, cid)
        _, cr = _assessed(store, ctx, repo, cid, candidate, notes=False)
        return (cr.ready, cr.not_ready)

    return store.read(query)


def _moderate(
    store: Store,
    repo: Repository,
    cid: int,
    candidate: str,
    item: str,
    score: int,
    rationale: str | None,
    actor: str | None,
) -> Agreed:
    ctx = context(store, repo, cid)
    by = _chair(repo, cid, actor)  # first: someone who may not moderate learns nothing more
    ctx.rules.check_score(score)
    ctx.check_item(item)
    cand, cr = _assessed(store, ctx, repo, cid, candidate, notes=False)
    if not cr.ready:
        raise RefusedError(f"{candidate} cannot be moderated yet: {cr.not_ready}")
    text = " ".join((rationale or "").split())
    why = cr.flags.get(item)
    if why and not text:
        panel = cr.scores.get(item, {}).values()
        raise ValidationError(
            f"{candidate} {item}: a rationale is required because the panel's scores "
            f"({', '.join(map(str, panel))}) are flagged: {', '.join(why)}"
        )
    return _record(repo, cid, cand, candidate, item, score, text, by)


def _record(repo: Repository, cid: int, cand: int, candidate: str, item: str, score: int, text: str, by: str) -> Agreed:
    """Write (and audit) one agreed score the rules allow; nothing is written when it is unchanged."""
    old = repo.agreed(cid, cand, item)
    if old is not None and (old[0], old[1], old[2]) == (score, text, by):
        return Agreed(candidate, item, score, text, by, datetime.fromisoformat(old[3]))
    at = now()
    repo.put_agreed(cid, cand, item, score, text, by, at.isoformat())
    repo.append_audit(
        at=at.isoformat(),
        actor=by,
        action="agreed",
        target=f"{candidate}/{item}",
        campaign_id=cid,
        candidate=candidate,
        item=item,
        old=None if old is None else str(old[0]),
        new=str(score),
        reason=text or None,
    )
    return Agreed(candidate, item, score, text, by, at)


def moderate(
    store: Store,
    cid: int,
    *,
    candidate: str,
    item: str,
    score: int,
    rationale: str | None = None,
    actor: str | None = None,
) -> Agreed:
    """Record (or change) the agreed score for one item. Only the chair moderates: ``actor``, when given, must be the chair.

    Refused before every member submitted; a flagged item needs a rationale; the score must be on the scale.
    """
    return store.write(lambda repo: _moderate(store, repo, cid, candidate, item, score, rationale, actor))


def agree_unflagged_at_median(store: Store, cid: int, *, candidate: str, actor: str | None = None) -> list[Agreed]:
    """Agree every not-yet-agreed item whose panel scores are not flagged at the panel median (one transaction).

    Flagged items are left for the chair to discuss. Returns the agreed scores created.
    """

    def action(repo: Repository) -> list[Agreed]:
        ctx = context(store, repo, cid)
        by = _chair(repo, cid, actor)
        cand, cr = _assessed(store, ctx, repo, cid, candidate, notes=False)
        if not cr.ready:
            raise RefusedError(f"{candidate} cannot be moderated yet: {cr.not_ready}")
        assessor = Assessor(ctx.items, ctx.rules, [])
        return [
            _record(repo, cid, cand, candidate, item, median, MEDIAN_RATIONALE, by)
            for item, median in assessor.unflagged_at_median(cr)
        ]

    return store.write(action)


def agree_straddles_at_median(
    store: Store, cid: int, *, rationale: str, candidates: Iterable[str] | None = None, actor: str | None = None
) -> list[Agreed]:
    """Agree, at the panel median and with one shared ``rationale``, every item still to agree whose only flag
    is the split on the pass mark ("± pass") and whose panel median reaches the pass mark
    (:meth:`Assessor.straddling_with_passing_median`), for ``candidates`` (None: every candidate open to
    moderate). One transaction; each item is recorded, and audited, on its own. Items with a wide spread are
    left for discussion. Returns the agreed scores created."""
    text = " ".join((rationale or "").split())
    if not text:
        raise ValidationError("a shared rationale is required to agree the ± pass items at the panel median")
    wanted = None if candidates is None else set(candidates)

    def action(repo: Repository) -> list[Agreed]:
        ctx = context(store, repo, cid)
        by = _chair(repo, cid, actor)
        members = repo.members(cid)
        built = _build(
            ctx,
            repo.candidates(cid),
            members,
            repo.score_maps(cid, notes=False),
            repo.campaign_submissions(cid),
            repo.agreed_maps(cid, rationale=False),
            (),
            repo.candidate_statuses(cid),
        )
        assessor = Assessor(ctx.items, ctx.rules, [])
        out = []
        for cand, r in built.items():
            if wanted is not None and r.reference not in wanted:
                continue
            for item in assessor.straddling_with_passing_median(r):
                median = assessor.median(r, item)
                assert median is not None  # a flagged item has panel scores
                out.append(_record(repo, cid, cand, r.reference, item, median, text, by))
        return out

    return store.write(action)


# -- results ----------------------------------------------------------------------------------------------
# the C scanner json.loads ends in, called without json.loads' per-call checks and whitespace matching
_scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _build(
    ctx: CampaignContext,
    cands: Sequence[CandidateRow],
    members: Sequence[MemberRow],
    score_maps: Iterable[tuple[int, str | None, str | None]],
    sub_rows: Iterable[tuple[Any, ...]],
    agreed_maps: Iterable[tuple[int, str, str | None, str, str]],
    check_maps: Iterable[tuple[int, str]] = (),
    statuses: dict[int, tuple[str, str]] | None = None,
) -> dict[int, CandidateResult]:
    """CandidateResults from bulk rows, keyed by candidate row id; ranked among the moderated ones.

    This is the hot path of results over 200,000 scores: SQLite nests each candidate's scores and notes
    (``Repository.score_maps``) as JSON, decoded here in C; each result is made once, with everything read
    for it; status, readiness, flags, outcome and reasons come from the domain's :class:`Assessor` (flags
    asked once per distinct set of panel scores).
    """
    names = {int(mid): name for mid, name, _ in members}
    statuses = statuses or {}
    scan, when = _scan, datetime.fromisoformat
    scores: dict[int, dict[str, dict[str, int]]] = {}
    notes: dict[int, dict[str, dict[str, str]]] = {}
    for cand, scores_json, notes_json in score_maps:
        if scores_json:
            scores[cand] = scan(scores_json, 0)[0]
        if notes_json:
            notes[cand] = scan(notes_json, 0)[0]
    submitted: dict[int, dict[str, datetime]] = defaultdict(dict)
    for cand, mem, at in sub_rows:
        submitted[cand][names[mem]] = when(at)
    agreed: dict[int, tuple[dict[str, int], dict[str, str], datetime, str]] = {}
    for cand, agreed_json, rationale_json, at, by in agreed_maps:
        agreed[cand] = (scan(agreed_json, 0)[0], scan(rationale_json, 0)[0] if rationale_json else {}, when(at), by)
    check_list, checks = _checks(ctx, check_maps)
    assessor = Assessor(ctx.items, ctx.rules, list(names.values()))
    n_members = len(names)
    conditions: dict[tuple[str, ...], list[str]] = {}
    out: dict[int, CandidateResult] = {}
    for row in cands:
        cand = row[0]
        a = agreed.get(cand)
        r = out[cand] = CandidateResult(
            candidate=row.to_candidate(statuses.get(cand) or _ACTIVE),
            status=CandidateStatus.NOT_STARTED,
            scores=scores.get(cand) or {},
            notes=notes.get(cand) or {},
            agreed=a[0] if a else {},
            rationale=a[1] if a else {},
            submitted_at=submitted.get(cand) or {},
            moderated_at=a[2] if a else None,
            moderated_by=a[3] if a else None,
            checks=checks.get(cand) or dict.fromkeys((k for k, _ in check_list), PENDING),
        )
        started = bool(r.scores or r.notes or r.submitted_at)
        if started and len(r.submitted_at) < n_members:
            _only_submitted(r)  # independence: nobody sees a member's scores before that member submits
        unconfirmed: list[str] = []
        if check_list:  # the same few states over and over: their sentences are written once
            key = tuple(r.checks.values())
            if key not in conditions:
                conditions[key] = check_conditions(check_list, r.checks)
            unconfirmed = conditions[key]
        # someone may have scored while what they gave stays private: the status still says "scoring"
        assessor.assess(r, unconfirmed, started=started)
    Assessor.rank(out.values())
    return out


def _checks(
    ctx: CampaignContext, check_maps: Iterable[tuple[int, str]]
) -> tuple[list[tuple[str, str]], dict[int, dict[str, str]]]:
    """The plan's checks as (id, text), and per candidate row id the state of each (pending when unrecorded)."""
    check_ids = _check_ids(ctx)
    if not check_ids:
        return [], {}
    texts = {c.id: c.text for c in ctx.campaign.profile.criteria}
    out: dict[int, dict[str, str]] = {}
    for cand, states_json in check_maps:
        states = dict.fromkeys(check_ids, PENDING)
        states.update((k, v) for k, v in json.loads(states_json).items() if k in states)
        out[cand] = states
    return [(k, texts.get(k, k)) for k in check_ids], out


def _only_submitted(r: CandidateResult) -> None:
    """Drop the scores and notes of members who have not yet submitted for this candidate."""
    done = r.submitted_at
    r.scores = {item: kept for item, per in r.scores.items() if (kept := {m: v for m, v in per.items() if m in done})}
    r.notes = {item: said for item, per in r.notes.items() if (said := {m: t for m, t in per.items() if m in done})}


def _check_ids(ctx: CampaignContext) -> list[str]:
    plan = ctx.campaign.question_set.plan
    return plan.checks if plan is not None else []


def results(store: Store, cid: int, *, audit: bool = True, notes: bool = True) -> CampaignResults:
    """Everything about a campaign for screens and exports, from one consistent snapshot.

    Candidates appear by slot then reference. Status is "not started", "scoring", "submitted" (every
    member submitted) or "moderated" (every item agreed); total/outcome/rank only for moderated candidates,
    ranked among them. ``audit=False`` leaves ``CampaignResults.audit`` empty and ``notes=False`` leaves every
    ``CandidateResult.notes`` and ``.rationale`` empty: faster, for what shows none of them (``results --json``).
    """

    def query(repo: Repository) -> CampaignResults:
        ctx = context(store, repo, cid)
        members = repo.members(cid)
        built = _build(
            ctx,
            repo.candidates(cid),
            members,
            repo.score_maps(cid, notes=notes),
            repo.campaign_submissions(cid),
            repo.agreed_maps(cid, rationale=notes),
            repo.check_maps(cid),
            repo.candidate_statuses(cid),
        )
        cands = list(built.values())
        c = ctx.campaign
        texts = {k.id: k.text for k in c.profile.criteria}
        return CampaignResults(
            campaign_id=c.id,
            campaign_name=c.name,
            profile=c.profile,
            rules=c.rules,
            items=list(c.items),
            members=[Member(n, bool(ch)) for _, n, ch in members],
            candidates=cands,
            audit=entries(repo, cid) if audit else [],
            generated_at=now(),
            checks=[(k, texts.get(k, k)) for k in _check_ids(ctx)],
            audit_head=_head(repo),
        )

    return store.read(query)


def _head(repo: Repository) -> str | None:
    last = repo.audit_head()
    if last is not None:
        return last[1]
    info = repo.chain_info()
    return None if info is None else info.genesis


def results_json(store: Store, cid: int) -> str:
    """The text ``results --json`` prints: ``results(...).to_json()`` as compact JSON (see
    :meth:`CampaignResults.to_json_text`). Reads only what that document holds (no audit log, notes or
    rationales)."""
    return results(store, cid, audit=False, notes=False).to_json_text()


def candidate_result(store: Store, cid: int, candidate: str) -> CandidateResult:
    """One candidate's result; its rank is among all moderated candidates of the campaign."""

    def query(repo: Repository) -> CandidateResult:
        ctx = context(store, repo, cid)
        _, result = _assessed(store, ctx, repo, cid, candidate)
        if result.status == CandidateStatus.MODERATED:
            result.rank = _rank_among_all(ctx, repo, cid, result)
        return result

    return store.read(query)


def _rank_among_all(ctx: CampaignContext, repo: Repository, cid: int, result: CandidateResult) -> int | None:
    """``result``'s rank among every moderated, active candidate of the campaign."""
    agreed: dict[int, dict[str, int]] = defaultdict(dict)
    for c_id, item, score, *_ in repo.campaign_agreed(cid):
        agreed[c_id][item] = score
    assessor = Assessor(ctx.items, ctx.rules, [])
    inactive = repo.candidate_statuses(cid)
    pool = []
    for row in repo.candidates(cid):
        if int(row[0]) in inactive:
            continue
        a = agreed.get(int(row[0]))
        if not a:
            continue
        if row[1] == result.reference:
            pool.append(result)
            continue
        other = CandidateResult(candidate=row.to_candidate(), status=CandidateStatus.NOT_STARTED, agreed=a)
        assessor.assess(other)
        if other.candidate.active and other.status == CandidateStatus.MODERATED:
            pool.append(other)
    Assessor.rank(pool)
    return result.rank
