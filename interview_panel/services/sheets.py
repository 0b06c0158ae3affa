"""Use cases for printed question sheets: a blank pack for a role profile, or packs for a campaign.

Both write one PDF through :func:`interview_panel.exports.sheets.render_pack` (atomic: a failed or cancelled
job leaves no file). Bad input raises the project's own errors with one line naming the value:
an unreadable profile (ProfileImportError), an unknown campaign, candidate or member (ValidationError).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.campaign import Candidate
from ..domain.errors import ValidationError
from ..domain.progress import Progress
from ..domain.scoring import ScoringRules
from ..exports.sheets import render_pack
from .output import output_path
from .profiles import load_profile
from .questions import build_question_set

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class SheetsResult:
    """What was written: the file, the number of packs and the items per pack."""

    path: Path
    packs: int
    items: int


def sheets_for_profile(
    profile_path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> SheetsResult:
    """One blank pack (no candidate, no member) for the profile, default rules and questions, plus a blank
    chair's grid."""
    path = output_path(out, ".pdf", force=force)
    profile = load_profile(profile_path)
    qs = build_question_set(profile)
    if not qs.items:
        raise ValidationError(f"{profile_path}: nothing in this profile is assessed at interview")
    render_pack(path, profile=profile, question_set=qs, rules=ScoringRules(), packs=[(None, None)], progress=progress)
    return SheetsResult(path, 1, len(qs.items))


def sheets_for_campaign(
    store: Store,
    campaign_id: int,
    out: str | os.PathLike[str],
    *,
    candidate: str | None = None,
    member: str | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> SheetsResult:
    """One pack per candidate × panel member of the campaign (its own questions and rules), then the chair's
    grid listing the candidates.

    ``candidate`` (a reference) and ``member`` (a name) narrow the packs to that one; an unknown one is a
    ValidationError. A campaign with no candidates yet gives packs with a blank candidate line; with no
    panel yet, packs with a blank member line.
    """
    from .campaigns import get_campaign, list_candidates, list_members

    path = output_path(out, ".pdf", force=force, protect=(store.path,))
    campaign = get_campaign(store, campaign_id)
    candidates = list_candidates(store, campaign_id)
    members = [m.name for m in list_members(store, campaign_id)]
    grid = candidates  # the candidates the chair's grid lists: all, or the one asked for
    if candidate is not None:
        grid = [c for c in candidates if c.reference.casefold() == candidate.strip().casefold()]
        if not grid:
            raise ValidationError(f"candidate {candidate!r} is not in campaign {campaign_id}")
    chosen: list[Candidate | None] = list(grid)
    names: list[str | None] = list(members)
    if member is not None:
        match_m = [m for m in members if m.casefold() == member.strip().casefold()]
        if not match_m:
            raise ValidationError(f"panel member {member!r} is not on the panel of campaign {campaign_id}")
        names = list(match_m)
    packs = [(c, m) for c in (chosen or [None]) for m in (names or [None])]
    if not campaign.question_set.items:
        raise ValidationError(f"campaign {campaign_id} has no items to ask about")
    from .checks import adjustments as adjustments_of
    from .checks import check_states

    wanted = [c for c in chosen if c is not None]
    adjustments = {c.reference: adjustments_of(store, campaign_id, c.reference) for c in wanted}
    states = check_states(store, campaign_id)
    render_pack(
        path,
        profile=campaign.profile,
        question_set=campaign.question_set,
        rules=campaign.rules,
        packs=packs,
        progress=progress,
        grid=grid,
        adjustments={k: v for k, v in adjustments.items() if v},
        check_states={k: {c: s for c, s in v.items() if s != "pending"} for k, v in states.items()},
    )
    return SheetsResult(path, len(packs), len(campaign.question_set.items))
