"""Subject access (issue 17 item 2): one PDF with everything the database holds about one candidate.

:func:`subject_access` gathers, in one read: the candidate's name, reference and slot; every member's scores
and notes (submitted or not, with when each member submitted), the agreed scores with their rationales, who
agreed them and when; the outcome, total, rank and the reasons; reasonable adjustments; equality monitoring
categories (shown apart); the retention date and hold; every audit row about the candidate (personal text as
held, "[erased]" once erased) and the chain's head hash with the result of ``audit verify``, so the copy can be
shown to be complete. ``redact_members`` prints "Member 1", "Member 2"… instead of the panel's names.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import ValidationError
from ..storage import Repository
from ..storage import monitoring as monitoring_sql
from ..storage import privacy as privacy_sql
from .audit import entries, verify_audit
from .moderation import candidate_result
from .output import output_path
from .store import Store, candidate_id, load_campaign, now


@dataclass
class SubjectRecord:
    campaign_id: int
    campaign_name: str
    post_title: str
    reference: str
    name: str
    slot: str | None
    members: list[tuple[str, bool]]  # (label shown, chair) in panel order
    items: list[tuple[str, str]]  # (item id, what is assessed)
    scores: list[tuple[str, str, int | None, str, str]]  # (member label, item, score, note, updated at)
    submitted: dict[str, str]  # member label -> when
    agreed: list[tuple[str, int, str, str, str]]  # (item, score, rationale, agreed by, agreed at)
    status: str
    total: int | None
    maximum: int | None
    outcome: str | None
    rank: int | None
    reasons: list[str]
    gating_failures: tuple[str, ...]
    adjustments: list[tuple[str, str]]  # (what, value)
    monitoring: dict[str, str]
    retention: list[str]
    audit: list[tuple[int, str, str, str, str, str, str, str]]  # seq, at, actor, action, target, old, new, reason
    head: str | None
    verified: str
    generated_at: str
    redacted: bool = False
    checks: list[tuple[str, str]] = field(default_factory=list)


def _gather(store: Store, repo: Repository, cid: int, reference: str, redact: bool) -> SubjectRecord:
    campaign = load_campaign(repo, cid)
    cand = candidate_id(store, repo, cid, reference)
    row = repo.candidate(cid, reference)
    assert row is not None
    members = repo.members(cid)
    label = {int(mid): (f"Member {n}" if redact else str(name)) for n, (mid, name, _chair) in enumerate(members, 1)}
    by_name = {str(name): label[int(mid)] for mid, name, _ in members}
    scores = sorted(
        (
            (label.get(int(m), "?"), item, score, note, updated)
            for m, item, score, note, updated in repo.conn.execute(
                "SELECT member_id, item_id, score, note, updated_at FROM scores WHERE campaign_id = ? "
                "AND candidate_id = ?",
                (cid, cand),
            )
        ),
        key=lambda r: (r[0], r[1]),
    )
    submitted = {label.get(m, "?"): at for m, at in repo.candidate_submissions(cid, cand).items()}
    agreed = sorted(
        (item, score, rationale, by_name.get(by, by) if redact else by, at)
        for item, score, rationale, by, at in repo.candidate_agreed(cid, cand)
    )
    texts_entries = entries(repo, cid)
    audit = []
    for raw, e in zip(repo.audit_rows(cid), texts_entries):
        if raw[6] != reference:
            continue
        actor, target, old, new, reason = e.actor, e.target, e.old, e.new, e.reason
        if redact:
            for real, shown in by_name.items():
                actor = actor.replace(real, shown) if actor else actor
                target = target.replace(real, shown) if target else target
        audit.append(
            (
                e.seq,
                e.at.isoformat(),
                actor or "",
                e.action,
                target or "",
                "" if old is None else str(old),
                "" if new is None else str(new),
                "" if reason is None else str(reason),
            )
        )
    from .privacy import _retention

    return SubjectRecord(
        campaign_id=cid,
        campaign_name=campaign.name,
        post_title=campaign.profile.post_title or "",
        reference=reference,
        name=str(row[2]),
        slot=row[3],
        members=[(label[int(mid)], bool(chair)) for mid, _name, chair in members],
        items=[(i.id, i.describe) for i in campaign.items],
        scores=scores,
        submitted=submitted,
        agreed=agreed,
        status="",
        total=None,
        maximum=None,
        outcome=None,
        rank=None,
        reasons=[],
        gating_failures=(),
        adjustments=privacy_sql.candidate_adjustments(repo, cid, cand),
        monitoring=monitoring_sql.monitoring(repo, cid).get(reference, {}),
        retention=_retention(repo, cid).lines(),
        audit=audit,
        head=None,
        verified="",
        generated_at=now().isoformat(timespec="seconds"),
        redacted=redact,
        checks=privacy_sql.candidate_checks(repo, cid, cand),
    )


def subject_record(store: Store, cid: int, reference: str, *, redact_members: bool = False) -> SubjectRecord:
    record = store.read(lambda repo: _gather(store, repo, cid, reference, redact_members))
    result = candidate_result(store, cid, reference)
    record.status = str(result.status)
    record.total, record.maximum, record.outcome, record.rank = (
        result.total,
        result.maximum,
        result.outcome,
        result.rank,
    )
    record.reasons, record.gating_failures = list(result.reasons), tuple(result.gating_failures)
    report = verify_audit(store)
    record.head = report.head
    record.verified = report.message if report.ok else f"audit verify FAILED: {report.message}"
    return record


def export_subject_access(
    store: Store,
    cid: int,
    reference: str,
    out: str | os.PathLike[str],
    *,
    redact_members: bool = False,
    force: bool = False,
) -> Path:
    """Write the subject-access PDF of candidate ``reference`` to ``out`` (checked first: never a database)."""
    from ..exports.subject_pdf import write_subject_pdf

    path = output_path(out, ".pdf", force=force, protect=(store.path,))
    if not str(reference).strip():
        raise ValidationError("no candidate reference given")
    return write_subject_pdf(subject_record(store, cid, reference, redact_members=redact_members), path)
