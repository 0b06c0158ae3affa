"""load_profile reads every supported form; profile_summary shows a chair what will be asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_panel.domain.errors import ProfileImportError
from interview_panel.services.profiles import load_profile, profile_summary

from ..conftest import DATA


@pytest.mark.parametrize(
    "name",
    [
        "sample_admin_l1.txt",
        "sample_admin_l1_libreoffice.txt",
        "sample_admin_l1.docx",
        "sample_supervisor_l2.txt",
        "sample_supervisor_l2.docx",
    ],
)
def test_load_profile_reads_samples(name: str) -> None:
    p = load_profile(DATA / name)
    assert p.post_title and len(p.behaviours) == 6 and p.criteria and not p.problems()
    assert p.source is not None and p.source.file == name


def test_load_profile_accepts_str_paths() -> None:
    assert load_profile(str(DATA / "sample_admin_l1.txt")).post_title


def test_load_profile_refuses_with_the_project_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileImportError, match="nothing.docx"):
        load_profile(tmp_path / "nothing.docx")


def test_summary_of_supervisor_sample() -> None:
    p = load_profile(DATA / "sample_supervisor_l2.txt")
    text = profile_summary(p)
    head = text.split("\n\n")[0]
    for expected in (
        "Contact Centre Team Supervisor",
        "PO1",
        "3318",
        "Force Contact Centre, Kellbrook",
        "Contact Centre Duty Manager",
    ):
        assert expected in head
    # every behaviour with its level and how it is identified
    assert "We support and inspire" in text and "level 3" in text
    assert "We analyse critically" in text and "by Presentation" in text
    asked, _, not_asked = text.partition("Asked at interview")[2].partition("Not asked at interview")
    assert "We support and inspire (level 3)" in asked
    assert "We analyse critically" not in asked and "We analyse critically" in not_asked
    assert "Values: Courage, Respect and empathy, Public service" in asked
    at_interview = [c.id for c in p.criteria if c.at_interview]
    not_at_interview = [c.id for c in p.criteria if not c.at_interview]
    assert at_interview and not_at_interview
    for cid in at_interview:
        assert f"- {cid} " in asked
    for cid in not_at_interview:
        assert f"- {cid} " not in asked and f"- {cid} " in not_asked


def test_summary_groups_criteria_with_requirement_and_methods(seed_cse: Path) -> None:
    text = profile_summary(load_profile(seed_cse))
    sections = [line.strip() for line in text.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert sections.index("Qualifications") < sections.index("Knowledge / experience") < sections.index("Other")
    assert "Q1  E  Must possess full UK driving licence" in text
    assert "Q2  D  Intermediate typing" in text
    assert "by Application Form / Typing Test" in text
    assert "- Q1 E Must possess full UK driving licence by Application Form / Typing Test" in text


def test_summary_says_when_fields_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "bare.txt"
    path.write_text("Post Title:\nClerk\nWe take ownership\n1\nInterview\n", encoding="utf-8")
    text = profile_summary(load_profile(path))
    assert "Grade:          (not given)" in text and "JE:             (not given)" in text
    assert "Values: (none found)" in text
