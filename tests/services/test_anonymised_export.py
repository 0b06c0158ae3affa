"""Anonymised export for research (issue 17 item 3): `export xlsx --anonymise` writes the HR workbook with
references replaced by random ids and no name, reference, note, rationale or monitoring text of the campaign
in any cell; the Audit sheet has its headers only; scores and outcomes are as in the full workbook."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.services.test_privacy import NAMES, NOTES, RATIONALES, fill, run

MEMBERS = ("Ann Chair", "Bob Member")
REFS = ("R01", "R02", "R03")


def cells(path: Path) -> dict[str, list[list[object]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def test_anonymised_workbook_holds_no_personal_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "anon.db"
    cid = fill(db, tmp_path)
    full, anon = tmp_path / "full.xlsx", tmp_path / "anon.xlsx"
    assert run(capsys, "export", "xlsx", "--db", db, "--campaign", cid, "-o", full)[0] == 0
    code, _out, err = run(capsys, "export", "xlsx", "--db", db, "--campaign", cid, "-o", anon, "--anonymise")
    assert code == 0, err
    sheets = cells(anon)
    everything = [str(v) for rows in sheets.values() for row in rows for v in row if v not in ("", None)]
    forbidden = (*NAMES, *NOTES, *RATIONALES, *MEMBERS, *REFS, "Zoroastrianx", "Religion")
    for text in forbidden:
        hits = [v for v in everything if text in v]
        assert not hits, (text, hits[:3])
    full_sheets = cells(full)
    assert any(NAMES[0] in str(v) for row in full_sheets["Results"] for v in row)  # the full one does hold them
    assert len(sheets["Audit"]) == 1 and sheets["Audit"][0] == full_sheets["Audit"][0]  # headers only
    head = sheets["Results"][0]
    ref_col, total_col, outcome_col = head.index("Candidate reference"), head.index("Total"), head.index("Outcome")
    ids = [row[ref_col] for row in sheets["Results"][1:]]
    assert len(set(ids)) == 3 and all(str(i).startswith("A-") for i in ids)
    fhead = full_sheets["Results"][0]
    assert Counter((r[total_col], r[outcome_col]) for r in sheets["Results"][1:]) == Counter(
        (r[fhead.index("Total")], r[fhead.index("Outcome")]) for r in full_sheets["Results"][1:]
    )
    shead = sheets["Scores"][0]
    score = shead.index("Score")
    assert sorted(r[score] for r in sheets["Scores"][1:] if r[score] != "") == sorted(
        r[score] for r in full_sheets["Scores"][1:] if r[score] != ""
    )
    assert {r[shead.index("Member")] for r in sheets["Scores"][1:]} <= {"Member 1", "Member 2", ""}
    # a second export draws new ids: nothing links two research copies
    again = tmp_path / "again.xlsx"
    assert run(capsys, "export", "xlsx", "--db", db, "--campaign", cid, "-o", again, "--anonymise")[0] == 0
    assert set(ids).isdisjoint(row[ref_col] for row in cells(again)["Results"][1:])
    code, _out, err = run(
        capsys, "export", "pdf", "--db", db, "--campaign", cid, "-o", tmp_path / "x.pdf", "--anonymise"
    )
    assert code == 2 and "--anonymise" in err and not (tmp_path / "x.pdf").exists()
    json.loads(run(capsys, "results", "--db", db, "--campaign", cid, "--json")[1])  # the database is unchanged
