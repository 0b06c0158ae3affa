"""Campaign use cases: create, list, read, edit before scoring, candidates and the panel.

Every change is one write transaction and is appended to the audit log. Items, questions and rules are
frozen once the first score is recorded (``Campaign.scoring_started``): edits are then refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.campaign import Campaign, Candidate, Member
from ..domain.errors import RefusedError, ValidationError
from ..domain.identity import canonical_slot, match_key, name_problem, reference_problem, tidy_text
from ..domain.items import QuestionSet
from ..domain.profile import RoleProfile
from ..domain.scoring import ScoringRules
from ..importing.candidates import (  # noqa: F401 - for the GUI
    ROLE_TITLES,
    ROLES,
    CandidateFile,
    Table,
    candidates_from_table,
    guess_columns,
    parse_candidates_file,
    read_table,
)
from ..importing.slots import parse_slot  # noqa: F401 - part of this module's API
from ..storage import Repository
from ..storage.mapping import dumps, profile_sha256, slot_text
from .campaign_list import CampaignSummary, list_campaigns  # noqa: F401 - part of this module's API
from .store import Store, candidate_row, load_campaign, now


# -- campaigns ------------------------------------------------------------------------------------------
def _check_question_set(qs: QuestionSet) -> None:
    if not qs.items:
        raise ValidationError("the campaign needs at least one item assessed at interview")
    ids = [i.id for i in qs.items]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValidationError(f"item ids must be unique (repeated: {', '.join(dup)})")
    missing = [i for i in ids if i not in qs.questions]
    if missing:
        raise ValidationError(f"every item needs a question (none for {', '.join(missing)})")


def _check_rules(rules: ScoringRules) -> None:
    problems = rules.problems()
    if problems:
        raise ValidationError("scoring rules: " + "; ".join(problems))


def create_campaign(
    store: Store,
    *,
    profile: RoleProfile,
    name: str,
    rules: ScoringRules | None = None,
    question_set: QuestionSet | None = None,
    actor: str = "chair",
) -> int:
    """Create a campaign from a role profile (frozen copy + sha256); items come from the question set."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("a campaign needs a name")
    rules = rules or ScoringRules()
    _check_rules(rules)
    if question_set is None:
        from .questions import build_question_set

        question_set = build_question_set(profile)
    _check_question_set(question_set)
    sha = profile_sha256(profile)
    moment = now()
    at = moment.isoformat()

    def action(repo: Repository) -> int:
        cid = repo.insert_campaign(
            name=name, created_at=moment, profile=profile, rules=rules, question_set=question_set
        )
        repo.append_audit(
            at=at,
            actor=actor,
            action="campaign",
            target=name,
            campaign_id=cid,
            new=f"{profile.post_title or 'untitled post'}; profile sha256 {sha}; items "
            + ", ".join(i.id for i in question_set.items),
        )
        return cid

    return store.write(action)


def get_campaign(store: Store, campaign_id: int) -> Campaign:
    return store.read(lambda repo: load_campaign(repo, campaign_id))


def _refuse_if_started(c: Campaign, what: str) -> None:
    if c.scoring_started:
        raise RefusedError(f"campaign {c.id}: scoring has started, so the {what} can no longer be changed")


def _audit_question_set(repo: Repository, cid: int, old: QuestionSet, new: QuestionSet, actor: str, at: str) -> None:
    """One audit row per item added, dropped or reworded, per question changed, and for a new order."""
    old_items = {i.id: i for i in old.items}
    new_items = {i.id: i for i in new.items}
    for iid in old_items.keys() - new_items.keys():
        repo.append_audit(
            at=at, actor=actor, action="item", target=iid, campaign_id=cid, item=iid, old=old_items[iid].text, new=None
        )
    for it in new.items:
        prev = old_items.get(it.id)
        if prev is None:
            repo.append_audit(
                at=at, actor=actor, action="item", target=it.id, campaign_id=cid, item=it.id, old=None, new=it.text
            )
        elif prev.text != it.text:
            repo.append_audit(
                at=at, actor=actor, action="item", target=it.id, campaign_id=cid, item=it.id, old=prev.text, new=it.text
            )
        oq, nq = old.questions.get(it.id), new.questions.get(it.id)
        if (oq.text if oq else None) != (nq.text if nq else None) or (oq and nq and oq.probes != nq.probes):
            repo.append_audit(
                at=at,
                actor=actor,
                action="question",
                target=it.id,
                campaign_id=cid,
                item=it.id,
                old=oq.text if oq else None,
                new=nq.text if nq else None,
            )
    _audit_plan(repo, cid, old, new, actor, at)
    old_order = [i.id for i in old.items if i.id in new_items]
    new_order = [i.id for i in new.items if i.id in old_items]
    if old_order != new_order:
        repo.append_audit(
            at=at,
            actor=actor,
            action="items",
            target="order",
            campaign_id=cid,
            old=", ".join(i.id for i in old.items),
            new=", ".join(i.id for i in new.items),
        )


def _placement_text(p: Any) -> str | None:
    if p is None:
        return None
    return f"folded under {p.under}" if p.under else p.mode


def _audit_plan(repo: Repository, cid: int, old: QuestionSet, new: QuestionSet, actor: str, at: str) -> None:
    """One audit row per criterion moved between asked, folded and checked, and one for new timings."""
    from .questions import plan_of

    a, b = plan_of(old), plan_of(new)
    for crit in dict.fromkeys([p.criterion for p in a.placements] + [p.criterion for p in b.placements]):
        pa, pb = _placement_text(a.placement(crit)), _placement_text(b.placement(crit))
        if pa != pb:
            repo.append_audit(
                at=at, actor=actor, action="plan", target=crit, campaign_id=cid, item=crit, old=pa, new=pb
            )
    ta = (a.slot_minutes, a.open_minutes, a.close_minutes, dict(a.minutes))
    tb = (b.slot_minutes, b.open_minutes, b.close_minutes, dict(b.minutes))
    if ta != tb:

        def timing(p: Any) -> str:
            per = ", ".join(f"{k} {v}" for k, v in p.minutes)
            return f"slot {p.slot_minutes}, open {p.open_minutes}, close {p.close_minutes}; {per}"

        repo.append_audit(
            at=at, actor=actor, action="plan", target="timing", campaign_id=cid, old=timing(a), new=timing(b)
        )


def update_profile(store: Store, cid: int, profile: RoleProfile, *, actor: str) -> Campaign:
    """Replace the role profile and rebuild items and questions from it. Refused once scoring started."""
    from .questions import build_question_set

    qs = build_question_set(profile)
    _check_question_set(qs)
    sha = profile_sha256(profile)
    at = now().isoformat()

    def action(repo: Repository) -> Campaign:
        c = load_campaign(repo, cid)
        _refuse_if_started(c, "role profile")
        repo.update_campaign(cid, profile=profile, question_set=qs)
        repo.append_audit(
            at=at, actor=actor, action="profile", target=c.name, campaign_id=cid, old=c.profile_sha256, new=sha
        )
        _audit_question_set(repo, cid, c.question_set, qs, actor, at)
        return load_campaign(repo, cid)

    return store.write(action)


def update_question_set(store: Store, cid: int, question_set: QuestionSet, *, actor: str) -> Campaign:
    """Replace items and questions (add, drop, reword, reorder). Refused once scoring started."""
    _check_question_set(question_set)
    at = now().isoformat()

    def action(repo: Repository) -> Campaign:
        c = load_campaign(repo, cid)
        _refuse_if_started(c, "items and questions")
        repo.update_campaign(cid, question_set=question_set)
        _audit_question_set(repo, cid, c.question_set, question_set, actor, at)
        return load_campaign(repo, cid)

    return store.write(action)


def update_rules(store: Store, cid: int, rules: ScoringRules, *, actor: str) -> Campaign:
    """Replace the scoring rules. Refused once scoring started."""
    _check_rules(rules)
    at = now().isoformat()

    def action(repo: Repository) -> Campaign:
        c = load_campaign(repo, cid)
        _refuse_if_started(c, "scoring rules")
        if c.rules != rules:
            repo.update_campaign(cid, rules=rules)
            repo.append_audit(
                at=at,
                actor=actor,
                action="rules",
                target=c.name,
                campaign_id=cid,
                old=dumps(c.rules.to_json()),
                new=dumps(rules.to_json()),
            )
        return load_campaign(repo, cid)

    return store.write(action)


def rename_campaign(store: Store, cid: int, name: str, *, actor: str) -> Campaign:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("a campaign needs a name")

    def action(repo: Repository) -> Campaign:
        c = load_campaign(repo, cid)
        if c.name != name:
            repo.update_campaign(cid, name=name)
            repo.append_audit(
                at=now().isoformat(),
                actor=actor,
                action="campaign",
                target="name",
                campaign_id=cid,
                old=c.name,
                new=name,
            )
        return load_campaign(repo, cid)

    return store.write(action)


# -- candidates file ------------------------------------------------------------------------------------
@dataclass
class ImportPlan:
    """What importing a candidates file does to a campaign: rows new to it, rows it already holds exactly,
    and rows that change a candidate it holds (matched by reference, compared as ``match_key`` does)."""

    file: CandidateFile
    new: list[tuple[int, Candidate]] = field(default_factory=list)
    unchanged: list[tuple[int, Candidate]] = field(default_factory=list)
    changed: list[tuple[int, Candidate, Candidate]] = field(default_factory=list)  # (line, old, new)
    clashes: list[tuple[int, str]] = field(default_factory=list)  # rows matching two candidates already there
    updated: bool = False  # the changed rows were written (import with update=True)

    @property
    def added(self) -> list[Candidate]:
        return [c for _, c in self.new]

    def summary(self) -> str:
        return f"{len(self.new)} added, {len(self.unchanged)} unchanged, {len(self.changed)} updated"


def describe_change(old: Candidate, new: Candidate) -> str:
    """What a re-import changes in a candidate, in words ("name 'Ann' → 'Ann Lee', slot … → …")."""
    return _difference(old, new)


def _difference(old: Candidate, new: Candidate) -> str:
    parts = []
    if old.name != new.name:
        parts.append(f"name {old.name!r} → {new.name!r}")
    if old.slot != new.slot:
        parts.append(f"slot {slot_text(old.slot) or 'none'} → {slot_text(new.slot) or 'none'}")
    if old.reference != new.reference:
        parts.append(f"reference written {new.reference!r}")
    return ", ".join(parts)


def _plan(repo: Repository, cid: int, parsed: CandidateFile) -> ImportPlan:
    """Sort the file's rows against the campaign's candidates (a row matching two of them is a clash)."""
    existing: dict[str, list[Candidate]] = {}
    for row in repo.candidates(cid):
        c = row.to_candidate()
        existing.setdefault(match_key(c.reference), []).append(c)
    plan = ImportPlan(parsed)
    for line, c in zip(parsed.lines, parsed.rows):
        matches = existing.get(match_key(c.reference), [])
        if len(matches) > 1:
            plan.clashes.append(
                (
                    line,
                    f"reference {c.reference!r} matches {len(matches)} candidates already in campaign "
                    f"{cid} (" + ", ".join(repr(m.reference) for m in matches) + ")",
                )
            )
        elif not matches:
            plan.new.append((line, c))
        else:
            old = matches[0]
            same = Candidate(old.reference, c.name, c.slot)
            if same == old:
                plan.unchanged.append((line, old))
            else:
                plan.changed.append((line, old, same))
    return plan


def _checked_file(path: str | os.PathLike[str], columns: dict[str, int] | None) -> CandidateFile:
    parsed = parse_candidates_file(Path(path), columns)
    if parsed.errors:
        raise ValidationError(parsed.refusal())
    if not parsed.rows:
        raise ValidationError(f"{parsed.file}: no candidates found under the header")
    return parsed


def read_candidates_table(path: str | os.PathLike[str]) -> Table:
    """The header and raw rows of a candidates file, for the GUI to map its columns (file problems raise)."""
    return read_table(Path(path))


def preview_import(store: Store, cid: int, table: Table, columns: dict[str, int] | None = None) -> ImportPlan:
    """What importing ``table`` with ``columns`` (guessed when None) would do; nothing is written.

    ``plan.file.errors`` and ``plan.clashes`` are the rows that would refuse the import."""
    parsed = candidates_from_table(table, columns)

    def query(repo: Repository) -> ImportPlan:
        load_campaign(repo, cid)
        return _plan(repo, cid, parsed)

    return store.read(query)


def import_candidates(
    store: Store,
    cid: int,
    path: str | os.PathLike[str],
    *,
    actor: str = "chair",
    update: bool = False,
    columns: dict[str, int] | None = None,
) -> ImportPlan:
    """Import a candidates file, all or nothing, in one transaction.

    New references are added and rows identical to a candidate already in the campaign are left alone. A row
    that changes a candidate already there (name or slot) refuses the whole file, naming every such row,
    unless ``update`` is true: then those candidates are changed, each change audited. A bad row refuses all.
    ``columns`` maps roles to columns (``importing.candidates.guess_columns`` is used when None).
    """
    parsed = _checked_file(path, columns)
    name = parsed.file
    at = now().isoformat()

    def action(repo: Repository) -> ImportPlan:
        load_campaign(repo, cid)
        plan = _plan(repo, cid, parsed)
        if plan.clashes:
            raise ValidationError(parsed.refusal(plan.clashes))
        if plan.changed and not update:
            rows = "; ".join(
                f"{parsed.unit} {n}: {new.reference!r} {_difference(old, new)}" for n, old, new in plan.changed[:20]
            )
            more = f"; and {len(plan.changed) - 20} more" if len(plan.changed) > 20 else ""
            raise RefusedError(
                f"{name}: {len(plan.changed)} row(s) change candidates already in campaign {cid}, "
                f"nothing imported (import with --update to change them): {rows}{more}"
            )
        repo.insert_candidates(cid, plan.added)
        for c in plan.added:
            repo.append_audit(
                at=at,
                actor=actor,
                action="candidate",
                target=c.reference,
                campaign_id=cid,
                candidate=c.reference,
                new=_describe(c),
                reason=f"imported from {name}",
            )
        for _line, old, new in plan.changed:
            cand_id = repo.candidate_id(cid, old.reference)
            assert cand_id is not None  # matched inside this transaction
            repo.update_candidate(cand_id, new)
            repo.append_audit(
                at=at,
                actor=actor,
                action="candidate",
                target=old.reference,
                campaign_id=cid,
                candidate=old.reference,
                old=_describe(old),
                new=_describe(new),
                reason=f"updated from {name}",
            )
        plan.updated = bool(plan.changed)
        return plan

    return store.write(action)


def _describe(c: Candidate) -> str:
    return c.name + (f" ({slot_text(c.slot)})" if c.slot else "")


def add_candidate(store: Store, cid: int, candidate: Candidate, *, actor: str = "chair") -> Candidate:
    """Add one candidate; the reference must be new in this campaign (compared as ``match_key`` does)."""
    ref, name = tidy_text(candidate.reference), tidy_text(candidate.name)
    problem = reference_problem(ref) or name_problem(name)
    if problem:
        raise ValidationError(f"a candidate needs a reference and a name: {problem}")
    c = Candidate(ref, name, canonical_slot(candidate.slot))

    def action(repo: Repository) -> Candidate:
        load_campaign(repo, cid)
        key = match_key(ref)
        for row in repo.candidates(cid):
            if match_key(row.reference) == key:
                same = "" if row.reference == ref else f" as {row.reference!r}"
                raise ValidationError(f"reference {ref!r} is already in campaign {cid}{same} ({row.name})")
        repo.insert_candidates(cid, [c])
        repo.append_audit(
            at=now().isoformat(),
            actor=actor,
            action="candidate",
            target=ref,
            campaign_id=cid,
            candidate=ref,
            new=_describe(c),
        )
        return c

    return store.write(action)


def update_candidate(
    store: Store, cid: int, reference: str, *, name: str, slot: datetime | None, actor: str = "chair"
) -> Candidate:
    """Correct a candidate's name or interview slot (the reference never changes)."""
    name = tidy_text(name)
    problem = name_problem(name)
    if problem:
        raise ValidationError(f"a candidate needs a name: {problem}")
    slot = canonical_slot(slot)

    def action(repo: Repository) -> Candidate:
        row = candidate_row(repo, cid, reference)
        old = row.to_candidate()
        new = Candidate(reference, name, slot)
        if old != new:
            repo.update_candidate(row.id, new)
            repo.append_audit(
                at=now().isoformat(),
                actor=actor,
                action="candidate",
                target=reference,
                campaign_id=cid,
                candidate=reference,
                old=_describe(old),
                new=_describe(new),
            )
        return new

    return store.write(action)


def list_candidates(store: Store, cid: int) -> list[Candidate]:
    """Candidates by interview slot (unscheduled last), then reference."""

    def query(repo: Repository) -> list[Candidate]:
        load_campaign(repo, cid)
        return [c for _, c in repo.campaign_candidates(cid)]

    return store.read(query)


# -- panel ----------------------------------------------------------------------------------------------
def add_member(store: Store, cid: int, name: str, *, chair: bool = False, actor: str = "chair") -> Member:
    """Add a panel member. A campaign has at most one chair: a second is refused. Two names that differ only
    in case, width, accents' encoding or invisible characters are one person (``match_key``): refused."""
    name = tidy_text(name)
    problem = name_problem(name)
    if problem:
        raise ValidationError(f"a panel member needs a name: {problem}")

    def action(repo: Repository) -> Member:
        load_campaign(repo, cid)
        key = match_key(name)
        for _mid, other, _chair in repo.members(cid):
            if match_key(other) == key:
                same = "" if other == name else f" as {other!r}"
                raise ValidationError(f"{name!r} is already on the panel of campaign {cid}{same}")
        if chair:
            current = repo.chair(cid)
            if current is not None:
                raise RefusedError(f"campaign {cid} already has a chair ({current}); a panel has one chair")
        repo.insert_member(cid, name, chair)
        repo.append_audit(
            at=now().isoformat(),
            actor=actor,
            action="member",
            target=name,
            campaign_id=cid,
            member=name,
            new="chair" if chair else "member",
        )
        return Member(name, chair)

    return store.write(action)


def list_members(store: Store, cid: int) -> list[Member]:
    """The panel in the order members were added."""

    def query(repo: Repository) -> list[Member]:
        load_campaign(repo, cid)
        return [m.to_member() for m in repo.members(cid)]

    return store.read(query)
