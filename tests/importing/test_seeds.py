"""The two real role profiles import with the facts a chair would check by eye."""

from __future__ import annotations

import json
from pathlib import Path

from interview_panel.domain.framework import BY_SLUG
from interview_panel.domain.profile import RoleProfile
from interview_panel.importing import import_profile


def _criterion(profile: RoleProfile, startswith: str):
    hits = [c for c in profile.criteria if c.text.startswith(startswith)]
    assert len(hits) == 1, (startswith, [c.text for c in profile.criteria])
    return hits[0]


def test_cse_profile_header_and_responsibilities(seed_cse: Path) -> None:
    p = import_profile(seed_cse)
    assert p.post_title == "CSE (Child Sexual Exploitation) Administration Assistant"
    assert p.grade == "LC 4/5 (With progression arrangements)"
    assert p.job_evaluation == "1537"
    assert p.location == "East/South and West BCU"
    assert p.responsible_to == "Detective Sergeant"
    assert p.last_updated == "November 2019"
    assert p.framework == "CVF-2016"
    assert len(p.key_responsibilities) == 8
    assert p.key_responsibilities[0].startswith("Interrogation of police databases")
    assert not any(r.startswith(("\u00b7", "This is not a comprehensive")) for r in p.key_responsibilities)
    assert p.job_purpose and p.job_purpose.startswith("To provide comprehensive CSE admin")
    assert p.progression is not None and "LC4 On appointment" in p.progression
    assert p.source is not None and p.source.file == seed_cse.name and len(p.source.sha256) == 64


def test_cse_behaviours_all_level_one_by_interview(seed_cse: Path) -> None:
    p = import_profile(seed_cse)
    assert [b.competency for b in p.behaviours] == [c.slug for c in BY_SLUG.values()]
    assert all(b.level == 1 and b.identified_by == ("Interview",) and b.at_interview for b in p.behaviours)
    # "open minded" in the document is given the framework's canonical name
    assert p.behaviour("innovative-open-minded").name == "We are innovative and open-minded"
    assert p.values == ("Integrity", "Impartiality", "Public Service", "Transparency")


def test_cse_criteria_by_section_and_method(seed_cse: Path) -> None:
    p = import_profile(seed_cse)
    assert len(p.criteria) == 23
    assert [len(p.criteria_in(s)) for s in ("qualification", "knowledge_experience", "other")] == [4, 16, 3]
    minutes = _criterion(p, "Experience of taking minutes")  # "Application Form /" wrapped onto "Interview"
    assert minutes.identified_by == ("Application Form", "Interview")
    assert minutes.at_interview and minutes.essential
    sickness = _criterion(p, "An acceptable level of sickness absence")
    assert not sickness.at_interview
    assert sickness.identified_by == (
        "Attendance to be checked post interview by Recruitment for internal staff, via references for external",
    )
    licence = _criterion(p, "Must possess full UK driving licence")
    assert licence.essential and not licence.at_interview
    assert licence.identified_by == ("Application Form", "Typing Test")
    # a row with both cells: essential first, desirable next, sharing the methods
    q1, q2 = p.criteria[0], p.criteria[1]
    assert (q1.id, q1.requirement, q2.id, q2.requirement) == ("Q1", "essential", "Q2", "desirable")
    assert q2.text.startswith("Intermediate typing") and q1.identified_by == q2.identified_by
    # a row with only a desirable cell gives one desirable criterion
    assert _criterion(p, "Customer Service Qualification").requirement == "desirable"


def test_iact_profile(seed_iact: Path) -> None:
    p = import_profile(seed_iact)
    assert (p.post_title, p.grade, p.job_evaluation) == ("IACT Assistant", "LC5", "1586")
    assert p.location == "Headquarters"
    assert p.responsible_to == "Intelligence, Audit and Systems Co-ordinator"
    assert p.last_updated == "May 2020"
    assert p.progression is None
    assert len(p.key_responsibilities) == 12
    assert len(p.criteria) == 12
    assert [c.id for c in p.criteria] == [f"K{i}" for i in range(1, 9)] + [f"O{i}" for i in range(1, 5)]
    text = json.dumps(p.to_json(), ensure_ascii=False)
    assert "[bookmark" not in text and "_GoBack" not in text
    assert _criterion(p, "An acceptable level of sickness absence").text.endswith("Attendance Policy.")
    assert _criterion(p, "Willing to travel").identified_by == ("Application form",)
    assert not _criterion(p, "Willing to travel").at_interview


def test_criterion_ids_are_stable_and_in_document_order(seed_cse: Path, seed_iact: Path) -> None:
    for path in (seed_cse, seed_iact):
        first, second = import_profile(path), import_profile(path)
        assert first.to_json() == second.to_json()
        for section, prefix in (("qualification", "Q"), ("knowledge_experience", "K"), ("other", "O")):
            ids = [c.id for c in first.criteria_in(section)]
            assert ids == [f"{prefix}{i}" for i in range(1, len(ids) + 1)]
        assert first.renumbered().to_json() == first.to_json()
