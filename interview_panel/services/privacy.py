"""Retention and erasure of a campaign's personal data (issue 17).

``retention`` / ``set_retention``: the date a campaign's personal data falls due (by default 6 months after its
last outcome, the latest agreed_at of a moderated candidate) and the legal hold. ``purge`` erases the personal
data (candidate names become their reference, notes, rationales, adjustments, monitoring categories, the audit
text the campaign's rows refer to), keeps the anonymous scores, agreed scores and outcomes, audits the erasure
(no personal text in that row), then rewrites the file (VACUUM), empties the write-ahead log and replaces the
database's backups, so none of the erased text is left in the database's files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..domain.errors import ValidationError
from ..domain.retention import Retention, add_months
from ..storage import Repository
from ..storage import privacy as sql
from .store import Store, now


def _retention(repo: Repository, cid: int) -> Retention:
    if repo.campaign(cid) is None:
        raise ValidationError(f"campaign {cid} does not exist in this database")
    until, months, hold, purged_at = sql.retention_row(repo, cid)
    last = sql.last_outcome(repo, cid)
    last_day = datetime.fromisoformat(last).date() if last else None
    if until:
        day: date | None = date.fromisoformat(until)
    else:
        day = add_months(last_day, months) if last_day else None
    return Retention(cid, day, bool(until), months, last_day, hold, purged_at)


def retention(store: Store, cid: int) -> Retention:
    return store.read(lambda repo: _retention(repo, cid))


def set_retention(
    store: Store,
    cid: int,
    *,
    until: date | None = None,
    months: int | None = None,
    hold: bool | None = None,
    actor: str = "chair",
) -> Retention:
    """Set the date (``until``), or go back to ``months`` after the last outcome, and/or the legal hold.
    Every change is audited."""
    if until is not None and months is not None:
        raise ValidationError("give either a date (--until) or a number of months (--months), not both")
    if months is not None and not 1 <= months <= 1200:
        raise ValidationError(f"--months {months}: must be between 1 and 1200")

    def action(repo: Repository) -> Retention:
        before = _retention(repo, cid)
        old_until, old_months, old_hold, purged_at = sql.retention_row(repo, cid)
        new_until = until.isoformat() if until is not None else (None if months is not None else old_until)
        new_months = months if months is not None else old_months
        new_hold = old_hold if hold is None else hold
        sql.put_retention(repo, cid, until=new_until, months=new_months, hold=new_hold, purged_at=purged_at)
        after = _retention(repo, cid)
        at = now().isoformat()
        if (before.until, before.months, before.set_by_chair) != (after.until, after.months, after.set_by_chair):
            repo.append_audit(
                at=at,
                actor=actor,
                action="retention",
                target="date",
                campaign_id=cid,
                old=before.until.isoformat() if before.until else None,
                new=after.until.isoformat() if after.until else f"{after.months} months after outcome",
            )
        if before.hold != after.hold:
            repo.append_audit(
                at=at,
                actor=actor,
                action="retention",
                target="legal hold",
                campaign_id=cid,
                old="on" if before.hold else "off",
                new="on" if after.hold else "off",
            )
        return after

    return store.write(action)


@dataclass(frozen=True)
class PurgeReport:
    campaign_id: int
    erased: dict[str, int]
    forced: bool
    deleted_backups: list[Path] = field(default_factory=list)
    fresh_backup: Path | None = None

    def lines(self) -> list[str]:
        what = ", ".join(f"{n} {k}" for k, n in self.erased.items())
        out = [
            f"campaign {self.campaign_id}: personal data erased ({what})"
            + (" before its retention date (--force, audited)" if self.forced else ""),
            "kept: references, member names, scores, agreed scores, outcomes and the audit chain "
            "(its personal text erased, digests kept)",
            "database file rewritten (VACUUM) and its write-ahead log emptied",
        ]
        if self.deleted_backups:
            out.append(f"backups deleted: {len(self.deleted_backups)}")
        if self.fresh_backup is not None:
            out.append(f"fresh backup of the purged file: {self.fresh_backup}")
        return out


ERASED_SUMMARY = (
    "candidate names (each becomes its reference), members' notes, agreed-score rationales, "
    "reasonable adjustments, equality monitoring categories and the personal text in the audit log"
)
KEPT_SUMMARY = (
    "references, member names, every score, agreed scores, outcomes, statistics and the audit chain (verifiable)"
)


def purge(
    store: Store, cid: int, *, force: bool = False, actor: str = "chair", today: date | None = None
) -> PurgeReport:
    """Erase the campaign's personal data. Refused (ValidationError) under a legal hold, and before the
    retention date unless ``force`` (then the audit row says so)."""
    day = today or now().date()

    def action(repo: Repository) -> tuple[dict[str, int], bool]:
        r = _retention(repo, cid)
        if r.hold:
            raise ValidationError(
                f"campaign {cid} is under a legal hold: its personal data cannot be erased "
                "(release the hold first: campaign retention --release)"
            )
        forced = not r.due(day)
        if forced and not force:
            when = (
                f"its retention date is {r.until.isoformat()}"
                if r.until is not None
                else "it has no retention date yet (no candidate has an outcome)"
            )
            raise ValidationError(f"campaign {cid} is not due for erasure: {when}; give --force to erase now")
        at = now().isoformat()
        counts = sql.erase_personal_data(repo, cid, at)
        until, months, hold, _ = sql.retention_row(repo, cid)
        sql.put_retention(repo, cid, until=until, months=months, hold=hold, purged_at=at)
        repo.append_audit(
            at=at,
            actor=actor,
            action="purge",
            target="personal data",
            campaign_id=cid,
            new=", ".join(f"{k}: {n}" for k, n in counts.items()),
            reason=(
                f"forced before the retention date ({r.until.isoformat() if r.until else 'none'})"
                if forced
                else f"retention date {r.until.isoformat() if r.until else ''} passed"
            ),
        )
        return counts, forced

    counts, forced = store.write(action)
    deleted, fresh = store.compact_and_replace_backups(now())
    return PurgeReport(cid, counts, forced, deleted, fresh)
