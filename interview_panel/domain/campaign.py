"""Campaigns, candidates, panel members, scores, moderation and the results every export is built from."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .items import Item, QuestionSet
from .profile import RoleProfile
from .scoring import ScoringRules
from .status import Attendance, CandidateStatus

if TYPE_CHECKING:
    from .moderation import Provisional

# The statuses as names (they are CandidateStatus members: equal to their text)
STATUS_NOT_STARTED = CandidateStatus.NOT_STARTED
STATUS_SCORING = CandidateStatus.SCORING
STATUS_SUBMITTED = CandidateStatus.SUBMITTED
STATUS_MODERATED = CandidateStatus.MODERATED
STATUS_WITHDRAWN = CandidateStatus.WITHDRAWN
STATUS_ABSENT = CandidateStatus.ABSENT
STATUSES = tuple(CandidateStatus)


@dataclass(frozen=True, slots=True)
class Candidate:
    reference: str
    name: str
    slot: datetime | None = None  # interview date and time, when scheduled
    attendance: Attendance = Attendance.ACTIVE  # withdrawn / absent candidates are not scored or ranked
    attendance_reason: str = ""

    @property
    def active(self) -> bool:
        return self.attendance == Attendance.ACTIVE


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


@dataclass(slots=True)  # thousands per campaign: no __dict__ each
class CandidateResult:
    """Everything known about one candidate's assessment, for screens and exports."""

    candidate: Candidate
    status: CandidateStatus
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
    # set by domain.moderation.Assessor.assess (the one place these are worked out)
    ready: bool = False  # open to moderate: active, and every member has submitted
    waiting: tuple[str, ...] = ()  # members who have not submitted yet
    not_ready: str = ""  # why it is not open to moderate ("" when it is)
    reasons: list[str] = field(default_factory=list)  # why not appointable, and open conditions
    to_agree: tuple[str, ...] = ()  # open to moderate, not moderated: the items still to agree, in item order
    open_flags: tuple[str, ...] = ()  # those of ``to_agree`` whose panel scores are flagged
    provisional: Provisional | None = None  # being moderated: running total and provisional outcome
    checks: dict[str, str] = field(default_factory=dict)  # check id -> confirmed / not confirmed / pending

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
            "reasons": self.reasons,
            "checks": self.checks,
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
    audit_head: str | None = None  # hash of the newest audit row when this was read (``audit verify --head``)
    checks: list[tuple[str, str]] = field(default_factory=list)  # (criterion id, text) the chair checks

    def conditions(self, candidate: CandidateResult) -> list[str]:
        """Sentences naming the candidate's checks that are not confirmed (conditions of any offer)."""
        from .plan import check_conditions

        return check_conditions(self.checks, candidate.checks)

    def _head_json(self) -> dict[str, Any]:
        return {
            "campaign": {
                "id": self.campaign_id,
                "name": self.campaign_name,
                "post_title": self.profile.post_title,
                "grade": self.profile.grade,
            },
            "items": [
                {
                    "id": i.id,
                    "kind": i.kind,
                    "text": i.text,
                    "gating": self.rules.is_gating(i),
                    "pass_mark": self.rules.pass_mark,
                }
                for i in self.items
            ],
        }

    def to_json(self) -> dict[str, Any]:
        return {**self._head_json(), "candidates": [c.to_json() for c in self.candidates]}

    def to_json_text(self) -> str:
        """``to_json()`` as compact JSON text (UTF-8 characters kept, no spaces), exactly the text
        ``json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))`` gives, built faster.

        Each candidate's object is written from its fields (:func:`_candidate_text`, in the order of
        :meth:`CandidateResult.to_json`) with the standard library's string encoder, without building the
        dictionaries first; the ``{member: score}`` objects and the checks, the same few combinations
        thousands of times over, are each encoded once.
        """
        head = _compact(self._head_json())
        memo: dict[tuple[Any, ...], str] = {}
        texts = _Texts()
        cands = ",".join([_candidate_text(c, memo, texts) for c in self.candidates])
        return f'{head[:-1]},"candidates":[{cands}]}}'


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
_enc: Any = json.encoder.encode_basestring  # the C string encoder json.dumps uses


def _num(value: int | None) -> str:
    return "null" if value is None else str(value) if type(value) is int else _compact(value)


def _list_text(texts: list[str] | tuple[str, ...]) -> str:
    return "[" + ",".join([_enc(t) for t in texts]) + "]"


class _Texts(dict[str, str]):
    """Strings as JSON text, each encoded once (the same item ids, members and statuses recur)."""

    def __missing__(self, text: str) -> str:
        value = self[text] = str(_enc(text))
        return value


def _int_map_text(d: dict[str, int], texts: _Texts) -> str:
    """``{key: whole number}`` as compact JSON (what ``_compact`` gives, without its per-call set-up)."""
    if not d:
        return "{}"
    if not all(type(v) is int for v in d.values()):
        return str(_compact(d))
    return "{" + ",".join([texts[k] + ":" + str(v) for k, v in d.items()]) + "}"


def _map_text(d: dict[str, Any], memo: dict[tuple[Any, ...], str]) -> str:
    """``{key: number or text}`` as compact JSON; each distinct map encoded once (``memo``: a map of n
    entries keys as (n keys, n values), so maps of different sizes never share a key)."""
    if not d:
        return "{}"
    key = (*d, *d.values())
    text = memo.get(key)
    if text is None:
        text = memo[key] = _compact(d)
    return text


def _candidate_text(c: CandidateResult, memo: dict[tuple[Any, ...], str], texts: _Texts) -> str:
    """``json.dumps(c.to_json())``, compact; keep the two in step (tests/domain/test_results_json.py)."""
    cand = c.candidate
    flags = c.flags
    flags_text = "{" + ",".join([_enc(k) + ":" + _list_text(v) for k, v in flags.items()]) + "}" if flags else "{}"
    return "".join(
        (
            '{"reference":',
            _enc(cand.reference),
            ',"name":',
            _enc(cand.name),
            ',"status":',
            texts[c.status],
            ',"scores":',
            _scores_text(c.scores, memo, texts),
            ',"agreed":',
            _int_map_text(c.agreed, texts),
            ',"flags":',
            flags_text,
            ',"total":',
            _num(c.total),
            ',"maximum":',
            _num(c.maximum),
            ',"outcome":',
            "null" if c.outcome is None else texts[c.outcome],
            ',"rank":',
            _num(c.rank),
            ',"reasons":',
            _list_text(c.reasons),
            ',"checks":',
            _map_text(c.checks, memo),
            "}",
        )
    )


def _scores_text(scores: dict[str, dict[str, int]], memo: dict[tuple[Any, ...], str], texts: _Texts) -> str:
    """The compact JSON of one candidate's ``{item: {member: score}}``; each ``"item":{member: score}``
    member is encoded once (``memo``)."""
    if not scores:
        return "{}"
    parts = []
    for item, per in scores.items():
        key = (item, *per, *per.values())
        text = memo.get(key)
        if text is None:
            text = memo[key] = texts[item] + ":" + _int_map_text(per, texts)
        parts.append(text)
    return "{" + ",".join(parts) + "}"
