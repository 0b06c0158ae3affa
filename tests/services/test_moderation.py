"""The chair's moderation, outcomes, ranks and the results object every export is built from."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_panel.domain.campaign import Candidate
from interview_panel.domain.errors import RefusedError, ValidationError
from interview_panel.domain.scoring import APPOINTABLE, NOT_APPOINTABLE
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.moderation import (
    MEDIAN_RATIONALE,
    agree_unflagged_at_median,
    can_moderate,
    candidate_result,
    moderate,
    results,
)
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import Store, open_store

ITEMS = ["emotionally-aware", "K1", "K2", "values"]  # K2 is desirable: adds to the total, never gates
MEMBERS = ["Ann", "Bob", "Cat"]


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = open_store(tmp_path / "c.db")
    yield s
    s.close()


def setup(store: Store, refs: tuple[str, ...] = ("C1", "C2", "C3", "C4")) -> int:
    cid = create_campaign(
        store, profile=synthetic_profile(behaviours=1, criteria=2, desirable_every=2), name="Moderation"
    )
    for _n, ref in enumerate(refs):
        add_candidate(store, cid, Candidate(ref, f"Person {ref}"))
    for m in MEMBERS:
        add_member(store, cid, m, chair=(m == "Ann"))
    return cid


def score_all(store: Store, cid: int, ref: str, table: dict[str, list[int]], submit_all: bool = True) -> None:
    """table: item -> [Ann, Bob, Cat]"""
    for item, marks in table.items():
        for member, mark in zip(MEMBERS, marks):
            record_score(store, cid, candidate=ref, member=member, item=item, score=mark)
    if submit_all:
        for member in MEMBERS:
            submit(store, cid, candidate=ref, member=member)


AGREEING = {"emotionally-aware": [4, 4, 3], "K1": [4, 4, 4], "K2": [2, 2, 2], "values": [5, 4, 4]}
SPLIT = {"emotionally-aware": [2, 4, 3], "K1": [3, 3, 3], "K2": [3, 3, 3], "values": [3, 3, 3]}


def test_moderation_waits_for_every_member_to_submit(store: Store) -> None:
    cid = setup(store)
    score_all(store, cid, "C1", AGREEING, submit_all=False)
    submit(store, cid, candidate="C1", member="Ann")
    ok, reason = can_moderate(store, cid, "C1")
    assert not ok and reason == "waiting for Bob, Cat to submit"
    with pytest.raises(RefusedError, match="waiting for Bob, Cat"):
        moderate(store, cid, candidate="C1", item="K1", score=4)
    with pytest.raises(RefusedError):
        agree_unflagged_at_median(store, cid, candidate="C1")
    submit(store, cid, candidate="C1", member="Bob")
    submit(store, cid, candidate="C1", member="Cat")
    assert can_moderate(store, cid, "C1") == (True, "")


def test_a_flagged_item_needs_a_rationale_and_the_chair_is_recorded(store: Store) -> None:
    cid = setup(store)
    score_all(store, cid, "C1", SPLIT)
    with pytest.raises(ValidationError, match=r"rationale is required .*\(2, 4, 3\).*spread"):
        moderate(store, cid, candidate="C1", item="emotionally-aware", score=3, rationale="   ")
    a = moderate(
        store,
        cid,
        candidate="C1",
        item="emotionally-aware",
        score=3,
        rationale="Example showed self-control but little reflection",
    )
    assert (a.score, a.agreed_by, a.rationale) == (3, "Ann", "Example showed self-control but little reflection")
    assert a.agreed_at.tzinfo is not None
    b = moderate(store, cid, candidate="C1", item="K1", score=3, actor="Ann")  # unflagged: no reason needed
    assert b.agreed_by == "Ann" and b.rationale == ""
    with pytest.raises(ValidationError, match="outside"):
        moderate(store, cid, candidate="C1", item="K1", score=6)
    with pytest.raises(ValidationError, match="unknown item"):
        moderate(store, cid, candidate="C1", item="nope", score=3)


def test_agree_unflagged_at_median_leaves_flagged_items_for_discussion(store: Store) -> None:
    cid = setup(store)
    score_all(store, cid, "C1", SPLIT)
    done = agree_unflagged_at_median(store, cid, candidate="C1")
    assert {a.item: a.score for a in done} == {"K1": 3, "K2": 3, "values": 3}
    assert all(a.rationale == MEDIAN_RATIONALE and a.agreed_by == "Ann" for a in done)
    r = candidate_result(store, cid, "C1")
    assert r.status == "submitted" and "emotionally-aware" not in r.agreed
    assert r.flags == {"emotionally-aware": ["spread", "straddles pass mark"]}
    assert agree_unflagged_at_median(store, cid, candidate="C1") == []  # nothing left that is unflagged


def test_results_statuses_outcomes_and_ranks(store: Store) -> None:
    cid = setup(store, ("C1", "C2", "C3", "C4", "C5"))
    # C1: strong, moderated. C2: moderated but fails a gating item. C3: submitted. C4: scoring. C5: not started.
    score_all(store, cid, "C1", AGREEING)
    agree_unflagged_at_median(store, cid, candidate="C1")
    score_all(store, cid, "C2", {"emotionally-aware": [2, 2, 2], "K1": [5, 5, 5], "K2": [5, 5, 5], "values": [5, 5, 5]})
    agree_unflagged_at_median(store, cid, candidate="C2")
    score_all(store, cid, "C3", SPLIT)
    record_score(store, cid, candidate="C4", member="Bob", item="K1", score=3)

    res = results(store, cid)
    by = {c.reference: c for c in res.candidates}
    assert [by[r].status for r in ("C1", "C2", "C3", "C4", "C5")] == [
        "moderated",
        "moderated",
        "submitted",
        "scoring",
        "not started",
    ]
    assert by["C1"].agreed == {"emotionally-aware": 4, "K1": 4, "K2": 2, "values": 4}
    assert (by["C1"].total, by["C1"].maximum, by["C1"].outcome) == (14, 20, APPOINTABLE)
    assert (by["C2"].total, by["C2"].outcome, by["C2"].gating_failures) == (17, NOT_APPOINTABLE, ("emotionally-aware",))
    # appointable first, even with a lower total
    assert (by["C1"].rank, by["C2"].rank) == (1, 2)
    for ref in ("C3", "C4", "C5"):
        assert by[ref].total is None and by[ref].outcome is None and by[ref].rank is None
    assert by["C3"].flags == {"emotionally-aware": ["spread", "straddles pass mark"]}
    assert by["C1"].scores["values"] == {"Ann": 5, "Bob": 4, "Cat": 4}
    assert by["C1"].moderated_by == "Ann" and by["C1"].moderated_at is not None
    assert set(by["C1"].submitted_at) == set(MEMBERS)
    assert [m.name for m in res.members] == MEMBERS
    assert any(e.action == "agreed" for e in res.audit)
    assert candidate_result(store, cid, "C2").rank == 2
    assert results(store, cid, audit=False).audit == []


def test_results_json_is_the_contract_shape(store: Store) -> None:
    import json

    cid = setup(store)
    score_all(store, cid, "C1", AGREEING)
    agree_unflagged_at_median(store, cid, candidate="C1")
    data = json.loads(json.dumps(results(store, cid).to_json()))
    assert data["campaign"] == {
        "id": cid,
        "name": "Moderation",
        "post_title": "Team Supervisor (Synthetic)",
        "grade": "SO1",
    }
    assert [i["id"] for i in data["items"]] == ITEMS
    assert data["items"][2] == {
        "id": "K2",
        "kind": "criterion",
        "text": data["items"][2]["text"],
        "gating": False,
        "pass_mark": 3,
    }
    c1 = data["candidates"][0]
    assert set(c1) == {
        "reference",
        "name",
        "status",
        "scores",
        "agreed",
        "flags",
        "total",
        "maximum",
        "outcome",
        "rank",
        "reasons",
        "checks",
    }
    assert c1["scores"]["K1"] == {"Ann": 4, "Bob": 4, "Cat": 4} and c1["rank"] == 1


def test_a_changed_agreed_score_is_kept_with_the_new_reason(store: Store) -> None:
    cid = setup(store)
    score_all(store, cid, "C1", SPLIT)
    moderate(store, cid, candidate="C1", item="emotionally-aware", score=3, rationale="first view")
    moderate(store, cid, candidate="C1", item="emotionally-aware", score=2, rationale="on reflection, limited")
    r = candidate_result(store, cid, "C1")
    assert r.agreed["emotionally-aware"] == 2 and r.rationale["emotionally-aware"] == "on reflection, limited"


def test_panel_agreement_counts_only_candidates_whose_panel_submitted(store: Store) -> None:
    from interview_panel.domain.agreement import icc_2_1, krippendorff_alpha_ordinal, panel_agreement

    cid = setup(store)
    score_all(store, cid, "C1", AGREEING)
    score_all(store, cid, "C2", SPLIT)
    score_all(store, cid, "C3", {"emotionally-aware": [1, 5, 1], "K1": [5, 1, 5]}, submit_all=False)
    agreement = panel_agreement(results(store, cid))
    answers = [AGREEING[i] for i in ITEMS] + [SPLIT[i] for i in ITEMS]  # C3 is still being scored: left out
    assert agreement.icc_units == agreement.alpha_units == 8 and agreement.raters == 3
    assert agreement.icc == pytest.approx(icc_2_1(answers))
    assert agreement.alpha == pytest.approx(krippendorff_alpha_ordinal(answers))
    assert agreement.summary().startswith("Panel agreement: ICC(2,1) ")
