"""Rows to domain objects and back: the one place that knows how a campaign is laid out in its table.

A campaign row keeps the role profile, the scoring rules and the question set as canonical JSON text
(``dumps``: sorted keys, no spaces, UTF-8), so the same definition always gives the same bytes and the same
``definition_digest`` (the fingerprint the audit log records when scoring freezes a campaign).
Each item's definition (kind, text, level, requirement…) is kept once, in the question set. The ``items`` table
holds only the keys that scores and agreed scores refer to, in order; it is written from the question set in
the same transaction, never separately.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from hashlib import sha256
from typing import Any

from ..domain.campaign import Campaign, Candidate, Member
from ..domain.identity import canonical_slot
from ..domain.items import QuestionSet
from ..domain.moderation import Attendance
from ..domain.profile import RoleProfile
from ..domain.scoring import ScoringRules


def dumps(obj: Any) -> str:
    """Canonical JSON text: what every definition column holds."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def profile_sha256(profile: RoleProfile) -> str:
    """The sha256 of the source document when known, else of the profile's canonical JSON."""
    if profile.source is not None and profile.source.sha256:
        return profile.source.sha256
    return sha256(dumps(profile.to_json()).encode("utf-8")).hexdigest()


def campaign_from_row(row: Mapping[str, Any]) -> Campaign:
    return Campaign(
        id=int(row["id"]),
        name=row["name"],
        profile=RoleProfile.from_json(json.loads(row["profile_json"])),
        profile_sha256=row["profile_sha256"],
        rules=ScoringRules.from_json(json.loads(row["rules_json"])),
        question_set=QuestionSet.from_json(json.loads(row["question_set_json"])),
        created_at=datetime.fromisoformat(row["created_at"]),
        scoring_started=bool(row["scoring_started"]),
    )


def definition_digest(
    profile_json: str, rules_json: str, question_set_json: str, items: Sequence[Sequence[object]]
) -> str:
    """The fingerprint of what scoring freezes: the three definition texts and the items table's rows."""
    payload = json.dumps(
        [profile_json, rules_json, question_set_json, [list(i) for i in items]],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return sha256(payload.encode("utf-8")).hexdigest()


def slot_text(slot: datetime | None) -> str | None:
    """The one stored form of a slot: naive local time to the minute, "2026-03-02T09:30" (sorts as time)."""
    slot = canonical_slot(slot)
    return None if slot is None else slot.isoformat(timespec="minutes")


def candidate_from_row(
    reference: str, name: str, slot: str | None, status: str = "active", reason: str = ""
) -> Candidate:
    return Candidate(
        reference,
        name,
        canonical_slot(datetime.fromisoformat(slot)) if slot else None,
        Attendance(status),
        reason,
    )


def member_from_row(name: str, chair: int) -> Member:
    return Member(name, bool(chair))
