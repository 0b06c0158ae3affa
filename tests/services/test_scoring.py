"""Recording scores during an interview: validation, independence, submission locks."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_panel.domain.campaign import Candidate
from interview_panel.domain.errors import RefusedError, ValidationError
from interview_panel.domain.scoring import ScoringRules
from interview_panel.services.audit import audit_log
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign, get_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.scoring import (
    member_scores,
    member_submissions,
    record_score,
    record_scores,
    submissions,
    submit,
)
from interview_panel.services.store import Store, open_store

ITEMS = ["emotionally-aware", "K1", "K2", "values"]


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = open_store(tmp_path / "c.db")
    yield s
    s.close()


def setup(store: Store, rules: ScoringRules | None = None) -> int:
    cid = create_campaign(
        store, profile=synthetic_profile(behaviours=1, criteria=2, desirable_every=2), name="Scoring", rules=rules
    )
    for ref in ("C1", "C2"):
        add_candidate(store, cid, Candidate(ref, f"Person {ref}"))
    add_member(store, cid, "Ann", chair=True)
    add_member(store, cid, "Bob")
    assert [i.id for i in get_campaign(store, cid).items] == ITEMS
    return cid


def test_a_score_is_saved_with_its_note_and_read_back(store: Store) -> None:
    cid = setup(store)
    s = record_score(store, cid, candidate="C1", member="Ann", item="K1", score=4, note=" Clear STAR answer ")
    assert (s.candidate, s.member, s.item, s.score, s.note) == ("C1", "Ann", "K1", 4, "Clear STAR answer")
    mine = member_scores(store, cid, candidate="C1", member="Ann")
    assert mine["K1"].score == 4 and mine["K1"].note == "Clear STAR answer"
    assert mine["K1"].updated_at is not None and mine["K1"].updated_at.tzinfo is not None


def test_changing_a_score_keeps_the_note_unless_a_new_one_is_given(store: Store) -> None:
    cid = setup(store)
    record_score(store, cid, candidate="C1", member="Ann", item="K1", score=2, note="thin")
    record_score(store, cid, candidate="C1", member="Ann", item="K1", score=3)
    assert member_scores(store, cid, candidate="C1", member="Ann")["K1"].note == "thin"
    record_score(store, cid, candidate="C1", member="Ann", item="K1", score=3, note="")
    assert member_scores(store, cid, candidate="C1", member="Ann")["K1"].note == ""
    record_score(store, cid, candidate="C1", member="Ann", item="K1", score=None)
    assert member_scores(store, cid, candidate="C1", member="Ann")["K1"].score is None
    log = [(e.action, e.old, e.new) for e in audit_log(store, cid) if e.target == "C1/K1/Ann"]
    assert log == [
        ("score", None, "2"),
        ("note", None, "thin"),
        ("score", "2", "3"),
        ("note", "thin", None),
        ("score", "3", None),
    ]


def test_saving_the_same_value_again_writes_nothing(store: Store) -> None:
    cid = setup(store)
    record_score(store, cid, candidate="C1", member="Ann", item="K1", score=4)
    n = len(audit_log(store, cid))
    record_score(store, cid, candidate="C1", member="Ann", item="K1", score=4)
    assert len(audit_log(store, cid)) == n


@pytest.mark.parametrize(
    "bad, message",
    [
        (0, "outside the 1-5 scale"),
        (6, "outside the 1-5 scale"),
        (3.5, "not a whole number"),
        ("4", "not a whole number"),
        (True, "not a whole number"),
    ],
)
def test_scores_off_the_scale_or_not_whole_numbers_are_refused(store: Store, bad: object, message: str) -> None:
    cid = setup(store)
    with pytest.raises(ValidationError, match=message):
        record_score(store, cid, candidate="C1", member="Ann", item="K1", score=bad)  # type: ignore[arg-type]
    assert member_scores(store, cid, candidate="C1", member="Ann") == {}
    assert not get_campaign(store, cid).scoring_started


def test_the_campaigns_own_scale_applies(store: Store) -> None:
    cid = setup(store, ScoringRules().with_scale("1-7"))
    assert record_score(store, cid, candidate="C1", member="Ann", item="K1", score=7).score == 7
    with pytest.raises(ValidationError, match="1-7"):
        record_score(store, cid, candidate="C1", member="Ann", item="K1", score=8)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("item", "teamwork", "unknown item 'teamwork'"),
        ("candidate", "C9", "unknown candidate 'C9'"),
        ("member", "Zed", "unknown panel member 'Zed'"),
    ],
)
def test_unknown_item_candidate_or_member_is_refused(store: Store, field: str, value: str, message: str) -> None:
    cid = setup(store)
    args = {"candidate": "C1", "member": "Ann", "item": "K1", "score": 3}
    args[field] = value
    with pytest.raises(ValidationError, match=message):
        record_score(store, cid, **args)  # type: ignore[arg-type]


def test_the_first_score_freezes_the_campaign(store: Store) -> None:
    cid = setup(store)
    assert not get_campaign(store, cid).scoring_started
    record_score(store, cid, candidate="C2", member="Bob", item="values", score=3)
    assert get_campaign(store, cid).scoring_started


def test_independence_a_member_sees_only_their_own_scores(store: Store) -> None:
    cid = setup(store)
    record_score(store, cid, candidate="C1", member="Ann", item="K1", score=5)
    record_score(store, cid, candidate="C1", member="Bob", item="K1", score=1, note="Bob's view")
    record_score(store, cid, candidate="C1", member="Bob", item="K2", score=2)
    ann = member_scores(store, cid, candidate="C1", member="Ann")
    assert set(ann) == {"K1"} and ann["K1"].score == 5 and ann["K1"].member == "Ann"
    bob = member_scores(store, cid, candidate="C1", member="Bob")
    assert {k: v.score for k, v in bob.items()} == {"K1": 1, "K2": 2}


def test_submit_needs_every_item_and_then_locks_that_members_scores(store: Store) -> None:
    cid = setup(store)
    record_score(store, cid, candidate="C1", member="Ann", item="K1", score=3)
    with pytest.raises(RefusedError, match="has not scored emotionally-aware, K2, values"):
        submit(store, cid, candidate="C1", member="Ann")
    for item in ITEMS:
        record_score(store, cid, candidate="C1", member="Ann", item=item, score=4)
    at = submit(store, cid, candidate="C1", member="Ann")
    assert at.tzinfo is not None
    assert submissions(store, cid, "C1") == {"Ann": at, "Bob": None}
    with pytest.raises(RefusedError, match="submitted scores cannot be changed"):
        record_score(store, cid, candidate="C1", member="Ann", item="K1", score=5)
    with pytest.raises(RefusedError, match="already submitted"):
        submit(store, cid, candidate="C1", member="Ann")
    assert member_scores(store, cid, candidate="C1", member="Ann")["K1"].score == 4
    # other members and other candidates are unaffected
    record_score(store, cid, candidate="C1", member="Bob", item="K1", score=2)
    record_score(store, cid, candidate="C2", member="Ann", item="K1", score=2)


def test_record_scores_is_all_or_nothing_with_the_same_checks(store: Store) -> None:
    cid = setup(store)
    with pytest.raises(ValidationError, match="outside"):
        record_scores(store, cid, [("C1", "Ann", "K1", 3, None), ("C1", "Ann", "K2", 9, None)])
    assert member_scores(store, cid, candidate="C1", member="Ann") == {}
    assert record_scores(store, cid, [("C1", "Ann", "K1", 3, None), ("C1", "Ann", "K2", 4, "ok")]) == 2
    mine = member_scores(store, cid, candidate="C1", member="Ann")
    assert {k: v.score for k, v in mine.items()} == {"K1": 3, "K2": 4}


def test_a_second_connection_sees_a_score_as_soon_as_it_is_recorded(store: Store, tmp_path: Path) -> None:
    cid = setup(store)
    other = open_store(tmp_path / "c.db")
    try:
        record_score(store, cid, candidate="C1", member="Ann", item="K1", score=4)
        assert member_scores(other, cid, candidate="C1", member="Ann")["K1"].score == 4
    finally:
        other.close()


def test_a_rolled_back_batch_leaves_no_stale_ids_behind(store: Store) -> None:
    """Ids looked up inside a batch that is rolled back must not be reused for other rows later."""
    cid = setup(store)
    with pytest.raises(RuntimeError), store.batch():
        add_candidate(store, cid, Candidate("C3", "Rolled Back"))
        record_score(store, cid, candidate="C3", member="Ann", item="K1", score=2)
        raise RuntimeError("user cancelled")
    add_candidate(store, cid, Candidate("C4", "Takes the freed row id"))
    add_candidate(store, cid, Candidate("C3", "Added again"))
    record_score(store, cid, candidate="C3", member="Ann", item="K1", score=5)
    assert member_scores(store, cid, candidate="C4", member="Ann") == {}
    assert member_scores(store, cid, candidate="C3", member="Ann")["K1"].score == 5


def test_member_submissions_lists_every_candidate_for_that_member_only(store: Store) -> None:
    cid = setup(store)
    for item in ITEMS:
        record_score(store, cid, candidate="C2", member="Bob", item=item, score=3)
        record_score(store, cid, candidate="C1", member="Ann", item=item, score=4)
    submit(store, cid, candidate="C2", member="Bob")
    submit(store, cid, candidate="C1", member="Ann")
    bob = member_submissions(store, cid, "Bob")
    assert list(bob) == ["C1", "C2"]
    assert bob["C1"] is None
    assert bob["C2"] == submissions(store, cid, "C2")["Bob"]
    with pytest.raises(ValidationError, match="unknown panel member 'Zed'"):
        member_submissions(store, cid, "Zed")
