"""Build CampaignResults directly (no database) for export tests and bench/export.py.

The numbers follow the real rules in ``domain.scoring`` (flags, median, outcome, ranks), so an export
of a factory campaign looks like one of a real campaign. Everything is deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from interview_panel.domain.campaign import (
    STATUS_MODERATED,
    STATUS_SCORING,
    AuditEntry,
    CampaignResults,
    Candidate,
    CandidateResult,
    Member,
)
from interview_panel.domain.framework import COMPETENCIES, CVF_2016, VALUES_2016
from interview_panel.domain.items import items_from_profile
from interview_panel.domain.moderation import reasons as reasons_for
from interview_panel.domain.profile import Behaviour, Criterion, RoleProfile, Source
from interview_panel.domain.scoring import ScoringRules, flags, outcome, panel_median, ranks

_FIRST = [
    "Amira",
    "Ben",
    "Chloe",
    "Dev",
    "Eilidh",
    "Femi",
    "Grace",
    "Hamza",
    "Isla",
    "Jack",
    "Kasia",
    "Liam",
    "Maya",
    "Niall",
    "Olu",
    "Priya",
    "Quinn",
    "Rhys",
    "Siobhan",
    "Tom",
]
_LAST = [
    "Ahmed",
    "Brown",
    "Campbell",
    "Davies",
    "Evans",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Owen",
    "Patel",
    "Roberts",
    "Singh",
    "Taylor",
    "Walsh",
]
_CRITERIA = [
    "Experience of keeping accurate records on a case management system",
    "Knowledge of data protection duties when handling personal information",
    "Experience of dealing with members of the public by telephone and in person",
    "Ability to plan own workload and meet deadlines",
    "Experience of using spreadsheets to summarise information",
    "Willingness to work shifts, including weekends",
    "Experience of working in a team that supports operational officers",
    "Ability to explain procedures clearly to colleagues",
]

BASE_TIME = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_profile(n_criteria: int = 3, *, post_title: str = "Case Support Officer", grade: str = "SO1") -> RoleProfile:
    """A level-1 profile: the six behaviours, ``n_criteria`` essential/desirable criteria, the 2016 values."""
    behaviours = tuple(Behaviour(c.slug, c.name_2016, c.cluster, 1, ("Interview",)) for c in COMPETENCIES)
    criteria = tuple(
        Criterion(
            f"K{i + 1}",
            "knowledge_experience",
            "essential" if i % 3 != 2 else "desirable",
            _CRITERIA[i % len(_CRITERIA)] + ("" if i < len(_CRITERIA) else f" ({i + 1})"),
            ("Application Form", "Interview"),
        )
        for i in range(n_criteria)
    )
    return RoleProfile(
        source=Source("factory.txt", "0" * 64),
        framework=CVF_2016,
        post_title=post_title,
        grade=grade,
        behaviours=behaviours,
        values=VALUES_2016,
        criteria=criteria,
    )


def make_results(
    candidates: int = 4,
    *,
    members: int = 3,
    n_items: int | None = None,
    names: Sequence[str] | None = None,
    references: Sequence[str] | None = None,
    member_names: Sequence[str] | None = None,
    rationale: str | None = None,
    note: str | None = None,
    unmoderated: int = 0,
    audit: int | None = None,
    seed: int = 7,
    rules: ScoringRules | None = None,
    campaign_name: str = "Case Support Officer spring 2026",
) -> CampaignResults:
    """A campaign's results.

    ``n_items`` items (default: 6 behaviours + 3 criteria + values = 10; 25 gives the design scale),
    ``names``/``references``/``member_names`` override the generated ones (cycled), ``rationale`` and
    ``note`` replace every rationale and note text, the last ``unmoderated`` candidates are still being
    scored (no agreed scores), and ``audit`` audit rows are made (default: one per candidate).
    """
    rng = random.Random(seed)
    rules = rules or ScoringRules()
    n_criteria = 3 if n_items is None else max(0, n_items - 7)
    profile = make_profile(n_criteria)
    items = items_from_profile(profile)
    if n_items is not None:
        items = items[:n_items]
    mnames = (
        list(member_names)
        if member_names
        else [f"{_FIRST[(i * 7) % 20]} {_LAST[(i * 3 + 5) % 20]}" for i in range(members)]
    )
    panel = [Member(n, chair=(i == 0)) for i, n in enumerate(mnames[:members])]
    results: list[CandidateResult] = []
    outcomes = {}
    for n in range(candidates):
        ref = references[n % len(references)] if references else f"C{n + 1:04d}"
        if references and n >= len(references):
            ref = f"{ref}-{n}"
        name = names[n % len(names)] if names else f"{_FIRST[n % 20]} {_LAST[(n // 20) % 20]}"
        slot = BASE_TIME + timedelta(days=n // 8, minutes=45 * (n % 8))
        cand = Candidate(ref, name, slot)
        moderated = n < candidates - unmoderated
        ability = rng.randint(2, 4)
        cr = CandidateResult(candidate=cand, status=STATUS_MODERATED if moderated else STATUS_SCORING)
        for item in items:
            per = {}
            for m in panel:
                per[m.name] = max(rules.scale.minimum, min(rules.scale.maximum, ability + rng.randint(-1, 1)))
            cr.scores[item.id] = per
            if note is not None:
                cr.notes[item.id] = {m.name: note for m in panel}
            else:
                cr.notes[item.id] = {m.name: f"Gave an example about {item.id}." for m in panel}
            cr.flags[item.id] = flags(per.values(), rules)
            if moderated:
                cr.agreed[item.id] = panel_median(per.values())
                if cr.flags[item.id] or rationale is not None:
                    cr.rationale[item.id] = (
                        rationale
                        if rationale is not None
                        else (f"Panel agreed {cr.agreed[item.id]}: the example showed the candidate's own actions.")
                    )
        for i, m in enumerate(panel):
            cr.submitted_at[m.name] = slot + timedelta(minutes=50 + i)
        if moderated:
            o = outcome(cr.agreed, items, rules)
            cr.total, cr.maximum, cr.outcome, cr.gating_failures = o.total, o.maximum, o.result, o.gating_failures
            cr.reasons = reasons_for(o, items, rules, cr.agreed)
            cr.moderated_by = panel[0].name
            cr.moderated_at = slot + timedelta(hours=3)
            outcomes[ref] = o
        results.append(cr)
    ranked = ranks(outcomes)
    for cr in results:
        cr.rank = ranked.get(cr.reference)
    entries = []
    for seq in range(1, (candidates if audit is None else audit) + 1):
        cr = results[(seq - 1) % len(results)] if results else None
        target = f"{cr.reference}/{items[0].id}/{panel[0].name}" if cr else "campaign"
        entries.append(
            AuditEntry(
                seq=seq,
                at=BASE_TIME + timedelta(seconds=seq),
                actor=panel[0].name,
                action="moderate",
                target=target,
                old=None,
                new="3",
                reason=rationale if rationale is not None else "agreed in wash-up",
                hash=f"{seq:064x}",
            )
        )
    return CampaignResults(
        campaign_id=1,
        campaign_name=campaign_name,
        profile=profile,
        rules=rules,
        items=list(items),
        members=panel,
        candidates=results,
        audit=entries,
        generated_at=BASE_TIME + timedelta(days=30),
    )
