"""An anonymised copy of a campaign's results, for research and benchmarking (issue 17 item 3).

:func:`anonymise` returns new :class:`CampaignResults` in which each candidate's reference is a random id (and
the candidates are in the order of those ids, so the order gives nothing away), names, interview slots and
attendance reasons are gone, members are "Member 1", "Member 2"… (in panel order, chair kept as a role), notes
and rationales are removed, any member name or reference inside flags and reasons is replaced, and the audit log
and its head are left out. Scores, agreed scores, totals, outcomes, ranks and flags stay as they were.
Monitoring data is never part of ``CampaignResults``, so it is never in an anonymised export either.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import replace

from .campaign import CampaignResults, CandidateResult, Member


def _replacer(mapping: dict[str, str]):  # type: ignore[no-untyped-def]
    keys = sorted((k for k in mapping if k), key=len, reverse=True)
    if not keys:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    return lambda text: pattern.sub(lambda m: mapping[m.group()], text) if text else text


def random_ids(n: int) -> list[str]:
    """``n`` distinct random ids such as ``A-3F9C2B71``."""
    ids: set[str] = set()
    while len(ids) < n:
        ids.add(f"A-{secrets.token_hex(4).upper()}")
    return list(ids)


def anonymise(results: CampaignResults) -> CampaignResults:
    members = {m.name: f"Member {n}" for n, m in enumerate(results.members, 1)}
    ids = dict(zip((c.reference for c in results.candidates), random_ids(len(results.candidates))))
    swap = _replacer({**members, **ids})

    def names(values: Iterable[str]) -> tuple[str, ...]:
        return tuple(members.get(v, swap(v)) for v in values)

    out: list[CandidateResult] = []
    for c in results.candidates:
        cand = replace(c.candidate, reference=ids[c.reference], name="", slot=None, attendance_reason="")
        out.append(
            replace(
                c,
                candidate=cand,
                scores={item: {members.get(m, swap(m)): s for m, s in per.items()} for item, per in c.scores.items()},
                notes={},
                rationale={},
                flags={item: [swap(f) for f in fl] for item, fl in c.flags.items()},
                submitted_at={members.get(m, swap(m)): at for m, at in c.submitted_at.items()},
                moderated_by=None if c.moderated_by is None else members.get(c.moderated_by, swap(c.moderated_by)),
                moderated_at=None,
                waiting=names(c.waiting),
                not_ready=swap(c.not_ready),
                reasons=[swap(r) for r in c.reasons],
            )
        )
    out.sort(key=lambda c: c.reference)
    return replace(
        results,
        members=[Member(members[m.name], m.chair) for m in results.members],
        candidates=out,
        audit=[],
        audit_head=None,
    )
