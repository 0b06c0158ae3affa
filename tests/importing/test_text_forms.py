"""Plain text typed or pasted rather than exported by Word or LibreOffice: a label and its value on one
tab-separated line, the values named in one sentence, criteria listed under "Essential"/"Desirable" headings
(bulleted or numbered) and criteria lines marked "(E)"/"(D)"."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_panel.services.profiles import load_profile

BEHAVIOUR = "Behaviours\nWe take ownership\tLevel 1\tInterview\n"


def profile(tmp_path: Path, text: str) -> dict:
    f = tmp_path / "p.txt"
    f.write_text(text, encoding="utf-8")
    return load_profile(f).to_json()


@pytest.mark.parametrize(
    "label, field",
    [
        ("Job Title", "post_title"),
        ("Post Title", "post_title"),
        ("Current Grade", "grade"),
        ("Scale", "grade"),
        ("Work Location", "location"),
        ("Accountable to", "responsible_to"),
        ("Line Manager", "responsible_to"),
    ],
)
def test_label_and_value_on_one_tab_separated_line(tmp_path: Path, label: str, field: str) -> None:
    d = profile(tmp_path, f"Role Profile\n{label}\tCase Progression Unit Lead\n\n{BEHAVIOUR}")
    assert d[field] == "Case Progression Unit Lead"


@pytest.mark.parametrize(
    "line, values, framework",
    [
        (
            "Values: Courage, Respect and empathy, Public service.",
            ["Courage", "Respect and empathy", "Public service"],
            "CVF-2024",
        ),
        (
            "Our values: Integrity, Impartiality, Public Service and Transparency.",
            ["Integrity", "Impartiality", "Public Service", "Transparency"],
            "CVF-2016",
        ),
        (
            "The values are Courage, Respect and empathy and Public service.",
            ["Courage", "Respect and empathy", "Public service"],
            "CVF-2024",
        ),
    ],
)
def test_values_in_one_sentence_in_any_section(tmp_path: Path, line: str, values: list[str], framework: str) -> None:
    d = profile(
        tmp_path,
        f"Job Title: Records Clerk\n\nJob Purpose\nTo keep the force's records in order.\n\n{line}\n\n{BEHAVIOUR}",
    )
    assert d["values"] == values and d["framework"] == framework
    assert d["job_purpose"] == "To keep the force's records in order."


@pytest.mark.parametrize("bullet", ["- ", "\u2022 ", "1. ", "2) "])
def test_criteria_listed_under_essential_and_desirable_headings(tmp_path: Path, bullet: str) -> None:
    d = profile(
        tmp_path,
        "Job Title: Analyst\n\nKnowledge / Experience\nEssential:\n"
        f"{bullet}Experience of analysing crime data\n{bullet}Working knowledge of data protection law\n"
        f"Desirable\n{bullet}Experience of producing network charts\n\n{BEHAVIOUR}",
    )
    got = [(c["id"], c["requirement"], c["text"]) for c in d["criteria"]]
    assert got == [
        ("K1", "essential", "Experience of analysing crime data"),
        ("K2", "essential", "Working knowledge of data protection law"),
        ("K3", "desirable", "Experience of producing network charts"),
    ]


def test_criteria_lines_marked_inline_without_bullets(tmp_path: Path) -> None:
    d = profile(
        tmp_path,
        "Job Title: Complaints Officer\n\nExperience\nExperience of handling complaints (E)\n"
        "Experience of the records system [D]\n\nQualifications\nGCSE English or equivalent (Essential)\n"
        f"\n{BEHAVIOUR}",
    )
    got = [(c["id"], c["section"], c["requirement"], c["text"]) for c in d["criteria"]]
    assert sorted(got) == [
        ("K1", "knowledge_experience", "essential", "Experience of handling complaints"),
        ("K2", "knowledge_experience", "desirable", "Experience of the records system"),
        ("Q1", "qualification", "essential", "GCSE English or equivalent"),
    ]
