"""What the scoring page reads and keeps, as typed calls over the services (plain Python, no Qt).

The ``store`` functions run on the database thread; :func:`next_candidate` is the page's rule for which
candidate to offer, kept here so it is tested without widgets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ..domain.campaign import Campaign, Candidate, Member, Score
from ..services import campaigns as campaign_service
from ..services import scoring as scoring_service
from ..services import timers

if TYPE_CHECKING:
    from ..services.store import Store
    from ..services.timers import TimerState


class ScoringSetup(NamedTuple):
    campaign: Campaign
    candidates: list[Candidate]  # in slot order
    members: list[Member]  # who may score here (a member kit's database: that member only)


class MemberSheet(NamedTuple):
    """One member's own scores for one candidate, when they submitted, and their interview timer."""

    scores: dict[str, Score]
    submitted: datetime | None
    timer: TimerState


def scoring_setup(store: Store, cid: int) -> ScoringSetup:
    from ..services.kits import kit_member

    owner = kit_member(store, cid)
    members = [m for m in campaign_service.list_members(store, cid) if owner is None or m.name == owner]
    return ScoringSetup(
        campaign_service.get_campaign(store, cid), campaign_service.list_candidates(store, cid), members
    )


def member_sheet(store: Store, cid: int, *, candidate: str, member: str) -> MemberSheet:
    return MemberSheet(
        scoring_service.member_scores(store, cid, candidate=candidate, member=member),
        scoring_service.submissions(store, cid, candidate).get(member),
        timers.timer_state(store, cid, candidate=candidate, member=member),
    )


def keep_timer(store: Store, cid: int, what: str, *, candidate: str, member: str) -> object:
    """Keep what the member did with the timer ("start", "stop" or "reset") in the database."""
    fn = {"start": timers.start_timer, "stop": timers.stop_timer, "reset": timers.reset_timer}[what]
    return fn(store, cid, candidate=candidate, member=member)


def next_candidate(
    candidates: Sequence[Candidate], submitted: Mapping[str, datetime | None], resume: str | None = None
) -> str | None:
    """The candidate to offer: ``resume`` (where the member was last time) when listed, else the first
    active one in slot order the member has not submitted, else none."""
    if resume is not None and any(c.reference == resume for c in candidates):
        return resume
    return next((c.reference for c in candidates if c.active and not submitted.get(c.reference)), None)
