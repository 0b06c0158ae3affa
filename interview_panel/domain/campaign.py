"""Campaigns, candidates, panel members, scores, moderation and the results every export is built from."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .items import Item, QuestionSet
from .profile import RoleProfile
from .scoring import ScoringRules

STATUS_NOT_STARTED = "not started"
STATUS_SCORING = "scoring"
STATUS_SUBMITTED = "submitted"
STATUS_MODERATED = "moderated"
STATUSES = (STATUS_NOT_STARTED, STATUS_SCORING, STATUS_SUBMITTED, STATUS_MODERATED)


@dataclass(frozen=True)
class Candidate:
    reference: str
    name: str
    slot: datetime | None = None  # interview date and time, when scheduled


@dataclass(frozen=True)
class Member:
    name: str
    chair: bool = False


@dataclass(frozen=True)
class Campaign:
    id: int
    name: str
    profile: RoleProfile
    profile_sha256: str
    rules: ScoringRules
    question_set: QuestionSet
    created_at: datetime
    scoring_started: bool = False  # items and questions are frozen once true

    @property
    def items(self) -> tuple[Item, ...]:
        return self.question_set.items


@dataclass(frozen=True)
class Score:
    candidate: str
    member: str
    item: str
    score: int | None
    note: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Agreed:
    candidate: str
    item: str
    score: int
    rationale: str
    agreed_by: str
    agreed_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    action: str  # e.g. "score", "submit", "moderate", "items"
    target: str  # what changed, e.g. "C001/ownership/Jane Smith"
    old: str | None
    new: str | None
    reason: str | None
    hash: str


@dataclass
class CandidateResult:
    """Everything known about one candidate's assessment, for screens and exports."""

    candidate: Candidate
    status: str
    scores: dict[str, dict[str, int]] = field(default_factory=dict)  # item -> member -> score
    notes: dict[str, dict[str, str]] = field(default_factory=dict)  # item -> member -> note
    agreed: dict[str, int] = field(default_factory=dict)
    rationale: dict[str, str] = field(default_factory=dict)
    flags: dict[str, list[str]] = field(default_factory=dict)
    submitted_at: dict[str, datetime] = field(default_factory=dict)  # member -> when
    total: int | None = None
    maximum: int | None = None
    outcome: str | None = None
    gating_failures: tuple[str, ...] = ()
    rank: int | None = None
    moderated_by: str | None = None
    moderated_at: datetime | None = None

    @property
    def reference(self) -> str:
        return self.candidate.reference

    def to_json(self) -> dict[str, Any]:
        return {
            "reference": self.candidate.reference,
            "name": self.candidate.name,
            "status": self.status,
            "scores": self.scores,
            "agreed": self.agreed,
            "flags": self.flags,
            "total": self.total,
            "maximum": self.maximum,
            "outcome": self.outcome,
            "rank": self.rank,
        }


@dataclass
class CampaignResults:
    """The one results object the CLI, the GUI, the workbook and the PDF record are fed from."""

    campaign_id: int
    campaign_name: str
    profile: RoleProfile
    rules: ScoringRules
    items: list[Item]
    members: list[Member]
    candidates: list[CandidateResult]
    audit: list[AuditEntry]
    generated_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "campaign": {"id": self.campaign_id, "name": self.campaign_name,
                         "post_title": self.profile.post_title, "grade": self.profile.grade},
            "items": [{"id": i.id, "kind": i.kind, "text": i.text, "gating": self.rules.is_gating(i),
                       "pass_mark": self.rules.pass_mark} for i in self.items],
            "candidates": [c.to_json() for c in self.candidates],
        }
