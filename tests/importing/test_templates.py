"""Six sample templates of an invented force (scripts/make_profile_templates.py) import to the profile they
describe, whichever form they come in (Word text export, LibreOffice text export, .docx and, for three, a PDF
made by LibreOffice; the LibreOffice files come from scripts/make_profile_lotext.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_panel.importing import import_profile

from .importing_helpers import without_source

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"
NAMES = sorted(p.stem.removesuffix(".expected") for p in TEMPLATES.glob("*.expected.json"))
PDFS = sorted(p.stem for p in TEMPLATES.glob("*.pdf"))
LO = "_libreoffice.txt"  # LibreOffice "save as text": one cell a line, no tabs, no row separators


def _expected(name: str) -> dict:
    return json.loads((TEMPLATES / f"{name}.expected.json").read_text(encoding="utf-8"))


def test_six_templates_three_pdfs() -> None:
    assert len(NAMES) >= 6 and len(PDFS) >= 3
    for name in NAMES:
        assert (TEMPLATES / f"{name}.docx").exists() and (TEMPLATES / f"{name}.txt").exists()
        assert (TEMPLATES / f"{name}{LO}").exists()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("ext", ["txt", "docx"])
def test_template_gives_its_profile(name: str, ext: str) -> None:
    data = import_profile(TEMPLATES / f"{name}.{ext}").to_json()
    assert data["source"]["file"] == f"{name}.{ext}"
    assert without_source(data) == without_source(_expected(name))


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_text_gives_the_docx_profile(name: str) -> None:
    text = (TEMPLATES / f"{name}{LO}").read_text(encoding="utf-8-sig")
    assert not any(line.startswith("\t") for line in text.splitlines())  # no tabbed cells: not Word's layout
    data = import_profile(TEMPLATES / f"{name}{LO}").to_json()
    assert data["source"]["file"] == f"{name}{LO}"
    assert without_source(data) == without_source(import_profile(TEMPLATES / f"{name}.docx").to_json())
    assert without_source(data) == without_source(_expected(name))


def test_libreoffice_tables_read_by_their_columns() -> None:
    analyst = import_profile(TEMPLATES / f"hollowmere_analyst{LO}")  # row labels, an E/D column, codes
    assert [(c.id, c.requirement) for c in analyst.criteria][:2] == [("Q1", "essential"), ("Q2", "desirable")]
    assert analyst.criterion("O1").identified_by == ("Vetting check",)
    assert [(b.name, b.level) for b in analyst.behaviours][2:4] == [
        ("We collaborate", 2),
        ("We support and inspire", 1),
    ]
    assert analyst.behaviour("analyse-critically").identified_by == ("Presentation", "Interview")
    forensic = import_profile(TEMPLATES / f"hollowmere_forensic{LO}")
    assert forensic.criterion("K1").identified_by == ("Portfolio review",)
    assert forensic.criterion("K4").identified_by == ()


@pytest.mark.parametrize("name", PDFS)
def test_same_profile_from_docx_text_and_pdf(name: str) -> None:
    jsons = [import_profile(TEMPLATES / f"{name}.{ext}").to_json() for ext in ("docx", "txt", "pdf")]
    assert without_source(jsons[0]) == without_source(jsons[1]) == without_source(jsons[2])


def test_header_fields_in_other_wordings() -> None:
    analyst = import_profile(TEMPLATES / "hollowmere_analyst.txt")
    assert (analyst.post_title, analyst.grade, analyst.job_evaluation) == ("Performance Analyst", "SO1", "A671")
    assert analyst.location == "Force Headquarters, Hollowmere"  # not "Corporate Services" (Directorate)
    assert analyst.responsible_to == "Head of Performance and Insight"
    dispatcher = import_profile(TEMPLATES / "hollowmere_dispatcher.txt")
    assert (dispatcher.post_title, dispatcher.grade, dispatcher.job_evaluation, dispatcher.location) == (
        "Control Room Dispatcher",
        "4",
        "2204",
        "Northgate Police Station",
    )
    assert dispatcher.job_purpose.startswith("To send the right officers")
    custody = import_profile(TEMPLATES / "hollowmere_custody.docx")
    assert custody.job_purpose.startswith("To look after people")  # the template's "Defines ..." is not it
    assert custody.key_responsibilities[0] == "Book detained people in and out and record their property accurately"
    assert len(custody.key_responsibilities) == 4 and not any("%" in r for r in custody.key_responsibilities)


def test_behaviours_in_every_form() -> None:
    analyst = import_profile(TEMPLATES / "hollowmere_analyst.docx")
    assert analyst.framework == "CVF-2024"
    assert [(b.name, b.level) for b in analyst.behaviours][2:4] == [
        ("We collaborate", 2),
        ("We support and inspire", 1),
    ]
    assert analyst.behaviour("analyse-critically").identified_by == ("Presentation", "Interview")  # key codes
    dispatcher = import_profile(TEMPLATES / "hollowmere_dispatcher.docx")
    assert [b.level for b in dispatcher.behaviours] == [1] * 6
    assert all(b.identified_by == ("Interview",) for b in dispatcher.behaviours)
    custody = import_profile(TEMPLATES / "hollowmere_custody.txt")  # "Level 1 in all six competencies"
    assert len(custody.behaviours) == 6 and all(b.level == 1 and b.at_interview for b in custody.behaviours)
    supervisor = import_profile(TEMPLATES / "hollowmere_supervisor.txt")  # no method column, one sentence
    assert supervisor.behaviour("innovative-open-minded").level == 1
    assert supervisor.behaviour("ownership").identified_by == ("Assessment centre", "Interview")


def test_criteria_in_every_form() -> None:
    analyst = import_profile(TEMPLATES / "hollowmere_analyst.txt")
    assert [c.id for c in analyst.criteria] == ["Q1", "Q2", "K1", "K2", "K3", "K4", "K5", "O1"]
    assert analyst.criterion("K2").text == "Experience of cleaning and joining data from more than one system"
    assert analyst.criterion("Q2").requirement == "desirable"
    assert analyst.criterion("O1").identified_by == ("Vetting check",)
    custody = import_profile(TEMPLATES / "hollowmere_custody.txt")
    assert custody.criterion("K1").identified_by == ("Application form", "Interview")  # "and" + line break
    assert custody.criterion("Q1").requirement == "desirable" and "(D)" not in custody.criterion("Q1").text
    forensic = import_profile(TEMPLATES / "hollowmere_forensic.txt")
    assert forensic.criterion("K1").identified_by == ("Portfolio review",)  # unfamiliar method kept
    assert forensic.criterion("K4").identified_by == ()  # no method: the chair decides
    assert "1 criterion has no assessment method" in forensic.warnings
    dispatcher = import_profile(TEMPLATES / "hollowmere_dispatcher.txt")
    assert [(c.requirement, c.identified_by) for c in dispatcher.criteria] == [
        ("essential", ("Application form", "Interview"))
    ] * 3 + [("desirable", ("Shortlisting",))]


def test_a_profile_without_behaviours_imports_with_a_warning() -> None:
    volunteer = import_profile(TEMPLATES / "hollowmere_volunteer.docx")
    assert volunteer.post_title == "Volunteer Programme Coordinator" and not volunteer.behaviours
    assert volunteer.warnings[0] == "No CVF behaviours found: add them in the editor"
    assert volunteer.criterion("K1").identified_by == ("Shortlisting", "Interview")
