"""The reading rules of DESIGN.md, each shown on a small hand-made document."""

from __future__ import annotations

import pytest

from interview_panel.domain.errors import ProfileImportError
from interview_panel.importing import parse_text


def lo(*lines: str) -> str:
    """LibreOffice layout: one cell per line."""
    return "\n".join(lines) + "\n"


HEADER = (
    "Post Title:",
    "Records Clerk",
    "Grade:",
    "LC3",
    "JE: 1201",
    "Location:",
    "Northgate",
    "Responsible to:",
    "Records Supervisor",
)


def test_libreoffice_layout_with_variant_headings() -> None:
    p = parse_text(
        lo(
            *HEADER,
            "Behaviours :",
            "Behaviour",
            "Level",
            "To be Identified by",
            "We are emotionally aware",
            "",
            "2",
            "Interview",
            "We are innovative and open-minded",
            "1",
            "Presentation / Interview",
            "Values :",
            "Integrity",
            "Impartiality",
            "Qualification",
            "Essential",
            "Desirable",
            "To be identified by",
            "Five GCSEs",
            "",
            "Application Form",
            "Knowledge/Experience",
            "",
            "Experience of records work",
            "Application Form / Interview",
            "Others",
            "A good attendance record",
            "",
            "Attendance to be checked post interview by HR, via references for others",
        )
    )
    assert (p.post_title, p.grade, p.job_evaluation, p.location, p.responsible_to) == (
        "Records Clerk",
        "LC3",
        "1201",
        "Northgate",
        "Records Supervisor",
    )
    assert [(b.competency, b.level, b.identified_by) for b in p.behaviours] == [
        ("emotionally-aware", 2, ("Interview",)),
        ("innovative-open-minded", 1, ("Presentation", "Interview")),
    ]
    assert [(c.id, c.section, c.requirement) for c in p.criteria] == [
        ("Q1", "qualification", "essential"),
        ("K1", "knowledge_experience", "desirable"),
        ("O1", "other", "essential"),
    ]
    # a method sentence is one method, commas and all, and it is not "Interview"
    assert p.criteria[2].identified_by == ("Attendance to be checked post interview by HR, via references for others",)
    assert not p.criteria[2].at_interview
    assert p.values == ("Integrity", "Impartiality")


def test_cvf_2024_wording_sets_framework_and_names() -> None:
    p = parse_text(
        lo(
            "Post Title:",
            "Analyst",
            "We collaborate",
            "2",
            "Interview",
            "We deliver, support and inspire",
            "2",
            "Interview",
            "Values",
            "Courage",
            "Respect and empathy",
            "Public service",
        )
    )
    assert p.framework == "CVF-2024"
    assert [b.name for b in p.behaviours] == ["We collaborate", "We support and inspire"]
    assert p.values == ("Courage", "Respect and empathy", "Public service")


def test_2024_values_alone_set_the_framework() -> None:
    p = parse_text(lo("Post Title:", "Analyst", "We take ownership", "1", "Interview", "Values :", "Courage"))
    assert p.framework == "CVF-2024"


def test_2016_is_the_default_and_public_service_keeps_its_2016_spelling() -> None:
    p = parse_text(lo("Post Title:", "Analyst", "We are collaborative", "1", "Interview", "Values :", "Public service"))
    assert p.framework == "CVF-2016" and p.values == ("Public Service",)


def test_je_in_the_grade_cell_and_absent_fields_are_null() -> None:
    p = parse_text(
        "\tPost Title:\n\tClerk\n\n\tGrade:\n\tLC5 (JE: 1586)\n\n\tBehaviours :\n\n"
        "\tWe take ownership\n\t1\n\tInterview\n"
    )
    assert (p.grade, p.job_evaluation) == ("LC5", "1586")
    assert p.location is None and p.responsible_to is None and p.last_updated is None
    assert p.progression is None and p.job_purpose is None and p.values == ()


def test_behaviour_without_a_level_is_not_guessed() -> None:
    p = parse_text(
        lo("Post Title:", "Clerk", "We take ownership", "Interview", "We analyse critically", "3", "Interview")
    )
    assert [(b.competency, b.level) for b in p.behaviours] == [("analyse-critically", 3)]


def test_last_updated_and_progression() -> None:
    p = parse_text(
        lo(
            *HEADER,
            "We take ownership",
            "1",
            "Interview",
            "Please note the terms used.\t\t\tDate last updated:  November 2019",
            " PROGRESSION ARRANGEMENTS ",
            "LC3 on appointment",
            "\u00b7 LC4 after a year",
        )
    )
    assert p.last_updated == "November 2019"
    assert p.progression == "LC3 on appointment\n\u2022 LC4 after a year"


def test_key_responsibilities_are_the_bullets_after_the_intro() -> None:
    p = parse_text(
        lo(
            *HEADER,
            "Key Responsibilities:",
            "This is not a comprehensive list of all the tasks.",
            "\u00b7 File records",
            "\u2022 Answer the phone",
            "- Order stationery",
            "Behaviours :",
            "We take ownership",
            "1",
            "Interview",
        )
    )
    assert p.key_responsibilities == ("File records", "Answer the phone", "Order stationery")


def test_key_responsibilities_without_bullets_skip_the_intro() -> None:
    p = parse_text(
        lo(
            *HEADER,
            "Key Responsibilities:",
            "The duties include:",
            "File records",
            "Answer the phone",
            "Behaviours :",
            "We take ownership",
            "1",
            "Interview",
        )
    )
    assert p.key_responsibilities == ("File records", "Answer the phone")


def test_word_layout_row_with_both_cells_shares_methods_and_ids_follow_rows() -> None:
    text = (
        "\tPost Title:\n\tClerk\n\n\tKnowledge / Experience\n\n\tEssential\n\tDesirable\n\tTo be identified by\n\n"
        "\tExperience A\n\tExperience B\n\tApplication Form /\nInterview\n\n"
        "\t\n\tExperience C\n\tInterview\n\n\tExperience D\n\t\n\tTyping Test\n"
    )
    p = parse_text(text)
    assert [(c.id, c.requirement, c.text, c.identified_by) for c in p.criteria] == [
        ("K1", "essential", "Experience A", ("Application Form", "Interview")),
        ("K2", "desirable", "Experience B", ("Application Form", "Interview")),
        ("K3", "desirable", "Experience C", ("Interview",)),
        ("K4", "essential", "Experience D", ("Typing Test",)),
    ]


def test_word_artefacts_are_removed_everywhere() -> None:
    p = parse_text(
        lo(
            "Post Title:",
            "[bookmark: _GoBack]Clerk",
            "Other",
            "Essential",
            "Desirable",
            "To be identified by",
            "[bookmark: _GoBack]Able to travel",
            "",
            "Interview",
        )
    )
    assert p.post_title == "Clerk" and p.criteria[0].text == "Able to travel"


@pytest.mark.parametrize("text", ["", "hello", "Integrity\nImpartiality\n", "We take ownership\n"])
def test_no_title_behaviours_criteria_or_duties_is_not_a_role_profile(text: str) -> None:
    with pytest.raises(ProfileImportError, match="not a role profile"):
        parse_text(text, name="thing.txt")


def test_a_post_title_alone_imports_with_warnings_instead_of_a_refusal() -> None:
    p = parse_text("Post Title:\nClerk\n", name="thing.txt")
    assert p.post_title == "Clerk"
    assert "No CVF behaviours found: add them in the editor" in p.warnings
    assert p.to_json()["warnings"] == list(p.warnings)


def test_values_listed_in_one_cell() -> None:
    p = parse_text(
        lo(
            "Post Title:",
            "Analyst",
            "We take ownership",
            "1",
            "Interview",
            "Values :",
            "Courage, Respect and empathy and Public service",
        )
    )
    assert p.values == ("Courage", "Respect and empathy", "Public service") and p.framework == "CVF-2024"


def test_values_are_not_picked_out_of_prose() -> None:
    p = parse_text(
        lo(
            "Post Title:",
            "Analyst",
            "We take ownership",
            "1",
            "Interview",
            "Values :",
            "Staff are expected to act with integrity and impartiality at all times.",
            "Transparency",
        )
    )
    assert p.values == ("Transparency",)


def test_a_single_method_code_after_a_criterion_is_expanded_by_the_key() -> None:
    p = parse_text(
        "Job Title: Researcher\n\nEssential criteria\n\n\u00b7 Able to use spreadsheets (A)\n\n"
        "\u00b7 Holds a GCSE grade 4 (C)\n\nKey: A = Application form, I = Interview\n"
    )
    assert [(c.text, c.identified_by) for c in p.criteria] == [
        ("Able to use spreadsheets", ("Application form",)),
        ("Holds a GCSE grade 4 (C)", ()),  # "C" is not in the key: part of the text
    ]
