"""The interview plan: asked / folded / checked, minutes against the slot, checks and adjustments per candidate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_panel.domain.campaign import Candidate
from interview_panel.domain.errors import RefusedError, ValidationError
from interview_panel.domain.items import QuestionSet
from interview_panel.domain.plan import (
    CONFIRMED,
    NOT_CONFIRMED,
    PENDING,
    Placement,
    Plan,
    check_conditions,
    share_minutes,
)
from interview_panel.services import checks as C
from interview_panel.services.audit import audit_log
from interview_panel.services.campaigns import (
    add_candidate,
    add_member,
    create_campaign,
    get_campaign,
    update_question_set,
)
from interview_panel.services.moderation import results
from interview_panel.services.plan import default_placements, load_rules, plan_document
from interview_panel.services.profiles import load_profile
from interview_panel.services.questions import build_question_set, place_criterion
from interview_panel.services.scoring import record_score
from interview_panel.services.store import Store, open_store
from tests.conftest import DATA

ADMIN = DATA / "sample_admin_l1.txt"


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = open_store(tmp_path / "p.db")
    yield s
    s.close()


def _campaign(store: Store) -> int:
    cid = create_campaign(store, profile=load_profile(ADMIN), name="Admin")
    add_candidate(store, cid, Candidate("A1", "Ann Example"))
    add_candidate(store, cid, Candidate("A2", "Bo Example"))
    add_member(store, cid, "Chair", chair=True)
    return cid


def test_minutes_are_shared_equally_with_the_spare_to_the_first_and_never_under_the_minimum() -> None:
    assert share_minutes(["a", "b", "c"], available=14, maximum=8) == {"a": 5, "b": 5, "c": 4}
    assert share_minutes(["a", "b"], available=40, maximum=8) == {"a": 8, "b": 8}  # time to spare
    assert share_minutes(["a", "b", "c"], available=9, maximum=8) == {"a": 4, "b": 4, "c": 4}  # runs over
    plan = Plan(slot_minutes=20, minutes=(("a", 4), ("b", 4), ("c", 4)))
    assert plan.planned_minutes(["a", "b", "c"]) == 18 and plan.over_by(["a", "b", "c"]) == 0
    plan = plan.with_minutes("c", 7)
    assert plan.over_by(["a", "b", "c"]) == 1
    assert plan.problems(["a", "b", "c"]) == ["the plan runs 1 minute over the 20-minute slot (21 planned)"]
    assert "c: under 4 minutes" in plan.with_minutes("c", 3).problems(["a", "b", "c"])[0]


def test_eligibility_conditions_are_checked_behaviour_like_criteria_folded_distinctive_asked() -> None:
    profile = load_profile(ADMIN)
    placed = {p.criterion: p for p in default_placements(profile)}
    assert placed["O2"].mode == "checked"  # flexible pattern of hours: availability
    assert placed["K5"] == Placement("K5", "folded", "ownership")  # planning own workload
    assert placed["K7"] == Placement("K7", "folded", "values")  # keeping information confidential
    assert placed["K4"].under == "emotionally-aware"  # callers who are upset or angry
    assert placed["K6"].mode == "asked"  # how case files pass to the CPS: nothing else evidences it


def test_rules_check_licences_vetting_health_attendance_and_right_to_work() -> None:
    from interview_panel.domain.profile import Criterion

    rules = load_rules()
    for text in (
        "Holds a current full UK driving licence",
        "Must hold, or be able to obtain, vetting clearance",
        "Able to pass the job-related fitness test",
        "A good attendance record",
        "Evidence of the right to work in the UK",
        "Be able to lift and carry equipment weighing 20 kg",
        "Educated to degree level or equivalent",
        "Willing to work weekends and bank holidays",
    ):
        assert rules.check_kind(Criterion("O1", "other", "essential", text, ("Interview",))), text
    for text in (
        "Experience of working shifts in a busy control room",
        "Excellent communication skills",
        "Knowledge of the Data Protection Act",
    ):
        assert rules.check_kind(Criterion("K1", "knowledge_experience", "essential", text, ("Interview",))) is None


def test_the_chair_moves_criteria_and_every_move_is_audited_and_undone(store: Store) -> None:
    cid = _campaign(store)
    c = get_campaign(store, cid)
    profile = c.profile
    assert "K5" not in [i.id for i in c.items]
    qs = place_criterion(c.question_set, profile, "K5", "asked")
    assert "K5" in [i.id for i in qs.items] and qs.question("K5").text
    assert "K5" not in qs.plan.covers("ownership")
    assert qs.plan.planned_minutes([i.id for i in qs.items]) <= 45 + 4  # re-shared within the slot if it can
    qs = place_criterion(qs, profile, "K6", "folded", "collaborative")
    assert "K6" not in [i.id for i in qs.items] and "K6" in qs.plan.covers("collaborative")
    qs = place_criterion(qs, profile, "K4", "checked")
    assert "K4" in qs.plan.checks
    update_question_set(store, cid, qs, actor="Chair")
    moves = [(e.target, e.old, e.new) for e in audit_log(store, cid) if e.action == "plan" and e.target != "timing"]
    assert ("K5", "folded under ownership", "asked") in moves
    assert ("K6", "asked", "folded under collaborative") in moves
    assert ("K4", "folded under emotionally-aware", "checked") in moves
    with pytest.raises(ValidationError, match="behaviour or the values"):
        place_criterion(qs, profile, "K1", "folded", "K5")
    with pytest.raises(ValidationError, match="unknown criterion"):
        place_criterion(qs, profile, "K99", "asked")
    # undo = put the earlier set back
    update_question_set(store, cid, c.question_set, actor="Chair")
    assert get_campaign(store, cid).question_set.plan == c.question_set.plan


def test_the_plan_is_frozen_once_scoring_starts(store: Store) -> None:
    cid = _campaign(store)
    record_score(store, cid, candidate="A1", member="Chair", item="ownership", score=4)
    c = get_campaign(store, cid)
    with pytest.raises(RefusedError):
        update_question_set(store, cid, place_criterion(c.question_set, c.profile, "K5", "asked"), actor="Chair")


def test_checks_are_recorded_once_per_candidate_never_in_the_total_and_listed_as_conditions(store: Store) -> None:
    cid = _campaign(store)
    assert C.check_states(store, cid) == {"A1": {"O2": PENDING}, "A2": {"O2": PENDING}}
    C.record_check(store, cid, candidate="A1", criterion="O2", state=CONFIRMED)
    C.record_check(store, cid, candidate="A2", criterion="O2", state=NOT_CONFIRMED)
    assert C.check_states(store, cid) == {"A1": {"O2": CONFIRMED}, "A2": {"O2": NOT_CONFIRMED}}
    assert C.conditions(store, cid, "A1") == []
    assert C.conditions(store, cid, "A2")[0].startswith("O2 not confirmed: Willing to work a flexible pattern")
    res = results(store, cid)
    assert [i.id for i in res.items if i.id == "O2"] == []  # never an item: members never score it
    assert {r.reference: r.checks for r in res.candidates} == {"A1": {"O2": CONFIRMED}, "A2": {"O2": NOT_CONFIRMED}}
    assert json.loads(json.dumps(res.to_json()))["candidates"][1]["checks"] == {"O2": NOT_CONFIRMED}
    with pytest.raises(ValidationError, match="not a check"):
        C.record_check(store, cid, candidate="A1", criterion="K2", state=CONFIRMED)


def test_check_conditions_reads_as_sentences() -> None:
    checks = [("O3", "Must hold, or be able to obtain, Management Vetting clearance."), ("Q1", "Full driving licence")]
    assert check_conditions(checks, {"Q1": CONFIRMED}) == [
        "Subject to O3 (pending): Must hold, or be able to obtain, Management Vetting clearance."
    ]
    assert check_conditions(checks, {"O3": NOT_CONFIRMED, "Q1": PENDING}) == [
        "O3 not confirmed: Must hold, or be able to obtain, Management Vetting clearance.",
        "Subject to Q1 (pending): Full driving licence.",
    ]


def test_adjustments_are_kept_apart_and_the_audit_never_holds_their_text(store: Store) -> None:
    cid = _campaign(store)
    C.set_adjustments(store, cid, "A1", "  Uses a wheelchair: ground-floor room.\nBreaks every 20 minutes  ")
    assert C.adjustments(store, cid, "A1") == "Uses a wheelchair: ground-floor room.\nBreaks every 20 minutes"
    assert C.adjustments(store, cid, "A2") == ""
    log = [e for e in audit_log(store, cid) if e.action == "adjustments"]
    assert [(e.target, e.old, e.new) for e in log] == [("A1", None, "recorded")]
    assert not any("wheelchair" in (e.new or "") + (e.old or "") for e in audit_log(store, cid))
    C.set_adjustments(store, cid, "A1", "")
    assert C.adjustments(store, cid, "A1") == ""
    with pytest.raises(ValidationError, match="at most"):
        C.set_adjustments(store, cid, "A1", "x" * 5000)


def test_a_campaign_saved_before_plans_still_reads_with_its_criteria_asked() -> None:
    from interview_panel.services.questions import plan_of

    qs = build_question_set(load_profile(ADMIN))
    old = qs.to_json()
    old.pop("plan")
    legacy = QuestionSet.from_json(old)
    plan = plan_of(legacy)
    assert [p.criterion for p in plan.placements] == [i.id for i in qs.items if i.kind == "criterion"]
    doc = plan_document(load_profile(ADMIN), legacy, get_rules())
    assert doc["checks"] == [] and all(it["minutes"] >= 4 for it in doc["items"])


def get_rules():  # type: ignore[no-untyped-def]
    from interview_panel.domain.scoring import ScoringRules

    return ScoringRules()
