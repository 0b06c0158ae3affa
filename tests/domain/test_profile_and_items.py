from __future__ import annotations

from interview_panel.domain.items import Question, QuestionSet, items_from_profile
from interview_panel.domain.profile import Behaviour, Criterion, RoleProfile, Source, is_interview


def _profile() -> RoleProfile:
    return RoleProfile(
        source=Source("x.txt", "0" * 64),
        post_title="Custody Support Officer",
        grade="SO1",
        behaviours=(
            Behaviour("ownership", "We take ownership", "Resolute, compassionate and committed", 2, ("Interview",)),
            Behaviour(
                "emotionally-aware",
                "We are emotionally aware",
                "Resolute, compassionate and committed",
                1,
                ("Assessment Centre",),
            ),
        ),
        values=("Integrity", "Impartiality"),
        criteria=(
            Criterion("Q1", "qualification", "essential", "Full driving licence", ("Application Form",)),
            Criterion(
                "K1",
                "knowledge_experience",
                "essential",
                "Experience of custody work",
                ("Application Form", "Interview"),
            ),
            Criterion(
                "O1",
                "other",
                "essential",
                "An acceptable level of sickness absence",
                ("Attendance to be checked post interview by Recruitment",),
            ),
        ),
    )


def test_only_a_method_that_is_interview_counts_not_one_that_mentions_it() -> None:
    assert is_interview(["Application Form", " interview "])
    assert not is_interview(["Attendance to be checked post interview by Recruitment"])


def test_items_are_interview_behaviours_then_interview_criteria_then_values() -> None:
    items = items_from_profile(_profile())
    assert [i.id for i in items] == ["ownership", "K1", "values"]
    assert items[0].level == 2 and items[1].requirement == "essential"
    assert items[2].values == ("Integrity", "Impartiality")


def test_json_round_trip_keeps_every_field() -> None:
    p = _profile()
    data = p.to_json()
    assert data["schema"] == "interview-panel/role-profile/1"
    assert data["job_evaluation"] is None and data["progression"] is None
    assert RoleProfile.from_json(data) == p


def test_a_document_without_title_and_content_is_not_a_profile() -> None:
    assert RoleProfile(source=None).problems() == ["no post title found", "no behaviours or criteria found"]
    assert _profile().problems() == []


def test_renumbering_after_edits_gives_contract_ids_in_order() -> None:
    p = _profile()
    edited = p.with_changes(criteria=(p.criteria[1], p.criteria[0], p.criteria[1])).renumbered()
    assert [c.id for c in edited.criteria] == ["K1", "Q1", "K2"]


def test_question_set_edits_reorder_drop_and_refuse_duplicate_items() -> None:
    items = tuple(items_from_profile(_profile()))
    qs = QuestionSet(items, {i.id: Question(i.id, f"Tell us about {i.id}?") for i in items})
    assert [i.id for i in qs.moved("values", -2).items] == ["values", "ownership", "K1"]
    assert [i.id for i in qs.without("K1").items] == ["ownership", "values"]
    assert qs.with_question(qs.question("K1").reworded("New?")).question("K1").origin == "custom"
    try:
        qs.with_item(items[0], Question("ownership", "again?"))
    except ValueError as exc:
        assert "already exists" in str(exc)
    else:
        raise AssertionError("a duplicate item id was accepted")
