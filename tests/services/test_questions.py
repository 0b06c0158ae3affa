"""Question sets: bank questions for behaviours and values, natural questions generated from criteria."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interview_panel.domain.framework import COMPETENCIES, CVF_2016, CVF_2024, VALUES_2016, VALUES_2024
from interview_panel.domain.items import BEHAVIOUR, CRITERION, VALUES, Item
from interview_panel.domain.profile import Behaviour, Criterion, RoleProfile
from interview_panel.services import questions as Q
from interview_panel.services.profiles import load_profile
from tests.conftest import DATA, real_profiles

INTERVIEW = ("Application Form", "Interview")
STOP = {
    "the",
    "and",
    "with",
    "within",
    "of",
    "to",
    "in",
    "a",
    "an",
    "or",
    "for",
    "on",
    "at",
    "by",
    "as",
    "its",
    "that",
    "this",
    "those",
    "these",
    "which",
    "where",
    "including",
    "such",
    "must",
    "possess",
    "experience",
    "knowledge",
    "ability",
    "willing",
    "approach",
    "demonstrates",
    "demonstrate",
}


def _profile(
    *criteria: Criterion, level: int = 1, title: str = "Case Support Officer", framework: str = CVF_2016
) -> RoleProfile:
    return RoleProfile(
        source=None,
        framework=framework,
        post_title=title,
        grade="SO1",
        behaviours=tuple(Behaviour(c.slug, c.name(framework), c.cluster, level, ("Interview",)) for c in COMPETENCIES),
        values=VALUES_2024 if framework == CVF_2024 else VALUES_2016,
        criteria=criteria,
    )


def _crit(cid: str, text: str, methods: tuple[str, ...] = INTERVIEW, req: str = "essential") -> Criterion:
    section = {"Q": "qualification", "K": "knowledge_experience", "O": "other"}[cid[0]]
    return Criterion(cid, section, req, text, methods)


def _key_words(text: str) -> list[str]:
    """The criterion's longest content words (up to three), the ones a reader must recognise."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text) if w.casefold() not in STOP]
    return sorted(dict.fromkeys(words), key=lambda w: (-len(w), w))[:3]


def _all_profiles() -> list[Path]:
    return sorted(DATA.glob("sample_*.txt")) + real_profiles()


def _assert_reads_well(question: str, criterion: str) -> None:
    assert question[0].isupper(), question
    assert question.endswith(("?", ".")), question
    assert "  " not in question, question
    assert not re.search(r"\b(\w+) \1\b", question, re.I), f"doubled word: {question}"
    assert not re.search(r"\b(the|a|an|of|to)\s*[.?,]", question, re.I), f"dangling word: {question}"
    assert "&" not in question and "i.e" not in question.lower(), question
    for word in _key_words(criterion):
        assert word.casefold() in question.casefold(), f"{word!r} missing from {question!r}"


# -- the real and sample profiles ------------------------------------------------------------------
@pytest.mark.parametrize("path", _all_profiles(), ids=lambda p: p.name)
def test_every_interview_criterion_gets_a_question_that_reads_well(path: Path) -> None:
    profile = load_profile(path)
    qs = Q.build_question_set(profile)
    interview = [c for c in profile.criteria if c.at_interview]
    assert qs.plan is not None
    assert [p.criterion for p in qs.plan.placements] == [c.id for c in interview]  # each placed once
    for c in interview:  # whatever the plan does with it, the generator can ask it
        q = Q.criterion_question(Item(c.id, CRITERION, c.text, requirement=c.requirement, section=c.section))
        _assert_reads_well(q.text, c.text)
        assert q.probes and q.positive and q.negative
    asked = [i for i in qs.items if i.kind == CRITERION]
    assert {i.id for i in asked} == {p.criterion for p in qs.plan.placements if p.mode == "asked"}
    texts = [qs.question(i.id).text.casefold() for i in qs.items]
    assert len(texts) == len(set(texts)), "two items share a question"


@pytest.mark.parametrize("path", _all_profiles(), ids=lambda p: p.name)
def test_building_twice_gives_the_same_set(path: Path) -> None:
    profile = load_profile(path)
    assert Q.build_question_set(profile) == Q.build_question_set(load_profile(path))


def test_seed_cse_has_every_behaviour_criterion_and_values_but_not_form_only_ones(seed_cse: Path) -> None:
    profile = load_profile(seed_cse)
    qs = Q.build_question_set(profile)
    ids = [i.id for i in qs.items]
    assert ids[:6] == [c.slug for c in COMPETENCIES]
    assert ids[-1] == "values"
    assert "Q1" not in ids and "Q2" not in ids  # driving licence (form), typing (typing test)
    assert "O1" not in ids  # attendance: checked after interview, not at it
    for b in ids[:6]:
        assert qs.question(b).origin.startswith("bank:")


# -- criterion phrasing ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, starts, kind",
    [
        (
            "Experience of taking minutes of meetings and producing timely and accurate records of those meetings",
            "Tell us about your experience of taking minutes of meetings",
            "experience",
        ),
        (
            "Knowledge of agencies involved in child/adult abuse prevention.",
            "Tell us about your knowledge of agencies",
            "knowledge",
        ),
        (
            "The ability to handle material of an extremely graphic nature",
            "This post needs the ability to handle",
            "ability",
        ),
        ("Willing to travel on Constabulary business", "This post needs someone willing to travel", "willing"),
        (
            "A flexible approach to working hours and practices.",
            "This post needs a flexible approach to working",
            "approach",
        ),
        (
            "Demonstrates a flexible approach to working practices and hours",
            "This post needs a flexible approach to working practices",
            "approach",
        ),
        (
            "Appointment to this post is subject to an enhanced level of vetting",
            "Appointment to this post is subject to an enhanced level of vetting. Do you understand",
            "statement",
        ),
        ("Must possess full UK driving licence", "This post requires you to hold a full UK driving licence.", "hold"),
    ],
)
def test_criterion_kinds_give_the_right_kind_of_question(text: str, starts: str, kind: str) -> None:
    assert Q.classify_criterion(text)[0] == kind
    q = Q.criterion_question(Item("K1", CRITERION, text, requirement="essential", section="other"))
    assert q.text.startswith(starts), q.text
    _assert_reads_well(q.text, text)


def test_ability_asks_how_they_would_go_about_it_and_availability_is_a_plain_yes_or_no() -> None:
    q = Q.criterion_question(Item("O1", CRITERION, "The ability to work under pressure"))
    assert re.search(r"\bwould you\b", q.text), q.text
    q = Q.criterion_question(Item("O1", CRITERION, "Willing to work weekends"))
    assert "Are you able to meet that requirement" in q.text and "commitments" not in q.text


def test_acronyms_and_names_keep_their_capitals_ordinary_words_do_not() -> None:
    cases = {
        "Experience of using MS Office - Word and Excel": "experience of using MS Office",
        "Knowledge of UK data protection law": "knowledge of UK data protection law",
        "Knowledge of IT security": "knowledge of IT security",
        "Knowledge of Health & Safety legislation": "knowledge of Health and Safety legislation",
        "Experience of Using spreadsheets daily": "experience of using spreadsheets",
        "A qualification in the use of IT based technology i.e. CLAIT": "a qualification in the use of IT based "
        "technology, such as CLAIT",
    }
    for criterion, expected in cases.items():
        q = Q.criterion_question(Item("K1", CRITERION, criterion))
        assert expected in q.text, q.text
        _assert_reads_well(q.text, criterion)


def test_trailing_stops_ampersands_and_spacing_are_tidied() -> None:
    q = Q.criterion_question(Item("K1", CRITERION, "  Experience of  filing &  coding information quickly.. "))
    assert "filing and coding information quickly." in q.text
    _assert_reads_well(q.text, "filing coding information quickly")


def test_a_600_character_criterion_becomes_a_question_and_follow_up_probes_none_cut() -> None:
    text = "Experience of " + ", ".join(
        f"coordinating safeguarding meeting number {n} with partner agencies" for n in range(10)
    )
    text = text[:600].rsplit(",", 1)[0]
    q = Q.criterion_question(Item("K1", CRITERION, text))
    _assert_reads_well(q.text, text)
    assert len(q.text.split()) <= 45 and "\u2026" not in q.text
    spoken = q.text + " ".join(q.probes)
    assert all(f"number {n} " in spoken for n in range(8))


def test_identical_criteria_still_get_different_questions() -> None:
    same = "Experience of working effectively as part of a team"
    profile = _profile(_crit("K1", same), _crit("K2", same, req="desirable"), _crit("K3", same))
    qs = Q.build_question_set(profile)
    for cid in ("K1", "K2", "K3"):  # the plan folds them under a behaviour: the chair asks them on their own
        qs = Q.place_criterion(qs, profile, cid, "asked")
    texts = [qs.question(i).text for i in ("K1", "K2", "K3")]
    assert len(set(texts)) == 3
    for t in texts:
        _assert_reads_well(t, same)


def test_only_interview_criteria_get_questions() -> None:
    profile = _profile(
        _crit("Q1", "Must possess full UK driving licence", ("Application Form",)),
        _crit("K1", "Experience of typing at 35 wpm", ("Typing Test",)),
        _crit(
            "O1", "An acceptable level of sickness absence", ("Attendance to be checked post interview by Recruitment",)
        ),
        _crit("O2", "Willing to travel", ("Interview",)),
    )
    qs = Q.build_question_set(profile)
    assert qs.plan is not None and [p.criterion for p in qs.plan.placements] == ["O2"]
    qs = Q.place_criterion(qs, profile, "O2", "asked")
    assert [i.id for i in qs.items if i.kind == CRITERION] == ["O2"]


# -- behaviours and values from the bank -------------------------------------------------------------
def test_each_behaviour_question_carries_its_own_indicators_and_anchors_not_the_levels_bullets() -> None:
    bank = Q.load_bank()
    level = bank["competencies"]["ownership"]["levels"]
    for n in (1, 2, 3):
        item = Item("ownership", BEHAVIOUR, "We take ownership", level=n, competency="ownership")
        options = Q.bank_questions_for(item)
        assert len(options) == len(level[str(n)]["questions"])
        for q, entry in zip(options, level[str(n)]["questions"]):
            assert list(q.positive) == entry["positive"] and list(q.negative) == entry["negative"]
            assert 3 <= len(q.positive) <= 6 and 3 <= len(q.negative) <= 6
            assert len(q.anchors) == 3 and len(set(q.anchors)) == 3
            assert not any(p.startswith("Level ") for p in q.positive + q.negative)  # not the level's bullets
        assert len({q.anchors for q in options}) == len(options)  # each question its own anchors
    q = Q.build_question_set(_profile(level=3)).question("ownership")
    assert not set(q.positive) & set(level["1"]["positive"])  # level 3 prints no level-1 list


def test_2024_profiles_get_2024_texts_for_the_renamed_competencies() -> None:
    old = Q.build_question_set(_profile(level=2))
    new = Q.build_question_set(_profile(level=2, framework=CVF_2024))
    for slug in ("collaborative", "deliver-support-inspire"):
        assert new.question(slug).text != old.question(slug).text
        assert new.question(slug).origin.startswith("bank:collaborate-2024") or new.question(slug).origin.startswith(
            "bank:support-inspire-2024"
        )
        assert new.question(slug).anchors != old.question(slug).anchors


def test_behaviour_question_comes_from_its_level_in_the_bank_with_the_others_as_alternatives() -> None:
    bank = Q.load_bank()
    for level in (1, 2, 3):
        qs = Q.build_question_set(_profile(level=level))
        for c in COMPETENCIES:
            q = qs.question(c.slug)
            entry = bank["competencies"][c.slug]["levels"][str(level)]["questions"]
            keys = {e["key"]: e["text"] for e in entry}
            key = q.origin.removeprefix("bank:")
            assert key in keys
            assert set(q.alternatives) == {t for k, t in keys.items() if k != key}
            assert q.text not in q.alternatives


def test_different_posts_can_get_different_bank_questions_but_each_post_is_stable() -> None:
    chosen = {Q.build_question_set(_profile(title=f"Post {n}")).question("ownership").origin for n in range(12)}
    assert len(chosen) > 1
    assert Q.build_question_set(_profile(title="Post 3")).question("ownership") == Q.build_question_set(
        _profile(title="Post 3")
    ).question("ownership")


def test_bank_questions_for_offers_every_question_of_the_level() -> None:
    item = Item("collaborative", BEHAVIOUR, "We are collaborative", level=2, competency="collaborative")
    options = Q.bank_questions_for(item, CVF_2016)
    bank = Q.load_bank()
    assert [o.origin for o in options] == [
        f"bank:{e['key']}" for e in bank["competencies"]["collaborative"]["levels"]["2"]["questions"]
    ]
    assert all(o.item_id == "collaborative" and o.positive and o.probes for o in options)
    assert Q.bank_questions_for(Item("K1", CRITERION, "Experience of x"), CVF_2016) == []


@pytest.mark.parametrize("framework, values", [(CVF_2016, VALUES_2016), (CVF_2024, VALUES_2024)])
def test_values_item_uses_the_frameworks_values_questions(framework: str, values: tuple[str, ...]) -> None:
    qs = Q.build_question_set(_profile(framework=framework))
    bank = Q.load_bank()
    item = qs.item("values")
    assert item is not None and item.kind == VALUES
    for q in Q.bank_questions_for(item, framework):
        assert q.origin in {f"bank:{e['key']}" for e in bank["values_questions"][framework]}
        assert q.focus and set(q.focus) < set(values)  # a question targets some of the values
        assert all(v in q.text for v in q.focus)  # and names them aloud
        for v in values:  # scored against the targeted values' indicators only
            targeted = v in q.focus
            assert any(p.startswith(f"{v}: ") for p in q.positive) is targeted, (v, q.focus)
            assert any(n.startswith(f"{v}: ") for n in q.negative) is targeted, (v, q.focus)
        assert 3 <= len(q.positive) <= 6 and len(q.anchors) == 3


def test_without_a_bank_a_question_set_can_still_be_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Q, "load_bank", lambda: None)
    qs = Q.build_question_set(_profile(_crit("K1", "Knowledge of court procedures")))
    assert {i.id for i in qs.items} == {c.slug for c in COMPETENCIES} | {"K1", "values"}
    assert all(qs.question(i.id).text and qs.question(i.id).positive for i in qs.items)
    assert all(qs.question(i.id).origin == "generated" for i in qs.items)
