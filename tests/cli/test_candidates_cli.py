"""``candidates import ... FILE [--update]``: re-importing an updated list (issue 15, corrections)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.services.audit import audit_log, verify_audit
from interview_panel.services.campaigns import create_campaign, list_candidates
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.store import open_store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    store = open_store(path)
    try:
        create_campaign(store, profile=synthetic_profile(behaviours=2, criteria=2), name="Re-import")
    finally:
        store.close()
    return path


def candidates(db: Path) -> list[tuple[str, str, str | None]]:
    store = open_store(db)
    try:
        return [(c.reference, c.name, c.slot.isoformat() if c.slot else None) for c in list_candidates(store, 1)]
    finally:
        store.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_updated_list_adds_new_rows_and_leaves_identical_ones_alone(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "list.csv"
    f.write_text("reference,name,slot\nC1,Ann Lee,02/03/2026 09:00\nC2,Ben Ode,02/03/2026 10:00\n", encoding="utf-8")
    code, out, err = run(capsys, "candidates", "import", "--db", str(db), "--campaign", "1", str(f))
    assert code == 0 and "2 added, 0 unchanged" in out, err
    f.write_text(
        "reference,name,slot\nC1,Ann Lee,2026-03-02T09:00\nc2,Ben Ode,02/03/2026 10:00\nC3,Cal Poe,02/03/2026 11:00\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "candidates", "import", "--db", str(db), "--campaign", "1", str(f))
    assert code == 0 and "1 added, 2 unchanged, 0 updated" in out, err
    assert [c[0] for c in candidates(db)] == ["C1", "C2", "C3"]


def test_a_list_that_changes_a_candidate_is_refused_whole_without_update(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "list.csv"
    f.write_text("reference,name,slot\nC1,Ann Lee,02/03/2026 09:00\nC2,Ben Ode,02/03/2026 10:00\n", encoding="utf-8")
    assert run(capsys, "candidates", "import", "--db", str(db), "--campaign", "1", str(f))[0] == 0
    before, rows = sha(db), candidates(db)
    f.write_text(
        "reference,name,slot\nC1,Ann Lee-Smith,02/03/2026 09:00\nC2,Ben Ode,03/03/2026 10:00\nC3,Cal Poe,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "candidates", "import", "--db", str(db), "--campaign", "1", str(f))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "list.csv" in err and "2 row(s) change" in err and "--update" in err
    assert "line 2: 'C1' name 'Ann Lee' → 'Ann Lee-Smith'" in err and "line 3: 'C2' slot" in err
    assert sha(db) == before and candidates(db) == rows  # C3 was not added either

    code, out, err = run(capsys, "candidates", "import", "--db", str(db), "--campaign", "1", str(f), "--update")
    assert code == 0, err
    assert "1 added, 0 unchanged, 2 updated" in out
    assert candidates(db) == [
        ("C1", "Ann Lee-Smith", "2026-03-02T09:00:00"),
        ("C2", "Ben Ode", "2026-03-03T10:00:00"),
        ("C3", "Cal Poe", None),
    ]
    store = open_store(db)
    try:
        updates = [r for r in audit_log(store, 1) if r.reason == "updated from list.csv"]
        assert {(r.target, r.old, r.new) for r in updates} == {
            ("C1", "Ann Lee (2026-03-02T09:00)", "Ann Lee-Smith (2026-03-02T09:00)"),
            ("C2", "Ben Ode (2026-03-02T10:00)", "Ben Ode (2026-03-03T10:00)"),
        }
        assert verify_audit(store).ok
    finally:
        store.close()


def test_hr_headers_are_mapped_on_the_command_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "hr.csv"
    f.write_text(
        "Candidate No.;Forename;Surname;Email;Interview date;Interview time\n"
        "0042;Ann;Lee;a@example.org;02/03/2026;09:30\n0043;Ben;Ode;b@example.org;02/03/2026;10:30\n",
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "candidates", "import", "--db", str(db), "--campaign", "1", str(f))
    assert code == 0, err
    assert candidates(db) == [("0042", "Ann Lee", "2026-03-02T09:30:00"), ("0043", "Ben Ode", "2026-03-02T10:30:00")]


def test_a_bad_date_is_reported_with_its_reason(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "hr.csv"
    f.write_text("Ref,Name,Date,Time\nR1,Ann Lee,31/11/2026,09:00\nR2,Ben Ode,02/03/2026,25:00\n", encoding="utf-8")
    before = sha(db)
    code, _out, err = run(capsys, "candidates", "import", "--db", str(db), "--campaign", "1", str(f))
    assert code == 2 and err.count("\n") == 1
    assert "line 2: 31/11/2026: November has 30 days" in err and "line 3: 25:00 is not a time of day" in err
    assert sha(db) == before
