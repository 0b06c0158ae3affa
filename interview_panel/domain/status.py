"""A candidate's moderation status and the grid's candidate filters: the rules, stated once.

:class:`~.moderation.Assessor` applies these to each candidate's scores, submissions and agreed scores;
the campaign list counts its moderated candidates with :func:`is_moderated` over the stored counts; the
moderation grid and its filters read what the Assessor set (:func:`filter_group`, :func:`filter_counts`).
Standard library only (no dataclasses): the app's first query, the campaign list, imports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Protocol


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


def is_moderated(attendance: str, agreed_items: int, items: int) -> bool:
    """Moderated: an active candidate with an agreed score for every item of a campaign that has items.
    ``agreed_items`` counts the campaign's items that have an agreed score."""
    return attendance == Attendance.ACTIVE and items > 0 and agreed_items >= items


def candidate_status(attendance: str, *, agreed_items: int, items: int, ready: bool, started: bool) -> CandidateStatus:
    """The status of a candidate: withdrawn/absent as recorded; else moderated (:func:`is_moderated`), else
    submitted when open to moderate (``ready``: every member submitted), else scoring once anyone has scored,
    noted or submitted (``started``), else not started."""
    if attendance != Attendance.ACTIVE:
        return CandidateStatus(attendance)
    if is_moderated(attendance, agreed_items, items):
        return CandidateStatus.MODERATED
    if ready:
        return CandidateStatus.SUBMITTED
    return CandidateStatus.SCORING if started else CandidateStatus.NOT_STARTED


def count_moderated(groups: Iterable[tuple[str, int, int, int]]) -> int:
    """How many candidates :func:`is_moderated` counts, from (attendance, agreed items, items, candidates)
    groups: the campaign list's figure, from counts the database gives without loading any score."""
    return sum(n for attendance, agreed, items, n in groups if is_moderated(attendance, agreed, items))


class ModerationFilter(StrEnum):
    """The moderation grid's candidate filters. Every candidate is in exactly one of READY, WAITING and
    MODERATED (:func:`filter_group`); FLAGGED is the part of READY with a flagged item still to agree."""

    ALL = "all"
    READY = "ready"
    FLAGGED = "flagged"
    WAITING = "waiting"
    MODERATED = "moderated"


class Assessed(Protocol):
    """What the filters read of an assessed candidate (a ``CandidateResult``)."""

    @property
    def status(self) -> CandidateStatus: ...
    @property
    def ready(self) -> bool: ...
    @property
    def open_flags(self) -> tuple[str, ...]: ...


def filter_group(cr: Assessed) -> ModerationFilter:
    """MODERATED, READY (open to moderate, not yet moderated) or WAITING (everyone else: waiting for
    submissions, or withdrawn/absent)."""
    if cr.status == CandidateStatus.MODERATED:
        return ModerationFilter.MODERATED
    return ModerationFilter.READY if cr.ready else ModerationFilter.WAITING


def matches(cr: Assessed, key: ModerationFilter | str) -> bool:
    """Whether the candidate is shown under the filter ``key``."""
    if key == ModerationFilter.ALL:
        return True
    group = filter_group(cr)
    if key == ModerationFilter.FLAGGED:
        return group == ModerationFilter.READY and bool(cr.open_flags)
    return group == key


FLAGGED_ITEMS = "flagged_items"


def filter_counts(candidates: Iterable[Assessed]) -> dict[str, int]:
    """How many candidates each :class:`ModerationFilter` shows, plus ``FLAGGED_ITEMS``: the flagged items
    still to agree over the candidates open to moderate."""
    out: dict[str, int] = dict.fromkeys(ModerationFilter, 0)
    flagged_items = 0
    for cr in candidates:
        out[ModerationFilter.ALL] += 1
        group = filter_group(cr)
        out[group] += 1
        if group == ModerationFilter.READY and cr.open_flags:
            out[ModerationFilter.FLAGGED] += 1
            flagged_items += len(cr.open_flags)
    out[FLAGGED_ITEMS] = flagged_items
    return out
