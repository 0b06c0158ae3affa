"""The bundled question bank: the structure the question sheets rely on, loaded the way the app loads it.

Every behaviour on a role profile (six competencies, levels 1-3, 2016 or 2024 wording) and every value
block must find past-behaviour questions with probes and scoring indicators here; a gap means a panel
gets a thin generated question instead, so these checks fail loudly on any hole or malformed entry.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Any

import pytest

from interview_panel.domain.framework import BY_SLUG, COMPETENCIES, CVF_2016, CVF_2024, FRAMEWORKS, LEVELS, VALUES

SCHEMA = "interview-panel/question-bank/1"
OPENERS = ("Tell us about", "Describe an occasion", "Give us an example")
REFLECTIVE = re.compile(r"differently|learn|hindsight|looking back|since|again|next time|teach", re.IGNORECASE)


@pytest.fixture(scope="module")
def bank() -> dict[str, Any]:
    text = (files("interview_panel.resources") / "question_bank.json").read_text(encoding="utf-8")
    return json.loads(text)


def _level_entries(bank: dict[str, Any]):
    for comp in COMPETENCIES:
        for level in LEVELS:
            yield comp.slug, level, bank["competencies"][comp.slug]["levels"][str(level)]


def _all_questions(bank: dict[str, Any]) -> list[dict[str, Any]]:
    out = [q for _, _, entry in _level_entries(bank) for q in entry["questions"]]
    for fw in FRAMEWORKS:
        out.extend(bank["values_questions"][fw])
    return out


def test_bank_declares_the_schema_the_loader_expects(bank: dict[str, Any]) -> None:
    assert bank["schema"] == SCHEMA


def test_star_probes_cover_every_aspect_of_an_answer(bank: dict[str, Any]) -> None:
    probes = bank["star_probes"]
    assert len(probes) >= 5
    assert {p["aspect"] for p in probes} == {"situation", "task", "action", "result", "reflection"}
    texts = [p["text"].strip() for p in probes]
    assert all(t and t[-1] in "?." for t in texts)
    assert len(set(texts)) == len(texts)


def test_every_competency_has_all_three_levels(bank: dict[str, Any]) -> None:
    assert set(bank["competencies"]) == set(BY_SLUG)
    for comp in COMPETENCIES:
        entry = bank["competencies"][comp.slug]
        assert entry["about"].strip(), comp.slug
        assert set(entry["levels"]) == {"1", "2", "3"}, comp.slug
        for level in LEVELS:
            assert entry["levels"][str(level)]["summary"].strip(), (comp.slug, level)


def test_each_level_has_past_behaviour_questions_with_keys(bank: dict[str, Any]) -> None:
    for slug, level, entry in _level_entries(bank):
        questions = entry["questions"]
        assert len(questions) >= 3, (slug, level)
        for i, q in enumerate(questions):
            assert q["key"] == f"{slug}-{level}{'abcdefghij'[i]}"
            text = q["text"].strip()
            assert text.startswith(OPENERS), q["key"]
            assert text[-1] in "?.", q["key"]


def test_every_question_has_star_and_reflective_probes(bank: dict[str, Any]) -> None:
    for q in _all_questions(bank):
        probes = [p.strip() for p in q["probes"]]
        assert 3 <= len(probes) <= 5, q["key"]
        assert all(p and p[-1] in "?." for p in probes), q["key"]
        assert len(set(probes)) == len(probes), q["key"]
        assert any(REFLECTIVE.search(p) for p in probes), f"{q['key']}: no reflective probe"


def test_question_scope_widens_with_the_level(bank: dict[str, Any]) -> None:
    """Level 1 asks about the candidate's own work; 2 about leading a team; 3 about the organisation."""
    for _slug, level, entry in _level_entries(bank):
        for q in entry["questions"]:
            text = q["text"].lower()
            if level == 1:
                assert not re.search(r"your team|organisation|supervis", text), q["key"]
            elif level == 2:
                assert re.search(r"team|supervis|leading", text), q["key"]
            else:
                assert re.search(r"organisation|senior|large area|stakeholder", text), q["key"]


def test_indicators_per_level_and_no_repeats_when_levels_combine(bank: dict[str, Any]) -> None:
    for comp in COMPETENCIES:
        combined_pos: list[str] = []
        combined_neg: list[str] = []
        for level in LEVELS:
            entry = bank["competencies"][comp.slug]["levels"][str(level)]
            assert 4 <= len(entry["positive"]) <= 6, (comp.slug, level)
            assert 4 <= len(entry["negative"]) <= 6, (comp.slug, level)
            assert all(t.strip() for t in entry["positive"] + entry["negative"])
            combined_pos += entry["positive"]
            combined_neg += entry["negative"]
        # a level-3 sheet shows levels 1-3 together: the same indicator must not appear twice
        assert len(set(combined_pos)) == len(combined_pos), comp.slug
        assert len(set(combined_neg)) == len(combined_neg), comp.slug
        assert not set(combined_pos) & set(combined_neg), comp.slug


def test_question_texts_are_unique_across_the_bank(bank: dict[str, Any]) -> None:
    texts = [q["text"].strip().lower() for q in _all_questions(bank)]
    assert len(set(texts)) == len(texts)
    keys = [q["key"] for q in _all_questions(bank)]
    assert len(set(keys)) == len(keys)


def test_names_match_the_framework_including_2024_renames(bank: dict[str, Any]) -> None:
    for comp in COMPETENCIES:
        names = bank["competencies"][comp.slug]["names"]
        assert names == {CVF_2016: comp.name_2016, CVF_2024: comp.name_2024}
    assert bank["competencies"]["collaborative"]["names"][CVF_2024] == "We collaborate"
    assert bank["competencies"]["deliver-support-inspire"]["names"][CVF_2024] == "We support and inspire"
    assert bank["competencies"]["collaborative"]["names"][CVF_2016] == "We are collaborative"


def test_values_of_both_frameworks_have_indicators(bank: dict[str, Any]) -> None:
    for fw in FRAMEWORKS:
        table = bank["values"][fw]
        assert list(table) == list(VALUES[fw]), fw
        for name, entry in table.items():
            assert entry["about"].strip(), (fw, name)
            assert 3 <= len(entry["positive"]) <= 5, (fw, name)
            assert 3 <= len(entry["negative"]) <= 5, (fw, name)


def test_values_questions_for_each_framework(bank: dict[str, Any]) -> None:
    for fw, tag in ((CVF_2016, "2016"), (CVF_2024, "2024")):
        questions = bank["values_questions"][fw]
        assert len(questions) >= 3, fw
        for i, q in enumerate(questions):
            assert q["key"] == f"values-{tag}-{'abcdefghij'[i]}"
            assert q["text"].strip().startswith(OPENERS), q["key"]
            assert q["text"].strip()[-1] in "?.", q["key"]


def test_texts_use_uk_spelling_and_no_placeholders(bank: dict[str, Any]) -> None:
    text = json.dumps(bank, ensure_ascii=False).lower()
    for bad in ("organization", "behavior", "prioritiz", "analyz", "recogniz", "lorem", "todo", "tbd", "xxx"):
        assert bad not in text, bad


def _behaviour_questions(bank: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for comp in bank["competencies"].values():
        for table in ("levels", "levels_2024"):
            for entry in (comp.get(table) or {}).values():
                out += entry["questions"]
    return out


def test_every_behaviour_question_has_its_own_indicators_and_anchors(bank: dict[str, Any]) -> None:
    questions = _behaviour_questions(bank)
    assert len(questions) >= 54
    for q in questions:
        assert 3 <= len(q["positive"]) <= 6 and 3 <= len(q["negative"]) <= 6, q["key"]
        assert len(q["anchors"]) == 3 and all(len(a.split()) >= 6 for a in q["anchors"]), q["key"]
        assert not set(q["positive"]) & set(q["negative"]), q["key"]
    anchors = [tuple(q["anchors"]) for q in questions]
    assert len(set(anchors)) == len(anchors)  # anchors describe an answer to that question, not the scale


def test_no_indicator_rewards_recent_experience(bank: dict[str, Any]) -> None:
    texts = [t for q in _behaviour_questions(bank) for t in q["positive"] + q["negative"] + q["anchors"]]
    texts += [t for fw in bank["values"].values() for v in fw.values() for t in v["positive"] + v["negative"]]
    assert texts and not [t for t in texts if re.search(r"\brecent(ly)?\b", t, re.I)]


def test_2024_texts_exist_for_the_renamed_competencies(bank: dict[str, Any]) -> None:
    for slug in ("collaborative", "deliver-support-inspire"):
        own = bank["competencies"][slug]["levels_2024"]
        assert set(own) == {"1", "2", "3"}
        shared = {q["text"] for e in bank["competencies"][slug]["levels"].values() for q in e["questions"]}
        assert not {q["text"] for e in own.values() for q in e["questions"]} & shared


def test_each_values_question_names_its_target_values_and_has_anchors(bank: dict[str, Any]) -> None:
    for fw, questions in bank["values_questions"].items():
        known = set(bank["values"][fw])
        for q in questions:
            assert q["values"] and set(q["values"]) <= known, q["key"]
            assert len(q["anchors"]) == 3, q["key"]
