"""The database file from the command line: damage refused, empty files untouched, read-only folders
readable, automatic backups, ``db check`` and ``db restore``."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.services.store import open_store
from interview_panel.storage.backup import check_file, list_backups

from ..storage.factories import count, damage_scores_page, remount_readonly, scored_campaign, tmpfs


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def scored(tmp_path: Path) -> tuple[Path, int, list[str]]:
    db = tmp_path / "c.db"
    cid, items = scored_campaign(db)
    return db, cid, items


# -- Finding 3: a damaged page ---------------------------------------------------------------------------
def test_a_damaged_database_is_refused_by_results_exports_and_scoring(
    scored: tuple[Path, int, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, items = scored
    code, _, err = run(capsys, "results", "--db", str(db), "--campaign", str(cid), "--json")
    assert code == 0, err  # whole: fine (and the automatic backup is taken on this first open)
    good = list_backups(db)
    assert len(good) == 1
    damage_scores_page(db)
    before = sha(db)
    commands = [
        ["results", "--db", str(db), "--campaign", str(cid), "--json"],
        ["results", "--db", str(db), "--campaign", str(cid)],
        [
            "score",
            "--db",
            str(db),
            "--campaign",
            str(cid),
            "--candidate",
            "C001",
            "--member",
            "Bob",
            "--item",
            items[0],
            "--score",
            "4",
        ],
        [
            "moderate",
            "--db",
            str(db),
            "--campaign",
            str(cid),
            "--candidate",
            "C001",
            "--item",
            items[0],
            "--score",
            "4",
        ],
        ["audit", "verify", "--db", str(db)],
        ["sheets", "--db", str(db), "--campaign", str(cid), "-o", str(tmp_path / "s.pdf")],
    ]
    commands += [
        ["export", fmt, "--db", str(db), "--campaign", str(cid), "-o", str(tmp_path / f"out.{fmt}")]
        for fmt in ("xlsx", "pdf", "csv")
    ]
    for argv in commands:
        code, out, err = run(capsys, *argv)
        line = one_line(err)
        assert code == 2, argv
        assert out == ""
        assert "damaged" in line and str(good[0].path) in line, line  # names the damage and the backup
        assert sha(db) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(("out.", "s.pdf"))]
    assert len(list_backups(db)) == 1  # a damaged file is never "backed up"


def test_db_check_and_restore_bring_back_every_score(
    scored: tuple[Path, int, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, _ = scored
    scores = count(db, "scores")
    code, out, err = run(capsys, "db", "check", "--db", str(db))
    assert code == 0, err
    assert out.splitlines()[0] == "integrity: ok" and out.splitlines()[1].startswith("audit: ")
    assert run(capsys, "campaign", "list", "--db", str(db))[0] == 0  # takes the automatic backup
    backup = list_backups(db)[0].path
    code, out, _ = run(capsys, "db", "check", "--db", str(db))
    assert f"newest good backup: {backup}" in out
    damage_scores_page(db)
    damaged = db.read_bytes()
    code, out, err = run(capsys, "db", "check", "--db", str(db))
    assert code == 1
    assert out.splitlines()[0].startswith("integrity: DAMAGED") and str(backup) in out
    code, out, err = run(capsys, "db", "restore", "--db", str(db))
    assert code == 0, err
    aside = [p for p in db.parent.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # kept, byte for byte, never deleted
    assert str(aside[0]) in out and str(backup) in out
    assert check_file(db) is None and count(db, "scores") == scores
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    code, out, err = run(capsys, "results", "--db", str(db), "--campaign", str(cid), "--json")
    assert code == 0, err and json.loads(out)["candidates"]
    assert run(capsys, "db", "check", "--db", str(db))[0] == 0


def test_restore_from_a_named_backup_checks_it_first(
    scored: tuple[Path, int, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, _ = scored
    before = sha(db)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(db.read_bytes())
    damage_scores_page(bad)
    for source, why in ((bad, "integrity check failed"), (tmp_path / "none.sqlite", "no such backup")):
        code, _, err = run(capsys, "db", "restore", "--db", str(db), "--from", str(source))
        assert code == 2 and why in one_line(err)
        assert sha(db) == before
    empty = tmp_path / "fresh.db"
    code, _, err = run(capsys, "db", "restore", "--db", str(empty))
    assert code == 2 and "no good backup" in one_line(err)


def test_restore_is_refused_while_the_database_is_open(
    scored: tuple[Path, int, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, _ = scored
    good = tmp_path / "good.sqlite"
    good.write_bytes(db.read_bytes())
    store = open_store(db)  # the desktop app, say, still has it open
    try:
        before = sha(db)
        code, _, err = run(capsys, "db", "restore", "--db", str(db), "--from", str(good))
        assert code == 2 and "open in another program" in one_line(err)
        assert sha(db) == before
        assert not [p for p in db.parent.iterdir() if ".damaged-" in p.name]
    finally:
        store.close()
    assert run(capsys, "db", "restore", "--db", str(db), "--from", str(good))[0] == 0


# -- Finding 4: an empty file ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "verify"],
        ["campaign", "list"],
        ["results", "--campaign", "1"],
        ["db", "check"],
        ["export", "csv", "--campaign", "1", "-o", "{out}"],
        ["sheets", "--campaign", "1", "-o", "{out}"],
        ["panel", "add", "--campaign", "1", "--name", "Ann"],
    ],
)
def test_an_empty_file_is_refused_and_stays_empty(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    e = tmp_path / "e.db"
    e.write_bytes(b"")
    out_file = tmp_path / "out.file"
    code, _out, err = run(capsys, *[a.replace("{out}", str(out_file)) for a in argv], "--db", str(e))
    assert code == 2
    assert "empty file" in one_line(err) and str(e) in err
    assert e.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.db"]  # no -wal, -shm, backups or output


def test_a_missing_database_is_not_created_by_sheets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "sheets", "--db", str(tmp_path / "x.db"), "--campaign", "1", "-o", str(tmp_path / "s.pdf")
    )
    assert code == 2 and "no such database" in one_line(err)
    assert list(tmp_path.iterdir()) == []


def test_campaign_create_may_fill_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    e = tmp_path / "e.db"
    e.write_bytes(b"")
    profile = Path(__file__).resolve().parents[2] / "data" / "sample_supervisor_l2.txt"
    code, out, err = run(capsys, "campaign", "create", "--db", str(e), "--profile", str(profile), "--name", "New")
    assert code == 0, err and out.strip() == "1"
    assert check_file(e) is None


# -- Finding 13: a read-only folder ------------------------------------------------------------------------
def test_a_database_in_a_read_only_folder_can_still_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tmpfs(tmp_path / "disk", "8m") as disk:
        db = disk / "c.db"
        cid, items = scored_campaign(db, candidates=4)
        code, expected, err = run(capsys, "results", "--db", str(db), "--campaign", str(cid), "--json")
        assert code == 0, err
        remount_readonly(disk)
        before = sha(db)
        code, out, err = run(capsys, "results", "--db", str(db), "--campaign", str(cid), "--json")
        assert code == 0, err
        assert json.loads(out) == json.loads(expected)
        assert run(capsys, "campaign", "list", "--db", str(db))[0] == 0
        backups = list_backups(db)
        code, out, err = run(capsys, "audit", "verify", "--db", str(db))
        assert code == 0, err
        assert run(capsys, "db", "check", "--db", str(db))[0] == 0
        csv = tmp_path / "out.csv"
        code, out, err = run(capsys, "export", "csv", "--db", str(db), "--campaign", str(cid), "-o", str(csv))
        assert code == 0, err and csv.exists()
        code, out, err = run(
            capsys,
            "score",
            "--db",
            str(db),
            "--campaign",
            str(cid),
            "--candidate",
            "C001",
            "--member",
            "Bob",
            "--item",
            items[0],
            "--score",
            "5",
        )
        assert code == 2 and "read-only" in one_line(err)
        assert sha(db) == before
        assert list_backups(db) == backups  # nothing written beside it either


def test_a_damaged_file_in_sqlite_terms_is_still_refused_when_written_directly(
    scored: tuple[Path, int, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, _items = scored
    conn = sqlite3.connect(db)
    conn.close()
    damage_scores_page(db)
    code, _, err = run(
        capsys, "submit", "--db", str(db), "--campaign", str(cid), "--candidate", "C001", "--member", "Bob"
    )
    assert code == 2 and "damaged" in one_line(err) and "no good backup" in err
