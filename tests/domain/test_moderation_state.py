"""domain.moderation: the one place readiness, flags, status, provisional outcome and reasons come from."""

from __future__ import annotations

from datetime import datetime

import pytest

from interview_panel.domain.campaign import Candidate, CandidateResult
from interview_panel.domain.moderation import (
    Assessor,
    Attendance,
    CandidateStatus,
    parse_attendance,
    reasons,
    waiting_for,
)
from interview_panel.domain.scoring import APPOINTABLE, NOT_APPOINTABLE, ScoringRules, outcome

from .test_scoring import ITEMS

MEMBERS = ["Ann", "Bob", "Cat"]
AT = datetime(2026, 3, 2, 10, 0)


def result(
    ref: str = "C1",
    *,
    scores=None,
    submitted=(),
    agreed=None,  # type: ignore[no-untyped-def]
    attendance: Attendance = Attendance.ACTIVE,
    why: str = "",
) -> CandidateResult:
    return CandidateResult(
        candidate=Candidate(ref, f"Candidate {ref}", None, attendance, why),
        status=CandidateStatus.NOT_STARTED,
        scores=dict(scores or {}),
        submitted_at=dict.fromkeys(submitted, AT),
        agreed=dict(agreed or {}),
    )


def test_status_and_readiness_follow_submissions() -> None:
    a = Assessor(ITEMS, ScoringRules(), MEMBERS)
    cr = result()
    a.assess(cr)
    assert cr.status == CandidateStatus.NOT_STARTED and not cr.ready
    cr = result(scores={"ownership": {"Ann": 3}}, submitted=["Ann", "Bob"])
    a.assess(cr)
    assert cr.status == "scoring" and not cr.ready and cr.waiting == ("Cat",)
    assert cr.not_ready == "waiting for Cat to submit"
    cr.submitted_at["Cat"] = AT
    a.assess(cr)  # assessed again after the change: never stale
    assert cr.status == CandidateStatus.SUBMITTED and cr.ready and cr.not_ready == "" and cr.waiting == ()
    assert isinstance(cr.status, str) and cr.status == "submitted"  # a StrEnum: JSON and text as before


def test_flags_and_the_items_still_to_agree() -> None:
    a = Assessor(ITEMS, ScoringRules(), MEMBERS)
    cr = result(
        scores={
            "ownership": {"Ann": 2, "Bob": 3, "Cat": 3},
            "K1": {"Ann": 2, "Bob": 4, "Cat": 3},
            "K2": {"Ann": 2, "Bob": 3, "Cat": 2},
            "values": {"Ann": 4, "Bob": 4, "Cat": 4},
        },
        submitted=MEMBERS,
        agreed={"K1": 3},
    )
    a.assess(cr)
    assert cr.flags == {
        "ownership": ["straddles pass mark"],
        "K1": ["spread", "straddles pass mark"],
        "K2": ["straddles pass mark"],
    }
    assert a.open_flagged(cr) == ["ownership", "K2"]
    # only a pass-mark split (no wide spread) whose median passes: ownership (median 3), not K2 (median 2)
    assert a.straddling_with_passing_median(cr) == ["ownership"]
    p = a.provisional(cr)
    assert p.agreed_total == 3 and p.agreed_count == 1
    assert p.outcome is not None and p.outcome.total == 3 + 3 + 2 + 4 and p.outcome.result == APPOINTABLE


def test_moderated_candidate_gets_outcome_and_reasons_in_sentences() -> None:
    rules = ScoringRules(overall_minimum=13)
    a = Assessor(ITEMS, rules, MEMBERS)
    cr = result(submitted=MEMBERS, agreed={"ownership": 2, "K1": 3, "K2": 3, "values": 4})
    a.assess(cr)
    assert cr.status == CandidateStatus.MODERATED and cr.outcome == NOT_APPOINTABLE and cr.total == 12
    assert cr.reasons == [
        "ownership (We take ownership): agreed 2, under the pass mark of 3",
        "total 12 is under the overall minimum of 13",
    ]


def test_missing_only_the_overall_minimum_is_a_reason_on_its_own() -> None:
    """A total of 32 against a minimum of 33, every gating item passed: the minimum is THE reason."""
    rules = ScoringRules(overall_minimum=33)
    items = ITEMS * 1
    o = outcome({"ownership": 5, "K1": 5, "K2": 5, "values": 5}, items, rules)
    assert o.total == 20
    big = [type(ITEMS[0])(f"x{n}", "criterion", f"Desirable {n}", requirement="desirable") for n in range(4)]
    a = Assessor(ITEMS + big, rules, MEMBERS)
    cr = result(
        submitted=MEMBERS, agreed={"ownership": 4, "K1": 4, "K2": 4, "values": 4, "x0": 4, "x1": 4, "x2": 4, "x3": 4}
    )
    a.assess(cr)
    assert cr.total == 32 and cr.outcome == NOT_APPOINTABLE
    assert cr.reasons == ["total 32 is under the overall minimum of 33"]


def test_unconfirmed_checks_are_listed_after_the_reasons() -> None:
    o = outcome({"ownership": 3, "K1": 3, "K2": 3, "values": 3}, ITEMS, ScoringRules())
    assert reasons(o, ITEMS, ScoringRules(), {}, ["check O3 (driving licence) is pending"]) == [
        "check O3 (driving licence) is pending"
    ]


def test_withdrawn_and_absent_candidates_have_no_outcome_or_rank() -> None:
    a = Assessor(ITEMS, ScoringRules(), MEMBERS)
    agreed = {"ownership": 4, "K1": 4, "K2": 4, "values": 4}
    gone = result("C1", submitted=MEMBERS, agreed=agreed, attendance=Attendance.WITHDRAWN, why="took another job")
    absent = result("C2", attendance=Attendance.ABSENT)
    here = result("C3", submitted=MEMBERS, agreed=agreed)
    for cr in (gone, absent, here):
        a.assess(cr)
    Assessor.rank([gone, absent, here])
    assert gone.status == CandidateStatus.WITHDRAWN and gone.outcome is None and gone.rank is None
    assert not gone.ready and gone.not_ready == "the candidate is withdrawn: took another job"
    assert absent.status == "absent" and absent.total is None
    assert here.rank == 1 and here.outcome == APPOINTABLE


def test_parse_attendance_names_the_bad_value() -> None:
    assert parse_attendance(" Withdrawn ") == Attendance.WITHDRAWN
    with pytest.raises(ValueError, match="unknown status 'gone' .use active, withdrawn, absent"):
        parse_attendance("gone")
    assert waiting_for(MEMBERS, ["Bob"]) == ["Ann", "Cat"]


def test_moderated_is_one_rule_for_statuses_and_the_campaign_counts() -> None:
    from interview_panel.domain.status import candidate_status, count_moderated, is_moderated

    assert is_moderated("active", 4, 4) and not is_moderated("withdrawn", 4, 4) and not is_moderated("active", 3, 4)
    assert not is_moderated("active", 0, 0)  # a campaign without items has nothing to moderate
    assert candidate_status("absent", agreed_items=4, items=4, ready=False, started=True) == CandidateStatus.ABSENT
    assert candidate_status("active", agreed_items=1, items=4, ready=False, started=True) == CandidateStatus.SCORING
    # (attendance, agreed items, items, candidates) groups, as the database counts them
    assert count_moderated([("active", 4, 4, 7), ("withdrawn", 4, 4, 2), ("active", 2, 4, 5)]) == 7


def test_filters_and_what_is_left_to_agree_come_from_the_assessment() -> None:
    from interview_panel.domain.status import ModerationFilter, filter_counts, filter_group, matches

    a = Assessor(ITEMS, ScoringRules(), MEMBERS)
    flagged = result("C1", scores={"K1": {"Ann": 2, "Bob": 4, "Cat": 3}}, submitted=MEMBERS)
    calm = result("C2", scores={"K1": {"Ann": 3, "Bob": 3, "Cat": 3}}, submitted=MEMBERS, agreed={"K1": 3})
    waiting = result("C3", submitted=["Ann"])
    done = result("C4", submitted=MEMBERS, agreed={"ownership": 3, "K1": 3, "K2": 3, "values": 3})
    gone = result("C5", submitted=MEMBERS, attendance=Attendance.WITHDRAWN)
    crs = [flagged, calm, waiting, done, gone]
    for cr in crs:
        a.assess(cr)
    assert flagged.open_flags == ("K1",) and flagged.to_agree == ("ownership", "K1", "K2", "values")
    assert calm.open_flags == () and calm.to_agree == ("ownership", "K2", "values")
    assert a.unflagged_at_median(calm) == []  # nothing scored for the items left
    assert [filter_group(c) for c in crs] == ["ready", "ready", "waiting", "moderated", "waiting"]
    assert [c.reference for c in crs if matches(c, ModerationFilter.FLAGGED)] == ["C1"]
    counts = filter_counts(crs)
    assert (counts["all"], counts["ready"], counts["flagged"], counts["waiting"], counts["moderated"]) == (
        5,
        2,
        1,
        2,
        1,
    )
    assert counts["flagged_items"] == 1
    assert done.provisional is None and waiting.provisional is None
    assert calm.provisional is not None and calm.provisional.agreed_total == 3
