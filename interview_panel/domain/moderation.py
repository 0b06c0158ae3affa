"""Moderation state of a candidate, worked out in ONE place: readiness, flags, status, provisional outcome
and the reasons a candidate is not appointable.

Services build :class:`~.campaign.CandidateResult` objects from stored rows and hand each to
:meth:`Assessor.assess`; the GUI, the CLI and the exports read what it set and never work it out again.
Every change (a submission, an agreement, a status change) re-reads the candidate and assesses it again,
so nothing shown can be stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from .items import Item
from .scoring import APPOINTABLE, Outcome, ScoringRules, flags, outcome_function, panel_median, ranks

if TYPE_CHECKING:
    from .campaign import CandidateResult


class CandidateStatus(StrEnum):
    """Where a candidate's assessment stands (the text is what screens and exports show)."""

    NOT_STARTED = "not started"
    SCORING = "scoring"
    SUBMITTED = "submitted"  # every member has submitted: open to moderate
    MODERATED = "moderated"  # every item agreed: outcome and rank
    WITHDRAWN = "withdrawn"
    ABSENT = "absent"  # did not attend


class Attendance(StrEnum):
    """What the chair records about a candidate: still in the process, withdrew, or did not attend."""

    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    ABSENT = "absent"


ATTENDANCE_VALUES = tuple(a.value for a in Attendance)


def parse_attendance(text: str) -> Attendance:
    """``text`` as an :class:`Attendance`; ValueError naming the value and the allowed ones otherwise."""
    try:
        return Attendance(text.strip().lower())
    except ValueError:
        raise ValueError(f"unknown status {text!r} (use {', '.join(ATTENDANCE_VALUES)})") from None


def waiting_for(members: Sequence[str], submitted: Iterable[str]) -> list[str]:
    """The members (in panel order) who have not yet submitted."""
    done = set(submitted)
    return [m for m in members if m not in done]


def not_ready_reason(
    members: Sequence[str], submitted: Iterable[str], attendance: str = Attendance.ACTIVE, attendance_reason: str = ""
) -> str:
    """Why a candidate cannot be moderated ("" when it can)."""
    if attendance != Attendance.ACTIVE:
        why = f": {attendance_reason}" if attendance_reason else ""
        return f"the candidate is {attendance}{why}"
    if not members:
        return "the panel has no members yet"
    missing = waiting_for(members, submitted)
    if missing:
        return f"waiting for {', '.join(missing)} to submit"
    return ""


def reasons(
    outcome: Outcome | None,
    items: Sequence[Item],
    rules: ScoringRules,
    agreed: Mapping[str, int],
    unconfirmed_checks: Sequence[str] = (),
) -> list[str]:
    """Plain sentences saying why a candidate is not appointable (each gating item under its pass mark,
    a total under the overall minimum), then any condition still open (``unconfirmed_checks``, already
    sentences). Empty for an appointable candidate with nothing open."""
    out: list[str] = []
    if outcome is not None:
        by_id = {i.id: i for i in items}
        for item_id in outcome.gating_failures:
            item = by_id.get(item_id)
            name = f"{item_id} ({item.short_label})" if item is not None else item_id
            out.append(f"{name}: agreed {agreed.get(item_id, 0)}, under the pass mark of {rules.pass_mark}")
        if outcome.below_overall_minimum:
            out.append(f"total {outcome.total} is under the overall minimum of {rules.overall_minimum}")
    out.extend(unconfirmed_checks)
    return out


@dataclass(frozen=True)
class Provisional:
    """The chair's running picture of a candidate being moderated: the total of the items agreed so far, and
    the outcome if every item not yet agreed were agreed at the panel median."""

    agreed_total: int
    agreed_count: int
    outcome: Outcome | None  # None when some item has neither an agreed score nor panel scores


class Assessor:
    """The rules of one campaign, ready to assess its candidates one after another (cheaply: the gating
    items, the maximum and the flags of each distinct set of panel scores are worked out once)."""

    def __init__(self, items: Sequence[Item], rules: ScoringRules, members: Sequence[str]) -> None:
        self.items = list(items)
        self.item_ids = [i.id for i in self.items]
        self.rules = rules
        self.members = list(members)
        self.maximum = rules.scale.maximum * len(self.items)
        self._outcome = outcome_function(self.items, rules)
        self._flag_memo: dict[tuple[int, ...], list[str]] = {}

    def flags(self, scores: Iterable[int]) -> list[str]:
        key = tuple(scores)
        found = self._flag_memo.get(key)
        if found is None:
            found = self._flag_memo[key] = flags(key, self.rules)
        return found

    def outcome(self, agreed: Mapping[str, int]) -> Outcome:
        return self._outcome(agreed)

    def assess(self, cr: CandidateResult, unconfirmed_checks: Sequence[str] = ()) -> None:
        """Set ``cr``'s flags, status, readiness (``ready``, ``waiting``), total/outcome/reasons (moderated
        candidates only) from its scores, submissions and agreed scores. Rank is set by :meth:`rank`."""
        cand = cr.candidate
        item_ids = self.item_ids
        if cr.scores:
            ordered = {}
            fl: dict[str, list[str]] = {}
            for i in item_ids:
                per = cr.scores.get(i)
                if per is None:
                    continue
                ordered[i] = per
                if len(per) > 1:
                    f = self.flags(per.values())
                    if f:
                        fl[i] = f.copy()
            cr.scores = ordered
            cr.flags = fl
        else:
            cr.flags = {}
        if cr.agreed:
            cr.agreed = {i: cr.agreed[i] for i in item_ids if i in cr.agreed}
        cr.maximum = self.maximum
        cr.total, cr.outcome, cr.gating_failures, cr.reasons, cr.rank = None, None, (), [], None
        cr.waiting = tuple(waiting_for(self.members, cr.submitted_at))
        cr.not_ready = not_ready_reason(self.members, cr.submitted_at, cand.attendance, cand.attendance_reason)
        if cand.attendance != Attendance.ACTIVE:
            cr.status = CandidateStatus(cand.attendance.value)
            cr.ready = False
            what = "withdrew" if cand.attendance == Attendance.WITHDRAWN else "did not attend"
            cr.reasons = [f"{what}: {cand.attendance_reason}" if cand.attendance_reason else what]
            return
        cr.ready = not cr.not_ready
        if self.items and len(cr.agreed) == len(item_ids):
            cr.status = CandidateStatus.MODERATED
            o = self.outcome(cr.agreed)
            cr.total, cr.outcome, cr.gating_failures = o.total, o.result, o.gating_failures
            cr.reasons = reasons(o, self.items, self.rules, cr.agreed, unconfirmed_checks)
        elif cr.ready:
            cr.status = CandidateStatus.SUBMITTED
        elif cr.scores or cr.notes or cr.submitted_at:
            cr.status = CandidateStatus.SCORING
        else:
            cr.status = CandidateStatus.NOT_STARTED
        if not cr.reasons and unconfirmed_checks:
            cr.reasons = list(unconfirmed_checks)

    def open_flagged(self, cr: CandidateResult) -> list[str]:
        """The flagged items not yet agreed, in item order (none until the candidate is ready)."""
        if not cr.ready or not cr.flags:
            return []
        return [i for i in self.item_ids if i in cr.flags and i not in cr.agreed]

    def to_agree(self, cr: CandidateResult) -> list[str]:
        return [i for i in self.item_ids if i not in cr.agreed]

    def straddling_with_passing_median(self, cr: CandidateResult) -> list[str]:
        """The items still to agree whose only flag is the pass-mark split and whose panel median passes:
        the ones "agree every ± pass item whose median passes" agrees (at that median)."""
        from .scoring import FLAG_STRADDLE

        if not cr.ready:
            return []
        out = []
        for i in self.item_ids:
            f = cr.flags.get(i)
            per = cr.scores.get(i)
            if i in cr.agreed or not f or f != [FLAG_STRADDLE] or not per:
                continue
            if panel_median(per.values()) >= self.rules.pass_mark:
                out.append(i)
        return out

    def provisional(self, cr: CandidateResult) -> Provisional:
        """The running total of the agreed items and the outcome with the rest at the panel median."""
        filled: dict[str, int] = {}
        for i in self.item_ids:
            if i in cr.agreed:
                filled[i] = cr.agreed[i]
            else:
                per = [v for v in (cr.scores.get(i) or {}).values() if v is not None]
                if not per:
                    return Provisional(sum(cr.agreed.values()), len(cr.agreed), None)
                filled[i] = panel_median(per)
        return Provisional(sum(cr.agreed.values()), len(cr.agreed), self.outcome(filled) if self.items else None)

    @staticmethod
    def rank(results: Iterable[CandidateResult]) -> None:
        """Rank the moderated, active candidates among themselves (appointable first, then by total)."""
        pool = [r for r in results if r.status == CandidateStatus.MODERATED and r.total is not None]
        outcomes = {
            r.reference: Outcome(r.total or 0, r.maximum or 0, r.gating_failures, False, r.outcome or "") for r in pool
        }
        rank = ranks(outcomes)
        for r in pool:
            r.rank = rank.get(r.reference)


__all__ = [
    "APPOINTABLE",
    "ATTENDANCE_VALUES",
    "Assessor",
    "Attendance",
    "CandidateStatus",
    "Provisional",
    "not_ready_reason",
    "parse_attendance",
    "reasons",
    "waiting_for",
]
