"""The campaign command line contract: the full flow, JSON output, refusals (exit 2, one line, nothing written)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from interview_panel.cli import main

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "data" / "sample_supervisor_l2.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def audit_rows(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def campaign(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str, list[str]]:
    """A campaign with two candidates and a panel of two; returns (db, id, item ids)."""
    if not PROFILE.exists():
        pytest.skip("sample profile not yet written")
    db = tmp_path / "panel.db"
    code, out, err = run(capsys, "campaign", "create", "--db", str(db), "--profile", str(PROFILE), "--name", "Spring")
    assert code == 0, err
    cid = out.strip()
    assert cid.isdigit()
    csv = tmp_path / "cands.csv"
    csv.write_text(
        "reference,name,slot\nC1,Zoë Adébáyọ̀,02/03/2026 09:00\nC2,Liam Byrne,2026-03-02T10:00\n", encoding="utf-8"
    )
    assert run(capsys, "candidates", "import", "--db", str(db), "--campaign", cid, str(csv))[0] == 0
    assert run(capsys, "panel", "add", "--db", str(db), "--campaign", cid, "--name", "Ann", "--chair")[0] == 0
    assert run(capsys, "panel", "add", "--db", str(db), "--campaign", cid, "--name", "Bob")[0] == 0
    code, out, _ = run(capsys, "results", "--db", str(db), "--campaign", cid, "--json")
    items = [i["id"] for i in json.loads(out)["items"]]
    return db, cid, items


def test_the_whole_flow_from_the_command_line(
    campaign: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, items = campaign
    for member, mark in (("Ann", 4), ("Bob", 3)):
        for item in items:
            code, out, err = run(
                capsys,
                "score",
                "--db",
                str(db),
                "--campaign",
                cid,
                "--candidate",
                "C1",
                "--member",
                member,
                "--item",
                item,
                "--score",
                str(mark),
                "--note",
                "seen",
            )
            assert code == 0 and err == "" and out.startswith("saved C1")
        code, _, err = run(
            capsys, "submit", "--db", str(db), "--campaign", cid, "--candidate", "C1", "--member", member
        )
        assert code == 0, err
    for item in items:
        code, _, err = run(
            capsys, "moderate", "--db", str(db), "--campaign", cid, "--candidate", "C1", "--item", item, "--score", "4"
        )
        assert code == 0, err
    # --db after the subcommand or before it
    code, out, err = run(capsys, "--db", str(db), "results", "--campaign", cid, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    c1 = next(c for c in data["candidates"] if c["reference"] == "C1")
    assert c1["status"] == "moderated" and c1["rank"] == 1 and c1["outcome"] == "appointable"
    assert c1["total"] == 4 * len(items) and c1["agreed"] == dict.fromkeys(items, 4)
    assert c1["scores"][items[0]] == {"Ann": 4, "Bob": 3}
    assert c1["name"] == "Zoë Adébáyọ̀"
    assert next(c for c in data["candidates"] if c["reference"] == "C2")["status"] == "not started"
    code, out, _ = run(capsys, "results", "--db", str(db), "--campaign", cid)
    assert code == 0 and "C1" in out and "moderated" in out and "appointable" in out
    assert out.splitlines()[-1].startswith("Panel agreement: ")  # the text view ends with it; --json has none
    code, out, _ = run(capsys, "campaign", "list", "--db", str(db), "--json")
    [summary] = json.loads(out)
    assert summary["candidates"] == 2 and summary["members"] == 2 and summary["moderated"] == 1
    code, out, _ = run(capsys, "campaign", "list", "--db", str(db))
    assert "Spring" in out
    code, out, err = run(capsys, "audit", "verify", "--db", str(db))
    assert code == 0 and "intact" in out


REFUSALS = [
    (["score", "--candidate", "C1", "--member", "Ann", "--item", "{item}", "--score", "6"], "outside the 1-5 scale"),
    (["score", "--candidate", "C1", "--member", "Ann", "--item", "{item}", "--score", "four"], "not a whole number"),
    (
        ["score", "--candidate", "C1", "--member", "Ann", "--item", "{item}", "--score", "3.0"],
        "score '3.0' is not a whole number",
    ),
    (
        ["score", "--candidate", "C1", "--member", "Ann", "--item", "{item}", "--score", "1_0"],
        "score '1_0' is not a whole number",
    ),
    (
        ["score", "--candidate", "C1", "--member", "Ann", "--item", "{item}", "--score", "\u0663"],
        "score '\u0663' is not a whole number",
    ),
    (["score", "--candidate", "C1", "--member", "Ann", "--item", "nope", "--score", "3"], "unknown item 'nope'"),
    (["score", "--candidate", "C9", "--member", "Ann", "--item", "{item}", "--score", "3"], "unknown candidate"),
    (["score", "--candidate", "C1", "--member", "Zed", "--item", "{item}", "--score", "3"], "unknown panel member"),
    (["moderate", "--candidate", "C1", "--item", "{item}", "--score", "3"], "waiting for Ann, Bob to submit"),
    (["panel", "add", "--name", "Cat", "--chair"], "already has a chair"),
    (["submit", "--candidate", "C1", "--member", "Ann"], "has not scored"),
]


@pytest.mark.parametrize("argv, message", REFUSALS, ids=[m for _, m in REFUSALS])
def test_refusals_exit_2_with_one_line_and_write_nothing(
    campaign: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    db, cid, items = campaign
    before = audit_rows(db)
    argv = [a.replace("{item}", items[0]) for a in argv]
    code, out, err = run(
        capsys,
        *argv[:2] if argv[0] == "panel" else argv[:1],
        "--db",
        str(db),
        "--campaign",
        cid,
        *(argv[2:] if argv[0] == "panel" else argv[1:]),
    )
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert audit_rows(db) == before


def test_references_and_names_are_matched_as_the_app_stores_them(
    campaign: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Stored references and names have their spaces tidied; typed ones are tidied the same way."""
    db, cid, items = campaign
    code, out, err = run(
        capsys,
        "score",
        "--db",
        str(db),
        "--campaign",
        cid,
        "--candidate",
        " C1 ",
        "--member",
        "  Ann",
        "--item",
        items[0],
        "--score",
        " 4 ",
    )
    assert (code, err) == (0, "") and out == f"saved C1 {items[0]} Ann: 4\n"
    code, out, _ = run(capsys, "results", "--db", str(db), "--campaign", cid, "--json")
    c1 = next(c for c in json.loads(out)["candidates"] if c["reference"] == "C1")
    assert c1["scores"] == {} and c1["status"] == "scoring"  # saved, but private until Ann submits
    code, out, err = run(capsys, "audit", "verify", "--db", str(db))
    assert code == 0 and "intact" in out


def test_change_after_submission_and_flagged_item_without_rationale(
    campaign: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, items = campaign
    for member, mark in (("Ann", 2), ("Bob", 5)):
        for item in items:
            run(
                capsys,
                "score",
                "--db",
                str(db),
                "--campaign",
                cid,
                "--candidate",
                "C1",
                "--member",
                member,
                "--item",
                item,
                "--score",
                str(mark),
            )
        run(capsys, "submit", "--db", str(db), "--campaign", cid, "--candidate", "C1", "--member", member)
    before = audit_rows(db)
    code, _, err = run(
        capsys,
        "score",
        "--db",
        str(db),
        "--campaign",
        cid,
        "--candidate",
        "C1",
        "--member",
        "Ann",
        "--item",
        items[0],
        "--score",
        "3",
    )
    assert code == 2 and "cannot be changed" in err
    code, _, err = run(
        capsys, "moderate", "--db", str(db), "--campaign", cid, "--candidate", "C1", "--item", items[0], "--score", "3"
    )
    assert code == 2 and "rationale is required" in err and err.count("\n") == 1
    assert audit_rows(db) == before
    code, out, err = run(
        capsys,
        "moderate",
        "--db",
        str(db),
        "--campaign",
        cid,
        "--candidate",
        "C1",
        "--item",
        items[0],
        "--score",
        "3",
        "--rationale",
        "Evidence was mixed; settled on 3",
    )
    assert code == 0 and "by Ann" in out


def test_a_candidates_file_with_a_bad_row_imports_nothing(
    campaign: tuple[Path, str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, _ = campaign
    bad = tmp_path / "more.csv"
    bad.write_text("reference,name\nC3,Ok Person\nC1,Duplicate Of Existing\n,No Ref\n")
    before = audit_rows(db)
    code, out, err = run(capsys, "candidates", "import", "--db", str(db), "--campaign", cid, str(bad))
    assert code == 2 and out == "" and "line 4" in err and err.count("\n") == 1
    assert audit_rows(db) == before


def test_audit_verify_exits_1_naming_the_tampered_row(
    campaign: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, items = campaign
    run(
        capsys,
        "score",
        "--db",
        str(db),
        "--campaign",
        cid,
        "--candidate",
        "C2",
        "--member",
        "Bob",
        "--item",
        items[1],
        "--score",
        "2",
    )
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT max(seq) FROM audit WHERE action = 'score'").fetchone()[0]
    conn.execute("UPDATE scores SET score = 5")
    conn.commit()
    conn.close()
    code, _out, err = run(capsys, "audit", "verify", "--db", str(db))
    assert code == 1 and f"row {row}" in err and f"C2/Bob/{items[1]}" in err and err.count("\n") == 1


def test_a_newer_database_is_refused_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "future.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE x (y)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code, _out, err = run(capsys, "campaign", "list", "--db", str(db))
    assert code == 2 and "newer version" in err and err.count("\n") == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not Path(f"{db}-wal").exists()


def test_commands_need_an_existing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "missing.db"
    code, _, err = run(capsys, "results", "--db", str(db), "--campaign", "1")
    assert code == 2 and "no such database" in err and not db.exists()
    code, _, err = run(capsys, "results", "--campaign", "1")
    assert code == 2 and "--db" in err


def test_a_profile_that_cannot_be_read_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("shopping list: eggs, milk\n")
    db = tmp_path / "new.db"
    code, _, err = run(capsys, "campaign", "create", "--db", str(db), "--profile", str(junk), "--name", "X")
    assert code == 2 and err.count("\n") == 1 and not db.exists()
