"""The same role profile as Word text, LibreOffice text and .docx gives identical JSON (apart from source)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_panel.importing import import_profile

from ..conftest import DATA, real_profiles
from .importing_helpers import without_source, word_to_docx, word_to_libreoffice, word_to_libreoffice_export, write

SAMPLES = ("sample_admin_l1", "sample_supervisor_l2")


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_in_three_forms_gives_one_profile(name: str) -> None:
    forms = [DATA / f"{name}.txt", DATA / f"{name}_libreoffice.txt", DATA / f"{name}.docx"]
    jsons = [import_profile(f).to_json() for f in forms]
    assert [j["source"]["file"] for j in jsons] == [f.name for f in forms]
    assert len({j["source"]["sha256"] for j in jsons}) == 3
    assert without_source(jsons[0]) == without_source(jsons[1]) == without_source(jsons[2])
    # the layouts really differ: tabs and blank row separators only in Word's text, CRLF in LibreOffice's
    word, lo = forms[0].read_bytes(), forms[1].read_bytes()
    assert b"\t" in word and b"\t" not in lo and b"\r\n" in lo


@pytest.mark.parametrize("path", real_profiles(), ids=lambda p: p.name)
def test_real_profile_converted_to_libreoffice_and_docx(path: Path, tmp_path: Path) -> None:
    word = path.read_text(encoding="utf-8")
    expected = without_source(import_profile(path).to_json())
    lo = write(tmp_path, "as_libreoffice.txt", word_to_libreoffice(word))
    dx = write(tmp_path, "as_word.docx", word_to_docx(word))
    assert without_source(import_profile(lo).to_json()) == expected
    assert without_source(import_profile(dx).to_json()) == expected


TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"
WORD_TEXTS = [
    *real_profiles(),
    DATA / "sample_admin_l1.txt",
    DATA / "sample_supervisor_l2.txt",
    *sorted(p for p in TEMPLATES.glob("*.txt") if not p.stem.endswith("_libreoffice")),
]


@pytest.mark.parametrize("convert", [word_to_libreoffice, word_to_libreoffice_export])
@pytest.mark.parametrize("path", WORD_TEXTS, ids=lambda p: p.name)
def test_any_table_layout_as_libreoffice_text(path: Path, convert, tmp_path: Path) -> None:
    """Each document's Word text turned into LibreOffice's layout (with or without a blank line after each
    paragraph, one blank line after each table as LibreOffice writes it) reads to the same profile: tables
    with row labels, E/D columns, behaviour columns in any order, cells of several lines."""
    expected = without_source(import_profile(path).to_json())
    lo = write(tmp_path, "as_libreoffice.txt", convert(path.read_text(encoding="utf-8")))
    assert without_source(import_profile(lo).to_json()) == expected


NUMBERED_TABLES = """Ashcombe Police - Role Profile

	Post Title
	Fleet Coordinator

	Grade
	Scale 5

Job Purpose
To keep the force's vehicles safe, legal and available for duty.

Competencies

	Method
	CVF competency
	CVF level

	Interview
	We take ownership
	Level 2

	Interview / Presentation
	We analyse critically
	Level 1

	Interview
	We are emotionally aware
	Level 1

Person specification

	Area
	Ref
	Requirement
	E/D
	Assessment method

	Qualifications
	1
	A full UK driving licence
	E
	Certificate check

\t
	2
	A fleet management qualification
	D
	Application form

	Experience
	3
	Experience of booking vehicles in for servicing and repairs
	E
	Application form and
Interview

\t
	4
	Experience of working with suppliers on contracts
	D
	Interview

Key: none
"""


@pytest.mark.parametrize("convert", [word_to_libreoffice, word_to_libreoffice_export])
def test_libreoffice_tables_with_reference_and_area_columns(convert, tmp_path: Path) -> None:
    """A criteria table with a headed row-label column ("Area") and a reference column ("Ref"), and a
    behaviour table headed "Method | CVF competency | CVF level", read alike from LibreOffice text, Word
    text and .docx."""
    word = write(tmp_path, "word.txt", NUMBERED_TABLES)
    forms = [
        word,
        write(tmp_path, "lo.txt", convert(NUMBERED_TABLES)),
        write(tmp_path, "word.docx", word_to_docx(NUMBERED_TABLES)),
    ]
    jsons = [without_source(import_profile(f).to_json()) for f in forms]
    assert jsons[1] == jsons[0] == jsons[2]
    p = import_profile(forms[1])
    assert [(c.id, c.requirement) for c in p.criteria] == [
        ("Q1", "essential"),
        ("Q2", "desirable"),
        ("K1", "essential"),
        ("K2", "desirable"),
    ]
    assert p.criterion("K1").identified_by == ("Application form", "Interview")
    assert p.criterion("Q1").text == "A full UK driving licence"
    assert [(b.competency, b.level) for b in p.behaviours] == [
        ("ownership", 2),
        ("analyse-critically", 1),
        ("emotionally-aware", 1),
    ]
    assert p.behaviour("analyse-critically").identified_by == ("Interview", "Presentation")


def test_admin_sample_content() -> None:
    p = import_profile(DATA / "sample_admin_l1.docx")
    assert p.framework == "CVF-2016" and p.job_evaluation == "2104" and p.grade == "Scale 3"
    assert len(p.behaviours) == 6
    assert all(b.level == 1 and b.identified_by == ("Interview",) for b in p.behaviours)
    methods = {m for c in p.criteria for m in c.identified_by}
    assert {"Application Form", "Interview", "Typing Test"} <= methods
    assert {c.section for c in p.criteria} == {"qualification", "knowledge_experience", "other"}
    assert p.progression is None and p.last_updated == "March 2025"


def test_supervisor_sample_content() -> None:
    p = import_profile(DATA / "sample_supervisor_l2_libreoffice.txt")
    assert p.framework == "CVF-2024"  # "We collaborate", "We support and inspire", 2024 values
    assert p.values == ("Courage", "Respect and empathy", "Public service")
    assert p.behaviour("collaborative").name == "We collaborate"
    assert {b.level for b in p.behaviours} == {2, 3}
    assert p.behaviour("deliver-support-inspire").level == 3
    assert not p.behaviour("analyse-critically").at_interview  # Presentation only
    assert {m for b in p.behaviours for m in b.identified_by} == {
        "Interview",
        "Assessment Centre",
        "Presentation",
        "Application Form",
    }
    desirable_only = [c for c in p.criteria if c.text.startswith("Experience of building staff rotas")]
    assert len(desirable_only) == 1 and desirable_only[0].requirement == "desirable"
    assert (p.grade, p.job_evaluation) == ("PO1", "3318")  # the JE shares the grade cell
    assert p.progression and "\u2022 deputise for the duty manager" in p.progression


def test_sample_json_is_the_documented_contract() -> None:
    data = import_profile(DATA / "sample_admin_l1.txt").to_json()
    assert list(data) == [
        "schema",
        "source",
        "framework",
        "post_title",
        "grade",
        "job_evaluation",
        "location",
        "responsible_to",
        "job_purpose",
        "key_responsibilities",
        "behaviours",
        "values",
        "criteria",
        "progression",
        "last_updated",
    ]
    json.dumps(data)  # serialisable as is
