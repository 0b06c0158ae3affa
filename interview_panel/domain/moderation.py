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
from typing import TYPE_CHECKING

from .items import Item
from .scoring import APPOINTABLE, FLAG_STRADDLE, Outcome, ScoringRules, flags, outcome_function, panel_median, ranks
from .status import (
    ATTENDANCE_VALUES,
    Attendance,
    CandidateStatus,
    ModerationFilter,
    candidate_status,
    filter_counts,
    filter_group,
    is_moderated,
    matches,
    parse_attendance,
)

if TYPE_CHECKING:
    from .campaign import CandidateResult


def waiting_for(members: Sequence[str], submitted: Iterable[str]) -> list[str]:
    """The members (in panel order) who have not yet submitted."""
    done = set(submitted)
    return [m for m in members if m not in done]


def not_ready_reason(
    members: Sequence[str], submitted: Iterable[str], attendance: str = Attendance.ACTIVE, attendance_reason: str = ""
) -> str:
    """Why a candidate cannot be moderated ("" when it can)."""
    return _not_ready(attendance, attendance_reason, bool(members), waiting_for(members, submitted))


def _not_ready(attendance: str, attendance_reason: str, has_panel: bool, waiting: Sequence[str]) -> str:
    if attendance != Attendance.ACTIVE:
        why = f": {attendance_reason}" if attendance_reason else ""
        return f"the candidate is {attendance}{why}"
    if not has_panel:
        return "the panel has no members yet"
    if waiting:
        return f"waiting for {', '.join(waiting)} to submit"
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
    return _reasons(outcome, _item_names(items), rules, agreed, unconfirmed_checks)


def _item_names(items: Sequence[Item]) -> dict[str, str]:
    """item id -> how a reason names it ("K1 (Keeping records)")."""
    return {i.id: f"{i.id} ({i.short_label})" for i in items}


def _reasons(
    outcome: Outcome | None,
    names: Mapping[str, str],
    rules: ScoringRules,
    agreed: Mapping[str, int],
    unconfirmed_checks: Sequence[str],
) -> list[str]:
    out: list[str] = []
    if outcome is not None:
        for item_id in outcome.gating_failures:
            name = names.get(item_id, item_id)
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


def item_median(cr: CandidateResult, item_id: str) -> int | None:
    """The panel median of ``cr``'s scores for ``item_id`` (None when nobody scored it): what an item is
    agreed at by "agree at the panel median", and where the chair's agreed score input starts."""
    per = [v for v in (cr.scores.get(item_id) or {}).values() if v is not None]
    return panel_median(per) if per else None


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
        self._names = _item_names(self.items)
        self._has_panel = bool(self.members)
        self._all = tuple(self.members)

    def flags(self, scores: Iterable[int]) -> list[str]:
        key = tuple(scores)
        found = self._flag_memo.get(key)
        if found is None:
            found = self._flag_memo[key] = flags(key, self.rules)
        return found

    def outcome(self, agreed: Mapping[str, int]) -> Outcome:
        return self._outcome(agreed)

    def assess(
        self, cr: CandidateResult, unconfirmed_checks: Sequence[str] = (), *, started: bool | None = None
    ) -> None:
        """Set everything about ``cr`` that follows from its scores, submissions and agreed scores: flags,
        readiness (``ready``, ``waiting``, ``not_ready``), ``status``, and then either the outcome (total,
        outcome, gating failures, reasons) of a moderated candidate, or, while it is being moderated, the
        items still to agree (``to_agree``), the flagged ones among them (``open_flags``) and the
        ``provisional`` outcome. Rank is set by :meth:`rank`.

        ``started``: whether anyone has scored, noted or submitted for the candidate, when the caller knows
        more than ``cr`` holds (the scores of members who have not submitted are left out of it). The flag
        lists are shared between candidates with the same panel scores: read them, never change them."""
        cand = cr.candidate
        item_ids = self.item_ids
        scores = cr.scores
        fl: dict[str, list[str]] = {}
        if scores:
            # item order, and the flags of each item two members or more scored (asked once per set of scores)
            scores = cr.scores = {i: scores[i] for i in item_ids if i in scores}
            memo = self._flag_memo
            for i, per in scores.items():
                if len(per) > 1:
                    key = tuple(per.values())
                    f = memo.get(key)
                    if f is None:
                        f = memo[key] = flags(key, self.rules)
                    if f:
                        fl[i] = f
        cr.flags = fl
        agreed = cr.agreed
        if agreed:
            agreed = cr.agreed = {i: agreed[i] for i in item_ids if i in agreed}  # item order
        cr.maximum = self.maximum
        cr.total, cr.outcome, cr.gating_failures, cr.reasons, cr.rank = None, None, (), [], None
        cr.to_agree, cr.open_flags, cr.provisional = (), (), None
        submitted = cr.submitted_at
        attendance = cand.attendance
        waiting = cr.waiting = tuple([m for m in self.members if m not in submitted]) if submitted else self._all
        not_ready = cr.not_ready = _not_ready(attendance, cand.attendance_reason, self._has_panel, waiting)
        ready = cr.ready = not not_ready
        if started is None:
            started = bool(scores or cr.notes or submitted)
        status = cr.status = candidate_status(
            attendance, agreed_items=len(agreed), items=len(item_ids), ready=ready, started=started
        )
        if status == CandidateStatus.MODERATED:
            o = self._outcome(agreed)
            cr.total, cr.outcome, cr.gating_failures = o.total, o.result, o.gating_failures
            cr.reasons = _reasons(o, self._names, self.rules, agreed, unconfirmed_checks)
            return
        cr.moderated_at = None  # the latest agreement's time is the moderation's only once every item is agreed
        if attendance != Attendance.ACTIVE:
            what = "withdrew" if attendance == Attendance.WITHDRAWN else "did not attend"
            cr.reasons = [f"{what}: {cand.attendance_reason}" if cand.attendance_reason else what]
            return
        if ready:
            to_agree = cr.to_agree = tuple([i for i in item_ids if i not in agreed])
            if fl:
                cr.open_flags = tuple([i for i in to_agree if i in fl])
        if ready or agreed:
            cr.provisional = self.provisional(cr)
        if unconfirmed_checks:
            cr.reasons = list(unconfirmed_checks)

    def open_flagged(self, cr: CandidateResult) -> list[str]:
        """The flagged items not yet agreed, in item order (none until the candidate is ready)."""
        return list(cr.open_flags)

    def to_agree(self, cr: CandidateResult) -> list[str]:
        return [i for i in self.item_ids if i not in cr.agreed]

    @staticmethod
    def median(cr: CandidateResult, item_id: str) -> int | None:
        return item_median(cr, item_id)

    def unflagged_at_median(self, cr: CandidateResult) -> list[tuple[str, int]]:
        """(item, panel median) of each item still to agree that has panel scores and no flag: what "agree
        the remaining unflagged items at the panel median" agrees. None until the candidate is ready."""
        out = []
        for i in cr.to_agree:
            m = None if i in cr.flags else self.median(cr, i)
            if m is not None:
                out.append((i, m))
        return out

    def straddling_with_passing_median(self, cr: CandidateResult) -> list[str]:
        """The items still to agree whose only flag is the pass-mark split and whose panel median passes:
        the ones "agree every ± pass item whose median passes" agrees (at that median)."""
        out = []
        for i in cr.open_flags:
            if cr.flags.get(i) != [FLAG_STRADDLE]:
                continue
            m = self.median(cr, i)
            if m is not None and m >= self.rules.pass_mark:
                out.append(i)
        return out

    def provisional(self, cr: CandidateResult) -> Provisional:
        """The running total of the agreed items and the outcome with the rest at the panel median."""
        filled: dict[str, int] = {}
        for i in self.item_ids:
            if i in cr.agreed:
                filled[i] = cr.agreed[i]
            else:
                m = self.median(cr, i)
                if m is None:
                    return Provisional(sum(cr.agreed.values()), len(cr.agreed), None)
                filled[i] = m
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
    "ModerationFilter",
    "Provisional",
    "candidate_status",
    "filter_counts",
    "filter_group",
    "is_moderated",
    "item_median",
    "matches",
    "not_ready_reason",
    "parse_attendance",
    "reasons",
    "waiting_for",
]
