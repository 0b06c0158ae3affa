"""Independence: a member's scores and notes stay private until that member submits for that candidate,
and only the campaign's chair moderates (finding 7 of issue 11)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.domain.campaign import Candidate
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.moderation import moderate, results
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import open_store

ITEMS = ("emotionally-aware", "K1", "values")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """C1: Ann (chair) scored 5s and submitted; Bob scored 2s with a note and has NOT submitted.
    C2: both submitted and moderated (agreed scores, totals)."""
    path = tmp_path / "ind.db"
    store = open_store(path)
    cid = create_campaign(store, profile=synthetic_profile(behaviours=1, criteria=1), name="Independence")
    assert cid == 1
    for ref in ("C1", "C2"):
        add_candidate(store, cid, Candidate(ref, f"Person {ref}"))
    add_member(store, cid, "Ann", chair=True)
    add_member(store, cid, "Bob")
    for item in ITEMS:
        record_score(store, cid, candidate="C1", member="Ann", item=item, score=5, note="ann-visible")
        record_score(store, cid, candidate="C1", member="Bob", item=item, score=2, note="bob-private-note")
        for m in ("Ann", "Bob"):
            record_score(store, cid, candidate="C2", member=m, item=item, score=4, note=f"{m}-c2")
    submit(store, cid, candidate="C1", member="Ann")
    for m in ("Ann", "Bob"):
        submit(store, cid, candidate="C2", member=m)
    for item in ITEMS:
        moderate(store, cid, candidate="C2", item=item, score=4)
    store.close()
    return path


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_results_json_holds_only_submitted_members_scores(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "results", "--db", str(db), "--campaign", "1", "--json")
    assert code == 0, err
    cands = {c["reference"]: c for c in json.loads(out)["candidates"]}
    assert cands["C1"]["scores"] == {i: {"Ann": 5} for i in ITEMS}
    assert cands["C1"]["status"] == "scoring"
    assert cands["C2"]["scores"] == {i: {"Ann": 4, "Bob": 4} for i in ITEMS}
    assert cands["C2"]["total"] == 12 and cands["C2"]["agreed"] == dict.fromkeys(ITEMS, 4)


def test_the_service_result_hides_unsubmitted_notes_and_scores(db: Path) -> None:
    store = open_store(db)
    try:
        res = results(store, 1)
    finally:
        store.close()
    c1 = next(c for c in res.candidates if c.reference == "C1")
    assert all("Bob" not in per for per in c1.scores.values())
    assert all("Bob" not in per for per in c1.notes.values())
    assert c1.notes["K1"] == {"Ann": "ann-visible"}


def test_workbook_scores_sheet_holds_no_unsubmitted_row(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    out = tmp_path / "r.xlsx"
    code, _, err = cli(capsys, "export", "xlsx", "--db", str(db), "--campaign", "1", "-o", str(out))
    assert code == 0, err
    ws = openpyxl.load_workbook(out, read_only=True)["Scores"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    ref, member, score = (header.index(h) for h in ("Candidate reference", "Member", "Score"))
    c1 = [r for r in rows[1:] if r[ref] == "C1"]
    assert {r[member] for r in c1} == {"Ann"} and {r[score] for r in c1} == {5}
    assert not any("bob-private-note" in str(cell) for r in rows for cell in r)
    assert {r[member] for r in rows[1:] if r[ref] == "C2"} == {"Ann", "Bob"}


def test_csv_and_pdf_record_hold_no_unsubmitted_score(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_out, pdf_out = tmp_path / "r.csv", tmp_path / "r.pdf"
    assert cli(capsys, "export", "csv", "--db", str(db), "--campaign", "1", "-o", str(csv_out))[0] == 0
    assert "bob-private-note" not in csv_out.read_text(encoding="utf-8-sig")
    code, _, err = cli(capsys, "export", "pdf", "--db", str(db), "--campaign", "1", "-o", str(pdf_out))
    assert code == 0, err
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_out), "-"], capture_output=True, text=True, check=True
    ).stdout
    page = text[text.index("C1 — Person C1") :]
    page = page[: page.index("Signatures")]
    rows = [line.split() for line in page.splitlines() if line.strip().startswith(ITEMS)]
    assert len(rows) == len(ITEMS)
    for cells in rows:  # item, [*], Ann, Bob, agreed…: Ann's 5 shows, Bob's 2 does not
        marks = [c for c in cells[1:] if c != "*"]
        assert marks[:2] == ["5", "–"], cells


@pytest.mark.parametrize("actor", ["Mallory (not on panel)", "Bob"])
def test_moderate_by_anyone_but_the_chair_is_refused(db: Path, actor: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        capsys,
        "moderate",
        "--db",
        str(db),
        "--campaign",
        "1",
        "--candidate",
        "C2",
        "--item",
        "K1",
        "--score",
        "3",
        "--actor",
        actor,
    )
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert actor in err and "chair" in err and "Ann" in err
    code, out, err = cli(
        capsys,
        "moderate",
        "--db",
        str(db),
        "--campaign",
        "1",
        "--candidate",
        "C2",
        "--item",
        "K1",
        "--score",
        "3",
        "--actor",
        "Ann",
    )
    assert code == 0 and "by Ann" in out


def test_a_refused_moderation_writes_nothing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(db)
    try:
        before = results(store, 1).candidates
        n_audit = len(store.read(lambda repo: list(repo.audit_rows())))
    finally:
        store.close()
    assert (
        cli(
            capsys,
            "moderate",
            "--db",
            str(db),
            "--campaign",
            "1",
            "--candidate",
            "C2",
            "--item",
            "K1",
            "--score",
            "1",
            "--actor",
            "Bob",
        )[0]
        == 2
    )
    store = open_store(db)
    try:
        assert results(store, 1).candidates == before
        assert len(store.read(lambda repo: list(repo.audit_rows()))) == n_audit
    finally:
        store.close()
